package feedwright.cli;

import feedwright.config.ConfigException;
import feedwright.config.SiteConfig;
import feedwright.http.FeedServer;
import feedwright.http.ResponsePolicy;
import feedwright.reload.PublishedFolderWatcher;
import feedwright.reload.SiteReloader;
import feedwright.reload.SiteWatcher;
import feedwright.sink.ValidatorState;
import feedwright.snapshot.BuildManifest;
import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.LastModified;
import feedwright.snapshot.PublishedFolder;
import feedwright.snapshot.SitePipeline;
import feedwright.snapshot.Snapshot;
import feedwright.snapshot.Validators;
import feedwright.text.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code feedwright serve}: answers every feed from memory over HTTP until stopped (SIGTERM, Ctrl-C). */
@Command(name = "serve", description = "Serve every feed from memory over HTTP, with caching headers: the site"
        + " itself, rebuilt live as it changes, or with --published the folder a build wrote, as each new build lands.")
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SiteOption site;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (default: server.host, else 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port (default: server.port, else 8080; 0 picks a free one).")
    Integer port;

    @Option(names = "--poll-interval", paramLabel = "SECONDS", defaultValue = "0",
            description = "Also re-check the site every SECONDS (for volumes that deliver no file events); 0 = off.")
    double pollSeconds;

    @Option(names = "--health-details",
            description = "Let /healthz list every problem (file names, titles, dates of scheduled posts) and build"
                    + " times; without it, status and counts only.")
    boolean healthDetails;

    @Option(names = "--published", paramLabel = "DIR",
            description = "Serve the folder 'feedwright build' wrote, with the validators its manifest records, and"
                    + " each new build that lands there; the site folder gives only the server settings.")
    Path published;

    @Option(names = "--no-watch",
            description = "Ignore file events (with --poll-interval: poll only; without: reload only when a"
                    + " scheduled post or update falls due).")
    boolean noWatch;

    /** How long a shutdown signal waits for the server to close (it gives in-flight responses 5 s). */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    /** How long a server of a published folder waits at start for a build that is writing it to finish. */
    private static final Duration PUBLISHED_START_WAIT = Duration.ofSeconds(10);

    private final Clock clock;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    ServeCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws ConfigException, InterruptedException, IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (pollSeconds < 0 || pollSeconds > 86_400) {
            throw new ParameterException(spec.commandLine(),
                    "invalid value for --poll-interval: " + pollSeconds + " (expected 0 to 86400 seconds)");
        }
        Duration pollInterval = Duration.ofMillis(Math.round(pollSeconds * 1000));
        SitePipeline pipeline = SitePipeline.open(site.site);
        SiteConfig config = pipeline.config();
        String bindHost = host != null ? host : config.server().host();
        int bindPort = port != null ? port : config.server().port();
        if (bindPort < 0 || bindPort > 65_535) {
            throw new ParameterException(spec.commandLine(),
                    "invalid value for --port: " + bindPort + " (expected 0 to 65535)");
        }
        Source source = published != null ? publishedFolder(pollInterval) : liveSite(pipeline, pollInterval);
        if (source == null) {
            return ExitCode.IO_ERROR.code();
        }
        FeedServer server;
        FeedServer.HealthDetails health = healthDetails ? FeedServer.HealthDetails.SHOWN
                : FeedServer.HealthDetails.HIDDEN;
        try {
            server = FeedServer.start(bindHost, bindPort, source.current(), ResponsePolicy.of(config.server()),
                    FeedServer.Limits.DEFAULTS, health);
        } catch (RuntimeException e) {
            source.close();
            stderr.printf("error: cannot listen on %s:%d: %s%n", bindHost, bindPort,
                    e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            return ExitCode.IO_ERROR.code();
        }
        source.start();
        // SIGTERM and Ctrl-C run the hook, which asks call() to stop and waits (bounded) until the server
        // has let in-flight responses finish; the JVM exits only when the hook returns.
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop();
            awaitQuietly(stopped, SHUTDOWN_WAIT);
        }, "feedwright-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Snapshot first = source.current().get();
            ProblemReport.print(stderr, first.problems(), BuildCommand.MAX_PROBLEMS_SHOWN);
            stderr.flush();
            stdout.printf("Serving %d posts in %d feeds%s at http://%s:%d/ (%s)%s%n", first.posts(), first.feeds(),
                    published != null ? " from " + published : "", displayHost(bindHost), server.port(),
                    ProblemReport.counts(first.problems()), source.watching());
            stdout.flush();
            stopRequested.await();
        } finally {
            source.close();
            server.close();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it is what asked us to stop
            }
        }
        return ExitCode.OK.code();
    }

    /**
     * Where the served snapshots come from: the site rebuilt live, or a published folder's builds. Made in
     * two steps so that nothing starts watching before the server listens.
     */
    private interface Source extends AutoCloseable {
        CurrentSnapshot current();

        void start() throws IOException;

        /** The end of the "Serving …" line: what is watched for changes, or nothing. */
        String watching();

        @Override
        void close();
    }

    /**
     * The site itself, rebuilt as it changes. Validators are carried forward from the state file the last
     * run left, and the state file is rewritten after every publish, so a restart never sends changed bytes
     * under an old Last-Modified.
     */
    private Source liveSite(SitePipeline pipeline, Duration pollInterval) throws InterruptedException {
        PrintWriter stderr = spec.commandLine().getErr();
        SitePipeline.Run firstRun = pipeline.run(clock.instant());
        Snapshot first = carriedFromState(firstRun.snapshot());
        CurrentSnapshot current = new CurrentSnapshot(first, (next, changes) -> saveState(next));
        saveState(first);
        SiteReloader reloader = new SiteReloader(pipeline, current, clock);
        return new Source() {
            private SiteWatcher watcher;

            @Override
            public CurrentSnapshot current() {
                return current;
            }

            @Override
            public void start() {
                // Even when nothing watches the files, the reloader publishes scheduled posts at their date.
                reloader.schedule(firstRun.loaded());
                if (!noWatch || !pollInterval.isZero()) {
                    try {
                        watcher = new SiteWatcher(site.site, reloader, pollInterval, !noWatch);
                    } catch (IOException e) {
                        stderr.println("warning: cannot watch the site for changes: " + e.getMessage());
                    }
                }
            }

            @Override
            public String watching() {
                return watcher == null ? "" : "; watching posts/ and feeds-config/ for changes";
            }

            @Override
            public void close() {
                if (watcher != null) {
                    watcher.close();
                }
                reloader.close();
            }
        };
    }

    /** {@code built} with the validators of the state file carried forward; as built when there is none. */
    private Snapshot carriedFromState(Snapshot built) throws InterruptedException {
        Map<String, Validators> before;
        try {
            before = ValidatorState.read(site.site);
        } catch (BuildManifest.Invalid | IOException e) {
            spec.commandLine().getErr().printf("warning: %s: not read (%s); Last-Modified starts afresh%n",
                    TerminalText.escapeControls(site.site.resolve(ValidatorState.FILE_NAME).toString()),
                    e instanceof IOException ? e.toString() : e.getMessage());
            return built;
        }
        LastModified.Carried carried = LastModified.carryForward(before, built, clock.instant());
        if (carried.notBefore().isPresent()) {
            // Restarted within the second of the last change: the next second is the earliest that rises.
            Thread.sleep(Math.max(0, Duration.between(clock.instant(), carried.notBefore().get()).toMillis() + 1));
            carried = LastModified.carryForward(before, built, clock.instant());
        }
        return carried.snapshot();
    }

    private void saveState(Snapshot published) {
        try {
            ValidatorState.write(site.site, published);
        } catch (IOException e) {
            spec.commandLine().getErr().printf("warning: cannot record the validators in %s: %s%n",
                    TerminalText.escapeControls(site.site.resolve(ValidatorState.FILE_NAME).toString()), e);
        }
    }

    /** A folder {@code build} wrote, and each build that lands there later; null when it cannot be served. */
    private Source publishedFolder(Duration pollInterval) throws InterruptedException {
        Snapshot first = firstBuild(published);
        if (first == null) {
            return null;
        }
        CurrentSnapshot current = new CurrentSnapshot(first);
        return new Source() {
            private PublishedFolderWatcher watcher;

            @Override
            public CurrentSnapshot current() {
                return current;
            }

            @Override
            public void start() throws IOException {
                if (!noWatch || !pollInterval.isZero()) {
                    watcher = new PublishedFolderWatcher(published, current, pollInterval, !noWatch);
                }
            }

            @Override
            public String watching() {
                return watcher == null ? "" : "; watching " + published + " for new builds";
            }

            @Override
            public void close() {
                if (watcher != null) {
                    watcher.close();
                }
            }
        };
    }

    /** The build in {@code folder}, waiting a little for one being written; null (reported) when there is none. */
    private Snapshot firstBuild(Path folder) throws InterruptedException {
        long deadline = System.nanoTime() + PUBLISHED_START_WAIT.toNanos();
        while (true) {
            try {
                return PublishedFolder.read(folder, true);
            } catch (PublishedFolder.NotReady e) {
                if (!e.buildWriting() || System.nanoTime() > deadline) {
                    spec.commandLine().getErr().printf("error: cannot serve %s: %s%n", folder,
                            TerminalText.escapeControls(e.getMessage()));
                    return null;
                }
                Thread.sleep(100);
            } catch (IOException e) {
                spec.commandLine().getErr().printf("error: cannot serve %s: %s%n", folder, e);
                return null;
            }
        }
    }

    /** Asks a running {@link #call()} to stop serving (in-flight responses finish) and return. */
    void stop() {
        stopRequested.countDown();
    }

    private static void awaitQuietly(CountDownLatch latch, Duration limit) {
        try {
            latch.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String displayHost(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
