package feedwright.feed;

import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * RSS 2.0 with the extensions readers expect: {@code atom:link rel="self"}, {@code atom:updated} for an
 * item's update time, {@code content:encoded} for the full HTML, {@code dc:creator} for the author
 * (RSS's own {@code author} must be an e-mail address).
 * ROME builds the document; the JDOM tree is then completed with what ROME's core does not write.
 */
public final class RssWriter implements FeedFormat {

    private static final String FILE_NAME = "rss.xml";
    private static final String MEDIA_TYPE = "application/rss+xml";

    static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");
    static final Namespace CONTENT = Namespace.getNamespace("content", "http://purl.org/rss/1.0/modules/content/");

    @Override
    public String label() {
        return "RSS";
    }

    @Override
    public String version() {
        return "2.0";
    }

    @Override
    public String fileName() {
        return FILE_NAME;
    }

    @Override
    public String mediaType() {
        return MEDIA_TYPE;
    }

    @Override
    public byte[] write(Feed feed) {
        return XmlDocuments.write(feed, placeholders -> document(feed, placeholders));
    }

    /** @param placeholders whether content is written as placeholders ({@link XmlDocuments#content}) */
    private static Document document(Feed feed, boolean placeholders) {
        Channel channel = new Channel("rss_2.0");
        channel.setTitle(feed.title());
        channel.setLink(feed.siteUrl());
        channel.setDescription(feed.description());
        channel.setLanguage(feed.language());
        channel.setGenerator(feed.generator());
        channel.setDocs("https://www.rssboard.org/rss-specification");
        feed.updated().ifPresent(updated -> channel.setLastBuildDate(XmlDocuments.date(updated)));
        List<Item> items = new ArrayList<>();
        for (Entry entry : feed.entries()) {
            items.add(item(entry));
        }
        channel.setItems(items);

        Document document = XmlDocuments.toJdom(channel);
        Element rss = document.getRootElement();
        rss.addNamespaceDeclaration(ATOM);
        rss.addNamespaceDeclaration(CONTENT);
        if (feed.entries().stream().anyMatch(entry -> !entry.image().isEmpty())) {
            rss.addNamespaceDeclaration(XmlDocuments.MEDIA);
        }
        Element channelElement = rss.getChild("channel");
        Element self = new Element("link", ATOM)
                .setAttribute("href", feed.selfUrl(FILE_NAME))
                .setAttribute("rel", "self")
                .setAttribute("type", MEDIA_TYPE);
        channelElement.addContent(channelElement.indexOf(channelElement.getChild("description")) + 1, self);
        feed.updated().ifPresent(updated ->
                channelElement.getChild("lastBuildDate").setText(XmlDocuments.rfc822(updated)));

        List<Element> itemElements = channelElement.getChildren("item");
        for (int i = 0; i < itemElements.size(); i++) {
            Entry entry = feed.entries().get(i);
            complete(itemElements.get(i), entry, XmlDocuments.content(entry, i, placeholders));
        }
        return document;
    }

    private static Item item(Entry entry) {
        Item item = new Item();
        item.setTitle(entry.title());
        item.setLink(entry.link());
        Guid guid = new Guid();
        guid.setValue(entry.id());
        guid.setPermaLink(entry.id().equals(entry.link()));
        item.setGuid(guid);
        item.setPubDate(XmlDocuments.date(entry.published()));
        if (!entry.summary().isEmpty()) {
            Description description = new Description();
            description.setType("text/plain");
            description.setValue(entry.summary());
            item.setDescription(description);
        }
        List<com.rometools.rome.feed.rss.Category> categories = new ArrayList<>();
        for (Entry.Category term : concat(entry.categories(), entry.tags())) {
            com.rometools.rome.feed.rss.Category category = new com.rometools.rome.feed.rss.Category();
            category.setValue(term.name());
            categories.add(category);
        }
        item.setCategories(categories);
        DCModule dc = new DCModuleImpl();
        dc.setCreator(entry.author());
        List<Module> modules = new ArrayList<>();
        modules.add(dc);
        item.setModules(modules);
        return item;
    }

    /**
     * Puts the post's own offset back on pubDate and adds the update time and the full content. RSS 2.0
     * has no element for the update time, so it is written as {@code atom:updated} (RFC 4287 §4.2.15).
     */
    private static void complete(Element item, Entry entry, Optional<String> content) {
        item.getChild("pubDate").setText(XmlDocuments.rfc822(entry.published()));
        item.addContent(new Element("updated", ATOM).setText(XmlDocuments.rfc3339(entry.updated())));
        content.ifPresent(text -> item.addContent(new Element("encoded", CONTENT).setText(text)));
        XmlDocuments.addImage(item, entry.image());
    }

    private static List<Entry.Category> concat(List<Entry.Category> a, List<Entry.Category> b) {
        List<Entry.Category> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
