package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.CallbackServer;
import feedwright.testing.LiveSite;
import feedwright.testing.TestSite;
import feedwright.websub.SubscriptionStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} with {@code websub.builtin_hub: true}: {@code /hub} takes subscriptions, an edit the watcher
 * picks up is delivered, and the subscription outlives a restart, which delivers what changed while serve
 * was stopped; without the key there is no hub.
 */
@Timeout(120)
class ServeHubTest {

    private static final String TOPIC = "https://example.org/blog/tags/alpha/rss.xml";

    @TempDir
    Path site;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theHubTakesASubscriptionDeliversAnEditAndKeepsItAcrossARestart() throws Exception {
        writeSite("websub:\n  builtin_hub: true\n");
        try (CallbackServer callback = CallbackServer.start()) {
            try (ServeRun serve = serve()) {
                int port = serve.port();
                String hubLine = "WebSub hub at http://127.0.0.1:" + port
                        + "/hub (subscribers are told https://example.org/blog/hub), 0 subscriptions";
                assertThat(serve.outOnceItHas(hubLine)).contains(hubLine);
                assertThat(subscribe(port, callback).statusCode()).isEqualTo(202);
                callback.nextVerification();
                awaitSubscriptionFile(callback);

                edit("Words the watcher picks up.");
                CallbackServer.Request delivered = callback.nextDelivery();
                assertThat(new String(delivered.body(), StandardCharsets.UTF_8)).contains("Words the watcher picks up.");
                assertThat(delivered.body()).isEqualTo(serve.get("/tags/alpha/rss.xml").body());
            }
            edit("Words written while serve was stopped.");
            try (ServeRun again = serve()) {
                assertThat(again.port()).isPositive();
                assertThat(again.outOnceItHas(", 1 subscription\n")).contains(", 1 subscription\n");
                CallbackServer.Request atStart = callback.nextDelivery();
                assertThat(new String(atStart.body(), StandardCharsets.UTF_8))
                        .as("what changed while stopped, delivered at start").contains("Words written while serve was stopped.");
                assertThat(atStart.body()).isEqualTo(again.get("/tags/alpha/rss.xml").body());

                edit("Words after the restart.");
                CallbackServer.Request delivered = callback.nextDelivery();
                assertThat(new String(delivered.body(), StandardCharsets.UTF_8)).contains("Words after the restart.");
            }
        }
    }

    /** Slashes run together are merged for the hub as for the feeds: a feed root of "//" advertises "//hub". */
    @Test
    void theHubTakesASubscriptionAtItsPathWithSlashesRunTogether() throws Exception {
        writeSite("websub:\n  builtin_hub: true\n");
        try (CallbackServer callback = CallbackServer.start(); ServeRun serve = serve()) {
            assertThat(subscribe(serve.port(), callback, "//hub").statusCode()).isEqualTo(202);
            callback.nextVerification();
        }
    }

    @Test
    void withoutTheKeyThereIsNoHub() throws Exception {
        writeSite("");
        try (CallbackServer callback = CallbackServer.start(); ServeRun serve = serve()) {
            assertThat(subscribe(serve.port(), callback).statusCode()).isEqualTo(405);
            assertThat(serve.get("/hub").statusCode()).isEqualTo(404);
            assertThat(serve.out()).doesNotContain("WebSub");
        }
    }

    private void writeSite(String websub) {
        TestSite.create(site, TestSite.CONFIG + websub).post("2025-03-01-alpha.md",
                TestSite.taggedPost("Alpha", "2025-03-01", "[alpha]", "First words."));
    }

    private ServeRun serve() {
        return ServeRun.start("serve", "--site", site.toString(), "--port", "0");
    }

    private HttpResponse<String> subscribe(int port, CallbackServer callback) throws Exception {
        return subscribe(port, callback, "/hub");
    }

    private HttpResponse<String> subscribe(int port, CallbackServer callback, String path) throws Exception {
        String form = "hub.mode=subscribe&hub.topic=" + URLEncoder.encode(TOPIC, StandardCharsets.UTF_8)
                + "&hub.callback=" + URLEncoder.encode(callback.uri().toString(), StandardCharsets.UTF_8);
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitSubscriptionFile(CallbackServer callback) throws Exception {
        Path file = site.resolve(SubscriptionStore.FILE_NAME);
        long deadline = System.nanoTime() + LiveSite.DEADLINE.toNanos();
        while (!(Files.exists(file) && Files.readString(file).contains(callback.uri().toString()))) {
            assertThat(System.nanoTime()).as("the subscription recorded in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private void edit(String words) throws Exception {
        Path post = site.resolve("posts/2025-03-01-alpha.md");
        Path temp = post.resolveSibling(".alpha.md.swp");
        Files.writeString(temp, Files.readString(post) + "\n" + words + "\n");
        Files.move(temp, post, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
