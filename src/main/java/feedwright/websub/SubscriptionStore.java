package feedwright.websub;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in hub's subscriptions: at most {@code max} of them, each until its lease ends, written to
 * {@link SubscriptionFile} after every change and read back at start (leases that ended meanwhile dropped).
 * A file that cannot be read is reported and replaced by the next change. A failure to write is
 * reported and the subscriptions stay in memory. Thread-safe: every method holds the store's lock for as
 * long as it takes to look or change, never while the file is written, so a request on an IO thread or a
 * publish never waits for the disk; writes are made one at a time, and never replace a later list with an
 * earlier one.
 */
public final class SubscriptionStore {

    /** Where the subscriptions are kept, under the site folder. */
    public static final String FILE_NAME = SubscriptionFile.FILE_NAME;

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionStore.class);

    /** What {@link #put} did. */
    public enum Outcome { ADDED, RENEWED, FULL }

    private final Path file;
    private final int max;
    private final Clock clock;
    private final Map<Subscription.Key, Subscription> subscriptions = new LinkedHashMap<>();
    /** Held while the file is written; {@link #written} is the {@link #version} it holds. */
    private final Object writing = new Object();
    private long version;
    private long written;

    private SubscriptionStore(Path file, int max, Clock clock) {
        this.file = file;
        this.max = max;
        this.clock = clock;
    }

    /** The store of the site in {@code siteDir}, with the subscriptions its file holds whose leases still run. */
    public static SubscriptionStore open(Path siteDir, int max, Clock clock) {
        SubscriptionStore store = new SubscriptionStore(siteDir.resolve(FILE_NAME), max, clock);
        List<Subscription> kept;
        try {
            kept = SubscriptionFile.read(store.file);
        } catch (IOException | SubscriptionFile.Invalid e) {
            LOG.warn("{}: not read ({}); the built-in hub starts without subscriptions", store.file,
                    e instanceof IOException ? e.toString() : e.getMessage());
            return store;
        }
        int expired = 0;
        for (Subscription subscription : kept) {
            if (!subscription.activeAt(clock.instant())) {
                expired++;
            } else if (store.subscriptions.size() < max) {
                store.subscriptions.put(subscription.key(), subscription);
            }
        }
        int over = kept.size() - expired - store.subscriptions.size();
        if (over > 0) {
            LOG.warn("{}: {} subscriptions over websub.max_subscriptions ({}) dropped", store.file, over, max);
        }
        if (expired > 0 || over > 0) {
            store.save();
        }
        return store;
    }

    /** Whether {@link #put} would take a subscription with this key now: it is there already, or there is room. */
    public synchronized boolean hasRoomFor(Subscription.Key key) {
        dropExpired();
        return subscriptions.containsKey(key) || subscriptions.size() < max;
    }

    /** Adds {@code subscription}, or renews the one with its key; refuses a new one when the store is full. */
    public Outcome put(Subscription subscription) {
        Outcome outcome;
        synchronized (this) {
            dropExpired();
            Subscription earlier = subscriptions.get(subscription.key());
            if (earlier == null && subscriptions.size() >= max) {
                return Outcome.FULL;
            }
            subscriptions.put(subscription.key(), subscription);
            outcome = earlier == null ? Outcome.ADDED : Outcome.RENEWED;
        }
        save();
        return outcome;
    }

    /** Removes the subscription with this key; whether there was one. */
    public boolean remove(Subscription.Key key) {
        synchronized (this) {
            if (subscriptions.remove(key) == null) {
                return false;
            }
        }
        save();
        return true;
    }

    /** The subscription with this key, while its lease runs. */
    public synchronized Optional<Subscription> find(Subscription.Key key) {
        return Optional.ofNullable(subscriptions.get(key)).filter(s -> s.activeAt(clock.instant()));
    }

    /** The subscriptions to {@code topic} whose leases still run, in the order they were made. */
    public synchronized List<Subscription> subscribersOf(String topic) {
        return subscriptions.values().stream().filter(s -> s.topic().equals(topic) && s.activeAt(clock.instant()))
                .toList();
    }

    /** The subscriptions whose leases still run. */
    public synchronized List<Subscription> all() {
        dropExpired();
        return List.copyOf(subscriptions.values());
    }

    private void dropExpired() {
        subscriptions.values().removeIf(s -> !s.activeAt(clock.instant()));
    }

    /** Writes the subscriptions as they are now, unless a later list was written meanwhile. */
    private void save() {
        List<Subscription> now;
        long mine;
        synchronized (this) {
            dropExpired();
            now = List.copyOf(subscriptions.values());
            mine = ++version;
        }
        synchronized (writing) {
            if (mine < written) {
                return;
            }
            try {
                SubscriptionFile.write(file, now);
                written = mine;
            } catch (IOException e) {
                LOG.warn("cannot record the hub's subscriptions in {}: {}", file, e.toString());
            }
        }
    }
}
