package feedwright.reload;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.snapshot.Representation;
import feedwright.snapshot.Snapshot;
import feedwright.testing.Json;
import feedwright.testing.LiveSite;
import feedwright.testing.WatchedSample;
import feedwright.text.UrlPaths;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real server and the real watcher on a temporary copy of the sample site, edited as an author would. */
@Timeout(120)
class LiveReloadTest extends WatchedSample {

    private static final String EARNINGS = "posts/2025-11-10-ai-chip-earnings.md";
    private static final String POWER = "posts/2025-06-12-tokyo-power-market.md";
    private static final String CONFIG = "feeds-config/site.yml";

    @Test
    void editingAPostChangesTheFeedsItBelongsToAndNoOthers() throws Exception {
        Map<String, String> before = etags("/rss.xml", "/atom.xml", "/tags/ai/rss.xml",
                "/categories/markets/rss.xml", "/tags/earnings/rss.xml", "/tags/電力/rss.xml",
                "/categories/energy/rss.xml", "/feeds.opml");
        String lastModifiedBefore = site.get("/rss.xml").headers().firstValue("Last-Modified").orElseThrow();

        site.save(EARNINGS, site.read(EARNINGS).replace("Another quarter", "Yet another quarter"));

        HttpResponse<String> changed = site.awaitResponse("/rss.xml", r -> r.body().contains("Yet another quarter"));
        Map<String, String> after = etags(before.keySet().toArray(String[]::new));
        assertThat(after.get("/rss.xml")).isNotEqualTo(before.get("/rss.xml"));
        assertThat(after.get("/atom.xml")).isNotEqualTo(before.get("/atom.xml"));
        assertThat(after.get("/tags/ai/rss.xml")).isNotEqualTo(before.get("/tags/ai/rss.xml"));
        assertThat(after.get("/categories/markets/rss.xml")).isNotEqualTo(before.get("/categories/markets/rss.xml"));
        assertThat(after.get("/tags/earnings/rss.xml")).isNotEqualTo(before.get("/tags/earnings/rss.xml"));
        assertThat(after.get("/tags/電力/rss.xml")).isEqualTo(before.get("/tags/電力/rss.xml"));
        assertThat(after.get("/categories/energy/rss.xml")).isEqualTo(before.get("/categories/energy/rss.xml"));
        assertThat(after.get("/feeds.opml")).isEqualTo(before.get("/feeds.opml"));
        // The entries' dates did not change, so Last-Modified must still move forward (to the rebuild time).
        assertThat(httpDate(changed.headers().firstValue("Last-Modified").orElseThrow()))
                .isAfter(httpDate(lastModifiedBefore))
                .isBeforeOrEqualTo(ZonedDateTime.now());
    }

    @Test
    void aNewPostIsPublishedWithItsNewTagFeed() throws Exception {
        assertThat(site.get("/tags/brand-new-tag/rss.xml").statusCode()).isEqualTo(404);
        site.save("posts/2025-11-15-fresh.md", post("A fresh post", "2025-11-15 09:00:00 +0000", "brand-new-tag"));

        site.awaitResponse("/tags/brand-new-tag/rss.xml", r -> r.statusCode() == 200);
        assertThat(site.get("/rss.xml").body()).contains("A fresh post");
        assertThat(site.get("/index.html").body()).contains("brand-new-tag");
    }

    @Test
    void aRenamedPostMovesToItsNewLinkAndADeletedOneDisappears() throws Exception {
        Files.move(dir.resolve(EARNINGS), dir.resolve("posts/2025-11-10-accelerator-capex.md"),
                StandardCopyOption.ATOMIC_MOVE);
        site.awaitResponse("/rss.xml", r -> r.body().contains("/2025/11/11/accelerator-capex/"));
        assertThat(site.get("/rss.xml").body()).doesNotContain("/2025/11/11/ai-chip-earnings/");

        Files.delete(dir.resolve("posts/2025-11-10-accelerator-capex.md"));
        site.awaitResponse("/tags/earnings/rss.xml", r -> r.statusCode() == 404);
        assertThat(site.get("/rss.xml").body()).doesNotContain("accelerator earnings");
    }

