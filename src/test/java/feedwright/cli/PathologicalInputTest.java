package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.CliRun;
import feedwright.testing.FeedXml;
import feedwright.testing.Formats;
import feedwright.testing.TestSite;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs built to be slow or deep (as commonmark's PathologicalTest does): each build must finish within
 * the timeout, publish the post, and write feeds that are well-formed. No timing is asserted beyond that.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PathologicalInputTest {

    @TempDir
    Path siteDir;

    @TempDir
    Path out;

    @Test
    void hugePostJustUnderTheSizeLimit() {
        String head = "---\ntitle: Huge\ndate: 2025-06-01 09:00:00 +0000\nexcerpt: e\n---\n";
        String paragraph = "北海道のデータセンター構想について、電力と冷却の面から読み解きます。\n\n";
        StringBuilder body = new StringBuilder();
        while (head.length() + body.length() * 3 + paragraph.length() * 3 < 1_000_000) {
            body.append(paragraph);
        }
        buildAndRead(head + body, "Huge");
    }

    @Test
    void titleMadeOfReplacementCharacters() {
        String title = "\uFFFD".repeat(5_000);
        // Nothing is left once the replacement characters go, so the file name stands in.
        buildAndRead("---\ntitle: \"" + title + "\"\ndate: 2025-06-02\nexcerpt: e\n---\nBody.\n", "pathological");
    }

    @Test
    void bodyOfHundredThousandEmphasisMarkers() {
        buildAndRead("---\ntitle: Stars\ndate: 2025-06-03\nexcerpt: e\n---\n" + "*".repeat(100_000) + "\n\n"
                + "_".repeat(100_000) + "\n\n" + "a_ ".repeat(50_000) + "\n\n" + "**a ".repeat(50_000) + "\n", "Stars");
    }

    @Test
    void deeplyNestedMarkdownAndHtml() {
        String body = ">".repeat(10_000) + " quote\n\n" + "[".repeat(10_000) + "x" + "](y)".repeat(10_000) + "\n\n"
                + "<div>".repeat(5_000) + "deep" + "</div>".repeat(5_000) + "\n\n"
                + "  ".repeat(2_000) + "- item\n";
        buildAndRead("---\ntitle: Deep\ndate: 2025-06-04\nexcerpt: e\n---\n" + body, "Deep");
    }

    @Test
    void deeplyNestedYamlIsRefusedNotOverflowed() {
        String nested = "[".repeat(5_000) + "]".repeat(5_000);
        TestSite.create(siteDir).withGoodNeighbour()
                .post("2025-06-05-nested.md", "---\ntitle: Nested\ndate: 2025-06-05\nx: " + nested + "\n---\nBody.\n");

        CliRun run = CliRun.run("build", "--site", siteDir.toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.problems()).singleElement().asString()
                .startsWith("posts/2025-06-05-nested.md:").contains(": error: ");
        assertSiteFeedTitles(TestSite.GOOD_TITLE);
    }

    private void buildAndRead(String post, String expectedTitle) {
        TestSite.create(siteDir).withGoodNeighbour().post("2025-06-01-pathological.md", post);

        CliRun run = CliRun.run("build", "--site", siteDir.toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.problems()).noneMatch(p -> p.contains(": error: "));
        assertSiteFeedTitles(TestSite.GOOD_TITLE, expectedTitle);
    }

    private void assertSiteFeedTitles(String... titles) {
        for (String feed : Formats.xmlFileNames()) {
            FeedXml.dom(out.resolve(feed));
            assertThat(FeedXml.rome(out.resolve(feed)).getEntries()).as(feed)
                    .extracting(e -> e.getTitle()).containsExactlyInAnyOrder(titles);
        }
    }
}
