package feedwright.reload;

import java.time.Duration;

/**
 * Runs a task once, a while from now: how the reloader waits for the date of a scheduled post. Injected
 * next to the reloader's {@code Clock} (as {@link Sleeper} is), so that a test with its own clock runs the
 * task itself when it has moved that clock, instead of waiting on the wall clock.
 */
public interface Alarm extends AutoCloseable {

    /** An alarm on one daemon thread of its own, started when first set and ended by {@link #close()}. */
    static Alarm onDaemonThread() {
        return new DaemonAlarm();
    }

    /**
     * Runs {@code task} once after {@code delay}, unless cancelled first. After {@link #close()}, nothing
     * runs any more.
     */
    Pending set(Duration delay, Runnable task);

    /** Cancels every task not yet run; idempotent. */
    @Override
    void close();

    /** A task set and not yet run. */
    @FunctionalInterface
    interface Pending {

        /** Makes sure the task does not run, if it has not started yet. */
        void cancel();
    }
}
