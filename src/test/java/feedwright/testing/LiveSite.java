package feedwright.testing;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.http.FeedServer;
import feedwright.http.ResponsePolicy;
import feedwright.reload.Alarm;
import feedwright.reload.SiteReloader;
import feedwright.reload.SiteWatcher;
import feedwright.reload.Sleeper;
import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.SitePipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A site served by the real server on a free port, the way {@code serve} does it (same pipeline, same
 * {@code server} settings from the site's configuration), optionally with the real watcher reloading it, plus a
 * JDK {@link HttpClient} and the edits an author makes (written to a temporary file and renamed into
 * place, as editors do). Most tests serve a copy of the sample site in a temporary folder. Unless a test
 * asks otherwise, {@code /healthz} shows its details, as with {@code serve --health-details}: that is
 * where tests read the problems a reload found.
 */
public final class LiveSite implements AutoCloseable {

    public static final Duration DEADLINE = Duration.ofSeconds(20);

    private final Path dir;
    private final CurrentSnapshot current;
    private final FeedServer server;
    private final SiteReloader reloader;
    private final SiteWatcher watcher;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** How the watcher runs; null when nothing reloads the site. */
    private record Watching(Duration pollInterval, boolean events, Duration stuckAfter) {

        Watching(Duration pollInterval, boolean events) {
            this(pollInterval, events, SiteReloader.STUCK_AFTER);
        }
    }

    private LiveSite(Path dir, Clock clock, FeedServer.Limits limits, FeedServer.HealthDetails health,
                     Watching watching) throws Exception {
        this.dir = dir;
        SitePipeline pipeline = SitePipeline.open(dir);
        SitePipeline.Run first = pipeline.run(clock.instant());
        current = new CurrentSnapshot(first.snapshot());
        server = FeedServer.start("127.0.0.1", 0, current, ResponsePolicy.of(pipeline.config().server()), limits,
                health);
        reloader = watching == null ? null : new SiteReloader(pipeline, current, clock, Sleeper.SYSTEM,
                watching.stuckAfter(), Alarm.onDaemonThread());
        if (reloader != null) {
            reloader.schedule(first.loaded());
        }
        watcher = watching == null ? null
                : new SiteWatcher(dir, reloader, watching.pollInterval(), watching.events());
    }

    /** Serves a copy of the sample site made in {@code dir}; nothing reloads it. */
    public static LiveSite serveSample(Path dir) throws Exception {
        copySample(dir);
        return serve(dir, Clock.systemUTC(), FeedServer.Limits.DEFAULTS);
    }

    /** Serves the site in {@code dir} as it is, built at {@code clock}'s instant; nothing reloads it. */
    public static LiveSite serve(Path dir, Clock clock, FeedServer.Limits limits) throws Exception {
        return serve(dir, clock, limits, FeedServer.HealthDetails.SHOWN);
    }

    /** As {@link #serve(Path, Clock, FeedServer.Limits)}, with {@code /healthz} telling what {@code health} says. */
    public static LiveSite serve(Path dir, Clock clock, FeedServer.Limits limits, FeedServer.HealthDetails health)
            throws Exception {
        return new LiveSite(dir, clock, limits, health, null);
    }

    /** Serves a copy of the sample site made in {@code dir}, reloaded by the watcher as it changes. */
    public static LiveSite watchSample(Path dir, Duration pollInterval, boolean events) throws Exception {
        copySample(dir);
        return new LiveSite(dir, Clock.systemUTC(), FeedServer.Limits.DEFAULTS, FeedServer.HealthDetails.SHOWN,
                new Watching(pollInterval, events));
    }

    /** Serves the site in {@code dir} as it is, reloaded by the watcher (file events only) as it changes. */
    public static LiveSite watch(Path dir) throws Exception {
        return watch(dir, SiteReloader.STUCK_AFTER);
    }

    /** As {@link #watch(Path)}, with a reload running longer than {@code stuckAfter} reported as stuck. */
    public static LiveSite watch(Path dir, Duration stuckAfter) throws Exception {
        return new LiveSite(dir, Clock.systemUTC(), FeedServer.Limits.DEFAULTS, FeedServer.HealthDetails.SHOWN,
                new Watching(Duration.ZERO, true, stuckAfter));
    }

    /** Copies the sample site's {@code posts/} and {@code feeds-config/} into {@code target}. */
    public static void copySample(Path target) throws IOException {
        for (String folder : new String[] {"posts", "feeds-config"}) {
            Path source = Path.of(folder).toAbsolutePath();
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path copy = target.resolve(folder).resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    public Path dir() {
        return dir;
    }

    public CurrentSnapshot current() {
        return current;
    }

    /** The reloader the watcher drives, for a test to run one reload itself and see what it did. */
    public SiteReloader reloader() {
        if (reloader == null) {
            throw new IllegalStateException("nothing reloads this site: serve it with a watcher");
        }
        return reloader;
    }

    public FeedServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    public HttpClient client() {
        return client;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** A request for {@code path} with a timeout, to add headers or a method to. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
    }

    public HttpResponse<String> get(String path) {
        return send(request(path), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Sends {@code request} and keeps the body as the server sent it (gzip is not undone). */
    public HttpResponse<byte[]> bytes(HttpRequest.Builder request) {
        return send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** GET with {@code headers} given as name, value, name, value... */
    public HttpResponse<byte[]> bytes(String path, String... headers) {
        return bytes(headers.length == 0 ? request(path) : request(path).headers(headers));
    }

    public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return client.send(request.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String etag(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.headers().firstValue("ETag").orElseThrow();
    }

    /** Polls until {@code condition} holds; fails after {@link #DEADLINE}, naming {@code what} was awaited. */
    public static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE + ": " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Polls until {@code condition} holds for the response to {@code path}; fails after DEADLINE. */
    public HttpResponse<String> awaitResponse(String path, Predicate<HttpResponse<String>> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = get(path);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching response for " + path + " within " + DEADLINE + "; last: "
                + (last == null ? "none" : last.statusCode() + " " + last.headers().map()));
    }

    /** Writes {@code text} to {@code relative} the way editors save: a temporary file renamed into place. */
    public void save(String relative, String text) throws IOException {
        Path target = dir.resolve(relative);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + ".swp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public String read(String relative) throws IOException {
        return Files.readString(dir.resolve(relative), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        if (reloader != null) {
            reloader.close();
        }
        server.close();
    }
}
