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
 * When the schedule wakes the reloader, on the test's clock and alarm: {@link PublicationSchedule#LEAD}
 * ahead to build, at the due time to publish and not before, one alarm at a time, again after every
 * load, never in a loop, and never after closing. The reloader here only notes what it is asked and
 * reports what the test says comes next.
 */
@Timeout(10)
class PublicationScheduleTest {

    private static final Instant START = Instant.parse("2026-03-01T09:00:00.250Z");
    private static final Duration LEAD = PublicationSchedule.LEAD;

    private final ManualClock clock = new ManualClock(START);
    private final ManualAlarm alarm = new ManualAlarm(clock);
    /** The due times built ahead, and when; the due times published, and when. */
    private final List<String> prepared = new ArrayList<>();
    private final List<String> published = new ArrayList<>();
    /** What the next publication reports as coming next; none, as a reload that fails. */
    private Optional<Instant> reportNext = Optional.empty();
    private final PublicationSchedule schedule = new PublicationSchedule(clock, alarm, new PublicationSchedule.Reloads() {
        @Override
        public void prepare(Instant due) {
            prepared.add(due + " at " + clock.instant());
        }

        @Override
        public void publishDue(Instant due) {
            published.add(due + " at " + clock.instant());
            reportNext.ifPresent(next -> schedule().expect(Optional.of(next)));
        }
    });

    private PublicationSchedule schedule() {
        return schedule;
    }

    @Test
    void buildsAheadByTheLeadAndPublishesWhenTheClockReachesTheDueTime() {
        Instant due = START.plusSeconds(20).minusMillis(250);
        schedule.expect(Optional.of(due));

        assertThat(alarm.waiting()).hasValueSatisfying(set -> assertThat(set.delay())
                .isEqualTo(Duration.ofMillis(19_750).minus(LEAD)));
        clock.set(due.minus(LEAD).minusMillis(1));
        assertThat(alarm.runDue()).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(alarm.runDue()).isOne();
        assertThat(prepared).containsExactly(due + " at " + due.minus(LEAD));
        assertThat(published).isEmpty();

        clock.set(due.minusMillis(1));
        assertThat(alarm.runDue()).isZero();
        clock.set(due);
        assertThat(alarm.runDue()).isOne();

        assertThat(published).containsExactly(due + " at " + due);
        assertThat(alarm.waiting()).as("nothing more comes").isEmpty();
        assertThat(schedule.due()).isEmpty();
    }

    @Test
    void anAlarmThatGoesOffBeforeItsTimeDoesNothingButWaitForTheRest() {
        Instant due = START.plusSeconds(5);
        schedule.expect(Optional.of(due));
        clock.set(due.minus(LEAD).minusMillis(10)); // the alarm counts elapsed time; the clock may say otherwise

        alarm.ringEarly();

        assertThat(prepared).isEmpty();
        assertThat(alarm.waiting()).hasValueSatisfying(set -> assertThat(set.delay()).isEqualTo(Duration.ofMillis(10)));
        clock.set(due.minusMillis(10));
        alarm.runDue();
        assertThat(prepared).hasSize(1);
        alarm.ringEarly();
        assertThat(published).isEmpty();
        clock.set(due);
        alarm.runDue();
        assertThat(published).containsExactly(due + " at " + due);
    }

    @Test
    void eachLoadReplacesTheTimeWaitedFor() {
        schedule.expect(Optional.of(START.plusSeconds(30)));
        schedule.expect(Optional.of(START.plusSeconds(10))); // an edit moved the date earlier
        assertThat(alarm.waiting()).hasValueSatisfying(set -> assertThat(set.due())
                .isEqualTo(START.plusSeconds(10).minus(LEAD)));

        schedule.expect(Optional.empty()); // the post was deleted
        assertThat(alarm.waiting()).isEmpty();
        clock.advance(Duration.ofMinutes(5));
        assertThat(alarm.runDue()).isZero();
        assertThat(prepared).isEmpty();
        assertThat(published).isEmpty();
        assertThat(alarm.history()).hasSize(2);
    }

