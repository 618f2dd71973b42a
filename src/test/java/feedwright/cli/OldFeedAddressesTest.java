package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.feed.Redirect;
import feedwright.snapshot.BuildManifest;
import feedwright.testing.CliRun;
import feedwright.testing.TestSite;
import java.io.ByteArrayInputStream;
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
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Old feed addresses ({@code aliases}, {@code jekyll_feed_aliases}, {@code alias_copies}) through the real
 * command line: what {@code check} warns of, what the real server answers to a real HTTP client, and what
 * {@code build} writes for a static host.
 */
@Timeout(120)
class OldFeedAddressesTest {

    private static final String CACHE_CONTROL = "public, max-age=300, s-maxage=300, stale-while-revalidate=60,"
            + " stale-if-error=86400";
    private static final String BASE = "https://example.org/blog/";
    /** 投資分析, as a client sends it. */
    private static final String ENCODED = "%E6%8A%95%E8%B3%87%E5%88%86%E6%9E%90";

    private static final String ALIASES = """
            jekyll_feed_aliases: true
            aliases:
              /old/feed.xml: /feed.xml
              /atom.xml: /rss.xml
              /gone.xml: /tags/none/atom.xml
            """;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path siteDir;

    @TempDir
    Path out;

    TestSite site;

    @BeforeEach
    void siteWithJapaneseCategoryAndTwoSpellingsOfOneTag() {
        site = TestSite.create(siteDir, TestSite.CONFIG + ALIASES)
                .post("2025-03-01-first.md", post("First", "投資分析", "[AI]"))
                .post("2025-03-02-second.md", post("Second", "notes", "[ai, rust]"));
    }

    @Test
    void checkWarnsOfAnAliasThatShadowsAFeedAndOfOneThatLeadsNowhere() {
        CliRun check = CliRun.run("check", "--site", siteDir.toString());

        assertThat(check.exitCode()).as(check.transcript()).isZero();
        assertThat(check.problems()).filteredOn(line -> line.startsWith("feeds-config/")).containsExactly(
                "feeds-config/site.yml:10:3: warning: aliases: /atom.xml is a path the site serves itself, "
                        + "which wins; its redirect to /rss.xml is dropped",
                "feeds-config/site.yml:11:3: warning: aliases: /gone.xml redirects to /tags/none/atom.xml, "
                        + "which the site does not serve; dropped");
    }

    @Test
    void serveAnswersEachOldAddressWithOneCacheablePermanentRedirectForGetAndHead() throws Exception {
        try (ServeRun server = ServeRun.start("serve", "--site", siteDir.toString(), "--port", "0", "--no-watch")) {
            int port = server.port();
            for (String method : List.of("GET", "HEAD")) {
                assertRedirect(send(port, method, "/feed.xml"), BASE + "atom.xml");
                assertRedirect(send(port, method, "/old/feed.xml"), BASE + "atom.xml"); // not via /feed.xml
                assertRedirect(send(port, method, "/feed/" + ENCODED + ".xml"),
                        BASE + "categories/" + ENCODED + "/atom.xml");
                assertRedirect(send(port, method, "/feed/by_tag/AI.xml"), BASE + "tags/ai/atom.xml");
                assertRedirect(send(port, method, "/feed/by_tag/ai.xml"), BASE + "tags/ai/atom.xml");
            }
            HttpResponse<byte[]> real = send(port, "GET", "/atom.xml");
            assertThat(real.statusCode()).as("the real path wins").isEqualTo(200);
            assertThat(new String(real.body(), StandardCharsets.UTF_8)).contains("<feed");

            HttpResponse<byte[]> missing = send(port, "GET", "/gone.xml");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(missing.headers().firstValue("Location")).isEmpty();
            assertThat(new String(missing.body(), StandardCharsets.UTF_8)).isEqualTo("not found\n");

            HttpResponse<byte[]> post = send(port, "POST", "/feed.xml");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD, OPTIONS");
            HttpResponse<byte[]> options = send(port, "OPTIONS", "/feed.xml");
            assertThat(options.statusCode()).isEqualTo(204);
            assertThat(options.headers().firstValue("Allow")).contains("GET, HEAD, OPTIONS");
        }
    }

