package feedwright.reload;

import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.Representation;
import feedwright.snapshot.SitePipeline;
import feedwright.testing.LiveSite;
import feedwright.testing.TestSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real watcher and reloader on a site folder, read through the snapshot they publish (no server). */
@Timeout(60)
class SiteWatcherTest {

    @TempDir
    Path dir;

    @Test
    void anEditSavedWhileTheFirstSnapshotWasBuiltIsPickedUpWithoutAnotherEvent() throws Exception {
        TestSite site = TestSite.create(dir).withGoodNeighbour();
        SitePipeline pipeline = SitePipeline.open(dir);
        SitePipeline.Run first = pipeline.run(Clock.systemUTC().instant());
        CurrentSnapshot current = new CurrentSnapshot(first.snapshot());
        // Saved after the first build, before anything watches the folder: no event will ever say so.
        site.post(TestSite.GOOD_FILE, site.read("posts/" + TestSite.GOOD_FILE)
                .replace(TestSite.GOOD_TITLE, "A neighbour edited early"));

        try (SiteReloader reloader = new SiteReloader(pipeline, current, Clock.systemUTC());
             SiteWatcher watcher = new SiteWatcher(dir, reloader, Duration.ZERO)) {
            awaitSnapshot(current, rss -> rss.contains("A neighbour edited early"));
        }
    }

    @Test
    void aWatcherMadeBeforeTheFirstLoadReloadsOnStartForAnEditSavedMeanwhile() throws Exception {
        TestSite site = TestSite.create(dir).withGoodNeighbour();
        SitePipeline pipeline = SitePipeline.open(dir);
        try (SiteWatcher watcher = SiteWatcher.beforeFirstLoad(dir, pipeline.config().posts().folder(), Duration.ZERO,
                true)) {
            CurrentSnapshot current = new CurrentSnapshot(pipeline.run(Clock.systemUTC().instant()).snapshot());
            // Saved after the first build, before the watcher tells anyone: its event waits for the start, which
            // makes no reload of its own (a watcher that began listening only then would never publish it).
            site.post(TestSite.GOOD_FILE, site.read("posts/" + TestSite.GOOD_FILE)
                    .replace(TestSite.GOOD_TITLE, "A neighbour edited meanwhile"));

            try (SiteReloader reloader = new SiteReloader(pipeline, current, Clock.systemUTC())) {
                watcher.start(reloader);
                awaitSnapshot(current, rss -> rss.contains("A neighbour edited meanwhile"));
            }
        }
    }

    private static void awaitSnapshot(CurrentSnapshot current, Predicate<String> rss) throws InterruptedException {
        long deadline = System.nanoTime() + LiveSite.DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            String body = current.get().find("/rss.xml").map(Representation::bytes)
                    .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse("");
            if (rss.test(body)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the snapshot never showed the edit within " + LiveSite.DEADLINE);
    }
}