    @Test
    void aLoadAfterTheBuildAheadHasItBuiltAgain() {
        Instant due = START.plusSeconds(10);
        schedule.expect(Optional.of(due));
        clock.set(due.minus(LEAD));
        alarm.runDue();

        schedule.expect(Optional.of(due)); // a reload in between: the posts may have changed
        alarm.runDue();

        assertThat(prepared).containsExactly(due + " at " + due.minus(LEAD), due + " at " + due.minus(LEAD));
        clock.set(due);
        alarm.runDue();
        assertThat(published).containsExactly(due + " at " + due);
    }

    @Test
    void thePublicationReportsTheNextTimeAndGetsItsAlarm() {
        reportNext = Optional.of(START.plusSeconds(60));
        schedule.expect(Optional.of(START.plusSeconds(1))); // less than the lead ahead: built at once

        assertThat(alarm.runDue()).isOne();
        clock.advance(Duration.ofSeconds(1));
        assertThat(alarm.runDue()).isOne();

        assertThat(prepared).containsExactly(START.plusSeconds(1) + " at " + START);
        assertThat(published).containsExactly(START.plusSeconds(1) + " at " + START.plusSeconds(1));
        assertThat(alarm.waiting()).hasValueSatisfying(set -> assertThat(set.due())
                .isEqualTo(START.plusSeconds(60).minus(LEAD)));
    }

    @Test
    void aDateYearsAheadWakesOnlyOnceAMinuteToReadTheClock() {
        Instant farAhead = Instant.parse("9999-12-31T23:59:59Z");
        schedule.expect(Optional.of(farAhead));

        for (int minute = 1; minute <= 3; minute++) {
            assertThat(alarm.waiting()).hasValueSatisfying(set -> assertThat(set.delay())
                    .isEqualTo(PublicationSchedule.LONGEST_WAIT));
            clock.advance(PublicationSchedule.LONGEST_WAIT);
            assertThat(alarm.runDue()).isOne();
        }
        assertThat(prepared).isEmpty();

        // The clock is set forward (or the host slept): the next wake, within a minute, sees it.
        clock.set(farAhead.minusSeconds(30));
        assertThat(alarm.runDue()).isOne();
        assertThat(prepared).isEmpty();
        assertThat(alarm.waiting()).hasValueSatisfying(set -> assertThat(set.due()).isEqualTo(farAhead.minus(LEAD)));
        clock.set(farAhead.minus(LEAD));
        alarm.runDue();
        clock.set(farAhead);
        alarm.runDue();
        assertThat(published).containsExactly(farAhead + " at " + farAhead);
    }

    @Test
    void aTimeAlreadyPassedIsPublishedAtOnceWithoutBuildingAhead() {
        schedule.expect(Optional.of(START.minusSeconds(1)));

        assertThat(alarm.waiting()).hasValueSatisfying(set -> assertThat(set.delay()).isZero());
        alarm.runDue();
        assertThat(prepared).isEmpty();
        assertThat(published).containsExactly(START.minusSeconds(1) + " at " + START);
    }

    @Test
    void aPublicationThatFailsToReportLeavesNothingSetSoNothingRepeats() {
        // A broken configuration: the reload keeps the previous site and says nothing of what comes next.
        schedule.expect(Optional.of(START.minusSeconds(2)));

        assertThat(alarm.runDue()).isOne();

        assertThat(published).hasSize(1);
        assertThat(alarm.waiting()).isEmpty();
        assertThat(schedule.due()).isEmpty();
    }

    @Test
    void closingCancelsTheAlarmClosesItAndSetsNoMore() {
        schedule.expect(Optional.of(START.plusSeconds(20)));

        schedule.close();
        schedule.expect(Optional.of(START.plusSeconds(40)));
        schedule.close();

        assertThat(alarm.closed()).isTrue();
        assertThat(alarm.waiting()).isEmpty();
        assertThat(alarm.history()).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(alarm.runDue()).isZero();
        assertThat(prepared).isEmpty();
        assertThat(published).isEmpty();
    }
}
