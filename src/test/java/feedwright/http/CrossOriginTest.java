package feedwright.http;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.RawHttp;
import feedwright.testing.ServedSample;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CORS on the sample site with the default {@code server.cors_origin} ({@code *}): the fields of 200, 304,
 * HEAD and 404, the preflight and the plain {@code OPTIONS}, and what {@code /healthz} and refusals leave out.
 */
@Timeout(60)
class CrossOriginTest extends ServedSample {

    private static final String ORIGIN = "http://127.0.0.1:9";
    private static final List<String> PREFLIGHT_FIELDS = List.of("access-control-allow-methods",
            "access-control-allow-headers", "access-control-max-age");

    @Test
    void everyResourceMayBeReadFromAnyOriginWithItsValidators() {
        for (String path : paths()) {
            for (String encoding : new String[] {"identity", "gzip"}) {
                HttpResponse<byte[]> response = site.bytes(path, "Origin", ORIGIN, "Accept-Encoding", encoding);
                assertThat(response.statusCode()).as(path).isEqualTo(200);
                assertCorsFields(path, response.headers());
                // The answer does not depend on Origin, so it varies only by encoding.
                assertThat(response.headers().allValues("Vary")).as(path).containsExactly("Accept-Encoding");
            }
        }
    }

    @Test
    void theFieldsAreTheSameWithoutAnOrigin() {
        assertCorsFields("/rss.xml", site.bytes("/rss.xml").headers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/rss.xml", "/atom.xml", "/feed.json", "/tags/%E6%8A%95%E8%B3%87/atom.xml", "/feeds.opml",
        "/"})
    void aNotModifiedAnswerCarriesThemToo(String path) {
        String etag = site.etag(path);
        HttpResponse<byte[]> byTag = site.bytes(path, "Origin", ORIGIN, "If-None-Match", etag);
        assertThat(byTag.statusCode()).isEqualTo(304);
        assertCorsFields(path, byTag.headers());
        assertThat(byTag.headers().firstValue("ETag")).contains(etag);
        String lastModified = byTag.headers().firstValue("Last-Modified").orElseThrow();
        HttpResponse<byte[]> byDate = site.bytes(path, "Origin", ORIGIN, "If-Modified-Since", lastModified);
        assertThat(byDate.statusCode()).isEqualTo(304);
        assertCorsFields(path, byDate.headers());
    }

