package feedwright.reload;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.ManualAlarm;
import feedwright.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * When the schedule wakes the reloader, on the test's clock and alarm: at the due time and not before,
 * one alarm at a time, again after every load, never in a loop, and never after closing. The reload here
 * only counts itself and reports what the test says comes next.
 */
@Timeout(10)
class PublicationScheduleTest {

    private static final Instant START = Instant.parse("2026-03-01T09:00:00.250Z");

    private final ManualClock clock = new ManualClock(START);
    private final ManualAlarm alarm = new ManualAlarm(clock);
    private final List<Instant> reloads = new ArrayList<>();
    /** What the next reload reports as coming next. */
    private Optional<Instant> reportNext = Optional.empty();
    private final PublicationSchedule schedule = new PublicationSchedule(clock, alarm, () -> {
        reloads.add(clock.instant());
        reportNext().ifPresent(next -> expect(next));
    });

    private Optional<Instant> reportNext() {
        return reportNext;
    }

    private void expect(Instant next) {
        schedule.expect(Optional.of(next));
    }

    @Test
    void setsOneAlarmForTheDueTimeAndReloadsWhenTheClockGetsThere() {
        Instant due = START.plusSeconds(20).minusMillis(250);
        schedule.expect(Optional.of(due));

        assertThat(alarm.waiting()).hasValueSatisfying(set -> assertThat(set.delay())
                .isEqualTo(Duration.ofMillis(19_750)));
        clock.advance(Duration.ofMillis(19_749));
        assertThat(alarm.runDue()).isZero();
        assertThat(reloads).isEmpty();

        clock.advance(Duration.ofMillis(1));
        assertThat(alarm.runDue()).isOne();
        assertThat(reloads).containsExactly(due);
        assertThat(alarm.waiting()).as("nothing more comes").isEmpty();
        assertThat(schedule.due()).isEmpty();
    }

    @Test
    void anAlarmThatGoesOffBeforeTheDueTimeReloadsNothingAndWaitsForTheRest() {
        Instant due = START.plusSeconds(5);
        schedule.expect(Optional.of(due));
        clock.advance(Duration.ofMillis(4_990)); // the alarm counts elapsed time; the clock may say otherwise

        alarm.ringEarly();

        assertThat(reloads).isEmpty();
        assertThat(alarm.waiting()).hasValueSatisfying(set -> assertThat(set.delay()).isEqualTo(Duration.ofMillis(10)));
        clock.advance(Duration.ofMillis(10));
        alarm.runDue();
        assertThat(reloads).containsExactly(due);
    }

    @Test
    void eachLoadReplacesTheTimeWaitedFor() {
        schedule.expect(Optional.of(START.plusSeconds(30)));
        schedule.expect(Optional.of(START.plusSeconds(10))); // an edit moved the date earlier
        assertThat(alarm.waiting()).hasValueSatisfying(set -> assertThat(set.due()).isEqualTo(START.plusSeconds(10)));

        schedule.expect(Optional.empty()); // the post was deleted
        assertThat(alarm.waiting()).isEmpty();
        clock.advance(Duration.ofMinutes(5));
        assertThat(alarm.runDue()).isZero();
        assertThat(reloads).isEmpty();
        assertThat(alarm.history()).hasSize(2);
    }

    @Test
    void aReloadThatReportsTheNextTimeGetsTheNextAlarm() {
        reportNext = Optional.of(START.plusSeconds(60));
        schedule.expect(Optional.of(START.plusSeconds(1)));

        clock.advance(Duration.ofSeconds(1));
        alarm.runDue();

        assertThat(reloads).hasSize(1);
        assertThat(alarm.waiting()).hasValueSatisfying(set -> assertThat(set.due()).isEqualTo(START.plusSeconds(60)));
    }

    @Test
    void aDateYearsAheadWakesOnlyOnceAMinuteToReadTheClockAndNeverReloadsEarly() {
        Instant farAhead = Instant.parse("9999-12-31T23:59:59Z");
        schedule.expect(Optional.of(farAhead));

        for (int minute = 1; minute <= 3; minute++) {
            assertThat(alarm.waiting()).hasValueSatisfying(set -> assertThat(set.delay())
                    .isEqualTo(PublicationSchedule.LONGEST_WAIT));
            clock.advance(PublicationSchedule.LONGEST_WAIT);
            assertThat(alarm.runDue()).isOne();
        }
        assertThat(reloads).isEmpty();

        // The clock is set forward (or the host slept): the next wake, within a minute, sees it.
        clock.set(farAhead.minusSeconds(30));
        assertThat(alarm.runDue()).isOne();
        assertThat(reloads).isEmpty();
        assertThat(alarm.waiting()).hasValueSatisfying(set -> assertThat(set.delay()).isEqualTo(Duration.ofSeconds(30)));
        clock.advance(Duration.ofSeconds(30));
        alarm.runDue();
        assertThat(reloads).containsExactly(farAhead);
    }

    @Test
    void aTimeAlreadyPassedReloadsAtOnce() {
        schedule.expect(Optional.of(START.minusSeconds(1)));

        assertThat(alarm.waiting()).hasValueSatisfying(set -> assertThat(set.delay()).isZero());
        alarm.runDue();
        assertThat(reloads).containsExactly(START);
    }

    @Test
    void aReloadThatFailsToReportLeavesNothingSetSoNothingRepeats() {
        // A broken configuration: the reload keeps the previous site and says nothing of what comes next.
        schedule.expect(Optional.of(START.plusSeconds(2)));
        clock.advance(Duration.ofSeconds(3));

        assertThat(alarm.runDue()).isOne();

        assertThat(reloads).hasSize(1);
        assertThat(alarm.waiting()).isEmpty();
        assertThat(schedule.due()).isEmpty();
    }

    @Test
    void closingCancelsTheAlarmClosesItAndSetsNoMore() {
        schedule.expect(Optional.of(START.plusSeconds(2)));

        schedule.close();
        schedule.expect(Optional.of(START.plusSeconds(4)));
        schedule.close();

        assertThat(alarm.closed()).isTrue();
        assertThat(alarm.waiting()).isEmpty();
        assertThat(alarm.history()).hasSize(1);
        clock.advance(Duration.ofSeconds(5));
        assertThat(alarm.runDue()).isZero();
        assertThat(reloads).isEmpty();
    }
}
