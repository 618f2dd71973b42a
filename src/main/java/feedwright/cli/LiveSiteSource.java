package feedwright.cli;

import feedwright.config.PostSettings;
import feedwright.post.PostFileChanged;
import feedwright.post.PostLoader;
import feedwright.reload.SiteReloader;
import feedwright.reload.SiteWatcher;
import feedwright.sink.ValidatorState;
import feedwright.snapshot.BuildManifest;
import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.LastModified;
import feedwright.snapshot.Representation;
import feedwright.snapshot.SitePipeline;
import feedwright.snapshot.Snapshot;
import feedwright.snapshot.SnapshotChanges;
import feedwright.snapshot.Validators;
import feedwright.text.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The site itself, rebuilt as it changes ({@code serve --site}). Validators are carried forward from the
 * state file the last run left ({@link ValidatorState}), and the state file is rewritten after every publish,
 * so a restart never sends changed bytes under an old Last-Modified.
 */
final class LiveSiteSource implements ServedSource {

    /** The pipeline of the start, whose loader holds the post cache it was opened with. */
    private final SitePipeline opened;
    private final SitePipeline.Run firstRun;
    private final CurrentSnapshot current;
    private final SiteReloader reloader;
    private final Path siteDir;
    private final PrintWriter stderr;
    /** What changed since the run that wrote the state file: known once the start has made every document. */
    private volatile SnapshotChanges sinceLastRun = SnapshotChanges.NONE;
    private final Map<String, Validators> toldBefore;
    /** Watching since before the first load; null when nothing watches the files. */
    private final SiteWatcher watcher;
    /** The documents at the site's root, made ahead ({@link #makeTheSiteDocuments}). */
    private final CompletableFuture<Void> siteDocuments;

    /**
     * The first snapshot, with the validators of the last run carried forward.
     *
     * @param told what the state file recorded (empty when there is none, or it could not be read), kept for the
     *             archive pages this run does not make, and to tell what changed since
     */
    private record Started(Snapshot first, Map<String, Validators> told) {
    }

    private LiveSiteSource(SitePipeline pipeline, SitePipeline.Run firstRun, CompletableFuture<Void> siteDocuments,
                           Started started, Clock clock, SiteWatcher watcher, PrintWriter stderr,
                           CurrentSnapshot.Listener also) {
        Snapshot first = started.first();
        this.toldBefore = started.told();
        this.opened = pipeline;
        this.firstRun = firstRun;
        this.siteDocuments = siteDocuments;
        this.siteDir = pipeline.siteDir();
        this.watcher = watcher;
        this.stderr = stderr;
        // Only a change of bytes changes a validator; a publish of problems alone (a stuck reload reported
        // while the disk hangs, say) writes nothing.
        CurrentSnapshot.Listener state = (next, changes) -> {
            if (!changes.equals(SnapshotChanges.NONE)) {
                saveState(next);
            }
        };
        this.current = new CurrentSnapshot(first, state.andThen(also));
        this.reloader = new SiteReloader(pipeline, current, clock);
        saveState(first);
    }

    /**
     * Builds the site and carries the validators of the last run forward.
     *
     * @param also told of each snapshot published after the first, once the state file has it (the hub's
     *             distributor)
     */
    static LiveSiteSource open(SitePipeline pipeline, Clock clock, Duration pollInterval, boolean events,
                               PrintWriter stderr, CurrentSnapshot.Listener also) throws InterruptedException {
        // Watched before the first load, so that a change made while it runs is an event like any later one.
        SiteWatcher watcher = watchBeforeFirstLoad(pipeline, pollInterval, events, stderr);
        try {
            SitePipeline.Run firstRun = firstRun(pipeline, clock);
            // On another core while the state file is read and the server starts (the validators carried forward
            // make new representations of the same bytes, made once for both).
            CompletableFuture<Void> siteDocuments = CompletableFuture.runAsync(
                    () -> makeTheSiteDocuments(firstRun.snapshot()));
            Started started = carriedFromState(pipeline.siteDir(), firstRun.snapshot(), clock, stderr);
            return new LiveSiteSource(pipeline, firstRun, siteDocuments, started, clock, watcher, stderr, also);
        } catch (InterruptedException | RuntimeException | Error e) {
            if (watcher != null) {
                watcher.close();
            }
            throw e;
        }
    }

    /**
     * The first load and build, which leaves the documents no former run made to be made when first asked for
     * ({@link SitePipeline#runForStart}): the server answers sooner, and {@link #finishStart} makes the rest. A
     * body read in it from a file the post cache vouched for may be found changed ({@link PostFileChanged}, a file
     * saved that very moment): the loader then forgot the file, and a second run reads it again.
     */
    private static SitePipeline.Run firstRun(SitePipeline pipeline, Clock clock) {
        try {
            return pipeline.runForStart(clock.instant());
        } catch (PostFileChanged e) {
            return pipeline.runForStart(clock.instant());
        }
    }

    /** A watcher of the site's files, not yet telling anyone; null when none is wanted or none can be made. */
    private static SiteWatcher watchBeforeFirstLoad(SitePipeline pipeline, Duration pollInterval, boolean events,
                                                    PrintWriter stderr) {
        if (!events && pollInterval.isZero()) {
            return null;
        }
        try {
            return SiteWatcher.beforeFirstLoad(pipeline.siteDir(), pipeline.config().posts().folder(), pollInterval,
                    events);
        } catch (IOException e) {
            stderr.println("warning: cannot watch the site for changes: " + e.getMessage());
            return null;
        }
    }

    @Override
    public CurrentSnapshot current() {
        return current;
    }

    @Override
    public SnapshotChanges changedWhileStopped() {
        return sinceLastRun;
    }

