package feedwright.reload;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.WatchedSample;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ETag and Last-Modified across live reloads, against the real server and watcher: what changed gets
 * a new ETag and a later Last-Modified that is never ahead of the clock, what did not change keeps both
 * headers byte for byte, and an editor's safe save is one change.
 */
@Timeout(120)
class ReloadValidatorsTest extends WatchedSample {

    private static final String EARNINGS = "posts/2025-11-10-ai-chip-earnings.md";
    /** Feeds the earnings post is not in. */
    private static final List<String> UNTOUCHED = List.of("/tags/電力/rss.xml", "/tags/電力/atom.xml",
            "/categories/energy/rss.xml", "/categories/energy/atom.xml", "/feeds.opml");

    @Test
    void bodyEditsInQuickSuccessionMoveLastModifiedForwardButNeverPastTheClock() throws Exception {
        // The edits touch neither date nor updated, so every new Last-Modified is a rebuild time. Several
        // land within one second, which HTTP dates cannot tell apart.
        Instant previous = lastModified(site.get("/rss.xml"));
        String original = site.read(EARNINGS);
        for (int edit = 1; edit <= 3; edit++) {
            String marker = "Edit " + edit + " of the quarter";
            site.save(EARNINGS, original.replace("Another quarter", marker));

            HttpResponse<String> changed = site.awaitResponse("/rss.xml", r -> r.body().contains(marker));
            Instant now = Instant.now();
            Instant lastModified = lastModified(changed);
            assertThat(lastModified).as("edit %d", edit).isAfter(previous).isBeforeOrEqualTo(now);
            assertThat(lastModified(site.get("/tags/ai/atom.xml"))).as("edit %d", edit).isEqualTo(lastModified);
            previous = lastModified;
        }
    }

    @Test
    void anEditThatMovesUpdatedForwardUsesThatDateAsLastModified() throws Exception {
        site.save(EARNINGS, site.read(EARNINGS).replace("date: 2025-11-10 22:10:00 +0000",
                "date: 2025-11-10 22:10:00 +0000\nupdated: 2025-11-20 08:00:00 +0000"));

        HttpResponse<String> changed = site.awaitResponse("/atom.xml",
                r -> r.body().contains("<updated>2025-11-20T08:00:00Z</updated>"));
        assertThat(lastModified(changed)).isEqualTo(Instant.parse("2025-11-20T08:00:00Z"));
        assertThat(lastModified(site.get("/tags/earnings/rss.xml"))).isEqualTo(Instant.parse("2025-11-20T08:00:00Z"));
    }

    @Test
    void feedsAPostIsNotInKeepTheirEtagAndLastModifiedAcrossSeveralReloads() throws Exception {
        Map<String, List<String>> before = validators(UNTOUCHED);
        String original = site.read(EARNINGS);

        for (int edit = 1; edit <= 3; edit++) {
            String marker = "Reload " + edit + " of the quarter";
            site.save(EARNINGS, original.replace("Another quarter", marker));
            site.awaitResponse("/tags/ai/rss.xml", r -> r.body().contains(marker));

            assertThat(validators(UNTOUCHED)).as("after reload %d", edit).isEqualTo(before);
        }
    }

    @Test
    void anEditorsSafeSaveIsOneChangeOfEtag() throws Exception {
        // The editor keeps a backup beside the post, writes the new text to a hidden temporary file,
        // renames it over the post and deletes the backup. Neither extra file is a post (hidden, or not
        // matching post_patterns), so whenever a reload runs it sees the old post or the new one: the
        // feed must change exactly once, whatever the timing of the burst.
        Path post = dir.resolve(EARNINGS);
        Path backup = post.resolveSibling(post.getFileName() + "~");
        Files.copy(post, backup);
        String before = site.etag("/rss.xml");
        List<String> seen = new ArrayList<>(List.of(before));
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread poller = new Thread(() -> {
            while (watching.get()) {
                String etag = site.etag("/rss.xml");
                synchronized (seen) {
                    if (!etag.equals(seen.get(seen.size() - 1))) {
                        seen.add(etag);
                    }
                }
            }
        });
        poller.start();

        Path temp = post.resolveSibling("." + post.getFileName() + ".tmp");
        Files.writeString(temp, site.read(EARNINGS).replace("Another quarter", "A safely saved quarter"),
                StandardCharsets.UTF_8);
        Files.move(temp, post, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.delete(backup);
        String after = site.awaitResponse("/rss.xml", r -> r.body().contains("A safely saved quarter"))
                .headers().firstValue("ETag").orElseThrow();
        // One more reload after the burst, so that a late second change would have had its chance.
        site.save("posts/2025-11-14-later.md", "---\ntitle: Later\ndate: 2025-11-14\nexcerpt: e\n---\nBody.\n");
        site.awaitResponse("/rss.xml", r -> r.body().contains("<title>Later</title>"));
        watching.set(false);
        poller.join(10_000);

        synchronized (seen) {
            assertThat(seen.subList(0, 2)).containsExactly(before, after);
        }
    }

    private Map<String, List<String>> validators(List<String> paths) {
        Map<String, List<String>> validators = new TreeMap<>();
        for (String path : paths) {
            HttpResponse<String> response = site.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            validators.put(path, List.of(response.headers().firstValue("ETag").orElseThrow(),
                    response.headers().firstValue("Last-Modified").orElseThrow()));
        }
        return validators;
    }

    private static Instant lastModified(HttpResponse<?> response) {
        return ZonedDateTime.parse(response.headers().firstValue("Last-Modified").orElseThrow(),
                DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }
}
