package feedwright.reload;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.SitePipeline;
import feedwright.snapshot.SnapshotChanges;
import feedwright.testing.Formats;
import feedwright.testing.TestSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One reload at a time, driven by the test on its own clock: what each publishes, what it tells changed,
 * and how it waits for the next second, which moves the test's clock instead of sleeping.
 */
class SiteReloaderTest {

    private static final String EARNINGS = "posts/2025-11-10-ai-chip-earnings.md";

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00.200Z"));
    private Duration slept = Duration.ZERO;
    private TestSite site;
    private CurrentSnapshot current;
    private SiteReloader reloader;

    @BeforeEach
    void serveACopyOfTheSample() throws Exception {
        site = TestSite.copyOfSample(dir);
        SitePipeline pipeline = SitePipeline.open(dir);
        current = new CurrentSnapshot(pipeline.run(clock.instant()).snapshot());
        Sleeper sleeper = duration -> {
            slept = slept.plus(duration);
            clock.advance(duration);
        };
        reloader = new SiteReloader(pipeline, current, clock, sleeper, SiteReloader.STUCK_AFTER);
    }

    @Test
    void anEditTellsTheFeedsItChangedAndNoOthers() {
        edit("Another quarter", "An edited quarter");

        SiteReloader.Result result = reloader.reload();

        assertThat(result.outcome()).isEqualTo(SiteReloader.Outcome.RELOADED);
        SnapshotChanges changes = result.changes();
        assertThat(changes.changed()).contains("/rss.xml", "/atom.xml", "/tags/ai/rss.xml", "/tags/earnings/atom.xml",
                "/categories/markets/rss.xml").doesNotContain("/tags/電力/rss.xml", "/feeds.opml", "/");
        assertThat(changes.added()).isEmpty();
        assertThat(changes.removed()).isEmpty();
    }

    @Test
    void aNewTagAddsItsFeedsAndDeletingThePostRemovesThem() throws Exception {
        site.post("2025-11-15-fresh.md", "---\ntitle: Fresh\ndate: 2025-11-15 09:00:00 +0000\ntags: [brand-new-tag]\n"
                + "excerpt: e\n---\nA fresh body.\n");

        SnapshotChanges added = reloader.reload().changes();
        assertThat(added.added()).containsExactlyElementsOf(Formats.feedFiles("/tags/brand-new-tag/"));
        assertThat(added.changed()).contains("/", "/index.html", "/feeds.opml", "/rss.xml");

        Files.delete(dir.resolve("posts/2025-11-15-fresh.md"));
        SnapshotChanges removed = reloader.reload().changes();
        assertThat(removed.removed()).containsExactlyElementsOf(Formats.feedFiles("/tags/brand-new-tag/"));
        assertThat(removed.added()).isEmpty();
    }

    @Test
    void aReloadThatFindsNothingNewPublishesNothing() {
        var before = current.get();

        SiteReloader.Result result = reloader.reload();

        assertThat(result.outcome()).isEqualTo(SiteReloader.Outcome.UNCHANGED);
        assertThat(result.changes().isEmpty()).isTrue();
        assertThat(current.get()).isSameAs(before);
    }

    @Test
    void aSecondChangeWithinTheSecondWaitsForTheNextSecondOnTheReloadersClock() {
        edit("Another quarter", "One edit");
        assertThat(reloader.reload().outcome()).isEqualTo(SiteReloader.Outcome.RELOADED);
        assertThat(lastModified("/rss.xml")).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(slept).as("the rebuild time was not ahead of the clock").isZero();

        edit("One edit", "A second edit");
        assertThat(reloader.reload().outcome()).isEqualTo(SiteReloader.Outcome.RELOADED);

        assertThat(lastModified("/rss.xml")).isEqualTo(Instant.parse("2026-01-01T00:00:01Z"))
                .isBeforeOrEqualTo(clock.instant());
        assertThat(lastModified("/tags/ai/atom.xml")).isEqualTo(lastModified("/rss.xml"));
        assertThat(slept).isPositive().isLessThanOrEqualTo(Duration.ofMillis(850));
        assertThat(current.get().find("/rss.xml").orElseThrow().bytes()).asString().contains("A second edit");
    }

    private void edit(String from, String to) {
        String text = site.read(EARNINGS);
        assertThat(text).contains(from);
        site.post(EARNINGS.substring("posts/".length()), text.replace(from, to));
    }

    private Instant lastModified(String path) {
        return current.get().find(path).orElseThrow().lastModified().orElseThrow();
    }

    /** A clock that moves only when told to. */
    private static final class ManualClock extends Clock {

        private volatile Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
