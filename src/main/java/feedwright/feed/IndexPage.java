package feedwright.feed;

import static feedwright.feed.HtmlPageHead.escape;

import feedwright.text.UrlPaths;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code index.html}: a plain page listing the feeds family by family (at most {@link #MOST_LISTED} of one
 * family), each by name linked to its {@link PreviewPage}, then in every format, with
 * {@code <link rel="alternate">} autodiscovery for the site-wide feed in every format. Links are relative to the feed root, so the page works both where the feeds are published
 * and from a local build folder. Pure and thread-safe.
 */
public final class IndexPage {

    /**
     * Most feeds of one family (categories, tags) the page lists. A site with 50,000 tags would otherwise
     * get a 7 MB page no browser shows usefully; {@code feeds.opml} still lists every feed.
     */
    static final int MOST_LISTED = 1_000;

    /** The OPML list of every feed that the page points to for feeds it does not list: the first format's. */
    private static final String EVERY_FEED = OpmlWriter.fileName(FeedFormats.all().get(0));

    private IndexPage() {
    }

    public static byte[] write(String siteTitle, String siteUrl, String language, List<FeedListing> feeds) {
        StringBuilder html = new StringBuilder(4096 + feeds.size() * 200);
        HtmlPageHead.open(html, language, siteTitle + " — feeds", siteTitle, FeedSpec.SITE::path);
        html.append("<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}"
                + "li{margin:.2rem 0}a.fmt{margin-left:.5rem}</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(siteTitle)).append("</h1>\n")
                .append("<p>Feeds of <a href=\"").append(escape(siteUrl)).append("\">").append(escape(siteUrl))
                .append("</a>. Subscribe to any of them in a feed reader, or import all of them (OPML):");
        opmlLinks(html, OpmlWriter::fileName);
        html.append(".</p>\n<p>Some readers, newsboat among them, show a post in one feed only, though every feed"
                + " carrying it gives it the same id: for them, import the site-wide feed alone:");
        opmlLinks(html, OpmlWriter::siteFileName);
        html.append(".</p>\n<p>A feed's name opens its preview: its latest entries and its addresses to copy.</p>\n");
        for (FeedFamily family : FeedFamilies.all()) {
            section(html, family, feeds);
        }
        html.append("</body>\n</html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void section(StringBuilder html, FeedFamily family, List<FeedListing> feeds) {
        List<FeedListing> ofFamily = feeds.stream().filter(f -> f.spec().family().equals(family)).toList();
        if (ofFamily.isEmpty()) {
            return;
        }
        html.append("<h2>").append(escape(family.label())).append("</h2>\n<ul>\n");
        for (FeedListing feed : listed(ofFamily)) {
            String name = feed.spec().term().map(t -> t.name()).orElse(feed.title());
            html.append("<li><a href=\"").append(escape(UrlPaths.encodePath(PreviewPage.path(feed.spec()))))
                    .append("\">").append(escape(name)).append("</a> <small>(").append(feed.entries())
                    .append(feed.entries() == 1 ? " entry" : " entries").append(")</small>");
            for (FeedFormat format : FeedFormats.all()) {
                html.append(" <a class=\"fmt\" href=\"")
                        .append(escape(UrlPaths.encodePath(feed.spec().path(format))))
                        .append("\">").append(escape(format.label())).append("</a>");
            }
            html.append("</li>\n");
        }
        html.append("</ul>\n");
        if (ofFamily.size() > MOST_LISTED) {
            html.append("<p>… and ").append(ofFamily.size() - MOST_LISTED).append(" more ")
                    .append(escape(family.label().toLowerCase(Locale.ROOT)))
                    .append(": <a href=\"").append(EVERY_FEED).append("\">").append(EVERY_FEED)
                    .append("</a> lists every feed.</p>\n");
        }
    }

    /**
     * The feeds of one family the page lists: all of them up to {@link #MOST_LISTED}, else those with the
     * most entries (a stable sort: among equals, the first by address), still in address order.
     */
    private static List<FeedListing> listed(List<FeedListing> ofFamily) {
        if (ofFamily.size() <= MOST_LISTED) {
            return ofFamily;
        }
        Set<FeedListing> chosen = Collections.newSetFromMap(new IdentityHashMap<>());
        ofFamily.stream().sorted(Comparator.comparingInt((FeedListing feed) -> feed.entries()).reversed())
                .limit(MOST_LISTED).forEach(chosen::add);
        return ofFamily.stream().filter(chosen::contains).toList();
    }

    /** A link to each format's list, named by {@code fileName}, separated by commas. */
    private static void opmlLinks(StringBuilder html, Function<FeedFormat, String> fileName) {
        String separator = " ";
        for (FeedFormat format : FeedFormats.all()) {
            html.append(separator).append("<a href=\"").append(fileName.apply(format)).append("\">")
                    .append(escape(format.label())).append("</a>");
            separator = ", ";
        }
    }
}
