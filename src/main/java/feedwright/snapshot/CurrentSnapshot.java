package feedwright.snapshot;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The snapshot being served. A rebuild prepares a whole new snapshot off to the side and publishes it
 * with one {@link #set}; a request reads {@link #get} once and uses that snapshot throughout, so it sees
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

    public void set(Snapshot next) {
        current.set(Objects.requireNonNull(next, "next"));
    }
}