    /**
     * A Jekyll site whose {@code url} ends in '/' published {@code https://example.org//feed.xml}, as Jekyll joins
     * {@code url} and a path: the feeds' root holds two slashes. serve merges them as nginx does, so the old address
     * redirects and the feed it names answers; the nginx file names the path nginx matches, slashes merged.
     */
    @Test
    void aFeedRootWithTwoSlashesIsAnsweredAsNginxAnswersIt() throws Exception {
        site.write("feeds-config/site.yml", (TestSite.CONFIG.replace("base_url: https://example.org/blog/",
                "base_url: https://example.org//") + "jekyll_feed_aliases: true\n").getBytes(StandardCharsets.UTF_8));

        try (ServeRun server = ServeRun.start("serve", "--site", siteDir.toString(), "--port", "0", "--no-watch")) {
            assertRedirect(send(server.port(), "GET", "//feed.xml"), "https://example.org//atom.xml");
            HttpResponse<byte[]> feed = send(server.port(), "GET", "//atom.xml");
            assertThat(feed.statusCode()).isEqualTo(200);
            assertThat(new String(feed.body(), StandardCharsets.UTF_8))
                    .contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org//atom.xml\"");
        }
        build();
        assertThat(Files.readString(out.resolve("feedwright-redirects.conf"), StandardCharsets.UTF_8))
                .contains("location = \"/feed.xml\" { return 301 \"https://example.org//atom.xml\"; }\n")
                .doesNotContain("location = \"//");
    }

