package feedwright.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one rule for {@code Last-Modified}, from a build to every later reload. It depends on the content
 * and the entries' dates only (never on a host or a process), so every replica and every restart serving
 * the same site agree on it:
 * <ol>
 *   <li>A built resource is as new as its newest entry update, but never later than the build: a post may
 *       claim an update in the future, and RFC 9110 §8.8.2.1 forbids a Last-Modified after the response's
 *       own date ({@link #ofEntries}).</li>
 *   <li>HTTP dates have one-second precision (RFC 9110 §5.6.7), so times are kept in whole seconds
 *       ({@link #toSecond}).</li>
 *   <li>Across a reload, a resource whose bytes did not change keeps its old representation, so its ETag and
 *       Last-Modified stay exactly as they were; one whose bytes did change gets a later Last-Modified than
 *       before, since several readers (miniflux, CommaFeed, Feedbin) ignore a new ETag under an unchanged
 *       Last-Modified. When the entries' own dates did not move forward (a body edited without touching
 *       {@code updated}), the rebuild time is used instead ({@link #carryForward}).</li>
 * </ol>
 * A second change within the same second can only move forward by naming the next second, which is still
 * in the future: {@link Carried#notBefore()} says so, and the reloader then waits for that second and
 * rebuilds rather than publish a date ahead of the clock. Stateless.
 */
public final class LastModified {

    private LastModified() {
    }

    /** {@code time} in the precision of an HTTP-date. */
    static Instant toSecond(Instant time) {
        return time.truncatedTo(ChronoUnit.SECONDS);
    }

    /** A built resource's Last-Modified: its newest entry update, capped at the build's start; empty without entries. */
    static Optional<Instant> ofEntries(Optional<Instant> newestUpdate, Instant builtAt) {
        return newestUpdate.map(updated -> updated.isAfter(builtAt) ? builtAt : updated).map(LastModified::toSecond);
    }

    /**
     * A reload's snapshot with validators carried forward.
     *
     * @param notBefore when every Last-Modified set from the rebuild time is no longer in the future;
     *                  empty when none is ahead of {@code now} already
     */
    public record Carried(Snapshot snapshot, Optional<Instant> notBefore) {
    }

    /** {@code next} with each resource's validators carried forward from {@code previous}, as of {@code now}. */
    public static Carried carryForward(Snapshot previous, Snapshot next, Instant now) {
        Map<String, Representation> served = previous.resources();
        // An unchanged resource keeps its old representation itself: the same validators, and no second copy.
        // An archive page never made told nobody anything: nothing to carry, and not made just to learn that.
        return carry(next, now, path -> {
            Representation old = served.get(path);
            return old == null || !old.wasMade() ? null : old.validators();
        }, served::get);
    }

    /**
     * {@code next} with validators carried forward from those another process published before (an earlier
     * build's manifest, {@code serve}'s state file), as of {@code now}.
     */
    public static Carried carryForward(Map<String, Validators> published, Snapshot next, Instant now) {
        return carry(next, now, published::get, path -> null);
    }

    /**
     * The longest wait for the clock to reach a second a changed path needs: a second and a little, the most
     * that rounding to whole seconds can ask for. A later second means this machine's clock is behind the
     * one that published before.
     */
    static final Duration MAX_CLOCK_WAIT = Duration.ofMillis(1_100);

    private static final Logger LOG = LoggerFactory.getLogger(LastModified.class);

    /**
     * As {@link #carryForward(Map, Snapshot, Instant)}, for a process that publishes once (a build, a deploy,
     * a start): when a changed path can only rise by naming the next second, it waits for that second (at
     * most {@link #MAX_CLOCK_WAIT}) rather than publish a date ahead of the clock. When the clock is further
     * behind than that (stepped back, or behind the machine that published before), the later date is kept
     * anyway, with a warning: a Last-Modified that went back would earn readers a {@code 304} for changed bytes.
     */
    public static Snapshot carryForwardOnce(Map<String, Validators> published, Snapshot next, Clock clock)
            throws InterruptedException {
        Carried carried = carryForward(published, next, clock.instant());
        if (carried.notBefore().isPresent()) {
            Duration wait = Duration.between(clock.instant(), carried.notBefore().get()).plusMillis(1);
            if (wait.compareTo(MAX_CLOCK_WAIT) <= 0) {
                Thread.sleep(Math.max(0, wait.toMillis()));
                carried = carryForward(published, next, clock.instant());
            }
        }
        carried.notBefore().ifPresent(ahead -> LOG.warn("a Last-Modified of {} is ahead of this machine's clock ({}):"
                + " kept, since an earlier one would tell readers nothing changed; is the clock right?", ahead,
                clock.instant()));
        return carried.snapshot();
    }

    /**
     * @param published what readers were told before about a path, or null for a new path
     * @param reusable  an earlier representation to keep for a path whose content did not change, or null
     */
    private static Carried carry(Snapshot next, Instant now, Function<String, Validators> published,
                                 Function<String, Representation> reusable) {
        Instant rebuildTime = toSecond(now);
        Map<String, Representation> resources = new LinkedHashMap<>();
        Instant notBefore = null;
        for (Map.Entry<String, Representation> entry : next.resources().entrySet()) {
            Representation fresh = entry.getValue();
            Representation kept = reusable.apply(entry.getKey());
            if (kept != null && kept.sharesBytesWith(fresh) && kept.immutable() == fresh.immutable()) {
                // Made by the same writing as what is served (a feed the rebuild did not touch): nothing to
                // compare, and an archive page made on demand is not made just to learn its ETag.
                resources.put(entry.getKey(), kept);
                continue;
            }
            Validators before = published.apply(entry.getKey());
            Representation carried;
            if (before == null) {
                carried = fresh;
            } else if (!fresh.wasMade() && fresh.isMadeOnDemand()) {
                // An archive page not made yet (a reload, a start): not made just to compare. Its date never
                // goes back; an edit that moved no entry's date keeps the date told before, so a reader asking
                // with If-Modified-Since alone sees it only at its next change (ETags tell at once).
                carried = before.lastModified().filter(told -> fresh.lastModified().map(told::isAfter).orElse(true))
                        .map(fresh::withLastModified).orElse(fresh);
            } else if (!fresh.wasMade() && before.lastModified().map(told -> told.isBefore(rebuildTime)).orElse(true)) {
                // A document a server's start makes when first asked for: dated by the same rule as below, once
                // made. Not when the date told is this second or later: moving past it would name a second still
                // to come, which needs the wait below, so that document is made now.
                carried = fresh.datedWhenMade(before, rebuildTime);
            } else if (before.describe(fresh)) {
                // The same bytes: the old representation, unless the page settled meanwhile (a JSON Feed page
                // keeps its bytes as it does), which keeps the old date and takes the year's caching.
                carried = kept != null && kept.immutable() == fresh.immutable() ? kept
                        : dated(fresh, dateAfter(before, true, fresh.lastModified(), rebuildTime));
            } else {
                carried = moved(before, fresh, rebuildTime);
                if (carried != fresh) { // moved forward by us, not by the entries' dates
                    Instant set = carried.lastModified().orElseThrow();
                    if (set.isAfter(now) && (notBefore == null || set.isAfter(notBefore))) {
                        notBefore = set;
                    }
                }
            }
            resources.put(entry.getKey(), carried);
        }
        return new Carried(next.withResources(resources), Optional.ofNullable(notBefore));
    }

    /** A changed resource, dated by {@link #dateAfter}: {@code fresh} itself when that is its own date. */
    private static Representation moved(Validators before, Representation fresh, Instant rebuildTime) {
        return dated(fresh, dateAfter(before, false, fresh.lastModified(), rebuildTime));
    }

    /** {@code fresh} itself when {@code date} is its own, else a copy of it so dated. */
    private static Representation dated(Representation fresh, Optional<Instant> date) {
        return date.equals(fresh.lastModified()) ? fresh : fresh.withLastModified(date.orElseThrow());
    }

    /**
     * The date of a resource readers were {@code told} of before, as of {@code rebuildTime}: the date told when
     * its bytes are the same (or its {@code own}, its newest entry's, when none was told); when they changed, its
     * own date if that is later than the one told, else the rebuild time, else a second later than the one told.
     */
    static Optional<Instant> dateAfter(Validators told, boolean sameBytes, Optional<Instant> own, Instant rebuildTime) {
        Optional<Instant> earlier = told.lastModified();
        if (sameBytes || earlier.isEmpty()) {
            return earlier.or(() -> own);
        }
        if (own.isPresent() && own.get().isAfter(earlier.get())) {
            return own;
        }
        return Optional.of(rebuildTime.isAfter(earlier.get()) ? rebuildTime : earlier.get().plusSeconds(1));
    }
}
