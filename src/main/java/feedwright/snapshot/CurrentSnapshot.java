package feedwright.snapshot;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The snapshot being served. A rebuild prepares a whole new snapshot off to the side and publishes it
 * with one {@link #publish}, which tells what changed for clients; a request reads {@link #get} once and uses that snapshot throughout, so it sees
 * the old site or the new one, never a mix, and never waits. Thread-safe, lock-free.
 */
public final class CurrentSnapshot implements Supplier<Snapshot> {

    private final AtomicReference<Snapshot> current;

    public CurrentSnapshot(Snapshot initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    @Override
    public Snapshot get() {
        return current.get();
    }

    /** Serves {@code next} from now on; returns what changed from the snapshot it replaced. */
    public SnapshotChanges publish(Snapshot next) {
        return SnapshotChanges.between(current.getAndSet(Objects.requireNonNull(next, "next")), next);
    }
}
