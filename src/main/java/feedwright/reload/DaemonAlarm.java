package feedwright.reload;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link Alarm}: one daemon thread, created when the first task is set (a site with nothing
 * scheduled never has it) and ended by {@link #close()}, which drops every task not yet run and waits
 * (bounded) for one running now. Thread-safe.
 */
final class DaemonAlarm implements Alarm {

    private static final Logger LOG = LoggerFactory.getLogger(DaemonAlarm.class);
    /** How long {@link #close()} waits for a task already running (a reload) to end. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final ScheduledThreadPoolExecutor executor;

    DaemonAlarm() {
        executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "feedwright-schedule");
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true); // a rescheduled alarm leaves nothing behind in the queue
    }

    @Override
    public Pending set(Duration delay, Runnable task) {
        try {
            ScheduledFuture<?> future = executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException closed) {
            return () -> { };
        }
    }

    /**
     * Drops the tasks not yet run and waits for one running now (a reload, which is not interrupted: it
     * publishes a whole snapshot or none). Idempotent.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("a scheduled reload was still running {} s after it was asked to stop", CLOSE_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
