package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import feedwright.testing.CliRun;
import feedwright.testing.TestSite;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site that names hubs advertises them (WebSub §4): every feed response, 200, 304 and HEAD alike, carries
 * {@code Link: <hub>; rel="hub"} for each and exactly one {@code Link: <feed URL>; rel="self"}, and the
 * documents say the same (RSS and Atom {@code atom:link rel="hub"}, JSON Feed {@code hubs}); pages get none,
 * and a site without a hub gets none at all.
 */
@Timeout(60)
class HubLinksTest {

    private static final String EXTERNAL = "https://hub.example.net/";
    private static final String BUILT_IN = "https://example.org/blog/hub";
    private static final String FEED = "/tags/alpha/rss.xml";
    private static final String SELF = "https://example.org/blog/tags/alpha/rss.xml";
    private static final Pattern ATOM_LINK = Pattern.compile("<(?:atom:)?link ([^>]*)/>");

    @TempDir
    Path site;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyFeedResponseNamesTheHubsAndItselfOnA200A304AndAHead() throws Exception {
        writeSite("websub:\n  builtin_hub: true\n  hubs: [\"" + EXTERNAL + "\"]\n");
        List<String> expected = List.of("<" + BUILT_IN + ">; rel=\"hub\"", "<" + EXTERNAL + ">; rel=\"hub\"",
                "<" + SELF + ">; rel=\"self\"");
        try (ServeRun serve = serve()) {
            HttpResponse<byte[]> ok = serve.get(FEED);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().allValues("Link")).as("the built-in hub first, then websub.hubs, then self")
                    .containsExactlyElementsOf(expected);
            assertThat(atomLinks(new String(ok.body(), StandardCharsets.UTF_8))).as("serve's documents name its hub")
                    .containsExactly("href=\"" + SELF + "\" rel=\"self\" type=\"application/rss+xml\"",
                            "href=\"" + BUILT_IN + "\" rel=\"hub\"", "href=\"" + EXTERNAL + "\" rel=\"hub\"");

            HttpResponse<byte[]> notModified = serve.get(FEED, "If-None-Match", ok.headers().firstValue("ETag").orElseThrow());
            assertThat(notModified.statusCode()).isEqualTo(304);
            assertThat(notModified.headers().allValues("Link")).containsExactlyElementsOf(expected);

            HttpResponse<Void> head = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.port() + FEED))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().allValues("Link")).containsExactlyElementsOf(expected);

            HttpResponse<byte[]> gzip = serve.get("/tags/alpha/feed.json", "Accept-Encoding", "gzip");
            assertThat(gzip.headers().firstValue("Content-Encoding")).contains("gzip");
            assertThat(gzip.headers().allValues("Link")).filteredOn(link -> link.endsWith("rel=\"self\""))
                    .containsExactly("<https://example.org/blog/tags/alpha/feed.json>; rel=\"self\"");

            for (String page : List.of("/", "/index.html", "/feeds.opml", "/tags/alpha/feed.html")) {
                HttpResponse<byte[]> response = serve.get(page);
                assertThat(response.statusCode()).as(page).isEqualTo(200);
                assertThat(response.headers().allValues("Link")).as(page + ": not a feed").isEmpty();
            }
        }
    }

    @Test
    void builtDocumentsNameTheHubsBesideTheirSelfLinkButNoBuiltInHubNoStaticHostRuns(@TempDir Path out)
            throws Exception {
        writeSite("websub:\n  builtin_hub: true\n  hubs: [\"" + EXTERNAL + "\"]\n");
        build(out);

        assertThat(atomLinks(Files.readString(out.resolve("tags/alpha/rss.xml")))).containsExactly(
                "href=\"" + SELF + "\" rel=\"self\" type=\"application/rss+xml\"",
                "href=\"" + EXTERNAL + "\" rel=\"hub\"");
        assertThat(atomLinks(Files.readString(out.resolve("tags/alpha/atom.xml")))).containsExactly(
                "rel=\"alternate\" type=\"text/html\" href=\"https://example.org/blog/\"",
                "rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org/blog/tags/alpha/atom.xml\"",
                "rel=\"hub\" href=\"" + EXTERNAL + "\"");
        assertThat(jsonHubs(Files.readString(out.resolve("tags/alpha/feed.json"))))
                .containsExactly("WebSub " + EXTERNAL);
    }

    @Test
    void aSiteWithoutAHubNamesNoneAnywhere(@TempDir Path out) throws Exception {
        writeSite("");
        build(out);
        assertThat(atomLinks(Files.readString(out.resolve("tags/alpha/rss.xml")))).noneMatch(l -> l.contains("hub"));
        assertThat(Files.readString(out.resolve("tags/alpha/atom.xml"))).doesNotContain("rel=\"hub\"");
        assertThat(Files.readString(out.resolve("tags/alpha/feed.json"))).doesNotContain("\"hubs\"");
        try (ServeRun serve = serve()) {
            HttpResponse<byte[]> ok = serve.get(FEED);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().allValues("Link")).isEmpty();
            assertThat(ok.body()).isEqualTo(Files.readAllBytes(out.resolve("tags/alpha/rss.xml")));
        }
    }

    @Test
    void aPublishedFolderIsServedWithTheLinksOfTheSiteSettings(@TempDir Path out) throws Exception {
        writeSite("websub:\n  hubs: [\"" + EXTERNAL + "\"]\n");
        build(out);
        try (ServeRun serve = ServeRun.start("serve", "--site", site.toString(), "--published", out.toString(),
                "--port", "0")) {
            assertThat(serve.get(FEED).headers().allValues("Link"))
                    .containsExactly("<" + EXTERNAL + ">; rel=\"hub\"", "<" + SELF + ">; rel=\"self\"");
            assertThat(serve.err()).contains("note: with --published, serve tells the hubs of websub.hubs nothing");
        }
    }

    private void writeSite(String websub) {
        TestSite.create(site, TestSite.CONFIG + websub).post("2025-03-01-alpha.md",
                TestSite.taggedPost("Alpha", "2025-03-01", "[alpha]", "First words."));
    }

    private ServeRun serve() {
        return ServeRun.start("serve", "--site", site.toString(), "--port", "0");
    }

    private void build(Path out) {
        CliRun run = CliRun.run("build", "--site", site.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.transcript()).isZero();
    }

    /** The attributes of each {@code atom:link} (or Atom {@code link}) of the feed's head, as written. */
    private static List<String> atomLinks(String xml) {
        String head = xml.contains("<item>") ? xml.substring(0, xml.indexOf("<item>"))
                : xml.substring(0, Math.max(0, xml.indexOf("<entry>")));
        List<String> links = new ArrayList<>();
        Matcher matcher = ATOM_LINK.matcher(head);
        while (matcher.find()) {
            links.add(matcher.group(1).strip());
        }
        return links;
    }

    /** {@code type url} of each of JSON Feed's {@code hubs}. */
    private static List<String> jsonHubs(String json) throws IOException {
        List<String> hubs = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(json.getBytes(StandardCharsets.UTF_8))) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("hubs")) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        String type = null;
                        String url = null;
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String field = parser.currentName();
                            parser.nextToken();
                            if (field.equals("type")) {
                                type = parser.getText();
                            } else if (field.equals("url")) {
                                url = parser.getText();
                            }
                        }
                        hubs.add(type + " " + url);
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        return hubs;
    }
}
