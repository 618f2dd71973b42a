package feedwright.reload;

import feedwright.snapshot.Representation;
import feedwright.snapshot.Snapshot;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps validators honest across a reload. A resource whose bytes did not change keeps its old
 * representation, so its ETag and Last-Modified stay exactly as they were. A resource whose bytes did
 * change must get a later Last-Modified than before: several readers (miniflux, CommaFeed, Feedbin)
 * ignore a new ETag under an unchanged Last-Modified. When the entries' own dates did not move forward
 * (a body edited without touching {@code updated}), the rebuild time is used instead.
 *
 * <p>HTTP dates have one-second precision, so a second change within the same second can only move
 * forward by naming the next second, which is still in the future. {@link Carried#notBefore()} says so;
 * the reloader then waits for that second and rebuilds rather than publish a date ahead of the clock.
 */
final class Validators {

    private Validators() {
    }

    /**
     * A reload's snapshot with validators carried forward.
     *
     * @param notBefore when every Last-Modified set from the rebuild time is no longer in the future;
     *                  empty when none is ahead of {@code now} already
     */
    record Carried(Snapshot snapshot, Optional<Instant> notBefore) {
    }

    static Carried carryForward(Snapshot previous, Snapshot next, Instant now) {
        Instant rebuildTime = now.truncatedTo(ChronoUnit.SECONDS);
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
