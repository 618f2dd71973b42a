package feedwright.testing;

import feedwright.reload.Alarm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An {@link Alarm} on a {@link ManualClock}: a task set is due {@code delay} after the clock's time then,
 * and runs on the test's thread when the test asks ({@link #runDue()}), after moving the clock. Every
 * task set stays there to be looked at ({@link #history()}).
 */
public final class ManualAlarm implements Alarm {

    private static final int MAX_RUNS = 100;

    private final ManualClock clock;
    private final List<Task> tasks = new ArrayList<>();
    private boolean closed;

    public ManualAlarm(ManualClock clock) {
        this.clock = clock;
    }

    /** One task set: when, for how long, and whether it still waits. */
    public static final class Task {

        private final Instant at;
        private final Duration delay;
        private final Runnable task;
        private boolean waiting = true;

        private Task(Instant at, Duration delay, Runnable task) {
            this.at = at;
            this.delay = delay;
            this.task = task;
        }

        public Duration delay() {
            return delay;
        }

        public Instant due() {
            return at.plus(delay);
        }
    }

    @Override
    public synchronized Pending set(Duration delay, Runnable task) {
        if (closed) {
            return () -> { };
        }
        Task one = new Task(clock.instant(), delay, task);
        tasks.add(one);
        return () -> {
            synchronized (this) {
                one.waiting = false;
            }
        };
    }

    /** Every task set so far, waiting or not, in the order set. */
    public synchronized List<Task> history() {
        return List.copyOf(tasks);
    }

    /** The one task waiting, if any; fails when several wait. */
    public synchronized Optional<Task> waiting() {
        List<Task> waiting = tasks.stream().filter(s -> s.waiting).toList();
        if (waiting.size() > 1) {
            throw new AssertionError(waiting.size() + " tasks wait; one at most was expected");
        }
        return waiting.stream().findFirst();
    }

    /**
     * Runs, on this thread, every task due by the clock, earliest first, including those they set; how
     * many ran. Fails when tasks keep setting tasks that are due at once, which on a real alarm would be
     * a busy loop.
     */
    public int runDue() {
        int ran = 0;
        for (Optional<Task> next = nextDue(); next.isPresent(); next = nextDue()) {
            if (++ran > MAX_RUNS) {
                throw new AssertionError("still running due tasks after " + MAX_RUNS + ": a busy loop");
            }
            next.get().task.run();
        }
        return ran;
    }

    /** Runs the waiting task now, whatever the clock says: an alarm that goes off early. */
    public void ringEarly() {
        Task one = waiting().orElseThrow(() -> new AssertionError("no task waits"));
        synchronized (this) {
            one.waiting = false;
        }
        one.task.run();
    }

    private synchronized Optional<Task> nextDue() {
        Optional<Task> next = tasks.stream().filter(s -> s.waiting && !s.due().isAfter(clock.instant()))
                .min(Comparator.comparing(Task::due));
        next.ifPresent(s -> s.waiting = false);
        return next;
    }

    @Override
    public synchronized void close() {
        closed = true;
        tasks.forEach(s -> s.waiting = false);
    }

    public synchronized boolean closed() {
        return closed;
    }
}
