package feedwright.feed;

import com.rometools.modules.atom.modules.AtomLinkModuleImpl;
import com.rometools.modules.content.ContentModuleImpl;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Category;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Image;
import com.rometools.rome.feed.rss.Item;
import feedwright.feed.rome.PostTimes;
import feedwright.feed.rome.RssGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdom2.Document;
import org.jdom2.Element;

/**
 * RSS 2.0 with the extensions readers expect: {@code atom:link rel="self"}, {@code atom:updated} for an
 * item's update time, {@code content:encoded} for the full HTML, {@code dc:creator} for the author
 * (RSS's own {@code author} must be an e-mail address), Media RSS for the image, and the polling hint
 * ({@link PollingHint}) as {@code ttl} and the Syndication module. The feed is modelled as
 * ROME beans with modules and written by {@link RssGenerator} (see {@code feedwright.feed.rome}).
 */
public final class RssWriter extends FeedFormat {

    private static final String FILE_NAME = "rss.xml";
    private static final String MEDIA_TYPE = "application/rss+xml";

    public RssWriter() {
        super("RSS", "2.0", FILE_NAME, MEDIA_TYPE);
    }

    @Override
    public byte[] write(Feed feed) {
        return XmlDocuments.write(feed, placeholders -> {
            Document document = XmlDocuments.toJdom(channel(feed, placeholders));
            Element channel = document.getRootElement().getChild("channel");
            return XmlEntries.markHistory(feed, document, channel, "item");
        });
    }

    /** @param placeholders whether content is written as placeholders ({@link XmlDocuments#content}) */
    private static Channel channel(Feed feed, boolean placeholders) {
        Channel channel = new Channel(RssGenerator.TYPE);
        channel.setTitle(feed.title());
        channel.setLink(feed.siteUrl());
        channel.setDescription(feed.description());
        channel.setLanguage(feed.language());
        channel.setGenerator(feed.generator());
        channel.setDocs("https://www.rssboard.org/rss-specification");
        feed.polling().ifPresent(hint -> channel.setTtl(hint.minutes()));
        image(feed).ifPresent(channel::setImage);
        List<Module> modules = new ArrayList<>();
        modules.add(selfLink(feed));
        feed.updated().ifPresent(updated -> {
            channel.setLastBuildDate(XmlEntries.date(updated));
            modules.add(PostTimes.updated(updated));
        });
        XmlEntries.syndication(feed).ifPresent(modules::add);
        channel.setModules(modules);
        channel.setItems(XmlEntries.map(feed, placeholders, RssWriter::item));
        return channel;
    }

    /**
     * The channel's {@code image}: the logo, else the icon. RSS has one image, shown beside the channel's
     * title and linking to the site, so its title and link are the channel's (as RSS 2.0 advises).
     */
    private static Optional<Image> image(Feed feed) {
        String url = feed.logo().isEmpty() ? feed.icon() : feed.logo();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        Image image = new Image();
        image.setUrl(url);
        image.setTitle(feed.title());
        image.setLink(feed.siteUrl());
        // ROME's bean says -1 for "not given" and would write it; the size is the image's own, unknown here.
        image.setWidth(null);
        image.setHeight(null);
        return Optional.of(image);
    }

    /**
     * The channel's {@code atom:link}s: rel="self", then rel="hub" for each hub, then the archive links
     * (RFC 5005: current, prev-archive, next-archive).
     */
    private static Module selfLink(Feed feed) {
        Link self = new Link();
        self.setHref(feed.selfUrl(FILE_NAME));
        self.setRel("self");
        self.setType(MEDIA_TYPE);
        List<Link> all = new ArrayList<>(List.of(self));
        // WebSub §4: an atom:link rel="hub" for each hub, beside the self link naming the topic.
        for (String url : feed.hubs()) {
            Link hub = new Link();
            hub.setHref(url);
            hub.setRel("hub");
            all.add(hub);
        }
        for (XmlEntries.HistoryLink link : XmlEntries.historyLinks(feed, FILE_NAME)) {
            Link archive = new Link();
            archive.setHref(link.url());
            archive.setRel(link.rel());
            archive.setType(MEDIA_TYPE);
            all.add(archive);
        }
        AtomLinkModuleImpl links = new AtomLinkModuleImpl();
        links.setLinks(all);
        return links;
    }

    private static Item item(Entry entry, Optional<String> content) {
        Item item = new Item();
        item.setTitle(entry.title());
        item.setLink(entry.link());
        Guid guid = new Guid();
        guid.setValue(entry.id());
        guid.setPermaLink(entry.id().equals(entry.link()));
        item.setGuid(guid);
        item.setPubDate(XmlEntries.date(entry.published()));
        if (!entry.summary().isEmpty()) {
            Description description = new Description();
            description.setType("text/plain");
            description.setValue(entry.summary());
            item.setDescription(description);
        }
        List<Category> categories = new ArrayList<>();
        for (Entry.Category term : XmlEntries.terms(entry)) {
            Category category = new Category();
            category.setValue(term.name());
            // The term's own feed folder: a category and a tag of one name are told apart, as Atom's scheme does.
            category.setDomain(term.url());
            categories.add(category);
        }
        item.setCategories(categories);
        // The order of the modules is the order of their elements.
        List<Module> modules = new ArrayList<>();
        DCModuleImpl dc = new DCModuleImpl();
        dc.setCreator(entry.author());
        modules.add(dc);
        modules.add(XmlEntries.times(entry));
        content.ifPresent(html -> {
            ContentModuleImpl encoded = new ContentModuleImpl();
            encoded.setEncodeds(List.of(html));
            modules.add(encoded);
        });
        XmlEntries.image(entry).ifPresent(modules::add);
        item.setModules(modules);
        return item;
    }
}
