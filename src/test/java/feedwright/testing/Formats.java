package feedwright.testing;

import feedwright.feed.FeedFormat;
import feedwright.feed.FeedFormats;
import feedwright.feed.OpmlWriter;
import feedwright.feed.PreviewPage;
import java.util.List;
import java.util.stream.Stream;

/**
 * The registered formats' file names, for tests that check something of every format (served bytes,
 * headers, files written) or of every XML one (what ROME, a DOM or {@code BuiltFeed} reads), so that a new
 * format is checked without listing it here.
 */
public final class Formats {

    private Formats() {
    }

    /** Every format's file name, in registry order: {@code rss.xml, atom.xml}. */
    public static List<String> fileNames() {
        return FeedFormats.all().stream().map(FeedFormat::fileName).toList();
    }

    /** The file names of the formats written as XML, which XML parsers and feed readers like ROME's read. */
    public static List<String> xmlFileNames() {
        return FeedFormats.all().stream().filter(format -> format.mediaType().endsWith("+xml"))
                .map(FeedFormat::fileName).toList();
    }

    /** The OPML list of each format, in registry order: {@code feeds.opml, feeds-atom.opml}. */
    public static List<String> opmlFileNames() {
        return FeedFormats.all().stream().map(OpmlWriter::fileName).toList();
    }

    /** The OPML list of the site-wide feed alone in each format: {@code site.opml, site-atom.opml}. */
    public static List<String> siteOpmlFileNames() {
        return FeedFormats.all().stream().map(OpmlWriter::siteFileName).toList();
    }

    /**
     * How many files a site with {@code feeds} feeds has: each feed in every format and its preview page,
     * index.html, the OPML lists (every feed, the site-wide feed alone). The build's manifest is not one of them.
     */
    public static int siteFiles(int feeds) {
        return feeds * (fileNames().size() + 1) + 1 + opmlFileNames().size() + siteOpmlFileNames().size();
    }

    /** The site path of a feed's file in every format: {@code /tags/ai/rss.xml, /tags/ai/atom.xml}. */
    public static List<String> paths(String folder) {
        return fileNames().stream().map(name -> folder + name).toList();
    }

    /** Every file of one feed, sorted: its file in every format and its preview page. */
    public static List<String> feedFiles(String folder) {
        return Stream.concat(paths(folder).stream(), Stream.of(folder + PreviewPage.FILE_NAME)).sorted().toList();
    }
}
