package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.feed.FeedFormat;
import feedwright.feed.FeedFormats;
import feedwright.testing.CliRun;
import feedwright.testing.TestSite;
import feedwright.text.UrlPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preview pages {@code build} writes for the sample site: one beside every feed, listing exactly that
 * feed's entries in its order, linking each of its formats, and reachable from {@code index.html}.
 */
class PreviewBuildTest {

    @TempDir
    static Path out;

    @BeforeAll
    static void buildTheSample() {
        CliRun run = CliRun.run("build", "--site", TestSite.sample().toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.transcript()).isZero();
    }

    @Test
    void everyFeedHasAPreviewListingExactlyItsEntriesInOrder() throws IOException {
        List<Path> atomFeeds = files("atom.xml");

        assertThat(files("feed.html")).hasSameSizeAs(atomFeeds).hasSize(34);
        int entries = 0;
        for (Path atomFile : atomFeeds) {
            BuiltFeed atom = BuiltFeed.read(out, out.relativize(atomFile).toString());
            Path pageFile = atomFile.resolveSibling("feed.html");
            Document page = Jsoup.parse(pageFile.toFile(), "UTF-8");
            List<Element> listed = page.select("ol.entries > li h3 a");

            assertThat(page.title()).as(pageFile.toString()).isEqualTo(atom.title());
            assertThat(page.selectFirst("html").attr("lang")).as(pageFile.toString()).isEqualTo(atom.language());
            assertThat(listed).as(pageFile.toString()).extracting(Element::text)
                    .containsExactlyElementsOf(atom.items().stream().map(BuiltFeed.Item::title).toList());
            assertThat(listed).as(pageFile.toString()).extracting(a -> a.attr("href"))
                    .containsExactlyElementsOf(atom.items().stream().map(BuiltFeed.Item::link).toList());
            for (FeedFormat format : FeedFormats.all()) {
                String address = atom.selfLink().replaceFirst("atom\\.xml$", format.fileName());
                assertThat(page.select("ul.formats a[href=" + format.fileName() + "]")).as(pageFile + " " + format.label())
                        .hasSize(1);
                assertThat(page.select("input[value=" + address + "]")).as(pageFile + " " + address).hasSize(1);
                assertThat(page.select("link[rel=alternate][href=" + format.fileName() + "]")).hasSize(1);
                assertThat(atomFile.resolveSibling(format.fileName())).exists();
            }
            entries += listed.size();
        }
        assertThat(entries).as("entries compared").isPositive();
    }

    @Test
    void theIndexPageLinksEveryPreviewByTheFeedsName() throws IOException {
        Document index = Jsoup.parse(out.resolve("index.html").toFile(), "UTF-8");
        List<String> linked = index.select("li > a:not(.fmt)").eachAttr("href");

        List<String> previews = files("feed.html").stream()
                .map(file -> UrlPaths.encodePath(out.relativize(file).toString().replace('\\', '/')))
                .toList();
        assertThat(linked).containsExactlyInAnyOrderElementsOf(previews);
        assertThat(index.selectFirst("li > a[href=feed.html]").text()).isEqualTo(
                BuiltFeed.read(out, "atom.xml").title());
        assertThat(index.selectFirst("li > a[href=tags/%E6%8A%95%E8%B3%87/feed.html]").text()).isEqualTo("投資");
    }

    private static List<Path> files(String name) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(f -> f.getFileName().toString().equals(name)).sorted().toList();
        }
    }
}
