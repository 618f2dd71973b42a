package feedwright.feed;

import feedwright.text.FeedDates;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jdom2.Document;
import org.jdom2.Element;

/**
 * An OPML 2.0 subscription list of every feed in one format, family by family (the site-wide feed at the
 * top, then an outline each for categories and tags), so an aggregator can import the whole site at once.
 * There is one list per format rather than one list of every format, because each feed would then appear
 * once per format and a reader importing it would subscribe to every post two or three times. The first
 * registered format's list keeps the name it always had, {@code feeds.opml} (RSS); the others are named
 * after their format ({@code feeds-atom.opml}, {@code feeds-json-feed.opml}). OPML's {@code type="rss"}
 * means a feed of any format.
 *
 * <p>Beside each full list is one of the site-wide feed alone ({@code site.opml}, {@code site-atom.opml},
 * …). Entry ids stay the same in every feed that carries a post, as they must for a reader to know a post
 * it has seen, but newsboat keeps an item in one feed only (newsboat/newsboat#898): importing the full
 * list leaves most of its feeds empty there. The short list is the one to give such a reader. Pure and
 * thread-safe.
 */
public final class OpmlWriter {

    private OpmlWriter() {
    }

    /** The list's file name in the feed root: {@code feeds.opml} for the first format, else after its label. */
    public static String fileName(FeedFormat format) {
        if (format == FeedFormats.all().get(0)) {
            return "feeds.opml";
        }
        return "feeds-" + format.label().toLowerCase(Locale.ROOT).replace(' ', '-') + ".opml";
    }

    /** The site-wide list's file name: {@code site.opml} for the first format, else after its label. */
    public static String siteFileName(FeedFormat format) {
        return fileName(format).replaceFirst("^feeds", "site");
    }

    /** @param subscribed the format every feed is listed in */
    public static byte[] write(String siteTitle, String siteUrl, List<FeedListing> feeds, FeedFormat subscribed) {
        return list(siteTitle + " — feeds", siteUrl, feeds, subscribed);
    }

    /** The list of the site-wide feeds alone (the families without terms), for {@link #siteFileName}. */
    public static byte[] writeSiteWide(String siteTitle, String siteUrl, List<FeedListing> feeds, FeedFormat subscribed) {
        return list(siteTitle + " — site-wide feed", siteUrl,
                feeds.stream().filter(feed -> !feed.spec().family().hasTerms()).toList(), subscribed);
    }

    private static byte[] list(String listTitle, String siteUrl, List<FeedListing> feeds, FeedFormat subscribed) {
        boolean first = subscribed == FeedFormats.all().get(0);
        Element head = new Element("head")
                .addContent(new Element("title").setText(listTitle
                        + (first ? "" : " (" + subscribed.label() + ")")))
                .addContent(new Element("docs").setText("http://opml.org/spec2.opml"));
        feeds.stream().flatMap(f -> f.updated().stream())
                .max(Comparator.comparing(OffsetDateTime::toInstant))
                .ifPresent(newest -> head.addContent(new Element("dateModified").setText(FeedDates.rfc822(newest))));
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

    private static Element outline(FeedListing feed, FeedFormat subscribed, String siteUrl) {
        return new Element("outline")
                .setAttribute("text", feed.title())
                .setAttribute("title", feed.title())
                .setAttribute("type", "rss")
                .setAttribute("xmlUrl", feed.selfUrl(subscribed.fileName()))
                .setAttribute("htmlUrl", siteUrl);
    }
}
