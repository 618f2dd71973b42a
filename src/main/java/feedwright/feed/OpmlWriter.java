package feedwright.feed;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.Element;

/**
 * {@code feeds.opml}: an OPML 2.0 subscription list of every feed, grouped as site, categories and tags,
 * so an aggregator can import the whole site at once. Each feed appears once, by its URL in the first
 * registered format, RSS (every format carries the same entries; listing each would subscribe readers
 * once per format). OPML's {@code type="rss"} means a feed of any format. Pure and thread-safe.
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
        Element categories = new Element("outline").setAttribute("text", "Categories");
        Element tags = new Element("outline").setAttribute("text", "Tags");
        for (Feed feed : feeds) {
            Element outline = new Element("outline")
                    .setAttribute("text", feed.title())
                    .setAttribute("title", feed.title())
                    .setAttribute("type", "rss")
                    .setAttribute("xmlUrl", feed.selfUrl(subscribed.fileName()))
                    .setAttribute("htmlUrl", siteUrl);
            switch (feed.spec().kind()) {
                case SITE -> body.addContent(outline);
                case CATEGORY -> categories.addContent(outline);
                case TAG -> tags.addContent(outline);
            }
        }
        if (categories.getContentSize() > 0) {
            body.addContent(categories);
        }
        if (tags.getContentSize() > 0) {
            body.addContent(tags);
        }
        Element opml = new Element("opml").setAttribute("version", "2.0").addContent(head).addContent(body);
        return XmlDocuments.toBytes(new Document(opml));
    }
}