    @Test
    void aFolderOfPostsMadeLaterIsWatchedAndOneMovedOutAndBackIsFollowed(@TempDir Path outside) throws Exception {
        String inFolder = "posts/2026/2026-01-02-in-a-new-folder.md";
        site.save(inFolder, post("In a new folder", "2026-01-02 09:00:00 +0000", "folder-tag"));
        site.awaitResponse("/tags/folder-tag/rss.xml", r -> r.statusCode() == 200);
        // Seen only if the new folder itself is watched: the edit's events come from it alone.
        site.save(inFolder, post("Edited in the new folder", "2026-01-02 09:00:00 +0000", "folder-tag"));
        site.awaitResponse("/rss.xml", r -> r.body().contains("Edited in the new folder"));

        Path moved = outside.resolve("2026");
        Files.move(dir.resolve("posts/2026"), moved, StandardCopyOption.ATOMIC_MOVE);
        site.awaitResponse("/tags/folder-tag/rss.xml", r -> r.statusCode() == 404);
        assertThat(site.get("/rss.xml").body()).doesNotContain("Edited in the new folder");

        Files.move(moved, dir.resolve("posts/2026"), StandardCopyOption.ATOMIC_MOVE);
        site.awaitResponse("/tags/folder-tag/rss.xml", r -> r.statusCode() == 200);
        site.save(inFolder, post("Edited again after coming back", "2026-01-02 09:00:00 +0000", "folder-tag"));
        site.awaitResponse("/rss.xml", r -> r.body().contains("Edited again after coming back"));
    }

    @Test
    void aBrokenEditKeepsTheLastGoodVersionServedUntilItIsFixed() throws Exception {
        String good = site.read(POWER);
        String title = "夏の電力需給ひっ迫と卸電力市場の読み方";
        site.save(POWER, good.replace("date: 2025-06-12", "date: 2025-99-12"));

        HttpResponse<String> health = site.awaitResponse("/healthz", r -> r.body().contains("\"degraded\""));
        assertThat(health.body()).contains(POWER).contains("is not a date");
        assertThat(site.get("/tags/電力/rss.xml").body()).contains(title);
        assertThat(site.get("/rss.xml").body()).contains(title);

        site.save(POWER, good.replace(title, title + "（改訂）"));
        site.awaitResponse("/healthz", r -> r.body().contains("\"ok\""));
        assertThat(site.get("/tags/電力/rss.xml").body()).contains(title + "（改訂）");
    }

    @Test
    void aBrokenConfigurationKeepsThePreviousSiteAndFixingItResumesReloading() throws Exception {
        String config = site.read(CONFIG);
        String rssBefore = site.get("/rss.xml").body();
        site.save(CONFIG, config.replace("limit: 20", "limit: twenty"));
        HttpResponse<String> health = site.awaitResponse("/healthz", r -> r.body().contains("\"degraded\""));
        assertThat(health.body()).contains(CONFIG).contains("limit: expected a whole number");

        site.save(EARNINGS, site.read(EARNINGS).replace("Another quarter", "Quarter after quarter"));
        // A reload run here, after the edit, examines every file: while the configuration is broken it must
        // keep the site exactly as it was (whatever the watcher's own reload of the edit did meanwhile).
        Snapshot served = site.current().get();
        SiteReloader.Result result = site.reloader().reload();
        assertThat(result.outcome()).isEqualTo(SiteReloader.Outcome.CONFIG_BROKEN);
        assertThat(result.changes().isEmpty()).isTrue();
        assertThat(site.current().get()).isSameAs(served);
        assertThat(site.get("/rss.xml").body()).isEqualTo(rssBefore);

        site.save(CONFIG, config.replace("limit: 20", "limit: 3"));
        site.awaitResponse("/rss.xml", r -> r.body().contains("Quarter after quarter"));
        assertThat(site.get("/rss.xml").body().split("<item>", -1)).hasSize(4);
        assertThat(site.get("/healthz").body()).contains("\"ok\"");
    }

    @Test
    void pollingAloneSeesChangesOnVolumesWithoutFileEvents() throws Exception {
        site.close();
        site = LiveSite.watchSample(dir.resolve("polled"), Duration.ofMillis(200), false);
        site.save(EARNINGS, site.read(EARNINGS).replace("Another quarter", "A polled quarter"));
        site.awaitResponse("/rss.xml", r -> r.body().contains("A polled quarter"));
    }

