package feedwright.reload;

import feedwright.config.ConfigException;
import feedwright.config.ConfigLoader;
import feedwright.post.LoadedPosts;
import feedwright.post.PostFinder;
import feedwright.post.PostFileChanged;
import feedwright.problem.Problem;
import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.LastModified;
import feedwright.snapshot.SitePipeline;
import feedwright.snapshot.Snapshot;
import feedwright.snapshot.SnapshotChanges;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the served snapshot after the site changed: re-opens the configuration when it changed, runs
 * the pipeline, carries validators forward ({@link LastModified}), publishes, and tells what changed. It
 * never serves a worse site:
 * <ul>
 *   <li>a post that becomes broken keeps its last good version published (the loader keeps it);</li>
 *   <li>a broken {@code feeds-config/site.yml}, or a {@code posts/} folder that is gone or cannot be
 *       listed, keeps the whole previous snapshot and reports the error; fixing it resumes reloading;</li>
 *   <li>a reload that throws (a bug) keeps the previous snapshot, reported as an error until one succeeds;</li>
 *   <li>a reload that hangs is reported while it runs ({@link ReloadWatchdog}).</li>
 * </ul>
 * The new snapshot is published with one atomic set. Reloads are serialised (one at a time).
 *
 * <p>Posts also change with the clock alone: a post dated in the future is published at its date, an
 * update claimed for later is used from its time. Every load tells the earliest such time, and an
 * {@link Alarm} wakes the reloader ({@link PublicationSchedule}) a little before it, to build the snapshot
 * of that time from the posts as last loaded (examining no file), and at it, to publish that snapshot
 * (or, when a reload came in between, to reload for the clock alone), so that the post is out at its
 * date with its date as Last-Modified. {@link #close()} ends that alarm.
 */
public final class SiteReloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SiteReloader.class);
    /**
     * The longest a reload waits for the clock to reach the second a Last-Modified needs: one second,
     * since HTTP dates have that precision, plus scheduling slack. A clock that does not advance in that
     * time (a fixed one in tests) is not waited for.
     */
    private static final Duration MAX_CLOCK_WAIT = Duration.ofMillis(1_500);
    /** How many times a reload is run when the bodies it reads keep being found changed ({@link #reloadReadingAgain}). */
    private static final int MAX_ATTEMPTS = 3;
    /** The longest single sleep while waiting for the clock. */
    private static final Duration CLOCK_POLL = Duration.ofMillis(50);
    /**
     * A reload still running after this is reported (an error of the site folder, so {@code /healthz} says
     * {@code degraded}) until it ends: one takes well under a second on a large site, and reading a
     * single file is given 10 s, so by then something is hung.
     */
    public static final Duration STUCK_AFTER = Duration.ofSeconds(60);

    private final Path siteDir;
    private final CurrentSnapshot current;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ReloadWatchdog watchdog;
    private final PublicationSchedule schedule;
    private SitePipeline pipeline;
    private String configFingerprint;
    /** Whether the last reload threw, so that the next one examines every file. */
    private boolean failedLastTime;
    /** The snapshot built ahead for the next scheduled time, until it is published or a reload comes first. */
    private Prepared prepared;

    /**
     * A reloader that waits on the wall clock, with an alarm on a daemon thread of its own.
     *
     * @param pipeline the pipeline that built the snapshot being served now
     */
    public SiteReloader(SitePipeline pipeline, CurrentSnapshot current, Clock clock) {
        this(pipeline, current, clock, Sleeper.SYSTEM, STUCK_AFTER, Alarm.onDaemonThread());
    }

    /**
     * @param pipeline   the pipeline that built the snapshot being served now
     * @param sleeper    how to wait for {@code clock} to reach a second a Last-Modified needs
     * @param stuckAfter how long a reload may run before it is reported as stuck
     * @param alarm      how to wait for {@code clock} to reach a scheduled post's date; the reloader takes
     *                   it over, and closing the reloader closes it
     */
    public SiteReloader(SitePipeline pipeline, CurrentSnapshot current, Clock clock, Sleeper sleeper,
                        Duration stuckAfter, Alarm alarm) {
        this.siteDir = pipeline.siteDir();
        this.pipeline = pipeline;
        this.current = current;
        this.clock = clock;
        this.sleeper = sleeper;
        this.watchdog = new ReloadWatchdog(current, clock, stuckAfter);
        this.schedule = new PublicationSchedule(clock, alarm, new PublicationSchedule.Reloads() {
            @Override
            public void prepare(Instant due) {
                SiteReloader.this.prepare(due);
            }

            @Override
            public void publishDue(Instant due) {
                SiteReloader.this.publishDue(due);
            }
        });
        // As of when the pipeline read it, not now: site.yml saved during the first load is read again.
        this.configFingerprint = pipeline.configFingerprint();
    }

    /** What a reload did. */
    public enum Outcome { UNCHANGED, RELOADED, CONFIG_BROKEN, POSTS_FOLDER_MISSING, FAILED }

    /**
     * What a reload did, and what it changed for clients: empty unless a new snapshot was published
     * ({@link Outcome#RELOADED}), since keeping the previous site changes at most its problems.
     */
    public record Result(Outcome outcome, SnapshotChanges changes) {

        static Result kept(Outcome outcome) {
            return new Result(outcome, SnapshotChanges.NONE);
        }
    }

    /** Reloads now, examining every file; safe to call at any time, from any thread. */
    public Result reload() {
        return reload(Optional.empty());
    }

    /**
     * Sets the alarm for what {@code served}, the posts the first snapshot was built from, has waiting for
     * the clock; each reload sets it again itself.
     */
    public void schedule(LoadedPosts served) {
        schedule.expect(served.nextScheduled());
    }

    /**
     * Builds, ahead of {@code due}, what is published then: the posts as last loaded (no folder is walked
     * again, though a file the listing cannot vouch for is read), with the rules that depend on the time
     * applied as of {@code due}. Any reload discards it. Watched like a reload: it may read a hung volume.
     */
    private synchronized void prepare(Instant due) {
        prepared = null;
        try {
            watchdog.watch(() -> {
                Snapshot basis = current.get();
                LoadedPosts loaded = pipeline.load(due, Set.of());
                if (loaded.folderProblem().isEmpty()) {
                    prepared = new Prepared(due, basis, pipeline, pipeline.build(loaded, due), loaded.nextScheduled());
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("could not build ahead what is scheduled for {}; it will be built when due", due, e);
        }
    }

    /**
     * Publishes what became due at {@code due}: the snapshot built ahead for it when nothing came in
     * between, else a reload for the clock alone, which examines no file (neither the configuration nor
     * a post) and applies the rules that depend on the time anew.
     */
    private synchronized Result publishDue(Instant due) {
        Prepared ready = prepared;
        prepared = null;
        if (ready != null && ready.due().equals(due) && ready.basis() == current.get() && ready.pipeline() == pipeline
                && !failedLastTime) {
            long start = System.nanoTime();
            LastModified.Carried carried = LastModified.carryForward(ready.basis(), ready.next(), clock.instant());
            if (carried.notBefore().isEmpty()) { // else the reload below waits for the second it needs
                schedule.expect(ready.nextScheduled());
                return publish(ready.basis(), carried.snapshot(), start);
            }
        }
        return reload(Optional.of(Set.of()), true);
    }

    /** A snapshot built ahead for a scheduled time, over the snapshot and pipeline it was built from. */
    private record Prepared(Instant due, Snapshot basis, SitePipeline pipeline, Snapshot next,
                            Optional<Instant> nextScheduled) {
    }

    /** The time the alarm waits for, if any. */
    Optional<Instant> nextScheduled() {
        return schedule.due();
    }

    /** Sets no more alarms and ends the alarm's thread (a reload it runs finishes first); idempotent. */
    @Override
    public void close() {
        schedule.close();
    }

    /**
     * Reloads now; safe to call at any time, from any thread.
     *
     * @param changed the paths file events named, when they are known to be the only ones that changed
     *                (the loader then examines just those); empty to examine every file
     */
    public Result reload(Optional<Set<Path>> changed) {
        return reload(changed, false);
    }

    /** @param clockOnly whether the configuration is left unexamined too ({@link #publishDue}) */
    private synchronized Result reload(Optional<Set<Path>> changed, boolean clockOnly) {
        prepared = null; // built from the posts as they were before this reload
        try {
            // After a failure everything is examined, whatever asked for this reload.
            Result result = watchdog.watch(() -> failedLastTime ? reloadReadingAgain(Optional.empty(), false)
                    : reloadReadingAgain(changed, clockOnly));
            failedLastTime = false;
            return result;
        } catch (RuntimeException | StackOverflowError e) {
            // Per-post problems never get here (reading and rendering keep them with their post): this is a
            // bug. Keep serving the previous site, but never with a /healthz that says ok; the next reload
            // examines every file, since the paths this one was told about may not have been taken in.
            failedLastTime = true;
            LOG.error("reload failed", e);
            keepPrevious(List.of(Problem.error(postsFolderName(), "reload failed: unexpected "
                    + e.getClass().getSimpleName() + " (details in the server log); still serving the previous site")),
                    "the failing reload");
            return Result.kept(Outcome.FAILED);
        }
    }

    /**
     * {@link #reloadOnce}, run again examining every file when a post's body, read from its file only now, was
     * not there any more ({@link PostFileChanged}: a file changed right after {@code serve} started, before its
     * body was read): the loader forgot that file, so the next load reads it as it is now. A few times at most,
     * for files changing as fast as they are read.
     */
    private Result reloadReadingAgain(Optional<Set<Path>> changed, boolean clockOnly) {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt == 1 ? reloadOnce(changed, clockOnly) : reloadOnce(Optional.empty(), false);
            } catch (PostFileChanged e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                LOG.info("{}: not the bytes its post was loaded from, when its body was read; reloading again",
                        e.file());
            }
        }
    }

    private Result reloadOnce(Optional<Set<Path>> changed, boolean clockOnly) {
        long start = System.nanoTime();
        Optional<List<Problem>> configProblems = clockOnly ? Optional.empty() : reopenIfConfigChanged();
        if (configProblems.isPresent()) {
            keepPrevious(configProblems.get(), ConfigLoader.CONFIG_FILE);
            return Result.kept(Outcome.CONFIG_BROKEN);
        }
        Snapshot previous = current.get();
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            // The retry after waiting for the next second examines the same paths: an edit saved while
            // waiting made an event of its own, which the watcher hands over once this reload is done (at
            // 10,000 posts, looking at every file instead doubled the reload).
            LoadedPosts loaded = changed.isPresent() ? pipeline.load(now, changed.get()) : pipeline.load(now);
            Optional<Problem> folder = loaded.folderProblem();
            if (folder.isPresent()) {
                keepPrevious(List.of(folder.get()), postsFolderName());
                return Result.kept(Outcome.POSTS_FOLDER_MISSING);
            }
            schedule.expect(loaded.nextScheduled());
            LastModified.Carried carried = LastModified.carryForward(previous, pipeline.build(loaded, now), now);
            if (attempt == 1 && carried.notBefore().isPresent() && awaitClock(carried.notBefore().get())) {
                continue; // rebuild in the new second
            }
            return publish(previous, carried.snapshot(), start);
        }
    }

    /** The folder of posts, relative to the site. */
    public String postsFolder() {
        return pipeline.config().posts().folder();
    }

    /** How problems name the folder of posts: {@code posts/}, or a Jekyll site's {@code _posts/}. */
    public String postsFolderName() {
        return PostFinder.folderName(pipeline.config().posts().folder());
    }

    /** Opens the pipeline again when site.yml changed; the problems when it is broken. */
    private Optional<List<Problem>> reopenIfConfigChanged() {
        if (ConfigLoader.fingerprint(siteDir).equals(configFingerprint)) {
            return Optional.empty();
        }
        try {
            SitePipeline reopened = pipeline.reopen();
            // Said when the file's settings changed and are not those in effect, which the pipeline keeps (server.*,
            // websub.*) until a restart: not when a value is put back as it was.
            if (!reopened.configAsRead().server().equals(pipeline.configAsRead().server())
                    && !reopened.configAsRead().server().equals(reopened.config().server())) {
                LOG.warn("server settings in {} changed; they take effect when serve is restarted",
                        ConfigLoader.CONFIG_FILE);
            }
            if (!reopened.configAsRead().websub().equals(pipeline.configAsRead().websub())
                    && !reopened.configAsRead().websub().equals(reopened.config().websub())) {
                LOG.warn("websub settings in {} changed; they take effect when serve is restarted",
                        ConfigLoader.CONFIG_FILE);
            }
            pipeline = reopened;
            configFingerprint = reopened.configFingerprint();
            reopened.configWarnings().forEach(warning -> LOG.warn("{}", warning));
            LOG.info("{} changed; reloading everything with the new configuration", ConfigLoader.CONFIG_FILE);
            return Optional.empty();
        } catch (ConfigException e) {
            return Optional.of(e.problems());
        }
    }

    /**
     * Keeps serving the previous site's resources, with {@code blocking} reported in place of the
     * problems last reported for the site folder and the configuration (the posts' own stay).
     */
    private void keepPrevious(List<Problem> blocking, String what) {
        watchdog.publish(previous -> {
            List<Problem> problems = new ArrayList<>(blocking);
            problems.addAll(previous.problems().stream()
                    .filter(p -> !p.file().equals(ConfigLoader.CONFIG_FILE) && !p.file().equals(postsFolderName()))
                    .toList());
            problems.sort(Problem.ORDER);
            if (problems.equals(previous.problems())) {
                return previous; // logged once, not on every event or poll while broken
            }
            blocking.forEach(problem -> LOG.error("{}", problem));
            LOG.error("keeping the previous site until {} is fixed", what);
            return previous.withProblems(problems);
        });
    }

    private Result publish(Snapshot previous, Snapshot next, long start) {
        if (next.sameAs(previous)) {
            return Result.kept(Outcome.UNCHANGED);
        }
        SnapshotChanges changes = watchdog.publish(served -> next);
        LOG.info("reloaded in {} ms: {} posts, {} feeds, {} resources changed, {}",
                (System.nanoTime() - start) / 1_000_000, next.posts(), next.feeds(), changes.newOrChanged(),
                next.errorCount() == 0 ? "no errors"
                        : next.errorCount() == 1 ? "1 error" : next.errorCount() + " errors");
        LOG.info("what changed: {}", changes);
        next.problems().stream().filter(Problem::isError).forEach(problem -> LOG.warn("{}", problem));
        return new Result(Outcome.RELOADED, changes);
    }

    /**
     * Waits until the clock reaches {@code target}, which is at most a second ahead when it only comes
     * from rounding to whole seconds. True when it did; false when the target is further ahead (an
     * entry dated in the future, not ours to wait for) or the clock does not move.
     */
    private boolean awaitClock(Instant target) {
        if (Duration.between(clock.instant(), target).compareTo(MAX_CLOCK_WAIT) > 0) {
            return false;
        }
        Duration slept = Duration.ZERO;
        for (Instant now = clock.instant(); now.isBefore(target); now = clock.instant()) {
            if (slept.compareTo(MAX_CLOCK_WAIT) > 0) {
                return false;
            }
            Duration nap = Duration.between(now, target).plusMillis(1);
            nap = nap.compareTo(CLOCK_POLL) < 0 ? nap : CLOCK_POLL;
            try {
                sleeper.sleep(nap);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // closing: publish what was built
                return false;
            }
            slept = slept.plus(nap);
        }
        return true;
    }
}
