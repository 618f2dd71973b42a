package feedwright.reload;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.config.ConfigException;
import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.SitePipeline;
import feedwright.snapshot.SnapshotChanges;
import feedwright.testing.Formats;
import feedwright.testing.ManualAlarm;
import feedwright.testing.ManualClock;
import feedwright.testing.TestSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One reload at a time, driven by the test on its own clock: what each publishes, what it tells changed,
 * how it waits for the next second, which moves the test's clock instead of sleeping, and how scheduled
 * posts come out at their date, when the test moves the clock there and runs the alarm.
 */
@Timeout(60)
class SiteReloaderTest {

    private static final String EARNINGS = "posts/2025-11-10-ai-chip-earnings.md";
    private static final Instant START = Instant.parse("2026-01-01T00:00:00.200Z");
    /** The date of the scheduled post the tests write, a few seconds after START. */
    private static final Instant DUE = Instant.parse("2026-01-01T00:00:05Z");
    private static final String SCHEDULED = "2026-01-01-scheduled.md";

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(START);
    private ManualAlarm alarm;
    private Duration slept = Duration.ZERO;
    private TestSite site;
    private CurrentSnapshot current;
    private SiteReloader reloader;

    @BeforeEach
    void serveACopyOfTheSample() {
        site = TestSite.copyOfSample(dir);
        serve();
    }

    @AfterEach
    void stop() {
        reloader.close();
    }