    @Test
    void buildWritesTheNginxRedirectsAndACopyOfEachTargetListedInTheManifest() throws IOException {
        // /feed is also the folder of jekyll-feed's category feeds: it gets its redirect but no copy.
        site.write("feeds-config/site.yml", (TestSite.CONFIG + ALIASES + "  /feed: /rss.xml\nalias_copies: true\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(build("--gzip").out()).contains("Wrote 8 redirects of old feed addresses to the feeds that replaced them: "
                + "feedwright-redirects.conf for nginx, and a copy of the feed at each old address that can hold a file\n");

        assertThat(Files.readString(out.resolve("feedwright-redirects.conf"), StandardCharsets.UTF_8)).isEqualTo("""
                # Written by `feedwright build`, which replaces it on every build: the site's old feed
                # addresses, each answered with a permanent redirect to the feed that replaced it.
                # Include it in the server block of the host that answers feed_base_url; the paths below are
                # from that host's root (README, "Old feed addresses"):
                #   include /path/to/this/folder/feedwright-redirects.conf;
                location = "/blog/feed" { return 301 "https://example.org/blog/rss.xml"; }
                location = "/blog/feed.xml" { return 301 "https://example.org/blog/atom.xml"; }
                location = "/blog/feed/by_tag/AI.xml" { return 301 "https://example.org/blog/tags/ai/atom.xml"; }
                location = "/blog/feed/by_tag/ai.xml" { return 301 "https://example.org/blog/tags/ai/atom.xml"; }
                location = "/blog/feed/by_tag/rust.xml" { return 301 "https://example.org/blog/tags/rust/atom.xml"; }
                location = "/blog/feed/notes.xml" { return 301 "https://example.org/blog/categories/notes/atom.xml"; }
                location = "/blog/feed/投資分析.xml" { return 301 "https://example.org/blog/categories/%s/atom.xml"; }
                location = "/blog/old/feed.xml" { return 301 "https://example.org/blog/atom.xml"; }
                """.formatted(ENCODED));
        byte[] atom = Files.readAllBytes(out.resolve("tags/ai/atom.xml"));
        assertThat(Files.readAllBytes(out.resolve("feed/by_tag/AI.xml"))).isEqualTo(atom);
        assertThat(Files.readAllBytes(out.resolve("feed/by_tag/ai.xml"))).isEqualTo(atom);
        assertThat(gunzip(out.resolve("feed/by_tag/ai.xml.gz"))).isEqualTo(atom);
        assertThat(Files.readAllBytes(out.resolve("feed/投資分析.xml")))
                .isEqualTo(Files.readAllBytes(out.resolve("categories/投資分析/atom.xml")));

        BuildManifest manifest = manifest();
        assertThat(manifest.files().get("/feed/by_tag/AI.xml")).isEqualTo(manifest.files().get("/tags/ai/atom.xml"));
        assertThat(manifest.files()).containsKeys("/feed.xml", "/old/feed.xml", "/feed/投資分析.xml");
        assertThat(manifest.files()).doesNotContainKey("/feed");
        assertThat(out.resolve("feed")).isDirectory();
        assertThat(manifest.redirects()).hasSize(8)
                .containsEntry("/old/feed.xml", new Redirect("/atom.xml", BASE + "atom.xml"))
                .containsEntry("/feed/投資分析.xml", new Redirect("/categories/投資分析/atom.xml",
                        BASE + "categories/" + ENCODED + "/atom.xml"));

        // The aliases go: so do the copies, and the nginx file stays, empty, for a server that includes it.
        site.write("feeds-config/site.yml", TestSite.CONFIG.getBytes(StandardCharsets.UTF_8));
        assertThat(build("--gzip").out()).doesNotContain("redirect");
        assertThat(out.resolve("feed")).doesNotExist();
        assertThat(out.resolve("old")).doesNotExist();
        assertThat(manifest().redirects()).isEmpty();
        assertThat(Files.readString(out.resolve("feedwright-redirects.conf"), StandardCharsets.UTF_8))
                .endsWith("feedwright-redirects.conf;\n# The site has no old addresses now.\n")
                .doesNotContain("location");
    }

    @Test
    void aServerOfTheBuiltFolderRedirectsWhereTheBuildWroteCopies() throws Exception {
        site.write("feeds-config/site.yml", (TestSite.CONFIG + ALIASES + "alias_copies: true\n")
                .getBytes(StandardCharsets.UTF_8));
        build();

        try (ServeRun server = ServeRun.start("serve", "--site", siteDir.toString(), "--published", out.toString(),
                "--port", "0", "--no-watch")) {
            int port = server.port();
            assertRedirect(send(port, "GET", "/feed/by_tag/AI.xml"), BASE + "tags/ai/atom.xml");
            assertRedirect(send(port, "HEAD", "/feed/" + ENCODED + ".xml"), BASE + "categories/" + ENCODED + "/atom.xml");
            assertThat(send(port, "GET", "/tags/ai/atom.xml").statusCode()).isEqualTo(200);
        }
    }

    private static void assertRedirect(HttpResponse<byte[]> response, String location) {
        String request = response.request().method() + " " + response.request().uri().getRawPath();
        assertThat(response.statusCode()).as(request).isEqualTo(301);
        assertThat(response.headers().allValues("Location")).as(request).containsExactly(location);
        assertThat(response.headers().allValues("Cache-Control")).as(request).containsExactly(CACHE_CONTROL);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as(request).contains("*");
        assertThat(response.headers().firstValue("Content-Length")).as(request).contains("0");
        assertThat(response.body()).as(request).isEmpty();
    }

    private HttpResponse<byte[]> send(int port, String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private CliRun build(String... more) {
        List<String> args = new ArrayList<>(List.of("build", "--site", siteDir.toString(), "--out",
                out.toString()));
        args.addAll(List.of(more));
        CliRun build = CliRun.run(args.toArray(String[]::new));
        assertThat(build.exitCode()).as(build.transcript()).isZero();
        return build;
    }

    private BuildManifest manifest() throws IOException {
        try {
            return BuildManifest.read(out.resolve(BuildManifest.FILE_NAME)).orElseThrow();
        } catch (BuildManifest.Invalid e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            return in.readAllBytes();
        }
    }

    private static String post(String title, String category, String tags) {
        return """
                ---
                title: "%s"
                date: 2025-03-01 10:00:00 +0000
                excerpt: "An excerpt."
                categories: %s
                tags: %s
                ---
                Body of %s.
                """.formatted(title, category, tags, title);
    }
}
