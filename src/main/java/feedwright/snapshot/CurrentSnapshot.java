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

    /**
     * Told of every snapshot about to be published, on the publishing thread, just before readers see it: a
     * record it keeps (the state file) then covers whatever a reader may have been answered, even when the
     * process is killed right after.
     */
    public interface Listener {
        void publishing(Snapshot next, SnapshotChanges changes);

        /**
         * Told of the same snapshot once readers see it, on the publishing thread: for what must not come
         * before the new bytes can be fetched (a hub told of a change fetches the feed). Nothing by default.
         */
        default void published(Snapshot current, SnapshotChanges changes) {
        }

        /** Tells this listener, then {@code next}, of each snapshot (in each of the two steps). */
        default Listener andThen(Listener next) {
            Listener first = this;
            return new Listener() {
                @Override
                public void publishing(Snapshot snapshot, SnapshotChanges changes) {
                    first.publishing(snapshot, changes);
                    next.publishing(snapshot, changes);
                }

                @Override
                public void published(Snapshot snapshot, SnapshotChanges changes) {
                    first.published(snapshot, changes);
                    next.published(snapshot, changes);
                }
            };
        }
    }

    private final AtomicReference<Snapshot> current;
    private final Listener listener;

    public CurrentSnapshot(Snapshot initial) {
        this(initial, (next, changes) -> { });
    }

    /** @param listener told of each snapshot published after this first one (a state file to keep, say) */
    public CurrentSnapshot(Snapshot initial, Listener listener) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public Snapshot get() {
        return current.get();
    }

    /** Serves {@code next} from now on; returns what changed from the snapshot it replaced. */
    public SnapshotChanges publish(Snapshot next) {
        Objects.requireNonNull(next, "next");
        // Publishing is serialised by the one reloader or watcher that publishes, so nothing comes between.
        SnapshotChanges changes = SnapshotChanges.between(current.get(), next);
        listener.publishing(next, changes);
        current.set(next);
        listener.published(next, changes);
        return changes;
    }
}
