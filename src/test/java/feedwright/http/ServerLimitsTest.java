package feedwright.http;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.LiveSite;
import feedwright.testing.RawHttp;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits {@link FeedServer} sets on Undertow: oversized or too many headers, too many parameters, a
 * request that never finishes and a connection that never asks are cut off, and other clients are still
 * served. The timeouts are set short here so that the server, not the test, decides when to give up.
 */
@Timeout(60)
class ServerLimitsTest {

    private static final FeedServer.Limits SHORT = new FeedServer.Limits(16 * 1024, 100, 300, 500);

    @TempDir
    static Path dir;

    private static LiveSite site;

    @BeforeAll
    static void start() throws Exception {
        LiveSite.copySample(dir);
        site = LiveSite.serve(dir, Clock.systemUTC(), SHORT);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void theDefaultsAreExplicitAndBounded() {
        FeedServer.Limits defaults = FeedServer.Limits.DEFAULTS;
        assertThat(defaults.maxHeaderBytes()).isBetween(8 * 1024, 64 * 1024);
        assertThat(defaults.maxHeaders()).isBetween(50, 200);
        assertThat(defaults.requestParseTimeoutMillis()).isBetween(1_000, 60_000);
        assertThat(defaults.idleTimeoutMillis()).isBetween(5_000, 300_000);
    }

    @Test
    void anOversizedHeaderGetsA4xxOrAClosedConnectionAndOthersAreStillServed() throws IOException {
        String request = "GET /rss.xml HTTP/1.1\r\nHost: x\r\nX-Padding: " + "a".repeat(64 * 1024)
                + "\r\nConnection: close\r\n\r\n";
        Optional<RawHttp.Response> response = RawHttp.exchangeOrClosed(site.port(), request);
        response.ifPresent(r -> assertThat(r.status()).as(r.statusLine()).isBetween(400, 499));
        assertThat(site.get("/rss.xml").statusCode()).isEqualTo(200);
    }

    @Test
    void headersJustUnderTheLimitAreServed() throws IOException {
        String request = "GET /rss.xml HTTP/1.1\r\nHost: x\r\nX-Padding: " + "a".repeat(8 * 1024)
                + "\r\nConnection: close\r\n\r\n";
        assertThat(RawHttp.exchange(site.port(), request).status()).isEqualTo(200);
    }

    @Test
    void tooManyHeadersGetA4xxOrAClosedConnection() throws IOException {
        String headers = IntStream.range(0, 500).mapToObj(i -> "X-H" + i + ": " + i + "\r\n").collect(Collectors.joining());
        Optional<RawHttp.Response> response = RawHttp.exchangeOrClosed(site.port(),
                "GET /rss.xml HTTP/1.1\r\nHost: x\r\n" + headers + "Connection: close\r\n\r\n");
        response.ifPresent(r -> assertThat(r.status()).as(r.statusLine()).isBetween(400, 499));
        assertThat(site.get("/rss.xml").statusCode()).isEqualTo(200);
    }

    @Test
    void tooManyQueryParametersGetA400() throws IOException {
        String query = IntStream.range(0, 500).mapToObj(i -> "p" + i + "=" + i).collect(Collectors.joining("&"));
        RawHttp.Response response = RawHttp.exchange(site.port(),
                "GET /rss.xml?" + query + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(response.status()).as(response.statusLine()).isBetween(400, 499);
        assertThat(RawHttp.exchange(site.port(), "GET /rss.xml?a=1&b=2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .status()).isEqualTo(200);
    }

    @Test
    void aRequestThatNeverFinishesIsCutOffAndOthersAreStillServed() throws IOException {
        try (Socket slow = RawHttp.connect(site.port())) {
            RawHttp.send(slow, "GET /rss.xml HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            assertThat(site.get("/rss.xml").statusCode()).isEqualTo(200);
            // Fails with a SocketTimeoutException if the server waits longer than the read timeout.
            assertThat(RawHttp.closedByServer(slow)).isTrue();
        }
    }

    @Test
    void aConnectionThatNeverAsksIsClosed() throws IOException {
        try (Socket idle = RawHttp.connect(site.port())) {
            assertThat(RawHttp.closedByServer(idle)).isTrue();
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterItsLastResponse() throws IOException {
        try (Socket socket = RawHttp.connect(site.port())) {
            RawHttp.send(socket, "GET /atom.xml HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.read(socket.getInputStream(), false).status()).isEqualTo(200);
            assertThat(RawHttp.closedByServer(socket)).isTrue();
        }
    }
}
