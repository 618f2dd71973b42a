package feedwright.reload;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.http.FeedServer;
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
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A copy of the sample site in a temporary folder, served by the real server with the real watcher,
 * plus the edits an author makes (written to a temporary file and renamed into place, as editors do).
 */
final class LiveSite implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(20);

    final Path dir;
    final CurrentSnapshot current;
    final FeedServer server;
    final SiteWatcher watcher;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    LiveSite(Path dir, Duration pollInterval) throws Exception {
        this(dir, pollInterval, true);
    }

    LiveSite(Path dir, Duration pollInterval, boolean events) throws Exception {
        this.dir = dir;
        copySample(dir);
        SitePipeline pipeline = SitePipeline.open(dir);
        SitePipeline.Run first = pipeline.run(Clock.systemUTC().instant());
        current = new CurrentSnapshot(first.snapshot());
        server = FeedServer.start("127.0.0.1", 0, current, 300, FeedServer.Limits.DEFAULTS);
        watcher = new SiteWatcher(dir, new SiteReloader(pipeline, first, current, Clock.systemUTC()), pollInterval,
                events);
    }

    static void copySample(Path target) throws IOException {
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

    HttpResponse<String> get(String path) {
        try {
            return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    String etag(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.headers().firstValue("ETag").orElseThrow();
    }

    /** Polls until {@code condition} holds for the response to {@code path}; fails after DEADLINE. */
    HttpResponse<String> awaitResponse(String path, Predicate<HttpResponse<String>> condition) throws InterruptedException {
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
    void save(String relative, String text) throws IOException {
        Path target = dir.resolve(relative);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + ".swp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    String read(String relative) throws IOException {
        return Files.readString(dir.resolve(relative), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        watcher.close();
        server.close();
    }
}
