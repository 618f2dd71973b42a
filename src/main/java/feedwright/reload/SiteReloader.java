package feedwright.reload;

import feedwright.config.ConfigException;
import feedwright.config.ConfigLoader;
import feedwright.post.LoadedPosts;
import feedwright.post.Post;
import feedwright.post.PostLoader;
import feedwright.post.PostResult;
import feedwright.problem.IoReason;
import feedwright.problem.Problem;
import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.SitePipeline;
import feedwright.snapshot.Snapshot;
import feedwright.text.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the served snapshot after the site changed, without ever serving a worse site:
 * <ul>
 *   <li>a post that becomes broken keeps its last good version published (and its problems reported)
 *       until it is fixed or deleted, so a bad save never drops it from subscribers' readers;</li>
 *   <li>a broken {@code feeds-config/site.yml}, or a {@code posts/} folder that is gone or cannot be
 *       listed, keeps the whole previous snapshot and reports the error; fixing it resumes reloading;</li>
 *   <li>validators move forward only when bytes change, and never ahead of the clock ({@link Validators}).</li>
 * </ul>
 * The new snapshot is published with one atomic set. Reloads are serialised (one at a time).
 */
public final class SiteReloader {

    private static final Logger LOG = LoggerFactory.getLogger(SiteReloader.class);
    /** Problems of this file mean the whole folder of posts is missing or unreadable. */
    private static final String POSTS_FOLDER = PostLoader.POSTS_DIR + "/";
    /**
     * The longest a reload waits for the clock to reach the second a Last-Modified needs: one second,
     * since HTTP dates have that precision, plus scheduling slack. A clock that does not advance in that
     * time (a fixed one in tests) is not waited for.
     */
    private static final Duration MAX_CLOCK_WAIT = Duration.ofMillis(1_500);
    /**
     * A reload still running after this is reported (an error of the site folder, so {@code /healthz} says
     * {@code degraded}) until it ends: one takes well under a second on a large site, and reading a
     * single file is given 10 s, so by then something is hung.
     */
    public static final Duration STUCK_AFTER = Duration.ofSeconds(60);
    /** The file a stuck reload is reported under: the site folder. */
    private static final String SITE = ".";
    /** Reports reloads that run too long; one daemon thread for every reloader, idle but for that. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "feedwright-reload-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final Path siteDir;
    private final CurrentSnapshot current;
    private final Clock clock;
    private final Map<String, Post> lastGood = new HashMap<>();
    private final Duration stuckAfter;
    /** Held to publish, so that the watchdog never overwrites a snapshot a reload just published. */
    private final Object publishing = new Object();
    /** The reload running now, if one is (guarded by {@link #publishing}). */
    private Object running;
    /** The problem the watchdog added to the served snapshot for the running reload, if it did. */
    private Problem stuck;
    private SitePipeline pipeline;
    private byte[] configDigest;
    /** Whether the last reload threw, so that the next one examines every file. */
    private boolean failedLastTime;

    /** @param first the run that produced the snapshot being served now */
    public SiteReloader(SitePipeline pipeline, SitePipeline.Run first, CurrentSnapshot current, Clock clock) {
        this(pipeline, first, current, clock, STUCK_AFTER);
    }

    /**
     * @param first      the run that produced the snapshot being served now
     * @param stuckAfter how long a reload may run before it is reported as stuck
     */
    public SiteReloader(SitePipeline pipeline, SitePipeline.Run first, CurrentSnapshot current, Clock clock,
                        Duration stuckAfter) {
        this.stuckAfter = stuckAfter;
        this.siteDir = pipeline.siteDir();
        this.pipeline = pipeline;
        this.current = current;
        this.clock = clock;
        this.configDigest = configDigest(siteDir);
        remember(first.loaded());
    }

    /** What a reload did. */
    public enum Outcome { UNCHANGED, RELOADED, CONFIG_BROKEN, POSTS_FOLDER_MISSING, FAILED }

    /** Reloads now, examining every file; safe to call at any time, from any thread. */
    public Outcome reload() {
        return reload(Optional.empty());
    }

