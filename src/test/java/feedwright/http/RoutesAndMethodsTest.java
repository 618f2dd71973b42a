package feedwright.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import feedwright.testing.ServedSample;
import feedwright.testing.RawHttp;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which paths exist, what HEAD and the other methods get, and the health endpoint. */
@Timeout(60)
class RoutesAndMethodsTest extends ServedSample {

    @ParameterizedTest
    @ValueSource(strings = {"/rss.xml", "/tags/ai/atom.xml", "/feeds.opml", "/index.html", "/"})
    void headHasTheSameHeadersAsGetAndNoBody(String path) {
        for (String encoding : new String[] {"identity", "gzip"}) {
            HttpResponse<byte[]> get = site.bytes(path, "Accept-Encoding", encoding);
            HttpResponse<byte[]> head = site.bytes(site.request(path).header("Accept-Encoding", encoding)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()));
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(withoutDate(head.headers())).as(path + " " + encoding).isEqualTo(withoutDate(get.headers()));
            assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(get.body().length);
            assertThat(head.body()).isEmpty();
        }
    }

    @Test
    void headSendsNoBodyOnTheWire() throws IOException {
        RawHttp.Response head = RawHttp.exchange(site.port(),
                "HEAD /rss.xml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length").map(Long::parseLong)).hasValueSatisfying(n -> assertThat(n).isPositive());
        assertThat(head.body()).isEmpty(); // read to the end of the stream: nothing followed the headers
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "TRACE", "PROPFIND", "BREW"})
    void otherMethodsAreNotAllowed(String method) {
        for (String path : new String[] {"/rss.xml", "/healthz", "/no/such/feed.xml"}) {
            HttpResponse<String> response = site.send(site.request(path)
                    .method(method, HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path).isEqualTo(405);
            assertThat(response.headers().allValues("Allow")).containsExactly("GET, HEAD, OPTIONS");
        }
    }

    @Test
    void aPostWithABodyIsNotAllowedEither() {
        HttpResponse<String> response = site.send(site.request("/rss.xml")
                .POST(HttpRequest.BodyPublishers.ofString("<rss/>")), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().allValues("Allow")).containsExactly("GET, HEAD, OPTIONS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/rss", "/rss.xml/", "/RSS.XML", "/tags/", "/tags/ai/", "/tags/no-such-tag/rss.xml",
        "/categories/markets/rss.json", "/index.htm", "/public/rss.xml", "/posts/2025-09-01-other.md",
        "/feeds-config/site.yml", "//rss"})
    void unknownPathsGetA404WithAShortTextBody(String path) {
        HttpResponse<String> response = site.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
        assertThat(response.body()).isEqualTo("not found\n");
    }

    @Test
    void runsOfSlashesAreMergedAsNginxMergesThem() {
        HttpResponse<byte[]> merged = site.bytes("//tags///ai//rss.xml");
        assertThat(merged.statusCode()).isEqualTo(200);
        assertThat(merged.body()).isEqualTo(site.bytes("/tags/ai/rss.xml").body());
    }

    @Test
    void theRootAndIndexHtmlServeTheSameIndexPage() {
        HttpResponse<byte[]> root = site.bytes("/");
        HttpResponse<byte[]> index = site.bytes("/index.html");
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.body()).isEqualTo(index.body());
        assertThat(new String(root.body(), StandardCharsets.UTF_8)).contains("<html").contains("/rss.xml");
    }

    @Test
    void theOpmlListsEveryFeed() {
        String opml = site.get("/feeds.opml").body();
        assertThat(opml).startsWith("<?xml").contains("<opml");
        assertThat(opml.split("xmlUrl=", -1).length - 1).isEqualTo(site.current().get().feeds());
    }

    @Test
    void aPercentEncodedUnicodeTagPathFindsItsFeed() {
        HttpResponse<String> response = site.get("/tags/%E6%8A%95%E8%B3%87/rss.xml");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("投資").contains("<rss");
        assertThat(site.get("/categories/%E6%8A%95%E8%B3%87%E5%88%86%E6%9E%90/atom.xml").statusCode()).isEqualTo(200);
        assertThat(site.get("/tags/%e6%8a%95%e8%b3%87/atom.xml").statusCode()).isEqualTo(200);
    }

    @Test
    void healthReportsPostsFeedsProblemsAndTheBuildTime() throws IOException {
        HttpResponse<String> response = site.get("/healthz");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        Map<String, String> fields = topLevelFields(response.body());
        assertThat(fields).containsEntry("status", "ok").containsEntry("posts", "14").containsEntry("feeds", "34")
                .containsEntry("problems", "11").containsEntry("errors", "0");
        assertThat(Instant.parse(fields.get("builtAt"))).isEqualTo(site.current().get().builtAt());
        assertThat(response.body()).contains("posts/2025-07-09-semiconductor-supply.md");
    }

    @Test
    void queryStringsDoNotChangeWhichFeedIsServed() {
        HttpResponse<byte[]> plain = site.bytes("/rss.xml");
        HttpResponse<byte[]> busted = site.bytes("/rss.xml?t=1700000000&format=rss");
        assertThat(busted.statusCode()).isEqualTo(200);
        assertThat(busted.body()).isEqualTo(plain.body());
    }

    private static Map<String, List<String>> withoutDate(HttpHeaders headers) {
        Map<String, List<String>> map = new TreeMap<>(headers.map());
        map.remove("date");
        return map;
    }

    /** The scalar members of a JSON object, as text. */
    private static Map<String, String> topLevelFields(String json) throws IOException {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value.isScalarValue()) {
                    fields.put(name, parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
        }
        return fields;
    }
}
