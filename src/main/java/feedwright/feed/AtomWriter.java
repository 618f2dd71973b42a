package feedwright.feed;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Generator;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.synd.SyndPerson;
import feedwright.Version;
import feedwright.feed.rome.AtomGenerator;
import feedwright.feed.rome.PostTimes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdom2.Document;

/**
 * Atom 1.0 (RFC 4287). The feed's id is its own URL, an entry's id is the post's stable id. The feed is
 * modelled as ROME beans with modules and written by {@link AtomGenerator} (see {@code feedwright.feed.rome}).
 */
public final class AtomWriter extends FeedFormat {

    private static final String FILE_NAME = "atom.xml";
    private static final String MEDIA_TYPE = "application/atom+xml";

    // RFC 4287 §4.2.15 requires atom:updated; a feed with no entries says the epoch rather than the clock.
    private static final OffsetDateTime EPOCH = OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC);

    public AtomWriter() {
        super("Atom", "1.0", FILE_NAME, MEDIA_TYPE);
    }

    @Override
    public byte[] write(Feed feed) {
        return XmlDocuments.write(feed, placeholders -> {
            Document document = XmlDocuments.toJdom(atom(feed, placeholders));
            return XmlEntries.markHistory(feed, document, document.getRootElement(), "entry");
        });
    }

    /** @param placeholders whether content is written as placeholders ({@link XmlDocuments#content}) */
    private static com.rometools.rome.feed.atom.Feed atom(Feed feed, boolean placeholders) {
        com.rometools.rome.feed.atom.Feed atom = new com.rometools.rome.feed.atom.Feed(AtomGenerator.TYPE);
        atom.setId(feed.selfUrl(FILE_NAME));
        atom.setTitle(feed.title());
        atom.setLanguage(feed.language());
        atom.setSubtitle(text(Content.TEXT, feed.description()));
        atom.setAlternateLinks(List.of(link("alternate", feed.siteUrl(), "text/html")));
        List<Link> others = new ArrayList<>(List.of(link("self", feed.selfUrl(FILE_NAME), MEDIA_TYPE)));
        // WebSub §4: a link with rel="hub" for each hub, beside the self link naming the topic.
        feed.hubs().forEach(hub -> others.add(link("hub", hub, null)));
        // RFC 5005: current, prev-archive and next-archive, each to the page's Atom file.
        XmlEntries.historyLinks(feed, FILE_NAME)
                .forEach(history -> others.add(link(history.rel(), history.url(), MEDIA_TYPE)));
        atom.setOtherLinks(others);
        atom.setAuthors(List.of(person(feed.author())));
        Generator generator = new Generator();
        generator.setValue(FeedAssembler.GENERATOR);
        generator.setVersion(Version.NUMBER);
        atom.setGenerator(generator);
        OffsetDateTime updated = feed.updated().orElse(EPOCH);
        atom.setUpdated(XmlEntries.date(updated));
        // RFC 4287 §4.2.5 and §4.2.8: a small square icon, a larger logo.
        if (!feed.icon().isEmpty()) {
            atom.setIcon(feed.icon());
        }
        if (!feed.logo().isEmpty()) {
            atom.setLogo(feed.logo());
        }
        List<Module> modules = new ArrayList<>(List.of(PostTimes.updated(updated)));
        XmlEntries.syndication(feed).ifPresent(modules::add);
        atom.setModules(modules);
        atom.setEntries(XmlEntries.map(feed, placeholders, AtomWriter::entry));
        return atom;
    }

    private static com.rometools.rome.feed.atom.Entry entry(Entry entry, Optional<String> content) {
        com.rometools.rome.feed.atom.Entry atom = new com.rometools.rome.feed.atom.Entry();
        atom.setId(entry.id());
        atom.setTitleEx(text(Content.TEXT, entry.title()));
        atom.setAlternateLinks(List.of(link("alternate", entry.link(), "text/html")));
        atom.setPublished(XmlEntries.date(entry.published()));
        atom.setUpdated(XmlEntries.date(entry.updated()));
        atom.setAuthors(List.of(person(entry.author())));
        List<Category> categories = new ArrayList<>();
        for (Entry.Category term : XmlEntries.terms(entry)) {
            Category category = new Category();
            category.setTerm(term.name());
            category.setScheme(term.scheme());
            categories.add(category);
        }
        atom.setCategories(categories);
        if (!entry.summary().isEmpty()) {
            atom.setSummary(text(Content.TEXT, entry.summary()));
        }
        content.ifPresent(html -> atom.setContents(List.of(text(Content.HTML, html))));
        List<Module> modules = new ArrayList<>();
        modules.add(XmlEntries.times(entry));
        XmlEntries.image(entry).ifPresent(modules::add);
        atom.setModules(modules);
        return atom;
    }

    private static Content text(String type, String value) {
        Content content = new Content();
        content.setType(type);
        content.setValue(value);
        return content;
    }

    private static Link link(String rel, String href, String type) {
        Link link = new Link();
        link.setRel(rel);
        link.setHref(href);
        link.setType(type);
        return link;
    }

    private static SyndPerson person(String name) {
        Person person = new Person();
        person.setName(name);
        return person;
    }
}
