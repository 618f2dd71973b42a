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
 * (a body edited without touching {@code updated}), the rebuild time is used instead; it is never in
 * the future, except by at most one second when two edits land within the same second (HTTP dates have
 * one-second precision and must still increase).
 */
final class Validators {

    private Validators() {
    }

    static Snapshot carryForward(Snapshot previous, Snapshot next, Instant now) {
        Instant rebuildTime = now.truncatedTo(ChronoUnit.SECONDS);
        Map<String, Representation> resources = new LinkedHashMap<>();
        next.resources().forEach((path, fresh) -> {
            Representation old = previous.resources().get(path);
            resources.put(path, old == null ? fresh : carry(old, fresh, rebuildTime));
        });
        return next.withResources(resources);
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
