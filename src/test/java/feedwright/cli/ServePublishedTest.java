package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.snapshot.BuildManifest;
import feedwright.testing.CliRun;
import feedwright.testing.LiveSite;
import feedwright.text.HttpDates;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --published DIR}: many servers of one build answer alike, with the validators the build
 * decided, and follow each new build that lands in the folder.
 */
@Timeout(120)
class ServePublishedTest {

    private static final List<String> PATHS = List.of("/rss.xml", "/atom.xml", "/feed.json", "/", "/index.html",
            "/feeds.opml", "/tags/ai/atom.xml", "/categories/engineering/rss.xml");

    @TempDir
    Path site;

    @TempDir
    Path out;

    @Test
    void twoServersOfOneBuildAnswerTheSameBytesETagAndLastModifiedAsTheManifestSays() throws Exception {
        LiveSite.copySample(site);
        build(Instant.parse("2026-01-01T00:00:00Z"));
        Map<String, BuildManifest.Written> manifest = manifest();

        try (ServeRun one = servePublished(); ServeRun two = servePublished()) {
            for (String path : PATHS) {
                for (String encoding : new String[] {"identity", "gzip"}) {
                    HttpResponse<byte[]> a = one.get(path, "Accept-Encoding", encoding);
                    HttpResponse<byte[]> b = two.get(path, "Accept-Encoding", encoding);
                    assertThat(a.statusCode()).as(path).isEqualTo(200);
                    assertThat(b.statusCode()).as(path).isEqualTo(200);
                    assertThat(b.body()).as(path).isEqualTo(a.body());
                    for (String header : new String[] {"ETag", "Last-Modified", "Content-Type", "Cache-Control",
                            "Content-Encoding"}) {
                        assertThat(b.headers().allValues(header)).as(path + " " + header)
                                .isEqualTo(a.headers().allValues(header));
                    }
                }
                BuildManifest.Written written = manifest.get(path.equals("/") ? "/index.html" : path);
                HttpResponse<byte[]> plain = one.get(path);
                assertThat(plain.headers().firstValue("ETag")).as(path).contains(written.etag());
                assertThat(plain.headers().firstValue("Last-Modified")).as(path).isEqualTo(written.lastModified());
                assertThat(plain.body()).as(path).isEqualTo(Files.readAllBytes(
                        out.resolve(path.equals("/") ? "index.html" : path.substring(1))));
            }
            assertThat(one.out()).contains("Serving 14 posts in 34 feeds from " + out + " at http://127.0.0.1:")
                    .contains("; watching " + out + " for new builds");
        }
    }

    @Test
    void aNewBuildLandingInTheFolderIsServedWithTheValidatorsItCarriedForward() throws Exception {
        LiveSite.copySample(site);
        build(Instant.parse("2026-01-01T00:00:00Z"));
        Map<String, BuildManifest.Written> before = manifest();
        Path post = newestPost();

        try (ServeRun server = servePublished()) {
            String oldEtag = server.get("/rss.xml").headers().firstValue("ETag").orElseThrow();
            Files.writeString(post, Files.readString(post, StandardCharsets.UTF_8) + "\nOne more paragraph.\n",
                    StandardCharsets.UTF_8);
            Instant rebuilt = Instant.parse("2026-01-02T00:00:00Z");
            build(rebuilt);

            HttpResponse<byte[]> changed = awaitNewEtag(server, "/rss.xml", oldEtag);
            assertThat(changed.headers().firstValue("Last-Modified")).contains(HttpDates.format(rebuilt));
            assertThat(changed.headers().firstValue("ETag")).contains(manifest().get("/rss.xml").etag());
            BuildManifest.Written untouched = before.get("/tags/cooling/rss.xml");
            assertThat(untouched).as("a feed the edited post is not in").isNotNull();
            HttpResponse<byte[]> same = server.get("/tags/cooling/rss.xml");
            assertThat(same.headers().firstValue("ETag")).contains(untouched.etag());
            assertThat(same.headers().firstValue("Last-Modified")).isEqualTo(untouched.lastModified());
            HttpResponse<byte[]> notModified = server.get("/tags/cooling/rss.xml", "If-None-Match", untouched.etag());
            assertThat(notModified.statusCode()).isEqualTo(304);
        }
    }

    @Test
    void aFolderWithoutAManifestIsRefusedAtOnce() throws Exception {
        LiveSite.copySample(site);
        try (ServeRun server = servePublished()) {
            assertThat(server.exitCode()).isEqualTo(4);
            assertThat(server.err()).contains("error: cannot serve " + out + ": ")
                    .contains("no manifest (is this a folder written by 'feedwright build'?)");
        }
    }

    private ServeRun servePublished() {
        return ServeRun.start("serve", "--site", site.toString(), "--published", out.toString(), "--port", "0");
    }

    private void build(Instant now) {
        CliRun run = CliRun.run(Clock.fixed(now, ZoneOffset.UTC), "build", "--site", site.toString(), "--out",
                out.toString());
        assertThat(run.exitCode()).as(run.transcript()).isZero();
    }

    private Map<String, BuildManifest.Written> manifest() throws Exception {
        return BuildManifest.parse(Files.readAllBytes(out.resolve(BuildManifest.FILE_NAME))).files();
    }

    /** The sample's newest post, which is in the site-wide feed and not in the cooling tag's. */
    private Path newestPost() throws Exception {
        assertThat(Files.readString(out.resolve("rss.xml"), StandardCharsets.UTF_8)).contains("accelerator earnings");
        assertThat(Files.readString(out.resolve("tags/cooling/rss.xml"), StandardCharsets.UTF_8))
                .doesNotContain("accelerator earnings");
        return site.resolve("posts/2025-11-10-ai-chip-earnings.md");
    }

    private static HttpResponse<byte[]> awaitNewEtag(ServeRun server, String path, String oldEtag) throws Exception {
        long deadline = System.nanoTime() + LiveSite.DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<byte[]> response = server.get(path);
            if (!response.headers().firstValue("ETag").orElseThrow().equals(oldEtag)) {
                return response;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(path + " still has ETag " + oldEtag + " after " + LiveSite.DEADLINE
                + "; err: " + server.err());
    }
}
