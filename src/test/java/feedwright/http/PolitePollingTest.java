package feedwright.http;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.config.IpRange;
import feedwright.config.PollingSettings;
import feedwright.config.PollingSettings.StatsAccess;
import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.SitePipeline;
import feedwright.testing.Json;
import feedwright.testing.LiveSite;
import feedwright.testing.ManualClock;
import feedwright.testing.RawHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Polite polling on the real server: a client (address and {@code User-Agent}) that fetches the same bytes of
 * a feed too soon gets {@code 429} with {@code Retry-After}, one that revalidates gets its {@code 304}s far
 * more often, nobody else is affected, and {@code /stats} tells who polls how. The server's clock is a manual
 * one, so intervals pass without waiting.
 */
@Timeout(60)
class PolitePollingTest {

    private static final String FEED = "/rss.xml";
    private static final String CURL = "curl/8.5.0";
    private static final String NEWSBOAT = "Newsboat/2.36 (Linux x86_64)";
    private static final String FEEDPARSER = "feedparser/6.0.11 +https://github.com/kurtmckee/feedparser/";
    private static final PollingSettings LIMITED = new PollingSettings(true, 60, 5, 10_000, List.of(),
            StatsAccess.LOOPBACK);

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<FeedServer> servers = new ArrayList<>();
    private CurrentSnapshot current;

    @AfterEach
    void stop() {
        servers.forEach(FeedServer::close);
    }

    @Test
    void aTooFastUnconditionalGetGets429WithRetryAfterAndTheFeedsCacheControl() throws Exception {
        FeedServer server = serve(LIMITED);
        HttpResponse<String> first = get(server, FEED, CURL);
        assertThat(first.statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(20));
        HttpResponse<String> again = get(server, FEED, CURL);
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(again.headers().firstValue("Retry-After")).hasValue("40");
        assertThat(again.headers().firstValue("Cache-Control")).isEqualTo(first.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("public, max-age="));
        assertThat(again.body()).isEqualTo("too many requests\n");

        clock.advance(Duration.ofMillis(39_500));
        assertThat(get(server, FEED, CURL).headers().firstValue("Retry-After")).hasValue("1");
        clock.advance(Duration.ofMillis(500));
        assertThat(get(server, FEED, CURL).statusCode()).as("after the interval, counted from the last 200")
                .isEqualTo(200);
    }

