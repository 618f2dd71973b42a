package feedwright.websub;

import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The deliveries waiting to be made, at most one per subscription: a feed document is the whole feed, so
 * a newer version replaces an older one still waiting (in its place in the line), and a subscriber is never
 * sent an older version after a newer one. A subscription's deliveries are made one at a time, in order.
 * At most {@code max} wait, retries included; a new one past that drops the one that has waited longest.
 * Thread-safe: every method holds the queue's lock.
 */
final class DeliveryQueue {

    /**
     * One feed document for one subscription.
     *
     * @param attempt  1 for the first try
     * @param dueNanos not to be tried before this {@link System#nanoTime()}
     */
    record Delivery(Subscription.Key key, Document document, int attempt, long dueNanos) {
    }

    /** A feed's new version: its path, type and bytes, shared by every delivery of it. */
    record Document(String path, String contentType, byte[] body) {
    }

    private final int max;
    private final Map<Subscription.Key, Delivery> waiting = new LinkedHashMap<>();
    private final Set<Subscription.Key> inFlight = new HashSet<>();
    private boolean closed;

    DeliveryQueue(int max) {
        this.max = max;
    }

    /** Queues {@code delivery} (nothing, once closed); the delivery dropped to make room, if one had to be. */
    synchronized Optional<Delivery> offer(Delivery delivery) {
        if (closed) {
            return Optional.empty();
        }
        Optional<Delivery> dropped = Optional.empty();
        if (!waiting.containsKey(delivery.key()) && waiting.size() >= max) {
            Iterator<Delivery> oldest = waiting.values().iterator();
            dropped = Optional.of(oldest.next());
            oldest.remove();
        }
        waiting.put(delivery.key(), delivery);
        notifyAll();
        return dropped;
    }

    /**
     * Queues another try of {@code failed} after {@code delay}; false when it is not worth it: a newer
     * version waits already, or the queue is full (a retry waits behind everything newer).
     */
    synchronized boolean retry(Delivery failed, Duration delay) {
        if (closed || waiting.containsKey(failed.key()) || waiting.size() >= max) {
            return false;
        }
        waiting.put(failed.key(), new Delivery(failed.key(), failed.document(), failed.attempt() + 1,
                System.nanoTime() + delay.toNanos()));
        notifyAll();
        return true;
    }

    /**
     * The next delivery due whose subscription has none under way, waiting for one; empty once closed. The
     * caller must call {@link #done} when it is over.
     */
    synchronized Optional<Delivery> take() throws InterruptedException {
        while (!closed) {
            long now = System.nanoTime();
            long nextDue = Long.MAX_VALUE;
            for (Iterator<Delivery> it = waiting.values().iterator(); it.hasNext(); ) {
                Delivery delivery = it.next();
                if (inFlight.contains(delivery.key())) {
                    continue;
                }
                if (delivery.dueNanos() - now <= 0) {
                    it.remove();
                    inFlight.add(delivery.key());
                    return Optional.of(delivery);
                }
                nextDue = Math.min(nextDue, delivery.dueNanos());
            }
            if (nextDue == Long.MAX_VALUE) {
                wait();
            } else {
                long millis = Math.max(1, (nextDue - now + 999_999) / 1_000_000);
                wait(millis);
            }
        }
        return Optional.empty();
    }

    /** The delivery taken for {@code key} is over; the subscription's next one may go. */
    synchronized void done(Subscription.Key key) {
        inFlight.remove(key);
        notifyAll();
    }

    /** How many deliveries wait, retries included. */
    synchronized int size() {
        return waiting.size();
    }

    /** Wakes every taker, which gets nothing from now on; what waits is dropped. Returns how many that were. */
    synchronized int close() {
        closed = true;
        int dropped = waiting.size();
        waiting.clear();
        notifyAll();
        return dropped;
    }
}