    /** Builds the first snapshot and starts a reloader for it, with an alarm of its own, as serve does. */
    private void serve() {
        SitePipeline pipeline;
        try {
            pipeline = SitePipeline.open(dir);
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
        SitePipeline.Run first = pipeline.run(clock.instant());
        current = new CurrentSnapshot(first.snapshot());
        Sleeper sleeper = duration -> {
            slept = slept.plus(duration);
            clock.advance(duration);
        };
        alarm = new ManualAlarm(clock);
        reloader = new SiteReloader(pipeline, current, clock, sleeper, SiteReloader.STUCK_AFTER, alarm);
        reloader.schedule(first.loaded());
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

    @Test
    void aPostOfTheFirstSnapshotDatedAheadIsPublishedAtItsDateWithItsDateAsLastModified() {
        reloader.close();
        site.post(SCHEDULED, scheduled("2026-01-01 00:00:05 +0000"));
        serve();
        Instant before = lastModified("/rss.xml");
        assertThat(rss()).doesNotContain("A scheduled post");
        assertThat(reloader.nextScheduled()).contains(DUE);

        clock.set(DUE.minus(PublicationSchedule.LEAD));
        assertThat(alarm.runDue()).as("built ahead").isOne();
        clock.set(DUE.minusMillis(1));
        assertThat(alarm.runDue()).isZero();
        assertThat(rss()).doesNotContain("A scheduled post");

        clock.set(DUE.plusMillis(300)); // the alarm's thread ran a little after the date
        assertThat(alarm.runDue()).isOne();

        assertThat(rss()).contains("A scheduled post");
        assertThat(current.get().builtAt()).as("the snapshot built ahead, as of the date").isEqualTo(DUE);
        assertThat(before).isBefore(DUE);
        for (String path : List.of("/rss.xml", "/atom.xml", "/feed.json", "/tags/scheduled-tag/rss.xml",
                "/categories/markets/atom.xml", "/")) {
            assertThat(lastModified(path)).as(path).isEqualTo(DUE);
        }
        assertThat(slept).as("its date was not ahead of the clock").isZero();
        assertThat(alarm.waiting()).as("nothing else waits").isEmpty();
        assertThat(current.get().problems()).extracting(Object::toString)
                .noneMatch(problem -> problem.contains("dated in the future"));
    }

    @Test
    void aScheduledPostPublishedLateStillHasItsDateAsLastModified() {
        site.post(SCHEDULED, scheduled("2026-01-01 00:00:05 +0000"));
        reloader.reload();
        assertThat(rss()).doesNotContain("A scheduled post");

        clock.set(DUE.plusSeconds(90)); // a host busy, or asleep, when the alarm was due: nothing built ahead
        alarm.runDue();

        assertThat(rss()).contains("A scheduled post");
        assertThat(current.get().builtAt()).isEqualTo(DUE.plusSeconds(90));
        assertThat(lastModified("/rss.xml")).isEqualTo(DUE);
        assertThat(lastModified("/tags/scheduled-tag/atom.xml")).isEqualTo(DUE);
    }

    @Test
    void anUpdateClaimedForLaterIsUsedFromItsTimeWhichBecomesLastModified() {
        Instant updated = Instant.parse("2026-01-01T00:00:07Z");
        edit("date: 2025-11-10 22:10:00 +0000", "date: 2025-11-10 22:10:00 +0000\nupdated: 2026-01-01 00:00:07 +0000");
        reloader.reload();
        assertThat(atom()).doesNotContain("<updated>2026-01-01T00:00:07Z</updated>");
        assertThat(reloader.nextScheduled()).contains(updated);

        clock.set(updated);
        alarm.runDue();

        assertThat(atom()).contains("<updated>2026-01-01T00:00:07Z</updated>");
        assertThat(lastModified("/atom.xml")).isEqualTo(updated);
        assertThat(lastModified("/tags/earnings/rss.xml")).isEqualTo(updated);
        assertThat(reloader.nextScheduled()).isEmpty();
    }

    @Test
    void anEditThatMovesTheDateMovesTheAlarmAndDeletingThePostStopsIt() throws Exception {
        site.post(SCHEDULED, scheduled("2026-01-01 00:00:05 +0000"));
        reloader.reload();
        assertThat(reloader.nextScheduled()).contains(DUE);

        site.post(SCHEDULED, scheduled("2026-01-01 00:00:09 +0000"));
        reloader.reload();
        assertThat(reloader.nextScheduled()).contains(DUE.plusSeconds(4));
        assertThat(alarm.waiting()).hasValueSatisfying(set -> assertThat(set.due())
                .isEqualTo(DUE.plusSeconds(4).minus(PublicationSchedule.LEAD)));
        clock.set(DUE);
        alarm.runDue();
        assertThat(rss()).doesNotContain("A scheduled post");

        Files.delete(dir.resolve("posts/" + SCHEDULED));
        reloader.reload();
        assertThat(alarm.waiting()).isEmpty();
        assertThat(reloader.nextScheduled()).isEmpty();
    }

    @Test
    void anEditBetweenTheBuildAheadAndTheDateIsPublishedWithThePost() {
        site.post(SCHEDULED, scheduled("2026-01-01 00:00:05 +0000"));
        reloader.reload();
        clock.set(DUE.minus(PublicationSchedule.LEAD));
        assertThat(alarm.runDue()).as("built ahead").isOne();

        edit("Another quarter", "A quarter edited before the date");
        assertThat(reloader.reload().outcome()).isEqualTo(SiteReloader.Outcome.RELOADED);
        assertThat(rss()).contains("A quarter edited before the date").doesNotContain("A scheduled post");
        clock.set(DUE);
        alarm.runDue();

        assertThat(rss()).contains("A quarter edited before the date", "A scheduled post");
        assertThat(lastModified("/rss.xml")).isEqualTo(DUE);
    }

    @Test
    void closingTheReloaderClosesItsAlarm() {
        site.post(SCHEDULED, scheduled("2026-01-01 00:00:05 +0000"));
        reloader.reload();

        reloader.close();

        assertThat(alarm.closed()).isTrue();
        assertThat(alarm.waiting()).isEmpty();
        clock.set(DUE);
        assertThat(alarm.runDue()).isZero();
        assertThat(rss()).doesNotContain("A scheduled post");
    }

    private static String scheduled(String date) {
        return "---\ntitle: A scheduled post\ndate: " + date + "\ncategories: [Markets]\ntags: [scheduled-tag]\n"
                + "excerpt: e\n---\nA body written ahead.\n";
    }

    private String rss() {
        return new String(current.get().find("/rss.xml").orElseThrow().bytes(), StandardCharsets.UTF_8);
    }

    private String atom() {
        return new String(current.get().find("/atom.xml").orElseThrow().bytes(), StandardCharsets.UTF_8);
    }

    private void edit(String from, String to) {
        String text = site.read(EARNINGS);
        assertThat(text).contains(from);
        site.post(EARNINGS.substring("posts/".length()), text.replace(from, to));
    }

    private Instant lastModified(String path) {
        return current.get().find(path).orElseThrow().lastModified().orElseThrow();
    }
}