    @Test
    void conditionalRequestsThatEndIn304AreAllowedFarMoreOften() throws Exception {
        FeedServer server = serve(LIMITED);
        String etag = get(server, FEED, NEWSBOAT).headers().firstValue("ETag").orElseThrow();
        for (int poll = 0; poll < 11; poll++) {
            clock.advance(Duration.ofSeconds(5));
            assertThat(get(server, FEED, NEWSBOAT, "If-None-Match", etag).statusCode()).as("poll " + poll)
                    .isEqualTo(304);
        }
        clock.advance(Duration.ofSeconds(2));
        HttpResponse<String> tooSoon = get(server, FEED, NEWSBOAT, "If-None-Match", etag);
        assertThat(tooSoon.statusCode()).isEqualTo(429);
        assertThat(tooSoon.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(get(server, FEED, NEWSBOAT).statusCode()).as("the full bytes again, 57 s after the 200")
                .isEqualTo(429);
        assertThat(get(server, FEED, NEWSBOAT, "If-None-Match", "\"made-up\"").statusCode())
                .as("a validator that matches nothing fetches the full bytes, and is limited as such").isEqualTo(429);
        clock.advance(Duration.ofSeconds(3));
        assertThat(get(server, FEED, NEWSBOAT, "If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT").statusCode())
                .isEqualTo(304);
    }

    @Test
    void anotherUserAgentAnotherAddressAndAnotherFeedAreNotAffected() throws Exception {
        FeedServer server = serve(LIMITED);
        get(server, FEED, CURL);
        assertThat(get(server, FEED, CURL).statusCode()).isEqualTo(429);

        assertThat(get(server, FEED, "Wget/1.21").statusCode()).isEqualTo(200);
        assertThat(get(server, "/tags/ai/atom.xml", CURL).statusCode()).isEqualTo(200);
        assertThat(rawGet(server, "127.0.0.2", FEED, CURL, "").status()).as("from 127.0.0.2").isEqualTo(200);
        assertThat(rawGet(server, "127.0.0.1", FEED, CURL, "").status()).isEqualTo(429);
    }

    @Test
    void healthzPagesHeadAndUnknownPathsAreNeverLimited() throws Exception {
        FeedServer server = serve(LIMITED);
        for (int i = 0; i < 5; i++) {
            assertThat(get(server, "/healthz", CURL).statusCode()).isEqualTo(200);
            assertThat(get(server, "/", CURL).statusCode()).isEqualTo(200);
            assertThat(get(server, "/no/such.xml", CURL).statusCode()).isEqualTo(404);
            assertThat(send(server, HttpRequest.newBuilder(uri(server, FEED)).header("User-Agent", CURL)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
        }
        // The HEADs got no body: the first GET after them gets the feed, the next one is too soon.
        assertThat(get(server, FEED, CURL).statusCode()).isEqualTo(200);
        assertThat(get(server, FEED, CURL).statusCode()).isEqualTo(429);
    }

    @Test
    void aChangedFeedIsNeverHeldBack() throws Exception {
        FeedServer server = serve(LIMITED);
        String before = get(server, FEED, CURL).headers().firstValue("ETag").orElseThrow();
        Path post = dir.resolve("posts/2025-11-10-ai-chip-earnings.md");
        Files.writeString(post, Files.readString(post) + "\nOne more paragraph.\n");
        current.publish(SitePipeline.open(dir).run(clock.instant()).snapshot());
        HttpResponse<String> changed = get(server, FEED, CURL);
        assertThat(changed.headers().firstValue("ETag")).isNotEqualTo(Optional.of(before));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(get(server, FEED, CURL).statusCode()).isEqualTo(429);
    }

    @Test
    void forwardedForNamesTheClientOnlyWhenATrustedProxySendsIt() throws Exception {
        FeedServer proxied = serve(new PollingSettings(true, 60, 5, 10_000,
                List.of(IpRange.parse("127.0.0.0/8").orElseThrow()), StatsAccess.LOOPBACK));
        assertThat(get(proxied, FEED, CURL, "X-Forwarded-For", "198.51.100.1").statusCode()).isEqualTo(200);
        assertThat(get(proxied, FEED, CURL, "X-Forwarded-For", "198.51.100.1").statusCode()).isEqualTo(429);
        assertThat(get(proxied, FEED, CURL, "X-Forwarded-For", "198.51.100.2").statusCode()).isEqualTo(200);
        assertThat(get(proxied, FEED, CURL, "X-Forwarded-For", "198.51.100.1, 127.0.0.5").statusCode())
                .as("trusted hops are passed over").isEqualTo(429);
        assertThat(get(proxied, FEED, CURL, "X-Forwarded-For", "203.0.113.7, 198.51.100.1").statusCode())
                .as("what the client wrote left of the right-most untrusted hop is not believed").isEqualTo(429);

        assertThat(get(proxied, FEED, CURL, "X-Forwarded-For", "198.51.100.2:5123").statusCode())
                .as("a port some proxies add is not part of the client").isEqualTo(429);
        assertThat(get(proxied, FEED, CURL, "X-Forwarded-For", "[2001:db8::7]:5123").statusCode()).isEqualTo(200);
        assertThat(get(proxied, FEED, CURL, "X-Forwarded-For", "2001:db8::7").statusCode()).isEqualTo(429);

        FeedServer direct = serve(LIMITED);
        assertThat(get(direct, FEED, CURL, "X-Forwarded-For", "198.51.100.1").statusCode()).isEqualTo(200);
        assertThat(get(direct, FEED, CURL, "X-Forwarded-For", "198.51.100.2").statusCode())
                .as("without trusted proxies the header is ignored").isEqualTo(429);
    }

    @Test
    void theClientTableKeepsItsBoundAndForgetsTheLeastRecentlySeen() throws Exception {
        FeedServer server = serve(new PollingSettings(true, 60, 5, 100, List.of(), StatsAccess.LOOPBACK));
        for (int i = 0; i < 300; i++) {
            assertThat(get(server, FEED, "Agent" + i + "/1.0").statusCode()).isEqualTo(200);
        }
        Map<String, Object> stats = Json.object(get(server, "/stats", CURL).body());
        assertThat(stats.get("clients")).isEqualTo(100L);
        assertThat(stats.get("maxClients")).isEqualTo(100L);
        assertThat(get(server, FEED, "Agent0/1.0").statusCode()).as("forgotten: let in").isEqualTo(200);
        assertThat(get(server, FEED, "Agent299/1.0").statusCode()).as("remembered").isEqualTo(429);
        assertThat(Json.objects(Json.object(get(server, "/stats", CURL).body()), "families"))
                .as("families beyond the bound count as other").hasSize(PollingTable.MAX_FAMILIES + 1);
    }

    @Test
    void statsTellEachFamilysRequestsSharesMedianIntervalAnd429s() throws Exception {
        FeedServer server = serve(LIMITED);
        String lastModified = get(server, FEED, FEEDPARSER).headers().firstValue("Last-Modified").orElseThrow();
        String etag = get(server, FEED, NEWSBOAT).headers().firstValue("ETag").orElseThrow();
        get(server, FEED, CURL);
        for (int poll = 0; poll < 3; poll++) {
            clock.advance(Duration.ofSeconds(10));
            get(server, FEED, CURL);
            get(server, FEED, NEWSBOAT, "If-None-Match", etag);
            get(server, FEED, FEEDPARSER, "If-Modified-Since", lastModified);
        }
        clock.advance(Duration.ofSeconds(20));
        get(server, FEED, FEEDPARSER, "If-Modified-Since", lastModified);

        HttpResponse<String> response = get(server, "/stats", CURL);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        Map<String, Map<String, Object>> families = Json.objects(Json.object(response.body()), "families").stream()
                .collect(Collectors.toMap(family -> (String) family.get("family"), family -> family));
        assertThat(families).containsOnlyKeys("curl", "newsboat", "feedparser");
        assertThat(families.get("feedparser")).containsEntry("requests", 5L).containsEntry("conditionalShare", 0.8)
                .containsEntry("notModifiedShare", 0.8).containsEntry("medianIntervalSeconds", 10.0)
                .containsEntry("tooManyRequests", 0L);
        assertThat(families.get("newsboat")).containsEntry("requests", 4L).containsEntry("conditionalShare", 0.75)
                .containsEntry("notModifiedShare", 0.75).containsEntry("medianIntervalSeconds", 10.0)
                .containsEntry("tooManyRequests", 0L);
        assertThat(families.get("curl")).containsEntry("requests", 4L).containsEntry("conditionalShare", 0.0)
                .containsEntry("notModifiedShare", 0.0).containsEntry("medianIntervalSeconds", 10.0)
                .containsEntry("tooManyRequests", 3L);
        assertThat(get(server, "/stats?format=text", CURL).body()).contains("curl").contains("75.0%");
    }

    @Test
    void statsAreRefusedToAClientThatIsNotOnLoopbackAndAbsentUnlessAskedFor() throws Exception {
        FeedServer proxied = serve(new PollingSettings(false, 60, 5, 10_000,
                List.of(IpRange.parse("127.0.0.1").orElseThrow()), StatsAccess.LOOPBACK));
        assertThat(get(proxied, "/stats", CURL).statusCode()).isEqualTo(200);
        HttpResponse<String> remote = get(proxied, "/stats", CURL, "X-Forwarded-For", "203.0.113.9");
        assertThat(remote.statusCode()).isEqualTo(403);
        assertThat(remote.body()).contains("loopback clients only");

        FeedServer open = serve(new PollingSettings(false, 60, 5, 10_000,
                List.of(IpRange.parse("127.0.0.1").orElseThrow()), StatsAccess.ANYONE));
        assertThat(get(open, "/stats", CURL, "X-Forwarded-For", "203.0.113.9").statusCode()).isEqualTo(200);

        FeedServer off = serve(PollingSettings.OFF);
        assertThat(get(off, "/stats", CURL).statusCode()).isEqualTo(404);
        for (int i = 0; i < 3; i++) {
            assertThat(get(off, FEED, CURL).statusCode()).as("nothing is limited by default").isEqualTo(200);
        }
    }

    private FeedServer serve(PollingSettings settings) throws Exception {
        if (current == null) {
            LiveSite.copySample(dir);
            current = new CurrentSnapshot(SitePipeline.open(dir).run(clock.instant()).snapshot());
        }
        FeedServer server = FeedServer.start("127.0.0.1", 0, current,
                ResponsePolicy.of(SitePipeline.open(dir).config().server()), FeedServer.Limits.DEFAULTS,
                FeedServer.HealthDetails.HIDDEN, Map.of(), new FeedServer.Polling(settings, clock));
        servers.add(server);
        return server;
    }

    private HttpResponse<String> get(FeedServer server, String path, String userAgent, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(server, path)).header("User-Agent", userAgent);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(server, request.GET());
    }

    private HttpResponse<String> send(FeedServer server, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(FeedServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** A GET from a chosen loopback address, which the JDK's client cannot bind. */
    private static RawHttp.Response rawGet(FeedServer server, String from, String path, String userAgent,
                                           String extraHeaders) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port(), InetAddress.getByName(from),
                0)) {
            socket.setSoTimeout(RawHttp.READ_TIMEOUT_MILLIS);
            RawHttp.send(socket, ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: " + userAgent
                    + "\r\n" + extraHeaders + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            return RawHttp.read(socket.getInputStream(), false);
        }
    }
}