    @Test
    void headCarriesThemToo() {
        HttpResponse<byte[]> head = site.bytes(site.request("/atom.xml").header("Origin", ORIGIN)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertCorsFields("/atom.xml", head.headers());
    }

    @Test
    void aMissingFeedSaysSoToAnotherOrigin() {
        HttpResponse<String> missing = site.send(site.request("/tags/no-such-tag/rss.xml").header("Origin", ORIGIN),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertCorsFields("404", missing.headers());
        assertThat(missing.body()).isEqualTo("not found\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/rss.xml", "/atom.xml", "/feed.json", "/categories/markets/rss.xml", "/feeds.opml",
        "/index.html", "/"})
    void aPreflightForAConditionalGetIsAllowed(String path) throws IOException {
        RawHttp.Response answer = RawHttp.exchange(site.port(), "OPTIONS " + path + " HTTP/1.1\r\nHost: x\r\n"
                + "Origin: " + ORIGIN + "\r\nAccess-Control-Request-Method: GET\r\n"
                + "Access-Control-Request-Headers: if-none-match\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).as(path).isEqualTo(204);
        assertThat(answer.headers()).as(path).containsOnlyKeys("allow", "access-control-allow-origin",
                "access-control-expose-headers", "access-control-allow-methods", "access-control-allow-headers",
                "access-control-max-age", "date", "connection");
        assertThat(answer.header("Access-Control-Allow-Origin")).contains("*");
        assertThat(answer.header("Access-Control-Allow-Methods")).contains("GET, HEAD");
        assertThat(answer.header("Access-Control-Allow-Headers")).contains("If-None-Match, If-Modified-Since");
        assertThat(answer.header("Access-Control-Max-Age")).contains("86400");
        assertThat(answer.header("Allow")).contains("GET, HEAD, OPTIONS");
        assertThat(answer.header("Connection")).contains("close"); // as asked, and said (RFC 9112 §9.6)
        assertThat(answer.body()).isEmpty(); // read to the end of the stream: a 204 has no content
    }

    @Test
    void aPreflightForAnotherMethodIsToldOnlyGetAndHead() {
        HttpResponse<String> answer = options("/rss.xml", "Origin", ORIGIN, "Access-Control-Request-Method", "DELETE");
        assertThat(answer.statusCode()).isEqualTo(204);
        assertThat(answer.headers().allValues("Access-Control-Allow-Methods")).containsExactly("GET, HEAD");
    }

    @Test
    void aPlainOptionsRequestIsToldTheMethods() {
        for (String[] headers : new String[][] {{}, {"Origin", ORIGIN}}) {
            HttpResponse<String> answer = options("/rss.xml", headers);
            assertThat(answer.statusCode()).isEqualTo(204);
            assertThat(answer.headers().allValues("Allow")).containsExactly("GET, HEAD, OPTIONS");
            assertThat(answer.headers().allValues("Access-Control-Allow-Origin")).containsExactly("*");
            assertThat(answer.headers().map()).doesNotContainKeys(PREFLIGHT_FIELDS.toArray(String[]::new));
            assertThat(answer.headers().firstValue("Content-Length")).isEmpty();
            assertThat(answer.body()).isEmpty();
        }
    }

    @Test
    void optionsOnAnUnknownPathIsA404AsGetIs() {
        for (String[] headers : new String[][] {{}, {"Origin", ORIGIN, "Access-Control-Request-Method", "GET"}}) {
            HttpResponse<String> answer = options("/tags/no-such-tag/rss.xml", headers);
            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(answer.body()).isEqualTo("not found\n");
            assertThat(answer.headers().map()).doesNotContainKeys(PREFLIGHT_FIELDS.toArray(String[]::new));
        }
    }

    @Test
    void optionsStarAsksAboutTheServer() throws IOException {
        RawHttp.Response answer = RawHttp.exchange(site.port(),
                "OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.header("Allow")).contains("GET, HEAD, OPTIONS");
        assertThat(answer.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(answer.body()).isEmpty();
    }

    @Test
    void optionsWithABodyIsRefusedAsGetWithABodyIs() throws IOException {
        RawHttp.Response answer = RawHttp.exchange(site.port(), "OPTIONS /rss.xml HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: 5\r\nConnection: close\r\n\r\nhello");
        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void theHealthEndpointIsNotForOtherOrigins() {
        HttpResponse<String> health = site.send(site.request("/healthz").header("Origin", ORIGIN),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(accessControlFields(health.headers())).isEmpty();
        HttpResponse<String> preflight = options("/healthz", "Origin", ORIGIN, "Access-Control-Request-Method", "GET");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().allValues("Allow")).containsExactly("GET, HEAD, OPTIONS");
        assertThat(accessControlFields(preflight.headers())).isEmpty();
    }

    @Test
    void refusedMethodsGetNoCorsFields() {
        HttpResponse<String> refused = site.send(site.request("/rss.xml").header("Origin", ORIGIN)
                .method("DELETE", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(405);
        assertThat(refused.headers().allValues("Allow")).containsExactly("GET, HEAD, OPTIONS");
        assertThat(accessControlFields(refused.headers())).isEmpty();
    }

    @Test
    void noResourceAsksSearchEnginesToStayAwayByDefault() {
        for (String path : paths()) {
            assertThat(site.bytes(path).headers().map()).as(path).doesNotContainKey("x-robots-tag");
        }
    }

    /** The two fields of every answer about a resource, and never a credentials field. */
    static void assertCorsFields(String what, HttpHeaders headers) {
        assertThat(accessControlFields(headers)).as(what).containsOnly(
                Map.entry("access-control-allow-origin", List.of("*")),
                Map.entry("access-control-expose-headers", List.of("ETag, Last-Modified, Link")));
    }

    static Map<String, List<String>> accessControlFields(HttpHeaders headers) {
        return headers.map().entrySet().stream().filter(field -> field.getKey().startsWith("access-control-"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static HttpResponse<String> options(String path, String... headers) {
        HttpRequest.Builder request = site.request(path).method("OPTIONS", HttpRequest.BodyPublishers.noBody());
        return site.send(headers.length == 0 ? request : request.headers(headers),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Every path of the snapshot, percent-encoded as a client sends it. */
    private static Set<String> paths() {
        return site.current().get().resources().keySet().stream().map(FeedHeadersTest::encode)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