    @Test
    void readersHammeringDuringABurstOfEditsNeverSeeAnErrorOrAMalformedFeed() throws Exception {
        List<String> paths = List.of("/rss.xml", "/atom.xml", "/tags/ai/rss.xml", "/categories/markets/atom.xml",
                "/feeds.opml", "/index.html");
        AtomicBoolean editing = new AtomicBoolean(true);
        AtomicInteger checked = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService readers = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int offset = i;
            running.add(readers.submit(() -> {
                for (int n = offset; editing.get() || n < offset + paths.size(); n++) {
                    String path = paths.get(n % paths.size());
                    HttpResponse<byte[]> response = site.client().send(
                            HttpRequest.newBuilder(site.uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
                    String problem = problemWith(path, response);
                    if (problem != null) {
                        failures.add(problem);
                    }
                    checked.incrementAndGet();
                }
                return null;
            }));
        }
        String original = site.read(EARNINGS);
        for (int edit = 0; edit < 30; edit++) {
            site.save(EARNINGS, original.replace("Another quarter", "Edit number " + edit + " of the quarter"));
            if (edit % 10 == 5) {
                site.save("posts/2025-11-1" + (edit / 10) + "-burst.md",
                        post("Burst " + edit, "2025-11-12 10:00:00 +0000", "burst"));
            }
            Thread.sleep(40);
        }
        site.awaitResponse("/rss.xml", r -> r.body().contains("Edit number 29 of the quarter"));
        editing.set(false);
        for (Future<?> reader : running) {
            reader.get(60, TimeUnit.SECONDS);
        }
        readers.shutdown();
        assertThat(failures).isEmpty();
        assertThat(checked.get()).isGreaterThan(60);
    }

    /**
     * A post that is in no feed (older than every feed's newest {@code limit} entries, without terms)
     * changes no feed's bytes when it is added or removed; {@code /healthz} must count it all the same,
     * and every resource must keep its validators.
     */
    @Test
    void addingOrRemovingAPostThatChangesNoFeedStillUpdatesThePostCount() throws Exception {
        site.save(CONFIG, site.read(CONFIG).replace("limit: 20", "limit: 1"));
        site.awaitResponse("/rss.xml", r -> r.body().split("<item>", -1).length == 2);
        Map<String, Object> before = Json.object(site.get("/healthz").body());
        assertThat(before).containsEntry("status", "ok").containsEntry("posts", 14L);
        Map<String, String> validators = validators();
        String old = "posts/2001-01-01-long-ago.md";

        site.save(old, "---\ntitle: \"Long ago\"\ndate: 2001-01-01\nexcerpt: \"An old post.\"\n---\nAn old body.\n");
        Map<String, Object> added = Json.object(site.awaitResponse("/healthz",
                r -> Json.object(r.body()).get("posts").equals(15L)).body());
        assertThat(added).containsEntry("status", "ok").containsEntry("problems", before.get("problems"));
        assertThat(validators()).isEqualTo(validators);

        Files.delete(dir.resolve(old));
        site.awaitResponse("/healthz", r -> Json.object(r.body()).get("posts").equals(14L));
        assertThat(validators()).isEqualTo(validators);
    }

    /** ETag and Last-Modified of every resource served, by path. */
    private Map<String, String> validators() {
        Map<String, String> validators = new TreeMap<>();
        for (String path : site.current().get().resources().keySet()) {
            HttpResponse<String> response = site.get(UrlPaths.encodePath(path));
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            validators.put(path, response.headers().firstValue("ETag").orElseThrow() + " "
                    + response.headers().firstValue("Last-Modified").orElse("-"));
        }
        return validators;
    }

    /** Why a response under load is wrong, or null when it is right. */
    private static String problemWith(String path, HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            return path + ": status " + response.statusCode();
        }
        String expected = Representation.of("x", response.body(), Optional.empty()).etag();
        if (!expected.equals(response.headers().firstValue("ETag").orElse(""))) {
            return path + ": ETag does not match the bytes";
        }
        if (path.endsWith(".xml") || path.endsWith(".opml")) {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body()));
            } catch (Exception e) {
                return path + ": not well-formed: " + e.getMessage();
            }
        }
        return null;
    }

    private Map<String, String> etags(String... paths) {
        Map<String, String> etags = new LinkedHashMap<>();
        for (String path : paths) {
            etags.put(path, site.etag(path));
        }
        return etags;
    }

    private static ZonedDateTime httpDate(String value) {
        return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
    }

    private static String post(String title, String date, String tag) {
        return "---\ntitle: \"" + title + "\"\ndate: " + date + "\ncategories: [\"Markets\"]\ntags: [\"" + tag
                + "\"]\nexcerpt: \"Written by the test.\"\n---\nA body written by the test.\n";
    }
}
