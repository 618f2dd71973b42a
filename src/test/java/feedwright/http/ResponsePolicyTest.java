package feedwright.http;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.feed.FeedFormat;
import feedwright.feed.FeedFormats;
import feedwright.testing.LiveSite;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other shapes of {@code server.cors_origin} and {@code server.noindex}, each written into a copy of the
 * sample site's site.yml and served by the real server.
 */
@Timeout(60)
class ResponsePolicyTest {

    private static final String READER = "http://127.0.0.1:8081";

    @Test
    void oneOriginIsNamedWhoeverAsksAndNothingVaries(@TempDir Path dir) throws Exception {
        try (LiveSite site = serve(dir, "cors_origin: \"" + READER + "\"")) {
            for (String origin : new String[] {READER, "https://elsewhere.example", ""}) {
                HttpResponse<byte[]> ok = site.bytes(origin.isEmpty() ? site.request("/rss.xml")
                        : site.request("/rss.xml").header("Origin", origin));
                assertThat(ok.statusCode()).isEqualTo(200);
                assertThat(CrossOriginTest.accessControlFields(ok.headers())).as(origin).containsOnly(
                        Map.entry("access-control-allow-origin", List.of(READER)),
                        Map.entry("access-control-expose-headers", List.of("ETag, Last-Modified, Link")));
                assertThat(ok.headers().allValues("Vary")).containsExactly("Accept-Encoding");
            }
            HttpResponse<byte[]> notModified = site.bytes("/rss.xml", "Origin", READER,
                    "If-None-Match", site.etag("/rss.xml"));
            assertThat(notModified.statusCode()).isEqualTo(304);
            assertThat(notModified.headers().allValues("Access-Control-Allow-Origin")).containsExactly(READER);
            HttpResponse<String> preflight = preflight(site, "/rss.xml");
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().allValues("Access-Control-Allow-Origin")).containsExactly(READER);
            assertThat(preflight.headers().allValues("Access-Control-Allow-Headers"))
                    .containsExactly("If-None-Match, If-Modified-Since");
        }
    }

    @Test
    void falseSendsNoCorsFieldAtAll(@TempDir Path dir) throws Exception {
        try (LiveSite site = serve(dir, "cors_origin: false")) {
            List<HttpHeaders> answers = new ArrayList<>();
            answers.add(site.bytes("/rss.xml", "Origin", READER).headers());
            answers.add(site.bytes("/rss.xml", "Origin", READER, "If-None-Match", site.etag("/rss.xml")).headers());
            answers.add(site.bytes("/nope.xml", "Origin", READER).headers());
            HttpResponse<String> preflight = preflight(site, "/rss.xml");
            answers.add(preflight.headers());
            for (HttpHeaders headers : answers) {
                assertThat(CrossOriginTest.accessControlFields(headers)).isEmpty();
            }
            // Still an answer to OPTIONS, but one that tells a browser the fetch is not allowed.
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().allValues("Allow")).containsExactly("GET, HEAD, OPTIONS");
        }
    }

    @Test
    void noindexAsksSearchEnginesToLeaveFeedsAndTheOpmlAlone(@TempDir Path dir) throws Exception {
        try (LiveSite site = serve(dir, "noindex: true")) {
            List<String> feeds = new ArrayList<>(List.of("/feeds.opml"));
            for (FeedFormat format : FeedFormats.all()) {
                for (String folder : new String[] {"/", "/tags/%E6%8A%95%E8%B3%87/", "/categories/markets/"}) {
                    feeds.add(folder + format.fileName());
                }
            }
            for (String path : feeds) {
                HttpResponse<byte[]> ok = site.bytes(path);
                assertThat(ok.statusCode()).as(path).isEqualTo(200);
                assertThat(ok.headers().allValues("X-Robots-Tag")).as(path).containsExactly("noindex");
                HttpResponse<byte[]> head = site.bytes(site.request(path)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()));
                assertThat(head.headers().allValues("X-Robots-Tag")).as("HEAD " + path).containsExactly("noindex");
                HttpResponse<byte[]> notModified = site.bytes(path, "If-None-Match",
                        ok.headers().firstValue("ETag").orElseThrow());
                assertThat(notModified.statusCode()).isEqualTo(304);
                assertThat(notModified.headers().allValues("X-Robots-Tag")).as("304 " + path)
                        .containsExactly("noindex");
            }
            // Pages for people, the health check and the 404 are not feeds.
            for (String path : new String[] {"/", "/index.html", "/healthz", "/nope.xml"}) {
                assertThat(site.bytes(path).headers().map()).as(path).doesNotContainKey("x-robots-tag");
            }
        }
    }

    /** Serves a copy of the sample site whose {@code server} section has {@code serverLine} for its default. */
    private static LiveSite serve(Path dir, String serverLine) throws Exception {
        LiveSite.copySample(dir);
        Path config = dir.resolve("feeds-config/site.yml");
        String key = serverLine.substring(0, serverLine.indexOf(':') + 1);
        Matcher written = Pattern.compile("(?m)^  " + Pattern.quote(key) + ".*$")
                .matcher(Files.readString(config, StandardCharsets.UTF_8));
        assertThat(written.find()).as("the sample's site.yml sets " + key).isTrue();
        Files.writeString(config, written.replaceFirst("  " + Matcher.quoteReplacement(serverLine)),
                StandardCharsets.UTF_8);
        return LiveSite.serve(dir, Clock.systemUTC(), FeedServer.Limits.DEFAULTS);
    }

    private static HttpResponse<String> preflight(LiveSite site, String path) {
        return site.send(site.request(path).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .headers("Origin", READER, "Access-Control-Request-Method", "GET",
                        "Access-Control-Request-Headers", "if-none-match"), HttpResponse.BodyHandlers.ofString());
    }
}
