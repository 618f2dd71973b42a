package feedwright.http;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.SitePipeline;
import feedwright.testing.LiveSite;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route mounted beside the feeds (the WebSub hub's {@code /hub}) answers its exact path with whatever
 * methods it takes, and changes nothing else: the feeds, {@code /healthz} and every refusal answer as
 * without it.
 */
@Timeout(60)
class ExtraRoutesTest {

    @TempDir
    Path dir;

    private FeedServer plain;
    private FeedServer routed;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void serveTheSampleTwice() throws Exception {
        LiveSite.copySample(dir);
        CurrentSnapshot current = new CurrentSnapshot(SitePipeline.open(dir).run(Instant.now()).snapshot());
        ResponsePolicy policy = ResponsePolicy.of(SitePipeline.open(dir).config().server());
        HttpHandler echo = exchange -> {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
            exchange.getResponseSender().send("extra " + exchange.getRequestMethod());
        };
        plain = FeedServer.start("127.0.0.1", 0, current, policy, FeedServer.Limits.DEFAULTS,
                FeedServer.HealthDetails.HIDDEN);
        routed = FeedServer.start("127.0.0.1", 0, current, policy, FeedServer.Limits.DEFAULTS,
                FeedServer.HealthDetails.HIDDEN, Map.of("/extra", echo));
    }

    @AfterEach
    void stop() {
        plain.close();
        routed.close();
    }

    @Test
    void theRouteAnswersItsExactPathWithTheMethodsItTakes() throws Exception {
        HttpResponse<String> post = send(routed, "/extra", "POST");
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.body()).isEqualTo("extra POST");
        assertThat(send(routed, "/extra?x=1", "GET").body()).isEqualTo("extra GET");
    }

    @Test
    void everyOtherPathAnswersAsWithoutTheRoute() throws Exception {
        for (String path : List.of("/rss.xml", "/tags/ai/atom.xml", "/healthz", "/", "/extra/", "/extra/x",
                "/no/such.xml", "/a/../rss.xml")) {
            for (String method : List.of("GET", "HEAD", "POST", "OPTIONS")) {
                HttpResponse<String> expected = send(plain, path, method);
                HttpResponse<String> actual = send(routed, path, method);
                assertThat(actual.statusCode()).as(method + " " + path).isEqualTo(expected.statusCode());
                assertThat(actual.body()).as(method + " " + path).isEqualTo(expected.body());
                assertThat(withoutDate(actual)).as(method + " " + path).isEqualTo(withoutDate(expected));
            }
        }
    }

    private HttpResponse<String> send(FeedServer server, String path, String method) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, List<String>> withoutDate(HttpResponse<?> response) {
        Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
        headers.remove("date");
        return headers;
    }
}
