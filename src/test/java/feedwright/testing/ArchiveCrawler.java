package feedwright.testing;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.text.UrlPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A reader of built feeds that knows nothing of how archive pages are named: it starts at a subscription
 * document and follows only its link relations (RFC 5005 {@code prev-archive} in RSS and Atom, JSON Feed's
 * {@code next_url}) to the oldest page, checking each page's own links on the way ({@code fh:archive},
 * {@code self}, {@code current}, {@code next-archive} back to the page it came from). URLs are read from the
 * built folder: {@code baseUrl} is where that folder is published.
 */
public record ArchiveCrawler(Path folder, String baseUrl) {

    public static final String HISTORY_NS = "http://purl.org/syndication/history/1.0";

    /**
     * One feed read to its end.
     *
     * @param subscribed the entry ids of the subscription document, in its order
     * @param complete   whether the subscription document says it is the whole feed ({@code fh:complete})
     * @param pages      the archive pages reached, newest first
     */
    public record Crawl(String start, List<String> subscribed, boolean complete, List<Page> pages) {

        /** Every entry id of the archive pages, in the order reached: newest page first, each page newest first. */
        public List<String> archived() {
            return pages.stream().flatMap(page -> page.entries().stream()).toList();
        }

        /**
         * What a reader ends up with: every archived entry, or the subscription document's when it leads to no
         * archive page (a complete feed, or a JSON Feed with no {@code next_url}).
         */
        public List<String> history() {
            return pages.isEmpty() ? subscribed : archived();
        }
    }

    /** One archive page: its URL and its entry ids in document order. */
    public record Page(String url, List<String> entries) {
    }

    /** The subscription documents of every OPML list named, list after list. */
    public List<String> subscriptionsOfEveryList(List<String> opmlFiles) {
        return opmlFiles.stream().flatMap(file -> subscriptions(file).stream()).toList();
    }

    /** The subscription documents an OPML list of the built folder names ({@code xmlUrl}), in its order. */
    public List<String> subscriptions(String opmlFile) {
        List<String> urls = new ArrayList<>();
        NodeList outlines = FeedXml.dom(folder.resolve(opmlFile)).getElementsByTagName("outline");
        for (int i = 0; i < outlines.getLength(); i++) {
            Element outline = (Element) outlines.item(i);
            if (outline.hasAttribute("xmlUrl")) {
                urls.add(outline.getAttribute("xmlUrl"));
            }
        }
        return urls;
    }

    /** Reads the feed whose subscription document is at {@code url}, and every archive page it leads to. */
    public Crawl crawl(String url) {
        Document start = read(url);
        assertThat(start.archive()).as("%s is a subscription document, not an archive page", url).isFalse();
        List<Page> pages = new ArrayList<>();
        Set<String> seen = new HashSet<>(Set.of(url));
        String newer = null;
        Optional<String> previous = start.previous();
        while (previous.isPresent()) {
            String pageUrl = previous.get();
            assertThat(seen.add(pageUrl)).as("%s is reached twice from %s", pageUrl, url).isTrue();
            Document page = read(pageUrl);
            // JSON Feed has next_url alone: no mark, no link to the current or the newer document.
            if (!page.json()) {
                assertThat(page.archive()).as("%s is marked fh:archive", pageUrl).isTrue();
                assertThat(page.current()).as("current of %s", pageUrl).contains(url);
                assertThat(page.next()).as("next-archive of %s", pageUrl).isEqualTo(Optional.ofNullable(newer));
            }
            assertThat(page.self()).as("self of %s", pageUrl).contains(pageUrl);
            pages.add(new Page(pageUrl, page.entries()));
            newer = pageUrl;
            previous = page.previous();
        }
        return new Crawl(url, start.entries(), start.complete(), pages);
    }

    /** The built file a URL names. */
    public Path file(String url) {
        assertThat(url).startsWith(baseUrl);
        return folder.resolve(UrlPaths.decodePath(url.substring(baseUrl.length())));
    }

    /** The bytes at a URL of the built folder. */
    public byte[] bytes(String url) {
        try {
            return Files.readAllBytes(file(url));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text at a URL of the built folder (every feed is UTF-8): what tests compare, for a readable diff. */
    public String text(String url) {
        return new String(bytes(url), StandardCharsets.UTF_8);
    }

    /** What the crawler reads of one feed document, whatever its format ({@code json}: a JSON Feed). */
    private record Document(List<String> entries, Optional<String> self, Optional<String> current,
                            Optional<String> previous, Optional<String> next, boolean archive, boolean complete,
                            boolean json) {
    }

    private Document read(String url) {
        String text = text(url);
        if (text.startsWith("{")) {
            Map<String, Object> json = Json.object(text);
            List<String> ids = Json.objects(json, "items").stream().map(item -> (String) item.get("id")).toList();
            return new Document(ids, Optional.ofNullable((String) json.get("feed_url")), Optional.empty(),
                    Optional.ofNullable((String) json.get("next_url")), Optional.empty(), false, false, true);
        }
        Element root = FeedXml.dom(file(url)).getDocumentElement();
        boolean atom = FeedXml.ATOM_NS.equals(root.getNamespaceURI());
        Element container = atom ? root : FeedXml.child(root, null, "channel");
        List<String> ids = atom
                ? FeedXml.children(container, FeedXml.ATOM_NS, "entry").stream()
                        .map(entry -> FeedXml.text(entry, FeedXml.ATOM_NS, "id")).toList()
                : FeedXml.children(container, null, "item").stream()
                        .map(item -> FeedXml.text(item, null, "guid")).toList();
        return new Document(ids, link(container, "self"), link(container, "current"),
                link(container, "prev-archive"), link(container, "next-archive"),
                !FeedXml.children(container, HISTORY_NS, "archive").isEmpty(),
                !FeedXml.children(container, HISTORY_NS, "complete").isEmpty(), false);
    }

    /** The href of the one Atom link with this rel among the container's children; empty when there is none. */
    private static Optional<String> link(Element container, String rel) {
        List<String> hrefs = FeedXml.children(container, FeedXml.ATOM_NS, "link").stream()
                .filter(link -> rel.equals(link.getAttribute("rel")))
                .map(link -> link.getAttribute("href")).toList();
        assertThat(hrefs).as("links rel=%s", rel).hasSizeLessThan(2);
        return hrefs.stream().findFirst();
    }
}
