package feedwright.feed;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Generator;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import feedwright.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Atom 1.0 (RFC 4287). The feed's id is its own URL, an entry's id is the post's stable id.
 * ROME builds the document; afterwards the dates get the post's own offset back (ROME writes UTC).
 */
public final class AtomWriter implements FeedFormat {

    private static final String FILE_NAME = "atom.xml";
    private static final String MEDIA_TYPE = "application/atom+xml";

    private static final Namespace ATOM = Namespace.getNamespace("http://www.w3.org/2005/Atom");

    @Override
    public String label() {
        return "Atom";
    }

    @Override
    public String version() {
        return "1.0";
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
        com.rometools.rome.feed.atom.Feed atom = new com.rometools.rome.feed.atom.Feed("atom_1.0");
        atom.setId(feed.selfUrl(FILE_NAME));
        atom.setTitle(feed.title());
        atom.setLanguage(feed.language());
        atom.setSubtitle(text(Content.TEXT, feed.description()));
        atom.setAlternateLinks(List.of(link("alternate", feed.siteUrl(), "text/html")));
        atom.setOtherLinks(List.of(
                link("self", feed.selfUrl(FILE_NAME), MEDIA_TYPE)));
        atom.setAuthors(List.of(person(feed.author())));
        Generator generator = new Generator();
        generator.setValue(FeedAssembler.GENERATOR);
        generator.setVersion(Version.NUMBER);
        atom.setGenerator(generator);
        // RFC 4287 §4.2.15 requires atom:updated; a feed with no entries says the epoch rather than the clock.
        atom.setUpdated(XmlDocuments.date(feed.updated().orElse(EPOCH)));
        List<com.rometools.rome.feed.atom.Entry> entries = new ArrayList<>();
        for (int i = 0; i < feed.entries().size(); i++) {
            Entry entry = feed.entries().get(i);
            entries.add(entry(entry, XmlDocuments.content(entry, i, placeholders)));
        }
        atom.setEntries(entries);

        Document document = XmlDocuments.toJdom(atom);
        Element root = document.getRootElement();
        // ROME's Atom 1.0 generator drops the feed's language; RFC 4287 §2 carries it as xml:lang.
        root.setAttribute("lang", feed.language(), Namespace.XML_NAMESPACE);
        root.getChild("updated", ATOM).setText(XmlDocuments.rfc3339(feed.updated().orElse(EPOCH)));
        if (feed.entries().stream().anyMatch(entry -> !entry.image().isEmpty())) {
            root.addNamespaceDeclaration(XmlDocuments.MEDIA);
        }
        List<Element> entryElements = root.getChildren("entry", ATOM);
        for (int i = 0; i < entryElements.size(); i++) {
            Entry entry = feed.entries().get(i);
            entryElements.get(i).getChild("published", ATOM).setText(XmlDocuments.rfc3339(entry.published()));
            entryElements.get(i).getChild("updated", ATOM).setText(XmlDocuments.rfc3339(entry.updated()));
            XmlDocuments.addImage(entryElements.get(i), entry.image());
        }
        return document;
    }

    private static final java.time.OffsetDateTime EPOCH =
            java.time.OffsetDateTime.ofInstant(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC);

    private static com.rometools.rome.feed.atom.Entry entry(Entry entry, Optional<String> content) {
        com.rometools.rome.feed.atom.Entry atom = new com.rometools.rome.feed.atom.Entry();
        atom.setId(entry.id());
        atom.setTitleEx(text(Content.TEXT, entry.title()));
        atom.setAlternateLinks(List.of(link("alternate", entry.link(), "text/html")));
        atom.setPublished(XmlDocuments.date(entry.published()));
        atom.setUpdated(XmlDocuments.date(entry.updated()));
        atom.setAuthors(List.of(person(entry.author())));
        List<Category> categories = new ArrayList<>();
        for (Entry.Category term : entry.categories()) {
            categories.add(category(term));
        }
        for (Entry.Category term : entry.tags()) {
            categories.add(category(term));
        }
        atom.setCategories(categories);
        if (!entry.summary().isEmpty()) {
            atom.setSummary(text(Content.TEXT, entry.summary()));
        }
        content.ifPresent(html -> atom.setContents(List.of(text(Content.HTML, html))));
        return atom;
    }

    private static Category category(Entry.Category term) {
        Category category = new Category();
        category.setTerm(term.name());
        category.setScheme(term.scheme());
        return category;
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
