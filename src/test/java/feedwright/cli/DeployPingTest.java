package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.CallbackServer;
import feedwright.testing.CliRun;
import feedwright.testing.TestBucket;
import feedwright.testing.TestSite;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy --ping} against a real S3-compatible server (S3Proxy) and a capture hub: after the upload the
 * hub is told of each feed that differs from what the bucket held, once; a dry run tells nothing; without
 * {@code --ping} nothing is told.
 */
@Timeout(120)
class DeployPingTest {

    @RegisterExtension
    final S3ProxyExtension server = TestBucket.server();

    @TempDir
    Path siteDir;

    private TestBucket bucket;

    @BeforeEach
    void createBucket() {
        bucket = TestBucket.create(server);
    }

    @AfterEach
    void closeBucket() {
        bucket.close();
    }

    @Test
    void aDeployTellsTheHubOfEachFeedItChangedOnceAndADryRunTellsNothing() throws Exception {
        try (CallbackServer hub = CallbackServer.start()) {
            TestSite.create(siteDir, TestSite.CONFIG + "websub:\n  hubs: [\"" + hub.uri() + "\"]\n")
                    .post("2025-03-01-alpha.md", TestSite.taggedPost("Alpha", "2025-03-01", "[alpha]", "First words."))
                    .post("2025-02-01-beta.md", TestSite.taggedPost("Beta", "2025-02-01", "[beta]", "Other words."));

            CliRun quiet = deploy();
            assertThat(quiet.out()).doesNotContain("Told");
            assertThat(hub.deliveriesSoFar()).as("no ping without --ping").isEmpty();

            Path post = siteDir.resolve("posts/2025-02-01-beta.md");
            Files.writeString(post, Files.readString(post) + "\nMore words.\n");
            CliRun dryRun = deploy("--dry-run", "--ping");
            assertThat(dryRun.out()).doesNotContain("Told");

            CliRun pinged = deploy("--ping");
            // The site-wide feeds and beta's changed, three formats each; alpha's did not.
            List<String> topics = topics(hub, 6);
            assertThat(topics).containsExactlyInAnyOrder(
                    "https://example.org/blog/rss.xml", "https://example.org/blog/atom.xml",
                    "https://example.org/blog/feed.json", "https://example.org/blog/tags/beta/rss.xml",
                    "https://example.org/blog/tags/beta/atom.xml", "https://example.org/blog/tags/beta/feed.json");
            assertThat(pinged.out()).contains("Told " + hub.uri() + " of 6 of 6 changed feeds");
            assertThat(hub.deliveriesSoFar()).isEmpty();
        }
    }

    private CliRun deploy(String... more) {
        CliRun run = CliRun.run(CliRun.AFTER_ALL_POSTS, bucket.deployArgs(siteDir, more));
        assertThat(run.exitCode()).as(run.transcript()).isZero();
        return run;
    }

    private static List<String> topics(CallbackServer hub, int count) throws InterruptedException {
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = new String(hub.nextDelivery().body(), StandardCharsets.US_ASCII);
            assertThat(body).startsWith("hub.mode=publish&hub.url=");
            topics.add(URLDecoder.decode(body.substring(body.indexOf("hub.url=") + 8), StandardCharsets.UTF_8));
        }
        return topics;
    }
}
