package feedwright.feed;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.Element;

/**
 * {@code feeds.opml}: an OPML 2.0 subscription list of every feed, family by family (the site-wide feed at
 * the top, then an outline each for categories and tags), so an aggregator can import the whole site at
 * once. Each feed appears once, by its URL in the first registered format, RSS (every format carries the
 * same entries; listing each would subscribe readers once per format). OPML's {@code type="rss"} means a
 * feed of any format. Pure and thread-safe.
 */
public final class OpmlWriter {

    private OpmlWriter() {
    }

    public static byte[] write(String siteTitle, String siteUrl, List<Feed> feeds) {
        FeedFormat subscribed = FeedFormats.all().get(0);
        Element head = new Element("head")
                .addContent(new Element("title").setText(siteTitle + " — feeds"))
                .addContent(new Element("docs").setText("http://opml.org/spec2.opml"));
        feeds.stream().flatMap(f -> f.updated().stream())
                .max(Comparator.comparing(OffsetDateTime::toInstant))
                .ifPresent(newest -> head.addContent(new Element("dateModified").setText(XmlDocuments.rfc822(newest))));
        Element body = new Element("body");
        for (FeedFamily family : FeedFamilies.all()) {
            // A family of one feed is listed as it is; one of a feed per term gets an outline of its own.
            Element parent = family.hasTerms() ? new Element("outline").setAttribute("text", family.label()) : body;
            feeds.stream().filter(feed -> feed.spec().family().equals(family))
                    .forEach(feed -> parent.addContent(outline(feed, subscribed, siteUrl)));
            if (parent != body && parent.getContentSize() > 0) {
                body.addContent(parent);
            }
        }
        Element opml = new Element("opml").setAttribute("version", "2.0").addContent(head).addContent(body);
        return XmlDocuments.toBytes(new Document(opml));
    }

    private static Element outline(Feed feed, FeedFormat subscribed, String siteUrl) {
        return new Element("outline")
                .setAttribute("text", feed.title())
                .setAttribute("title", feed.title())
                .setAttribute("type", "rss")
                .setAttribute("xmlUrl", feed.selfUrl(subscribed.fileName()))
                .setAttribute("htmlUrl", siteUrl);
    }
}
