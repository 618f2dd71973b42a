package feedwright.cli;

import static feedwright.testing.FeedXml.ATOM_NS;
import static feedwright.testing.FeedXml.CONTENT_NS;
import static feedwright.testing.FeedXml.DC_NS;
import static feedwright.testing.FeedXml.child;
import static feedwright.testing.FeedXml.children;
import static feedwright.testing.FeedXml.text;

import feedwright.testing.FeedXml;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * One output feed read with the JDK parser into the fields every format must carry, so tests can check
 * RSS and Atom alike. Reading fails (with the element's name) when a required element is missing.
 */
record BuiltFeed(String file, String title, String selfLink, String alternateLink, String language,
                 Instant updated, String generator, List<Item> items) {

    record Item(String title, String link, String id, String published, String updated, String author,
                List<String> categories, String summary, String content) {

        Instant publishedInstant() {
            return parseDate(published);
        }

        Instant updatedInstant() {
            return parseDate(updated);
        }
    }

    static BuiltFeed read(Path root, String file) {
        Document document = FeedXml.dom(root.resolve(file));
        Element top = document.getDocumentElement();
        return file.endsWith("rss.xml") ? rss(file, top) : atom(file, top);
    }

    private static BuiltFeed rss(String file, Element rss) {
        Element channel = child(rss, null, "channel");
        Element self = child(channel, ATOM_NS, "link");
        if (!"self".equals(self.getAttribute("rel"))) {
            throw new AssertionError(file + ": atom:link is not rel=self");
        }
        List<Item> items = children(channel, null, "item").stream().map(item -> new Item(
                text(item, null, "title"), text(item, null, "link"), text(item, null, "guid"),
                text(item, null, "pubDate"), text(item, ATOM_NS, "updated"), text(item, DC_NS, "creator"),
                children(item, null, "category").stream().map(Element::getTextContent).toList(),
                text(item, null, "description"), text(item, CONTENT_NS, "encoded"))).toList();
        return new BuiltFeed(file, text(channel, null, "title"), self.getAttribute("href"),
                text(channel, null, "link"), text(channel, null, "language"),
                parseDate(text(channel, null, "lastBuildDate")), text(channel, null, "generator"), items);
    }

    private static BuiltFeed atom(String file, Element feed) {
        List<Item> items = children(feed, ATOM_NS, "entry").stream().map(entry -> new Item(
                text(entry, ATOM_NS, "title"), link(entry, "alternate"), text(entry, ATOM_NS, "id"),
                text(entry, ATOM_NS, "published"), text(entry, ATOM_NS, "updated"),
                text(child(entry, ATOM_NS, "author"), ATOM_NS, "name"),
                children(entry, ATOM_NS, "category").stream().map(c -> c.getAttribute("term")).toList(),
                text(entry, ATOM_NS, "summary"), htmlContent(entry))).toList();
        String language = feed.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang");
        return new BuiltFeed(file, text(feed, ATOM_NS, "title"), link(feed, "self"), link(feed, "alternate"),
                language, parseDate(text(feed, ATOM_NS, "updated")), text(feed, ATOM_NS, "generator"), items);
    }

    private static String link(Element parent, String rel) {
        List<Element> links = children(parent, ATOM_NS, "link").stream()
                .filter(l -> rel.equals(l.getAttribute("rel"))).toList();
        if (links.size() != 1) {
            throw new AssertionError("expected one link rel=" + rel + ", found " + links.size());
        }
        return links.get(0).getAttribute("href");
    }

    private static String htmlContent(Element entry) {
        Element content = child(entry, ATOM_NS, "content");
        if (!"html".equals(content.getAttribute("type"))) {
            throw new AssertionError("content type is '" + content.getAttribute("type") + "', not html");
        }
        return content.getTextContent();
    }

    /** RFC 822 (RSS) or RFC 3339 (Atom). */
    static Instant parseDate(String text) {
        return text.contains(",") ? OffsetDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
                : OffsetDateTime.parse(text).toInstant();
    }
}
