package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.CallbackServer;
import feedwright.testing.CliRun;
import feedwright.testing.TestSite;
import feedwright.websub.HubLimits;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code build --ping}: after writing, each hub of {@code websub.hubs} is told of every feed the build
 * changed (all of them when the folder held no build), once; a build that changed no feed tells nothing; a hub
 * that keeps failing is reported and the build still succeeds.
 */
@Timeout(60)
class BuildPingTest {

    /** Short waits so that a hub that keeps failing is given up quickly. */
    private static final HubLimits QUICK = new HubLimits(Duration.ofSeconds(2), Duration.ofSeconds(2),
            List.of(Duration.ofMillis(10), Duration.ofMillis(20)), 2, 1, 10);

    @TempDir
    Path site;

    @TempDir
    Path out;

    @Test
    void aBuildTellsTheHubOfEachFeedItChangedOnce() throws Exception {
        try (CallbackServer hub = CallbackServer.start()) {
            writeSite(hub);
            CliRun first = build();
            assertThat(first.exitCode()).as(first.transcript()).isZero();
            // A folder that held no build: every feed is new (site-wide and one tag, three formats each).
            List<String> all = hub.nextPublishedTopics(6);
            assertThat(all).doesNotHaveDuplicates().contains("https://example.org/blog/tags/alpha/rss.xml",
                    "https://example.org/blog/feed.json");
            assertThat(first.out()).contains("Told " + hub.uri() + " of 6 of 6 changed feeds");

            CliRun unchanged = build();
            assertThat(unchanged.out()).contains("No feed changed: no hub told");

            Path post = site.resolve("posts/2025-03-01-alpha.md");
            Files.writeString(post, Files.readString(post) + "\nMore words.\n");
            CliRun edited = build();
            assertThat(edited.exitCode()).as(edited.transcript()).isZero();
            assertThat(hub.nextPublishedTopics(6)).containsExactlyInAnyOrderElementsOf(all);
            assertThat(hub.deliveriesSoFar()).isEmpty();
        }
    }

    @Test
    void aHubThatKeepsFailingIsReportedAndTheBuildStillSucceeds() throws Exception {
        try (CallbackServer hub = CallbackServer.start()) {
            writeSite(hub);
            hub.answerDeliveriesWith(500);
            CliRun run = build();
            assertThat(run.exitCode()).as(run.transcript()).isZero();
            assertThat(run.out()).contains("Told " + hub.uri() + " of 0 of 6 changed feeds");
            assertThat(run.err()).contains("warning: " + hub.uri() + " was not told of 6 of them (last failure: answered 500)");
            assertThat(hub.nextPublishedTopics(18)).as("each of 6 pings tried three times").hasSize(18);
        }
    }

    private void writeSite(CallbackServer hub) {
        TestSite.create(site, TestSite.CONFIG + "websub:\n  hubs: [\"" + hub.uri() + "\"]\n")
                .post("2025-03-01-alpha.md", TestSite.taggedPost("Alpha", "2025-03-01", "[alpha]", "First words."));
    }

    private CliRun build() {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CommandLine commandLine = RootCommand.commandLine(CliRun.AFTER_ALL_POSTS, QUICK)
                .setOut(new PrintWriter(stdout, true)).setErr(new PrintWriter(stderr, true));
        int code = commandLine.execute("build", "--site", site.toString(), "--out", out.toString(), "--ping");
        return new CliRun(code, stdout.toString(), stderr.toString());
    }
}
