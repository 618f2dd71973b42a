package feedwright.cli;

import feedwright.config.ConfigException;
import feedwright.config.PollingSettings;
import feedwright.config.SiteConfig;
import feedwright.config.WebSubSettings;
import feedwright.http.FeedServer;
import feedwright.http.HubHealth;
import feedwright.http.ResponsePolicy;
import feedwright.snapshot.FeedLinks;
import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.SitePipeline;
import feedwright.snapshot.Snapshot;
import feedwright.websub.HubLimits;
import feedwright.websub.HubPublisher;
import java.net.URI;
import java.util.List;
import feedwright.websub.WebSubHub;
import io.undertow.server.HttpHandler;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code feedwright serve}: answers every feed from memory over HTTP until stopped (SIGTERM, Ctrl-C). */
@Command(name = ServeCommand.NAME,
        description = "Serve every feed from memory over HTTP, with caching headers: the site"
        + " itself, rebuilt live as it changes, or with --published the folder a build wrote, as each new build lands.")
final class ServeCommand implements Callable<Integer> {

    static final String NAME = "serve";

    @Spec
    CommandSpec spec;

    @Mixin
    SiteOption site;

    @Mixin
    CacheOptions cache;

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


    private final Clock clock;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    private final HubLimits hubLimits;

    ServeCommand(Clock clock) {
        this(clock, HubLimits.DEFAULTS);
    }

    /** @param hubLimits the built-in hub's timeouts and retry delays (tests shorten them) */
    ServeCommand(Clock clock, HubLimits hubLimits) {
        this.clock = clock;
        this.hubLimits = hubLimits;
    }

