package feedwright.http;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.feed.FeedFormat;
import feedwright.feed.FeedFormats;
import feedwright.snapshot.Representation;
import feedwright.testing.Formats;
import feedwright.testing.LiveSite;
import feedwright.testing.ServedSample;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The headers every resource is served with: types, validators and caching, on the sample site. */
@Timeout(60)
class FeedHeadersTest extends ServedSample {

    private static final Pattern ENTRY_UPDATED = Pattern.compile("<entry>.*?<updated>([^<]+)</updated>", Pattern.DOTALL);

    @ParameterizedTest
    @CsvSource({
        "/feeds.opml, text/x-opml; charset=utf-8",
        "/index.html, text/html; charset=utf-8",
        "/, text/html; charset=utf-8"})
    void eachKindOfResourceHasItsContentType(String path, String type) {
        HttpResponse<byte[]> response = site.bytes(path);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Content-Type")).containsExactly(type);
    }

    @Test
    void everyFeedIsServedAsItsFormatsMediaTypeInUtf8() {
        for (FeedFormat format : FeedFormats.all()) {
            for (String folder : new String[] {"/", "/tags/ai/", "/categories/markets/"}) {
                HttpResponse<byte[]> response = site.bytes(folder + format.fileName());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().allValues("Content-Type")).as(folder + format.fileName())
                        .containsExactly(format.mediaType() + "; charset=utf-8");
            }
        }
    }

    @Test
    void everyResourceHasAStrongETagDerivedFromItsBytesAlone() {
        for (String path : paths()) {
            HttpResponse<byte[]> response = site.bytes(path);
            String etag = response.headers().firstValue("ETag").orElseThrow();
            assertThat(etag).as(path).matches("\"[A-Za-z0-9_-]+\"");
            assertThat(etag).as(path).isEqualTo(Representation.of("any/type", response.body(), Optional.empty()).etag());
        }
    }

    @Test
    void resourcesWithDifferentBytesHaveDifferentETags() {
        Set<String> etags = paths().stream().filter(p -> !p.equals("/"))
                .map(path -> site.bytes(path).headers().firstValue("ETag").orElseThrow())
                .collect(Collectors.toSet());
        assertThat(etags).hasSize(paths().size() - 1);
        assertThat(site.bytes("/").headers().firstValue("ETag")).isEqualTo(site.bytes("/index.html").headers().firstValue("ETag"));
    }

    @Test
    void everyFeedIsLastModifiedAtItsNewestEntryUpdate() {
        for (String path : paths()) {
            if (!path.endsWith("/atom.xml")) {
                continue;
            }
            String atom = new String(site.bytes(path).body(), StandardCharsets.UTF_8);
            Instant newest = newestEntryUpdate(atom);
            for (String other : Formats.paths(path.substring(0, path.length() - "atom.xml".length()))) {
                assertThat(lastModified(other)).as(other).isEqualTo(newest);
            }
        }
    }

    @Test
    void aFeedIsLastModifiedWhenItsNewestEntryWasUpdatedNotWhenItWasPublished() {
        // posts/2025-08-05-yen-carry-trade.md: date 2025-08-05, updated 2025-11-01 10:00 UTC, tagged 投資;
        // the other posts tagged 投資 are older than that update.
        assertThat(site.bytes("/tags/%E6%8A%95%E8%B3%87/rss.xml").headers().firstValue("Last-Modified"))
                .contains("Sat, 01 Nov 2025 10:00:00 GMT");
        // The newest post of the site: posts/2025-11-10-ai-chip-earnings.md, 2025-11-10 22:10:00 +0000.
        assertThat(site.bytes("/rss.xml").headers().firstValue("Last-Modified")).contains("Mon, 10 Nov 2025 22:10:00 GMT");
        assertThat(site.bytes("/feeds.opml").headers().firstValue("Last-Modified")).contains("Mon, 10 Nov 2025 22:10:00 GMT");
        assertThat(site.bytes("/index.html").headers().firstValue("Last-Modified")).contains("Mon, 10 Nov 2025 22:10:00 GMT");
    }

    @Test
    void everyResourceIsCacheableForTheConfiguredDefaultAndVariesByEncoding() {
        for (String path : paths()) {
            for (String encoding : new String[] {"identity", "gzip"}) {
                HttpResponse<byte[]> response = site.bytes(path, "Accept-Encoding", encoding);
                assertThat(response.headers().allValues("Cache-Control")).as(path).containsExactly("public, max-age=300, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400");
                assertThat(response.headers().allValues("Vary")).as(path).containsExactly("Accept-Encoding");
            }
        }
    }

    @Test
    void cacheLifetimesComeFromTheSiteConfiguration(@TempDir Path other) throws Exception {
        LiveSite.copySample(other);
        Path config = other.resolve("feeds-config/site.yml");
        String yaml = Files.readString(config, StandardCharsets.UTF_8);
        assertThat(yaml).contains("max_age: 300");
        Files.writeString(config, yaml.replace("max_age: 300", "max_age: 42\n  s_maxage: 7")
                .replace("stale_while_revalidate: 60", "stale_while_revalidate: 0")
                .replace("stale_if_error: 86400", "stale_if_error: 3600"), StandardCharsets.UTF_8);
        try (LiveSite configured = LiveSite.serve(other, Clock.systemUTC(), FeedServer.Limits.DEFAULTS)) {
            for (String path : new String[] {"/rss.xml", "/tags/ai/atom.xml", "/feeds.opml", "/"}) {
                assertThat(configured.bytes(path).headers().allValues("Cache-Control")).as(path)
                        .containsExactly("public, max-age=42, s-maxage=7, stale-if-error=3600");
            }
        }
    }

    @Test
    void contentLengthIsTheLengthOfTheBody() {
        for (String path : paths()) {
            HttpResponse<byte[]> response = site.bytes(path);
            assertThat(response.headers().firstValueAsLong("Content-Length")).as(path).hasValue(response.body().length);
            assertThat(response.headers().firstValue("Transfer-Encoding")).as(path).isEmpty();
        }
    }

    /** Every path of the snapshot, percent-encoded as a client sends it. */
    private static Set<String> paths() {
        return site.current().get().resources().keySet().stream().map(FeedHeadersTest::encode)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static String encode(String path) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            if (b >= 0x21 && b < 0x7F) {
                encoded.append((char) b);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return encoded.toString();
    }

    private static Instant lastModified(String path) {
        String value = site.bytes(path).headers().firstValue("Last-Modified").orElseThrow();
        return OffsetDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }

    private static Instant newestEntryUpdate(String atom) {
        Matcher matcher = ENTRY_UPDATED.matcher(atom);
        Instant newest = null;
        while (matcher.find()) {
            Instant updated = OffsetDateTime.parse(matcher.group(1)).toInstant();
            newest = newest == null || updated.isAfter(newest) ? updated : newest;
        }
        assertThat(newest).as("an entry with <updated>").isNotNull();
        return newest;
    }
}
