package feedwright.websub;

import java.net.URI;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The publish notifications waiting to be sent to external hubs, at most one per hub and feed: a hub
 * fetches the feed when told, so a second notice of the same feed waiting beside the first would only make
 * it fetch the same bytes twice. A ping under way is not sent a second time at once; a newer publish of its
 * feed waits behind it (the hub may have fetched the older version). At most {@code max} wait, retries
 * included; a new one past that drops the one that has waited longest. Thread-safe: every method holds the
 * queue's lock.
 */
final class PingQueue {

    /** One feed URL for one hub. */
    record Ping(URI hub, String topic) {
    }

    /**
     * A ping and when it may go.
     *
     * @param attempt  1 for the first try
     * @param dueNanos not to be sent before this {@link System#nanoTime()}
     */
    record Waiting(Ping ping, int attempt, long dueNanos) {
    }

    private final int max;
    private final Map<Ping, Waiting> waiting = new LinkedHashMap<>();
    private final Set<Ping> inFlight = new HashSet<>();
    private boolean closed;

    PingQueue(int max) {
        this.max = max;
    }

    /**
     * Queues a first try of {@code ping} unless one already waits (nothing, once closed); the ping dropped
     * to make room, if one had to be.
     */
    synchronized Optional<Ping> offer(Ping ping) {
        if (closed || waiting.containsKey(ping)) {
            return Optional.empty();
        }
        Optional<Ping> dropped = dropOldestIfFull();
        waiting.put(ping, new Waiting(ping, 1, System.nanoTime()));
        notifyAll();
        return dropped;
    }

    /**
     * Queues another try of {@code tried} after {@code delayNanos}; false when it is not needed (a newer
     * publish of the same feed already waits) or the queue is closed.
     */
    synchronized boolean retry(Waiting tried, long delayNanos) {
        if (closed || waiting.containsKey(tried.ping())) {
            return false;
        }
        dropOldestIfFull();
        waiting.put(tried.ping(), new Waiting(tried.ping(), tried.attempt() + 1, System.nanoTime() + delayNanos));
        notifyAll();
        return true;
    }

    /**
     * The ping due soonest whose hub and feed are not under way, once it is due; empty when the queue is
     * closed. The caller must call {@link #done} after sending it.
     */
    synchronized Optional<Waiting> take() throws InterruptedException {
        while (!closed) {
            Waiting next = null;
            for (Waiting candidate : waiting.values()) {
                if (!inFlight.contains(candidate.ping()) && (next == null || candidate.dueNanos() < next.dueNanos())) {
                    next = candidate;
                }
            }
            if (next == null) {
                wait();
                continue;
            }
            long waitNanos = next.dueNanos() - System.nanoTime();
            if (waitNanos > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, waitNanos);
                continue;
            }
            waiting.remove(next.ping());
            inFlight.add(next.ping());
            return Optional.of(next);
        }
        return Optional.empty();
    }

    /** {@code ping} is no longer under way: sent, given up, or queued again. */
    synchronized void done(Ping ping) {
        inFlight.remove(ping);
        notifyAll();
    }

    /** Pings waiting or under way. */
    synchronized int size() {
        return waiting.size() + inFlight.size();
    }

    /** Waits until nothing waits and nothing is under way, at most {@code timeoutNanos}; whether that came. */
    synchronized boolean awaitEmpty(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!closed && size() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return size() == 0;
    }

    /** Takes nothing more and wakes every taker; how many pings were still waiting (now dropped). */
    synchronized int close() {
        closed = true;
        int dropped = waiting.size();
        waiting.clear();
        notifyAll();
        return dropped;
    }

    private Optional<Ping> dropOldestIfFull() {
        if (waiting.size() < max) {
            return Optional.empty();
        }
        Iterator<Waiting> oldest = waiting.values().iterator();
        Ping dropped = oldest.next().ping();
        oldest.remove();
        return Optional.of(dropped);
    }
}