    @Override
    public Integer call() throws ConfigException, InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (pollSeconds < 0 || pollSeconds > 86_400) {
            throw new ParameterException(spec.commandLine(),
                    "invalid value for --poll-interval: " + pollSeconds + " (expected 0 to 86400 seconds)");
        }
        Duration pollInterval = Duration.ofMillis(Math.round(pollSeconds * 1000));
        // A published folder's serve reads no posts: no cache to open.
        // A post file the post cache vouches for by its size and time is not opened before the server answers; its
        // body is read right after (source.finishStart), before a later change of the file could take it away.
        // The hubs this serve runs are fixed at its start: a reload of site.yml does not advertise others. A
        // published folder's serve runs no hub of its own (openHub), so it names none.
        AtomicReference<SiteConfig> asWritten = new AtomicReference<>();
        SitePipeline pipeline = site.open(true, published != null ? Optional.empty() : cache.folder(site.site, spec),
                true, stderr, opened -> {
                    asWritten.set(opened.config());
                    return opened.withWebSub(published != null ? opened.config().websub().withoutBuiltInHub()
                            : opened.config().websub());
                });
        SiteConfig config = pipeline.config();
        String bindHost = host != null ? host : config.server().host();
        int bindPort = port != null ? port : config.server().port();
        if (bindPort < 0 || bindPort > 65_535) {
            throw new ParameterException(spec.commandLine(),
                    "invalid value for --port: " + bindPort + " (expected 0 to 65535)");
        }
        Optional<WebSubHub> hub = openHub(asWritten.get(), stderr);
        Optional<HubPublisher> pings = startPings(config, stderr);
        CurrentSnapshot.Listener told = hub.map(WebSubHub::distributor).orElse((next, changes) -> { });
        if (pings.isPresent()) {
            told = told.andThen(pings.get());
        }
        Optional<ServedSource> opened;
        try {
            opened = published != null
                    ? PublishedFolderSource.open(published, pollInterval, !noWatch, stderr, FeedLinks.of(config))
                    : Optional.of(LiveSiteSource.open(pipeline, clock, pollInterval, !noWatch, stderr, told));
        } catch (RuntimeException | InterruptedException e) {
            hub.ifPresent(WebSubHub::close);
            pings.ifPresent(HubPublisher::close);
            throw e;
        }
        if (opened.isEmpty()) {
            hub.ifPresent(WebSubHub::close);
            pings.ifPresent(HubPublisher::close);
            return ExitCode.IO_ERROR.code();
        }
        ServedSource source = opened.get();
        Map<String, HttpHandler> routes = hub.map(h -> Map.of(WebSubHub.PATH, h.endpoint(source.current())))
                .orElse(Map.of());
        FeedServer server;
        FeedServer.HealthDetails health = healthDetails ? FeedServer.HealthDetails.SHOWN
                : FeedServer.HealthDetails.HIDDEN;
        try {
            server = FeedServer.start(bindHost, bindPort, source.current(), ResponsePolicy.of(config.server()),
                    FeedServer.Limits.DEFAULTS, health, routes,
                    new FeedServer.Polling(config.server().polling(), clock), () -> pings.map(p -> hubHealth(p.status())));
        } catch (RuntimeException e) {
            source.close();
            hub.ifPresent(WebSubHub::close);
            pings.ifPresent(HubPublisher::close);
            stderr.printf("error: cannot listen on %s:%d: %s%n", bindHost, bindPort,
                    e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            return ExitCode.IO_ERROR.code();
        }
        // SIGTERM and Ctrl-C run the hook, which asks call() to stop and waits (bounded) until the server
        // has let in-flight responses finish; the JVM exits only when the hook returns.
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop();
            awaitQuietly(stopped, SHUTDOWN_WAIT);
        }, "feedwright-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            // Before the "Serving" line, which then tells that every post the start loaded is in memory, and
            // before anything is delivered to subscribers (a delivery makes the feed it delivers). A change saved
            // meanwhile waits as an event for the watcher.
            source.finishStart(stderr);
            // Subscribers hear of what changed while serve was down, as of any later change.
            hub.ifPresent(h -> h.distributor().publishing(source.current().get(), source.changedWhileStopped()));
            pings.ifPresent(p -> p.published(source.current().get(), source.changedWhileStopped()));
            source.startWatching();
            Snapshot first = source.current().get();
            ProblemReport.print(stderr, first.problems(), BuildCommand.MAX_PROBLEMS_SHOWN);
            stderr.flush();
            stdout.printf("Serving %d posts in %d feeds%s at http://%s:%d/ (%s)%s%n", first.posts(), first.feeds(),
                    published != null ? " from " + published : "", displayHost(bindHost), server.port(),
                    ProblemReport.counts(first.problems()), source.watching());
            hub.ifPresent(h -> stdout.printf("WebSub hub at http://%s:%d%s (subscribers are told %s), %s%n",
                    displayHost(bindHost), server.port(), WebSubHub.PATH, h.url(),
                    ProblemReport.plural(h.subscriptions().all().size(), "subscription")));
            printPolling(stdout, config.server().polling());
            stdout.flush();
            source.saveCache(stderr);
            stderr.flush();
            stopRequested.await();
        } finally {
            source.close();
            server.close();
            hub.ifPresent(WebSubHub::close);
            pings.ifPresent(HubPublisher::close);
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it is what asked us to stop
            }
        }
        return ExitCode.OK.code();
    }

    /** What polite polling does, when site.yml turns it (or its report) on: the operator should not guess. */
    private static void printPolling(PrintWriter stdout, PollingSettings polling) {
        if (polling.limited()) {
            stdout.printf("Polite polling: a feed fetched in full again within %d s, or revalidated within %d s,"
                    + " gets 429%n", polling.minInterval(), polling.minConditionalInterval());
        }
        if (polling.stats() != PollingSettings.StatsAccess.NONE) {
            stdout.printf("Who polls how: %s (%s)%n", FeedServer.STATS_PATH,
                    polling.stats() == PollingSettings.StatsAccess.LOOPBACK ? "loopback clients only" : "anyone");
        }
    }

    /**
     * The built-in hub, when {@code websub.builtin_hub} asks for it. Not for a published folder: replicas of
     * one folder would each keep subscribers of their own, and each deliver every change.
     */
    private Optional<WebSubHub> openHub(SiteConfig config, PrintWriter stderr) {
        if (!config.websub().builtinHub()) {
            return Optional.empty();
        }
        if (published != null) {
            stderr.println("warning: websub.builtin_hub is ignored with --published: the hub runs in the serve"
                    + " that follows the site itself");
            return Optional.empty();
        }
        return Optional.of(WebSubHub.open(site.site, config, clock, hubLimits));
    }

    /**
     * The pings to the external hubs {@code websub.hubs} names, after each reload that changes a feed. Not for
     * a published folder: replicas of one folder would each ping every change; the build or deploy that wrote
     * it pings ({@code --ping}). Never to the built-in hub, should the list name it: it hears of every change
     * from the distributor already.
     */
    private Optional<HubPublisher> startPings(SiteConfig config, PrintWriter stderr) {
        String builtIn = config.websub().builtinHub() ? config.site().feedUrl(WebSubSettings.BUILTIN_HUB_PATH) : "";
        List<URI> hubs = config.websub().hubs().stream().filter(h -> !h.toString().equals(builtIn)).toList();
        if (hubs.isEmpty()) {
            return Optional.empty();
        }
        if (published != null) {
            stderr.println("note: with --published, serve tells the hubs of websub.hubs nothing: the build or deploy"
                    + " that writes the folder does (--ping)");
            return Optional.empty();
        }
        return Optional.of(HubPublisher.start(hubs, config.site(), hubLimits, clock,
                config.websub().maxPendingDeliveries()));
    }

    /** The publisher's record as {@code /healthz} shows it. */
    static HubHealth hubHealth(HubPublisher.Status status) {
        return new HubHealth(status.pending(), status.hubs().stream().map(h -> new HubHealth.Hub(h.hub().toString(),
                h.sent(), h.failed(), h.gaveUp(), h.lastFailure().map(HubPublisher.Failure::at),
                h.lastFailure().map(HubPublisher.Failure::reason))).toList());
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
