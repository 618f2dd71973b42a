package feedwright.http;

import feedwright.config.PollingSettings;
import feedwright.snapshot.Snapshot;
import feedwright.text.UrlPaths;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.handlers.PathHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.xnio.Options;

/**
 * The embedded HTTP server: Undertow answering from the current snapshot. Configure with
 * {@link #start}, ask {@link #port()} (useful after binding port 0), and {@link #close()}, which lets
 * in-flight responses finish and may be called more than once. Thread-safe.
 */
public final class FeedServer implements AutoCloseable {

    /** Limits that keep a misbehaving client from holding resources; see the README. */
    public record Limits(int maxHeaderBytes, int maxHeaders, int requestParseTimeoutMillis, int idleTimeoutMillis) {
        public static final Limits DEFAULTS = new Limits(16 * 1024, 100, 10_000, 60_000);
    }

    /**
     * What {@code /healthz} tells: status and counts only (anyone may ask a public server), or also the
     * problems and build times, which name files, quote titles and tell when scheduled posts go out.
     */
    public enum HealthDetails { HIDDEN, SHOWN }

    /**
     * Polite polling ({@code server.polite_polling}, {@code server.stats}) and the clock its intervals are
     * measured with.
     */
    public record Polling(PollingSettings settings, Clock clock) {
        public static final Polling OFF = new Polling(PollingSettings.OFF, Clock.systemUTC());

        public Polling {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(clock, "clock");
        }
    }

    /** Where the report of who polls how is answered, when {@code server.stats} asks for it. */
    public static final String STATS_PATH = "/stats";

    private static final long SHUTDOWN_GRACE_MILLIS = 5_000;

    private final Undertow undertow;
    private final GracefulShutdownHandler shutdown;
    private final int port;
    private boolean closed;

    private FeedServer(Undertow undertow, GracefulShutdownHandler shutdown) {
        this.undertow = undertow;
        this.shutdown = shutdown;
        this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** Binds {@code host:port} (0 picks a free port) and starts answering. */
    public static FeedServer start(String host, int port, Supplier<Snapshot> snapshots, ResponsePolicy policy,
                                   Limits limits, HealthDetails health) {
        return start(host, port, snapshots, policy, limits, health, Map.of());
    }

    /**
     * As {@link #start(String, int, Supplier, ResponsePolicy, Limits, HealthDetails)}, with {@code routes}
     * answering their exact paths ({@code /hub}) instead of the feeds. Such a handler sees the request before
     * the guard that refuses every method but GET, HEAD and OPTIONS and every body, so it must refuse on its
     * own what it does not take, and bound a body it reads ({@link HttpServerExchange#setMaxEntitySize}: the
     * server's own limit is no body at all).
     */
    public static FeedServer start(String host, int port, Supplier<Snapshot> snapshots, ResponsePolicy policy,
                                   Limits limits, HealthDetails health, Map<String, HttpHandler> routes) {
        return start(host, port, snapshots, policy, limits, health, routes, Polling.OFF);
    }

    /**
     * As {@link #start(String, int, Supplier, ResponsePolicy, Limits, HealthDetails, Map)}, watching how
     * clients poll the feeds as {@code polling} says: limiting them, answering {@code /stats}, or both.
     * {@code /healthz} and the {@code routes} are never watched.
     */
    public static FeedServer start(String host, int port, Supplier<Snapshot> snapshots, ResponsePolicy policy,
                                   Limits limits, HealthDetails health, Map<String, HttpHandler> routes,
                                   Polling polling) {
        return start(host, port, snapshots, policy, limits, health, routes, polling, Optional::empty);
    }

    /**
     * As {@link #start(String, int, Supplier, ResponsePolicy, Limits, HealthDetails, Map, Polling)}, with
     * {@code /healthz} also telling how the pings to external WebSub hubs fare ({@code hubs}, read on each
     * health request).
     */
    public static FeedServer start(String host, int port, Supplier<Snapshot> snapshots, ResponsePolicy policy,
                                   Limits limits, HealthDetails health, Map<String, HttpHandler> routes,
                                   Polling polling, Supplier<Optional<HubHealth>> hubs) {
        PollingSettings watch = polling.settings();
        HttpHandler stats = null;
        HttpHandler feedHandler = new FeedHandler(snapshots, policy);
        if (watch.watched()) {
            PollingTable table = new PollingTable(watch.maxClients(), watch.minInterval(),
                    watch.minConditionalInterval(), polling.clock());
            ClientAddress clients = new ClientAddress(watch.trustedProxies());
            feedHandler = new PolitePolling(snapshots, policy, table, clients, watch.limited(), feedHandler);
            if (watch.stats() != PollingSettings.StatsAccess.NONE) {
                stats = new StatsHandler(table, clients, watch);
            }
        }
        PathHandler feeds = Handlers.path(new MadeOffIoThread(snapshots, feedHandler)).addExactPath("/healthz",
                new HealthHandler(snapshots, health, hubs));
        if (stats != null) {
            feeds.addExactPath(STATS_PATH, stats);
        }
        HttpHandler guarded = new RequestGuard(feeds);
        Map<String, HttpHandler> exact = Map.copyOf(routes);
        // Matched by hand: Undertow's exact paths also take the path with a trailing '/' added. Slashes merged, as the
        // guard merges them for the feeds: a site whose feeds are under "//" advertises its hub at "//hub".
        HttpHandler all = exchange -> {
            String path = UrlPaths.mergeSlashes(exchange.getRelativePath());
            HttpHandler route = exact.get(path);
            if (route == null) {
                guarded.handleRequest(exchange);
            } else {
                exchange.setRelativePath(path);
                route.handleRequest(exchange);
            }
        };
        GracefulShutdownHandler shutdown = Handlers.gracefulShutdown(exact.isEmpty() ? guarded : all);
        Undertow undertow = Undertow.builder()
                .addHttpListener(port, host)
                .setIoThreads(Math.max(2, Runtime.getRuntime().availableProcessors()))
                .setWorkerThreads(2)
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, limits.maxHeaderBytes())
                .setServerOption(UndertowOptions.MAX_HEADERS, limits.maxHeaders())
                .setServerOption(UndertowOptions.MAX_PARAMETERS, 50)
                .setServerOption(UndertowOptions.MAX_COOKIES, 50)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 0L)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, limits.requestParseTimeoutMillis())
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, limits.idleTimeoutMillis())
                .setServerOption(UndertowOptions.IDLE_TIMEOUT, limits.idleTimeoutMillis())
                .setServerOption(UndertowOptions.ALLOW_ENCODED_SLASH, false)
                .setServerOption(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, false)
                .setSocketOption(Options.REUSE_ADDRESSES, true)
                .setHandler(new ConnectionOptions(shutdown))
                .build();
        undertow.start();
        return new FeedServer(undertow, shutdown);
    }

    public int port() {
        return port;
    }

    /** Stops accepting requests, lets those in flight finish (up to a few seconds), then stops. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        shutdown.shutdown();
        try {
            shutdown.awaitShutdown(SHUTDOWN_GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        undertow.stop();
    }
}
