package feedwright.snapshot;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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
        Instant rebuildTime = toSecond(now);
        Map<String, Representation> resources = new LinkedHashMap<>();
        Instant notBefore = null;
        for (Map.Entry<String, Representation> entry : next.resources().entrySet()) {
            Representation old = previous.resources().get(entry.getKey());
            Representation fresh = entry.getValue();
            Representation carried = old == null ? fresh : carry(old, fresh, rebuildTime);
            resources.put(entry.getKey(), carried);
            if (carried != old && carried != fresh) { // moved forward by us, not by the entries' dates
                Instant set = carried.lastModified().orElseThrow();
                if (set.isAfter(now) && (notBefore == null || set.isAfter(notBefore))) {
                    notBefore = set;
                }
            }
        }
        return new Carried(next.withResources(resources), Optional.ofNullable(notBefore));
    }

    private static Representation carry(Representation old, Representation fresh, Instant rebuildTime) {
        if (old.sameContentAs(fresh)) {
            return old;
        }
        Optional<Instant> before = old.lastModified();
        Optional<Instant> after = fresh.lastModified();
        if (before.isEmpty() || (after.isPresent() && after.get().isAfter(before.get()))) {
            return fresh;
        }
        Instant later = rebuildTime.isAfter(before.get()) ? rebuildTime : before.get().plusSeconds(1);
        return fresh.withLastModified(later);
    }
}
