package feedwright.websub;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Work waiting to be sent to other servers, at most one item per key, bounded, tried again after a delay:
 * the deliveries of the built-in hub (a key per subscription) and the pings to external hubs (a key per hub
 * and feed). An item under way is never sent a second time at once: a newer item of its key waits behind
 * it. At most {@code max} wait, retries included; a new item past that drops the one that has waited
 * longest, while a retry past it is given up (it would wait behind everything newer). Thread-safe: every
 * method holds the queue's lock.
 *
 * @param <K> what one item at a time is sent for
 * @param <V> what is sent
 */
final class RetryQueue<K, V> {

    /** What a newer item does to one of its key still waiting. */
    enum Newer {
        /** Takes its place in the line: the newer version is all that is worth sending (a feed document). */
        REPLACES,
        /** Leaves it: the waiting one says the same (a ping, after which the hub fetches the feed). */
        JOINS
    }

    /**
     * One item and when it may go.
     *
     * @param attempt  1 for the first try
     * @param dueNanos not to be sent before this {@link System#nanoTime()}
     */
    record Entry<K, V>(K key, V value, int attempt, long dueNanos) {
    }

    /** What a worker does with each item it takes. */
    @FunctionalInterface
    interface Work<K, V> {
        void send(Entry<K, V> entry) throws InterruptedException;
    }

    private final int max;
    private final Newer newer;
    private final Map<K, Entry<K, V>> waiting = new LinkedHashMap<>();
    private final Set<K> inFlight = new HashSet<>();
    private final List<Thread> workers = new ArrayList<>();
    private boolean closed;

    RetryQueue(int max, Newer newer) {
        this.max = max;
        this.newer = newer;
    }

    /** Queues a first try of {@code value} (nothing, once closed); the item dropped to make room, if one had to be. */
    synchronized Optional<Entry<K, V>> offer(K key, V value) {
        if (closed || (waiting.containsKey(key) && newer == Newer.JOINS)) {
            return Optional.empty();
        }
        Optional<Entry<K, V>> dropped = Optional.empty();
        if (!waiting.containsKey(key) && waiting.size() >= max) {
            Iterator<Entry<K, V>> oldest = waiting.values().iterator();
            dropped = Optional.of(oldest.next());
            oldest.remove();
        }
        waiting.put(key, new Entry<>(key, value, 1, System.nanoTime()));
        notifyAll();
        return dropped;
    }

    /**
     * Queues another try of {@code tried} after {@code delayNanos}; false when it is not worth it: a newer
     * item of its key waits already, the queue is full, or closed.
     */
    synchronized boolean retry(Entry<K, V> tried, long delayNanos) {
        if (closed || waiting.containsKey(tried.key()) || waiting.size() >= max) {
            return false;
        }
        waiting.put(tried.key(), new Entry<>(tried.key(), tried.value(), tried.attempt() + 1,
                System.nanoTime() + delayNanos));
        notifyAll();
        return true;
    }

    /**
     * The first item in the line that is due and whose key has none under way, waiting for one; empty once
     * closed. The caller must call {@link #done} when it is over.
     */
    synchronized Optional<Entry<K, V>> take() throws InterruptedException {
        while (!closed) {
            long now = System.nanoTime();
            long nextDue = Long.MAX_VALUE;
            for (Entry<K, V> candidate : waiting.values()) {
                if (inFlight.contains(candidate.key())) {
                    continue;
                }
                if (candidate.dueNanos() - now <= 0) {
                    waiting.remove(candidate.key());
                    inFlight.add(candidate.key());
                    return Optional.of(candidate);
                }
                nextDue = Math.min(nextDue, candidate.dueNanos() - now);
            }
            if (nextDue == Long.MAX_VALUE) {
                wait();
            } else {
                TimeUnit.NANOSECONDS.timedWait(this, nextDue);
            }
        }
        return Optional.empty();
    }

    /** The item taken for {@code key} is over (sent, given up, or queued again); its key's next may go. */
    synchronized void done(K key) {
        inFlight.remove(key);
        notifyAll();
    }

    /** Starts {@code count} daemon threads ({@code name-1}, ...) that each {@link #drain} to {@code work}. */
    synchronized void startWorkers(int count, String name, Work<K, V> work) {
        for (int i = 1; i <= count; i++) {
            Thread worker = new Thread(() -> drain(work), name + "-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /**
     * Closes the queue and stops its workers, abandoning what they have under way (each waits at most a
     * second to end); how many items were still waiting (now dropped).
     */
    int stop() {
        List<Thread> started;
        int dropped;
        synchronized (this) {
            dropped = close();
            started = List.copyOf(workers);
        }
        started.forEach(Thread::interrupt);
        for (Thread worker : started) {
            try {
                worker.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return dropped;
    }

    /** Takes item after item and hands each to {@code work}, until the queue is closed or the thread interrupted. */
    void drain(Work<K, V> work) {
        try {
            while (true) {
                Optional<Entry<K, V>> next = take();
                if (next.isEmpty()) {
                    return;
                }
                try {
                    work.send(next.get());
                } finally {
                    done(next.get().key());
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    /** Items waiting, retries included. */
    synchronized int waiting() {
        return waiting.size();
    }

    /** Items waiting or under way. */
    synchronized int pending() {
        return waiting.size() + inFlight.size();
    }

    /** Waits until nothing waits and nothing is under way, at most {@code timeoutNanos}; whether that came. */
    synchronized boolean awaitEmpty(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!closed && pending() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return pending() == 0;
    }

    /** Takes nothing more and wakes every taker; how many items were still waiting (now dropped). */
    synchronized int close() {
        closed = true;
        int dropped = waiting.size();
        waiting.clear();
        notifyAll();
        return dropped;
    }
}
