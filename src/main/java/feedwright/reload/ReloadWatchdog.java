package feedwright.reload;

import feedwright.problem.Problem;
import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.Snapshot;
import feedwright.snapshot.SnapshotChanges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a reload that cannot finish (a file that blocks every read, a hung volume): past
 * {@code stuckAfter} it is an error of the site folder in the served snapshot, so that it never looks like
 * a healthy site serving an old snapshot, until it ends. Every publication of a reloader goes through
 * {@link #publish}, so that the report and a reload's own publication never overwrite each other.
 *
 * <p>Thread-safe.
 */
final class ReloadWatchdog {

    /** The reloader's log, where its stuck reloads have always been reported. */
    private static final Logger LOG = LoggerFactory.getLogger(SiteReloader.class);
    /** The file a stuck reload is reported under: the site folder. */
    private static final String SITE = ".";
    /** Reports reloads that run too long; one daemon thread for every reloader, idle but for that. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "feedwright-reload-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final CurrentSnapshot current;
    private final Clock clock;
    private final Duration stuckAfter;
    /** Held to publish (guards the two fields below). */
    private final Object publishing = new Object();
    /** The reload running now, if one is. */
    private Object running;
    /** The problem this watchdog added to the served snapshot for the running reload, if it did. */
    private Problem stuck;

    ReloadWatchdog(CurrentSnapshot current, Clock clock, Duration stuckAfter) {
        this.current = current;
        this.clock = clock;
        this.stuckAfter = stuckAfter;
    }

    /** Runs {@code reload}, reporting it while it runs for longer than stuckAfter. */
    <T> T watch(Supplier<T> reload) {
        Instant started = clock.instant();
        Object token = new Object();
        synchronized (publishing) {
            running = token;
        }
        ScheduledFuture<?> timer = TIMER.schedule(() -> reportStuck(token, started), stuckAfter.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            return reload.get();
        } finally {
            timer.cancel(false);
            synchronized (publishing) {
                running = null;
                if (stuck != null) {
                    LOG.info("the reload reported as stuck has ended");
                    replaceProblem(stuck, null);
                    stuck = null;
                }
            }
        }
    }

    /** Serves what {@code next} makes of the served snapshot; what that changed for clients. */
    SnapshotChanges publish(UnaryOperator<Snapshot> next) {
        synchronized (publishing) {
            return current.publish(next.apply(current.get()));
        }
    }

    private void reportStuck(Object token, Instant started) {
        synchronized (publishing) {
            if (running != token) {
                return; // it ended while the timer was being run
            }
            stuck = Problem.error(SITE, "a reload started at " + started + " has not finished after "
                    + stuckAfter.toSeconds() + " s; still serving the site as it was before it");
            LOG.error("{}", stuck);
            replaceProblem(null, stuck);
        }
    }

    /** Serves the current snapshot with {@code old} (if any) taken out of its problems and {@code added} put in. */
    private void replaceProblem(Problem old, Problem added) {
        Snapshot served = current.get();
        List<Problem> problems = new ArrayList<>(served.problems());
        problems.remove(old);
        if (added != null) {
            problems.add(added);
        }
        problems.sort(Problem.ORDER);
        current.publish(served.withProblems(problems));
    }
}
