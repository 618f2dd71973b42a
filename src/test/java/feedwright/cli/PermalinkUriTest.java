package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.rometools.rome.feed.synd.SyndEntry;
import feedwright.testing.CliRun;
import feedwright.testing.FeedXml;
import feedwright.testing.Formats;
import feedwright.testing.TestSite;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #11, item 3: an absolute {@code permalink} (or {@code image}) that is not a valid URI used to kill
 * {@code check} and {@code build} with a stack trace. Now a space or a stray '%' is percent-encoded (what
 * the author evidently meant), a URL that cannot be one is a located error of its post, and every other
 * post still publishes.
 */
class PermalinkUriTest {

    @TempDir
    Path siteDir;

    @TempDir
    Path out;

    @BeforeEach
    void siteWithHostilePermalinks() {
        TestSite.create(siteDir).withGoodNeighbour()
                .post("2025-05-01-space.md", post("Space", "permalink: \"https://example.org/a b/\""))
                .post("2025-05-02-percent.md", post("Percent", "permalink: \"https://example.org/100%/\""))
                .post("2025-05-03-no-host.md", post("No host", "permalink: \"http://\""))
                .post("2025-05-04-slashes.md", post("Slashes", "permalink: \"///\""))
                .post("2025-05-05-other-host.md", post("Other host", "permalink: \"///evil.example/x\""))
                .post("2025-05-06-image.md", post("Image", "image: \"https://\""))
                .post("2025-05-07-idn.md", post("IDN", "permalink: \"https://例え.jp/記事/\""));
    }

    private static String post(String title, String line) {
        return "---\ntitle: " + title + "\ndate: 2025-05-01 09:00:00 +0000\nexcerpt: e\n" + line + "\n---\nBody.\n";
    }

    private static final List<String> PROBLEMS = List.of(
            "posts/2025-05-03-no-host.md:5:12: error: permalink: 'http://' is not a URL (Expected authority)",
            "posts/2025-05-06-image.md:5:8: error: image: 'https://' is not a URL (Expected authority)");

    @Test
    void checkLocatesTheBrokenUrlsAndExitsOne() {
        CliRun check = CliRun.run("check", "--site", siteDir.toString());

        assertThat(check.exitCode()).as(check.transcript()).isEqualTo(ExitCode.POST_ERRORS.code());
        assertThat(check.problems()).as(check.transcript()).containsExactlyElementsOf(PROBLEMS);
        assertThat(check.out()).endsWith("2 errors, 0 warnings in 8 post files; 6 published\n");
    }

    @Test
    void buildPublishesEveryOtherPostWithEncodedLinksUnderTheSite() {
        CliRun build = CliRun.run("build", "--site", siteDir.toString(), "--out", out.toString());

        assertThat(build.exitCode()).as(build.transcript()).isZero();
        assertThat(build.problems()).as(build.transcript()).containsExactlyElementsOf(PROBLEMS);
        for (String feed : Formats.xmlFileNames()) {
            FeedXml.dom(out.resolve(feed));
            assertThat(FeedXml.rome(out.resolve(feed)).getEntries()).as(feed)
                    .extracting(SyndEntry::getTitle, SyndEntry::getLink)
                    .containsExactlyInAnyOrder(
                            tuple(TestSite.GOOD_TITLE,
                                    "https://example.org/blog/2025/03/01/good-neighbour/"),
                            tuple("Space", "https://example.org/a%20b/"),
                            tuple("Percent", "https://example.org/100%25/"),
                            tuple("Slashes", "https://example.org/blog/"),
                            tuple("Other host", "https://example.org/blog/evil.example/x"),
                            tuple("IDN", "https://例え.jp/記事/"));
        }
    }
}