    /**
     * Reloads now; safe to call at any time, from any thread.
     *
     * @param changed the paths file events named, when they are known to be the only ones that changed
     *                (the loader then examines just those); empty to examine every file
     */
    public synchronized Outcome reload(Optional<Set<Path>> changed) {
        try {
            Outcome outcome = watched(failedLastTime ? Optional.empty() : changed);
            failedLastTime = false;
            return outcome;
        } catch (RuntimeException | StackOverflowError e) {
            // Per-post problems never get here (reading and rendering keep them with their post): this is a
            // bug. Keep serving the previous site, but never with a /healthz that says ok; the next reload
            // examines every file, since the paths this one was told about may not have been taken in.
            failedLastTime = true;
            LOG.error("reload failed", e);
            keepPrevious(List.of(Problem.error(POSTS_FOLDER, 0, 0, "reload failed: unexpected "
                    + e.getClass().getSimpleName() + " (details in the server log); still serving the previous site")),
                    "the failing reload");
            return Outcome.FAILED;
        }
    }

    /** Reloads, with a watchdog that reports the reload while it runs for longer than stuckAfter. */
    private Outcome watched(Optional<Set<Path>> changed) {
        // A reload that cannot finish (a file that blocks every read, a hung volume) must not look like a
        // healthy site serving an old snapshot: past stuckAfter it is reported, until it ends.
        Instant started = clock.instant();
        Object reload = new Object();
        synchronized (publishing) {
            running = reload;
        }
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> reportStuck(reload, started), stuckAfter.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            return reloadOnce(changed);
        } finally {
            watchdog.cancel(false);
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

    private void reportStuck(Object reload, Instant started) {
        synchronized (publishing) {
            if (running != reload) {
                return; // it ended while the watchdog was being run
            }
            stuck = Problem.error(SITE, 0, 0, "a reload started at " + started + " has not finished after "
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
        current.set(served.withProblems(problems));
    }

    private Outcome reloadOnce(Optional<Set<Path>> changed) {
        long start = System.nanoTime();
        Optional<List<Problem>> configProblems = reopenIfConfigChanged();
        if (configProblems.isPresent()) {
            keepPrevious(configProblems.get(), ConfigLoader.CONFIG_FILE);
            return Outcome.CONFIG_BROKEN;
        }
        Snapshot previous = current.get();
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            Optional<Problem> before = postsFolderProblem();
            // The retry after waiting for the next second looks at everything: edits made while waiting
            // are not among the paths this reload was asked about.
            LoadedPosts loaded = attempt == 1 && changed.isPresent()
                    ? pipeline.load(now, changed.get()) : pipeline.load(now);
            List<Problem> folderProblems = new ArrayList<>(loaded.sitewide().stream()
                    .filter(p -> p.file().equals(POSTS_FOLDER) && p.isError()).toList());
            if (folderProblems.isEmpty()) {
                // Checked on both sides of the load: a folder that went away during it gave no posts.
                before.or(this::postsFolderProblem).ifPresent(folderProblems::add);
            }
            if (!folderProblems.isEmpty()) {
                // Checked before keepLastGood, which would otherwise forget every post.
                keepPrevious(folderProblems, PostLoader.POSTS_DIR + "/");
                return Outcome.POSTS_FOLDER_MISSING;
            }
            loaded = keepLastGood(loaded, now);
            Validators.Carried carried = Validators.carryForward(previous, pipeline.build(loaded, now), now);
            if (attempt == 1 && carried.notBefore().isPresent() && awaitClock(carried.notBefore().get())) {
                continue; // rebuild in the new second; this also takes in edits made while waiting
            }
            return publish(previous, carried.snapshot(), start);
        }
    }

    /**
     * Why {@code posts/} cannot be listed, if it cannot. The loader walks the folder, and a walk that
     * cannot start reads as an empty folder: that would publish a site without posts rather than keep
     * the last good one.
     */
    private Optional<Problem> postsFolderProblem() {
        try {
            Files.newDirectoryStream(siteDir.resolve(PostLoader.POSTS_DIR)).close();
            return Optional.empty();
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.of(Problem.error(POSTS_FOLDER, 0, 0, "folder not found"));
        } catch (IOException e) {
            return Optional.of(Problem.error(POSTS_FOLDER, 0, 0, "cannot be listed: " + IoReason.of(e, siteDir)));
        }
    }

    /** Opens the pipeline again when site.yml changed; the problems when it is broken. */
    private Optional<List<Problem>> reopenIfConfigChanged() {
        byte[] digest = configDigest(siteDir);
        if (Arrays.equals(digest, configDigest)) {
            return Optional.empty();
        }
        try {
            SitePipeline reopened = SitePipeline.open(siteDir);
            if (!reopened.config().server().equals(pipeline.config().server())) {
                LOG.warn("server settings in {} changed; they take effect when serve is restarted",
                        ConfigLoader.CONFIG_FILE);
            }
            pipeline = reopened;
            configDigest = digest;
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
        Snapshot previous = current.get();
        List<Problem> problems = new ArrayList<>(blocking);
        problems.addAll(previous.problems().stream()
                .filter(p -> !p.file().equals(ConfigLoader.CONFIG_FILE) && !p.file().equals(POSTS_FOLDER))
                .toList());
        problems.sort(Problem.ORDER);
        if (!problems.equals(previous.problems())) { // logged once, not on every event or poll while broken
            blocking.forEach(problem -> LOG.error("{}", problem));
            LOG.error("keeping the previous site until {} is fixed", what);
            synchronized (publishing) {
                current.set(previous.withProblems(problems));
            }
        }
    }

    private Outcome publish(Snapshot previous, Snapshot next, long start) {
        if (next.sameAs(previous)) {
            return Outcome.UNCHANGED;
        }
        synchronized (publishing) {
            current.set(next);
        }
        long changed = next.resources().entrySet().stream()
                .filter(e -> previous.find(e.getKey()).map(old -> old != e.getValue()).orElse(true))
                .count();
        LOG.info("reloaded in {} ms: {} posts, {} feeds, {} resources changed, {}",
                (System.nanoTime() - start) / 1_000_000, next.posts(), next.feeds(), changed,
                next.errorCount() == 0 ? "no errors" : next.errorCount() + " errors");
        next.problems().stream().filter(Problem::isError).forEach(problem -> LOG.warn("{}", problem));
        return Outcome.RELOADED;
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
        long deadline = System.nanoTime() + MAX_CLOCK_WAIT.toNanos();
        for (Instant now = clock.instant(); now.isBefore(target); now = clock.instant()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(Math.min(50, Duration.between(now, target).toMillis() + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // closing: publish what was built
                return false;
            }
        }
        return true;
    }

    /** Replaces each post that now fails with its last good version, and remembers the good ones. */
    private LoadedPosts keepLastGood(LoadedPosts loaded, Instant now) {
        List<PostResult> results = new ArrayList<>(loaded.results().size());
        List<String> future = new ArrayList<>(loaded.future());
        for (PostResult result : loaded.results()) {
            Post previous = lastGood.get(result.file());
            if (result.post().isEmpty() && result.hasErrors() && previous != null) {
                List<Problem> problems = new ArrayList<>(result.problems());
                problems.add(Problem.warning(result.file(), 0, 0,
                        "still serving the last good version of this post until the errors are fixed"));
                results.add(new PostResult(result.file(), Optional.of(previous), problems, Optional.empty()));
                // A scheduled post broken by an edit must stay scheduled, not be published early.
                if (!pipeline.config().feeds().future() && previous.published().toInstant().isAfter(now)) {
                    future.add(result.file());
                }
            } else {
                results.add(result);
            }
        }
        LoadedPosts adjusted = new LoadedPosts(results, loaded.sitewide(), future);
        remember(adjusted);
        return adjusted;
    }

    private void remember(LoadedPosts loaded) {
        lastGood.clear();
        for (PostResult result : loaded.results()) {
            result.post().ifPresent(post -> lastGood.put(result.file(), post));
        }
    }

    private static byte[] configDigest(Path siteDir) {
        try {
            return Digests.sha256(Files.readAllBytes(siteDir.resolve(ConfigLoader.CONFIG_FILE)));
        } catch (IOException e) {
            return new byte[0]; // missing or unreadable: differs from any real digest, so the next load reports it
        }
    }
}