    @Override
    public void startWatching() {
        // Even when nothing watches the files, the reloader publishes scheduled posts at their date.
        reloader.schedule(firstRun.loaded());
        if (watcher != null) {
            watcher.start(reloader);
        }
    }

    /**
     * Reads the bodies the start left in their files, while the server answers (a warm start opens no post file
     * the post cache vouches for), so that a post's feeds made later, or its last good version kept while its
     * file has errors, have the body loaded. A file found holding other bytes is read again, and its feeds
     * rebuilt, by a reload naming it (the watcher's event for it may come too, or have come already); every file
     * the post cache vouched for, when one of them kept its size and time through the change.
     *
     * <p>Then makes every document the start left to be made ({@link #makeTheRest}), so that what changed while
     * serve was down is known, and recorded in the state file, before subscribers are told of it and before any
     * reload carries the validators forward.
     */
    @Override
    public void finishStart(PrintWriter stderr) {
        siteDocuments.join();
        PostLoader.BodiesRead read = opened.readBodies();
        Snapshot first = current.get(); // the start's: nothing publishes another before the watching starts
        boolean madeAny = makeTheRest(first);
        sinceLastRun = toldBefore.isEmpty() ? SnapshotChanges.NONE : SnapshotChanges.since(toldBefore, first);
        if (madeAny) {
            saveState(first); // what those documents were told; the rest was saved before the server answered
        }
        Path site = siteDir.toAbsolutePath().normalize(); // the files are named from there
        read.changed().stream().sorted().forEach(file -> stderr.println("warning: " + TerminalText.escapeControls(
                site.relativize(file).toString()) + ": not the bytes its post was loaded from (changed since the"
                + " start looked at it); read again"));
        if (read.lookLied()) {
            stderr.println("warning: a post file changed keeping its size and modification time: no post the post"
                    + " cache vouched for by them is trusted; every post file is read again, and the cache dropped");
        }
        stderr.flush();
        if (read.lookLied()) {
            reloader.reload(Optional.empty());
        } else if (!read.changed().isEmpty()) {
            reloader.reload(Optional.of(read.changed()));
        }
    }

    /**
     * Makes the documents at the site's root (its own feeds, their previews, the index page), which nearly every
     * reader asks for first, unless the start made them already: on another core while the server starts, so
     * that the first requests find them made, and before the bodies are read ({@link #finishStart}), whose reading
     * would hold up a request making one. Any other is made when first asked for, or by {@link #makeTheRest}.
     */
    private static void makeTheSiteDocuments(Snapshot first) {
        first.files().forEach((path, representation) -> {
            if (path.indexOf('/', 1) < 0 && !representation.isReady()) {
                try {
                    representation.makeReady();
                } catch (RuntimeException | StackOverflowError e) {
                    // Made again when asked for, which reports what fails; a body whose file changed meanwhile is
                    // read again once the bodies are read.
                }
            }
        });
    }

    /**
     * Makes every subscription document the start left to be made when first asked for, on every core: once
     * made, a document's validators are known, and it is held for good, as a document the start made would be.
     * An archive page is not made: nobody was told of one never asked for.
     *
     * @return whether there was any to make
     */
    private static boolean makeTheRest(Snapshot first) {
        List<Representation> toMake = first.resources().values().stream()
                .filter(representation -> !representation.wasMade() && !representation.isMadeOnDemand()).toList();
        toMake.parallelStream().forEach(representation -> {
            try {
                representation.etag();
            } catch (RuntimeException | StackOverflowError e) {
                // As for the site's documents: made again when asked for, which reports what fails; a body whose
                // file changed is read again by the reload that finishStart asks for.
            }
        });
        return !toMake.isEmpty();
    }

    /**
     * Once, after the server has started (a cold start's write of the cache must not hold up the first
     * answer), not after each reload: a reload re-reads only what changed, from the in-memory cache, and
     * rewriting a whole site's cache for each would cost more than it saves the next start. Silent when it
     * works: serve's output is its one startup line.
     */
    @Override
    public void saveCache(PrintWriter stderr) {
        CacheOptions.warn(opened.saveCache(), stderr);
    }

    @Override
    public String watching() {
        // A Jekyll site's _config.yml is read once, as `jekyll serve` reads it: say so rather than imply more.
        if (watcher == null) {
            return "";
        }
        boolean jekyll = !reloader.postsFolder().equals(PostSettings.POSTS_FOLDER);
        return "; watching " + reloader.postsFolderName() + " and feeds-config/ " + watcher.how()
                + (jekyll ? " (_config.yml: restart after editing it)" : "");
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        reloader.close();
        // The archive pages made since the last publish were told to readers too.
        saveState(current.get());
    }

    /**
     * {@code built} with the validators of the state file carried forward, and what the state file told; as built,
     * and nothing told, when there is none or it cannot be read.
     */
    private static Started carriedFromState(Path siteDir, Snapshot built, Clock clock, PrintWriter stderr)
            throws InterruptedException {
        Map<String, Validators> before;
        try {
            before = ValidatorState.read(siteDir);
        } catch (BuildManifest.Invalid | IOException e) {
            stderr.printf("warning: %s: not read (%s); Last-Modified starts afresh%n",
                    TerminalText.escapeControls(siteDir.resolve(ValidatorState.FILE_NAME).toString()),
                    e instanceof IOException ? e.toString() : e.getMessage());
            return new Started(built, Map.of());
        }
        return new Started(LastModified.carryForwardOnce(before, built, clock), before);
    }

    private void saveState(Snapshot published) {
        try {
            ValidatorState.write(siteDir, published, toldBefore);
        } catch (IOException e) {
            stderr.printf("warning: cannot record the validators in %s: %s%n",
                    TerminalText.escapeControls(siteDir.resolve(ValidatorState.FILE_NAME).toString()), e);
        }
    }
}
