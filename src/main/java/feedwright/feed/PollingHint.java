package feedwright.feed;

import java.util.Locale;
import java.util.Optional;

/**
 * How often a reader should fetch a feed, one policy said in each place readers look: the server's
 * {@code Cache-Control: max-age=N} ({@code server.max_age}), RSS {@code <ttl>} = N in minutes rounded up,
 * and the Syndication module's {@code sy:updatePeriod}/{@code sy:updateFrequency} (RSS and Atom), which
 * say "this many times per period". A period divided by a whole number cannot always be the ttl exactly, so
 * the pair is the one whose interval is closest to the ttl without being shorter (a reader polling sooner
 * would only be told nothing changed); among equally close ones, the shortest period. Five minutes is
 * {@code hourly} 12, 45 minutes {@code daily} 32. Immutable.
 *
 * @param minutes   the ttl: minutes a reader may keep the feed before fetching it again, at least 1
 * @param period    the Syndication module's period
 * @param frequency how many times per period, at least 1
 */
public record PollingHint(int minutes, Period period, int frequency) {

    public PollingHint {
        if (minutes < 1 || frequency < 1) {
            throw new IllegalArgumentException("minutes and frequency must be >= 1");
        }
    }

    /**
     * The hint for a {@code max-age} of {@code seconds}; none for 0, which asks every reader to revalidate
     * every time: there is no interval to hint at (and {@code sy:updateFrequency} has no "never").
     */
    public static Optional<PollingHint> ofMaxAge(int seconds) {
        if (seconds <= 0) {
            return Optional.empty();
        }
        int minutes = (int) ((seconds + 59L) / 60);
        Period best = null;
        int bestFrequency = 0;
        for (Period period : Period.values()) {
            if (period.minutes < minutes) {
                continue;
            }
            int frequency = period.minutes / minutes;
            // period / frequency < best.minutes / bestFrequency, compared without rounding
            if (best == null || (long) period.minutes * bestFrequency < (long) best.minutes * frequency) {
                best = period;
                bestFrequency = frequency;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("a max-age longer than a year: " + seconds);
        }
        return Optional.of(new PollingHint(minutes, best, bestFrequency));
    }

    /**
     * The Syndication module's periods with a fixed length. {@code monthly} is left out: months differ, and
     * readers count one as 30 or 31 days.
     */
    public enum Period {
        HOURLY(60), DAILY(24 * 60), WEEKLY(7 * 24 * 60), YEARLY(365 * 24 * 60);

        private final int minutes;

        Period(int minutes) {
            this.minutes = minutes;
        }

        /** The period as {@code sy:updatePeriod} writes it: {@code hourly}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        public int minutes() {
            return minutes;
        }
    }
}
