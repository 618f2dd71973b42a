package feedwright.http;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.config.CacheLifetimes;
import feedwright.snapshot.BuildManifest;
import feedwright.snapshot.PublishedFolder;
import feedwright.snapshot.Representation;
import feedwright.snapshot.Snapshot;
import feedwright.testing.CliRun;
import feedwright.testing.LiveSite;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample site served with archives on (limit 3, two entries a page), read by following the Atom links
 * from the site-wide subscription document: settled archive pages are cached for a year, the newest page
 * and the subscription document as the site says, all with the same ETag, 304 and gzip rules.
 */
@Timeout(60)
class ArchivesServedTest {

    private static final String FEED_ROOT = "https://example.org/blog";
    private static final Pattern PREV_ARCHIVE = Pattern.compile("<link rel=\"prev-archive\"[^>]* href=\"([^\"]+)\"");

    @TempDir
    static Path dir;

    static LiveSite site;

    @BeforeAll
    static void serveTheSampleWithArchives() throws Exception {
        LiveSite.copySample(dir);
        Path config = dir.resolve("feeds-config/site.yml");
        List<String> lines = Files.readAllLines(config).stream().filter(line -> !line.startsWith("limit:")).toList();
        Files.write(config, lines);
        Files.writeString(config, "limit: 3\narchives: true\narchive_page_size: 2\n",
                StandardOpenOption.APPEND);
        site = LiveSite.serve(dir, Clock.systemUTC(), FeedServer.Limits.DEFAULTS);
    }

    @AfterAll
    static void stopServing() {
        site.close();
    }

    @Test
    void settledPagesAreImmutableAndTheNewestPageAndTheSubscriptionDocumentAreNot() {
        String siteCacheControl = site.bytes("/atom.xml").headers().firstValue("Cache-Control").orElseThrow();
        assertThat(siteCacheControl).isNotEqualTo(CacheLifetimes.IMMUTABLE).doesNotContain("immutable");
        String newest = previous("/atom.xml").orElseThrow();
        assertThat(cacheControl(newest)).as(newest).isEqualTo(siteCacheControl);
        int settled = 0;
        for (Optional<String> page = previous(newest); page.isPresent(); page = previous(page.get())) {
            assertThat(cacheControl(page.get())).as(page.get()).isEqualTo("public, max-age=31536000, immutable");
            settled++;
        }
        assertThat(settled).isGreaterThan(2);
    }

    @Test
    void aSettledPageAnswersConditionalRequestsWith304InBothEncodings() {
        String page = previous(previous("/atom.xml").orElseThrow()).orElseThrow();
        for (String encoding : new String[] {"identity", "gzip"}) {
            HttpResponse<byte[]> full = site.bytes(page, "Accept-Encoding", encoding);
            assertThat(full.statusCode()).isEqualTo(200);
            assertThat(full.headers().firstValue("Content-Encoding").orElse("identity")).isEqualTo(encoding);
            String etag = full.headers().firstValue("ETag").orElseThrow();
            HttpResponse<byte[]> again = site.bytes(page, "Accept-Encoding", encoding, "If-None-Match", etag);
            assertThat(again.statusCode()).as(encoding).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.headers().firstValue("ETag")).contains(etag);
            assertThat(again.headers().firstValue("Cache-Control")).contains(CacheLifetimes.IMMUTABLE);
        }
    }

    @Test
    void theIndexPageAndTheOpmlListsNameNoArchivePage() {
        for (String path : new String[] {"/index.html", "/feeds.opml", "/feeds-atom.opml", "/feeds-json-feed.opml"}) {
            String body = site.get(path).body();
            assertThat(body).as(path).contains("tags/ai/").doesNotContain("archive/");
        }
    }

    @Test
    void aBuiltFolderRecordsWhichPagesAreSettledSoServePublishedAnswersThemAlike() throws Exception {
        Path out = dir.resolve("built");
        CliRun build = CliRun.run("build", "--site", dir.toString(), "--out", out.toString());
        assertThat(build.exitCode()).as(build.transcript()).isZero();
        assertThat(Files.readString(out.resolve(BuildManifest.FILE_NAME))).contains("\"immutable\" : true");

        Snapshot published = PublishedFolder.read(out, true);
        Map<String, Representation> served = site.current().get().files();
        assertThat(published.files().keySet()).isEqualTo(served.keySet());
        long settled = served.values().stream().filter(Representation::immutable).count();
        assertThat(settled).isGreaterThan(6);
        served.forEach((path, resource) -> assertThat(published.files().get(path).immutable()).as(path)
                .isEqualTo(resource.immutable()));
    }

    private static String cacheControl(String path) {
        HttpResponse<byte[]> response = site.bytes(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.headers().firstValue("Cache-Control").orElseThrow();
    }

    /** The served path of the document's prev-archive link, read from the document as served. */
    private static Optional<String> previous(String path) {
        HttpResponse<byte[]> response = site.bytes(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        Matcher link = PREV_ARCHIVE.matcher(new String(response.body(), StandardCharsets.UTF_8));
        if (!link.find()) {
            return Optional.empty();
        }
        assertThat(link.group(1)).startsWith(FEED_ROOT);
        return Optional.of(link.group(1).substring(FEED_ROOT.length()));
    }
}
