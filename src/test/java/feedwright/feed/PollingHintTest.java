package feedwright.feed;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.feed.PollingHint.Period;
import org.junit.jupiter.api.Test;

class PollingHintTest {

    @Test
    void theTtlIsMaxAgeInMinutesRoundedUp() {
        assertThat(PollingHint.ofMaxAge(300).orElseThrow().minutes()).isEqualTo(5);
        assertThat(PollingHint.ofMaxAge(301).orElseThrow().minutes()).isEqualTo(6);
        assertThat(PollingHint.ofMaxAge(1).orElseThrow().minutes()).isEqualTo(1);
        assertThat(PollingHint.ofMaxAge(31_536_000).orElseThrow().minutes()).isEqualTo(525_600);
    }

    @Test
    void aMaxAgeOfZeroHintsNothing() {
        assertThat(PollingHint.ofMaxAge(0)).isEmpty();
    }

    @Test
    void theSyndicationPairSaysTheTtlExactlyInTheShortestPeriodThatCan() {
        assertThat(PollingHint.ofMaxAge(300)).contains(new PollingHint(5, Period.HOURLY, 12));
        assertThat(PollingHint.ofMaxAge(60)).contains(new PollingHint(1, Period.HOURLY, 60));
        assertThat(PollingHint.ofMaxAge(3600)).contains(new PollingHint(60, Period.HOURLY, 1));
        assertThat(PollingHint.ofMaxAge(45 * 60)).contains(new PollingHint(45, Period.DAILY, 32));
        assertThat(PollingHint.ofMaxAge(86_400)).contains(new PollingHint(1440, Period.DAILY, 1));
        assertThat(PollingHint.ofMaxAge(7 * 60)).contains(new PollingHint(7, Period.WEEKLY, 1440));
        assertThat(PollingHint.ofMaxAge(7 * 86_400)).contains(new PollingHint(10_080, Period.WEEKLY, 1));
        assertThat(PollingHint.ofMaxAge(31_536_000)).contains(new PollingHint(525_600, Period.YEARLY, 1));
    }

    @Test
    void whenNoPeriodSaysTheTtlExactlyTheClosestLongerIntervalIsChosen() {
        // 11 minutes: hourly 5 is 12 minutes, daily 130 is 11.08, weekly 916 is 11.004, yearly 47781 is 11.00002.
        assertThat(PollingHint.ofMaxAge(11 * 60)).contains(new PollingHint(11, Period.YEARLY, 47_781));
    }

    @Test
    void theSyndicationIntervalIsNeverShorterThanTheTtlNorLongerThanNeeded() {
        for (int seconds = 1; seconds <= 31_536_000; seconds += seconds < 20_000 ? 7 : 4_999) {
            PollingHint hint = PollingHint.ofMaxAge(seconds).orElseThrow();
            long period = hint.period().minutes();
            // period / frequency >= minutes, and one more update per period would be shorter than the ttl
            assertThat(period).as("max-age %d", seconds).isGreaterThanOrEqualTo((long) hint.minutes() * hint.frequency());
            assertThat(period).as("max-age %d", seconds).isLessThan((long) hint.minutes() * (hint.frequency() + 1));
        }
    }
}
