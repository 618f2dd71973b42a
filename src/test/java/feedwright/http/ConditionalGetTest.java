package feedwright.http;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.LiveSite;
import feedwright.testing.RawHttp;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9110 §13: If-None-Match first, If-Modified-Since only without it, and what a 304 carries. */
@Timeout(60)
class ConditionalGetTest {

    private static final String FEED = "/tags/ai/atom.xml";

    @TempDir
    static Path dir;

    private static LiveSite site;
    private static HttpResponse<byte[]> first;
    private static String etag;
    private static String lastModified;

    @BeforeAll
    static void start() throws Exception {
        site = LiveSite.serveSample(dir);
        first = site.bytes(FEED);
        assertThat(first.statusCode()).isEqualTo(200);
        etag = first.headers().firstValue("ETag").orElseThrow();
        lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void theETagOfA200MakesTheNextRequestA304() {
        HttpResponse<byte[]> again = site.bytes(FEED, "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void aNotModifiedResponseCarriesTheValidatorsAndCachingHeadersAndNoBody() {
        HttpResponse<byte[]> notModified = site.bytes(FEED, "If-None-Match", etag);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.headers().allValues("ETag")).containsExactly(etag);
        assertThat(notModified.headers().allValues("Last-Modified")).containsExactly(lastModified);
        assertThat(notModified.headers().allValues("Cache-Control")).containsExactly("public, max-age=300, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400");
        assertThat(notModified.headers().allValues("Vary")).containsExactly("Accept-Encoding");
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.headers().firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void theGzipETagIsRevalidatedByAGzipRequest() {
        HttpResponse<byte[]> gzip = site.bytes(FEED, "Accept-Encoding", "gzip");
        String gzipEtag = gzip.headers().firstValue("ETag").orElseThrow();
        assertThat(site.bytes(FEED, "Accept-Encoding", "gzip", "If-None-Match", gzipEtag).statusCode()).isEqualTo(304);
        // The plain representation is a different variant: its ETag does not validate the gzip one.
        assertThat(site.bytes(FEED, "Accept-Encoding", "gzip", "If-None-Match", etag).statusCode()).isEqualTo(200);
        assertThat(site.bytes(FEED, "If-None-Match", gzipEtag).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"W/%s", "\"other\", %s", "\"a\",%s,\"b\"", "W/\"x\", W/%s", "*"})
    void ifNoneMatchUsesWeakComparisonOverAList(String template) {
        HttpResponse<byte[]> response = site.bytes(FEED, "If-None-Match", template.formatted(etag));
        assertThat(response.statusCode()).as(template).isEqualTo(304);
        assertThat(response.headers().allValues("ETag")).containsExactly(etag);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"other\"", "W/\"other\", \"another\"", "garbage"})
    void anIfNoneMatchThatMatchesNothingGetsTheFullResponse(String header) {
        HttpResponse<byte[]> response = site.bytes(FEED, "If-None-Match", header);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(first.body());
    }

    @Test
    void anETagForAnotherFeedDoesNotValidateThisOne() {
        String otherEtag = site.etag("/rss.xml");
        assertThat(site.bytes(FEED, "If-None-Match", otherEtag).statusCode()).isEqualTo(200);
    }

    @Test
    void ifModifiedSinceAtOrAfterLastModifiedGetsA304() {
        String later = httpDate(parse(lastModified).plusDays(3));
        assertThat(site.bytes(FEED, "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        HttpResponse<byte[]> response = site.bytes(FEED, "If-Modified-Since", later);
        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.headers().allValues("ETag")).containsExactly(etag);
        assertThat(response.headers().allValues("Last-Modified")).containsExactly(lastModified);
    }

    @Test
    void ifModifiedSinceBeforeLastModifiedGetsTheFullResponse() {
        String earlier = httpDate(parse(lastModified).minusSeconds(1));
        HttpResponse<byte[]> response = site.bytes(FEED, "If-Modified-Since", earlier);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(first.body());
    }

    @Test
    void ifModifiedSinceIsIgnoredWhenIfNoneMatchIsPresent() {
        HttpResponse<byte[]> response = site.bytes(FEED, "If-None-Match", "\"stale\"", "If-Modified-Since", lastModified);
        assertThat(response.statusCode()).isEqualTo(200);
        String earlier = httpDate(parse(lastModified).minusDays(1));
        assertThat(site.bytes(FEED, "If-None-Match", etag, "If-Modified-Since", earlier).statusCode()).isEqualTo(304);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2025-11-10T22:10:00Z", "Mon, 99 Nov 2025 99:99:99 GMT", ""})
    void anUnparsableIfModifiedSinceIsIgnored(String date) {
        HttpRequest.Builder request = site.request(FEED).header("If-Modified-Since", date.isEmpty() ? " " : date);
        HttpResponse<byte[]> response = site.bytes(request);
        assertThat(response.statusCode()).as(date).isEqualTo(200);
        assertThat(response.body()).isEqualTo(first.body());
    }

    @Test
    void headIsAlsoConditional() {
        HttpResponse<byte[]> response = site.bytes(site.request(FEED).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("If-None-Match", etag));
        assertThat(response.statusCode()).isEqualTo(304);
    }

    /**
     * RFC 9110 §9.3.2: HEAD gets the header fields GET would get. A 304 has no content whatever the
     * method, so it must not announce chunked framing either (RFC 9112 §6.1).
     */
    @Test
    void aHeadAnsweredNotModifiedHasExactlyTheHeadersOfAGetAnsweredNotModified() throws IOException {
        String conditional = " " + FEED + " HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + etag + "\r\n\r\n";
        RawHttp.Response get = RawHttp.exchange(site.port(), "GET" + conditional);
        try (Socket socket = RawHttp.connect(site.port())) {
            RawHttp.send(socket, ("HEAD" + conditional + "GET" + conditional).getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response head = RawHttp.read(socket.getInputStream(), true);
            RawHttp.Response next = RawHttp.read(socket.getInputStream(), false);

            assertThat(head.status()).isEqualTo(304);
            assertThat(head.headers()).doesNotContainKey("transfer-encoding");
            assertThat(withoutDate(head.headers())).isEqualTo(withoutDate(get.headers()));
            assertThat(next.status()).as("the connection goes on with the next response").isEqualTo(304);
        }
    }

    /** A 304 says whether the connection stays open, for GET and HEAD alike, as a 200 does. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GET  | HTTP/1.1 | Connection: close      | close",
        "HEAD | HTTP/1.1 | Connection: close      | close",
        "GET  | HTTP/1.0 | Connection: keep-alive | keep-alive",
        "HEAD | HTTP/1.0 | Connection: keep-alive | keep-alive",
        "GET  | HTTP/1.0 | X-Nothing: 1           | close",
        "HEAD | HTTP/1.0 | X-Nothing: 1           | close"})
    void aNotModifiedResponseSaysWhetherTheConnectionStaysOpen(String method, String version, String field,
                                                               String connection) throws IOException {
        String conditional = method + " " + FEED + " " + version + "\r\nHost: x\r\nIf-None-Match: " + etag + "\r\n"
                + field + "\r\n\r\n";
        try (Socket socket = RawHttp.connect(site.port())) {
            RawHttp.send(socket, conditional.getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response notModified = RawHttp.read(socket.getInputStream(), method.equals("HEAD"));
            assertThat(notModified.status()).isEqualTo(304);
            assertThat(notModified.headers().get("connection")).as(conditional).containsExactly(connection);
            assertThat(RawHttp.answersAgain(socket)).as("the connection stays open").isEqualTo(connection.equals("keep-alive"));
        }
    }

    private static Map<String, List<String>> withoutDate(Map<String, List<String>> headers) {
        Map<String, List<String>> map = new TreeMap<>(headers);
        map.remove("date");
        return map;
    }

    private static ZonedDateTime parse(String httpDate) {
        return ZonedDateTime.parse(httpDate, DateTimeFormatter.RFC_1123_DATE_TIME);
    }

    private static String httpDate(ZonedDateTime time) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(time);
    }
}
