package feedwright.http;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.ServedSample;
import feedwright.testing.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests a browser or feed reader would never send, written by hand on a socket: each gets a 4xx,
 * never a 500 and never the contents of a file; and the server keeps answering afterwards.
 */
@Timeout(60)
class HostileRequestTest extends ServedSample {

    @AfterEach
    void theServerStillAnswers() {
        assertThat(site.get("/rss.xml").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/../feeds-config/site.yml", "/../../../../etc/passwd", "/tags/../rss.xml", "/./rss.xml", "/tags/ai/./rss.xml",
        "/%2e%2e/feeds-config/site.yml", "/%2e%2e%2ffeeds-config%2fsite.yml", "/..%2f..%2fetc%2fpasswd",
        "/%2E%2E/%2E%2E/etc/passwd", "/tags%2fai%2frss.xml", "/tags/ai%2Frss.xml", "/%5c..%5cfeeds-config%5csite.yml",
        "/..\\..\\etc\\passwd", "/rss.xml%00", "/rss.xml%00.html", "/%00", "/rss%0d%0aSet-Cookie:%20x=1",
        "/%", "/%zz", "/rss.xml%", "/%E6%8A", "/%c0%ae%c0%ae/etc/passwd", "/tags/%ff%fe/rss.xml"})
    void hostilePathsGetA4xxAndNoFile(String path) throws IOException {
        RawHttp.Response response = RawHttp.exchange(site.port(),
                "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertClientError(path, response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/" + "a", "/tags/" + "x"})
    void aPathOverTheLengthLimitIsRefused(String prefix) throws IOException {
        String path = prefix + "/x".repeat(RequestGuard.MAX_PATH_LENGTH);
        RawHttp.Response response = RawHttp.exchange(site.port(),
                "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertClientError(path, response);
    }

    @Test
    void rawNonAsciiBytesInThePathAreRefused() throws IOException {
        byte[] request = "GET /tags/投資/rss.xml HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.UTF_8);
        assertClientError("raw UTF-8", RawHttp.exchange(site.port(), request));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET /rss.xml HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
        "GET /rss.xml HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        "HEAD /rss.xml HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
        "GET /rss.xml HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n",
        "GET /rss.xml HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\nConnection: close\r\n\r\n",
        "GET /rss.xml HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\nConnection: close\r\n\r\n"})
    void requestsWithBodiesAreRefused(String request) throws IOException {
        assertClientError(request.lines().findFirst().orElseThrow(), RawHttp.exchange(site.port(), request));
    }

    @Test
    void aGetWithAnEmptyBodyIsServed() throws IOException {
        RawHttp.Response response = RawHttp.exchange(site.port(),
                "GET /rss.xml HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertThat(response.status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GARBAGE\r\n\r\n", "GET\r\n\r\n", "GET /rss.xml\r\n\r\n", "GET /rss.xml HTTX/1.1\r\nHost: x\r\n\r\n",
        "GET  /rss.xml HTTP/1.1\r\nHost: x\r\n\r\n", "GET /rss.xml HTTP/1.1\r\nBad Header\r\n\r\n",
        "GET /rss.xml HTTP/1.1\r\nHost: x\r\n Folded: yes\r\n\r\n", "\u0000\u0001\u0002\r\n\r\n",
        "CONNECT localhost:22 HTTP/1.1\r\nHost: localhost:22\r\n\r\n",
        "GET /rss.xml HTTP/1.1\r\n\r\n"})
    void malformedRequestsGetA4xx(String request) throws IOException {
        assertClientError(request.lines().findFirst().orElse(""), RawHttp.exchange(site.port(), request));
    }

    @Test
    void anHttp10RequestWithoutHostIsServedAndTheConnectionClosed() throws IOException {
        try (Socket socket = RawHttp.connect(site.port())) {
            RawHttp.send(socket, "GET /rss.xml HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response response = RawHttp.read(socket.getInputStream(), false);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.statusLine()).startsWith("HTTP/1.0 200");
            assertThat(response.body()).isEqualTo(site.bytes("/rss.xml").body());
            assertThat(RawHttp.closedByServer(socket)).isTrue();
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        String request = "GET /rss.xml HTTP/1.1\r\nHost: x\r\n\r\n"
                + "HEAD /atom.xml HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /feeds.opml HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + site.etag("/feeds.opml") + "\r\n\r\n"
                + "GET /atom.xml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        try (Socket socket = RawHttp.connect(site.port())) {
            RawHttp.send(socket, request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            RawHttp.Response rss = RawHttp.read(in, false);
            RawHttp.Response head = RawHttp.read(in, true);
            RawHttp.Response missing = RawHttp.read(in, false);
            RawHttp.Response notModified = RawHttp.read(in, false);
            RawHttp.Response atom = RawHttp.read(in, false);
            assertThat(rss.status()).isEqualTo(200);
            assertThat(rss.body()).isEqualTo(site.bytes("/rss.xml").body());
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Type")).contains("application/atom+xml; charset=utf-8");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.text()).isEqualTo("not found\n");
            assertThat(notModified.status()).isEqualTo(304);
            assertThat(atom.status()).isEqualTo(200);
            assertThat(atom.body()).isEqualTo(site.bytes("/atom.xml").body());
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    /**
     * RFC 9112 §9.6: {@code close} among the connection options, in any field line and any case, means
     * the connection ends after this response.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Connection: keep-alive, close", "Connection: close, keep-alive", "Connection: Keep-Alive,CLOSE",
        "Connection: keep-alive\r\nConnection: close", "Connection: TE, close"})
    void closeAmongTheConnectionOptionsEndsTheConnectionAfterTheResponse(String fields) throws IOException {
        try (Socket socket = RawHttp.connect(site.port())) {
            RawHttp.send(socket, ("GET /rss.xml HTTP/1.1\r\nHost: x\r\n" + fields + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response response = RawHttp.read(socket.getInputStream(), false);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Connection")).as(fields).contains("close");
            assertThat(RawHttp.answersAgain(socket)).as("a second request on the connection is answered").isFalse();
        }
    }

    private static void assertClientError(String what, RawHttp.Response response) {
        assertThat(response.status()).as("%s -> %s", what, response.statusLine()).isBetween(400, 499);
        String body = response.text();
        assertThat(body).as(what).doesNotContain("root:").doesNotContain("base_url").doesNotContain("max_age")
                .doesNotContain("<rss").doesNotContain("<feed");
        assertThat(body.length()).as(what).isLessThan(200);
    }
}
