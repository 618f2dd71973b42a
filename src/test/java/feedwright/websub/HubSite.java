package feedwright.websub;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.http.FeedServer;
import feedwright.http.ResponsePolicy;
import feedwright.reload.SiteReloader;
import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.SitePipeline;
import feedwright.testing.CallbackServer;
import feedwright.testing.LiveSite;
import feedwright.testing.TestSite;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A small site served by the real server with the built-in hub mounted at {@code /hub}, as {@code serve}
 * wires it, and reloaded when a test says so (one whole reload, as the watcher's would be): posts in tags
 * {@code alpha} and {@code beta}. The hub reads its own clock, so a test can end leases.
 */
final class HubSite implements AutoCloseable {

    static final String ALPHA_POST = "posts/2025-03-01-alpha.md";
    static final String BETA_POST = "posts/2025-03-02-beta.md";
    static final String FEED_BASE = "https://example.org/blog/";
    static final String ALPHA_TOPIC = FEED_BASE + "tags/alpha/rss.xml";
    static final String BETA_TOPIC = FEED_BASE + "tags/beta/atom.xml";

    /** Short waits, one delivery and one verification at a time: what the hub does happens in a known order. */
    static final HubLimits ONE_AT_A_TIME = new HubLimits(Duration.ofSeconds(5), Duration.ofSeconds(5),
            List.of(Duration.ofMillis(20), Duration.ofMillis(40)), 1, 1, 100);

    private final Path dir;
    private final WebSubHub hub;
    private final CurrentSnapshot current;
    private final FeedServer server;
    private final SiteReloader reloader;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HubSite(Path dir, Clock hubClock, HubLimits limits) throws Exception {
        this.dir = dir;
        SitePipeline pipeline = SitePipeline.open(dir);
        hub = WebSubHub.open(dir, pipeline.config(), hubClock, limits);
        current = new CurrentSnapshot(pipeline.run(Instant.now()).snapshot(), hub.distributor());
        server = FeedServer.start("127.0.0.1", 0, current, ResponsePolicy.of(pipeline.config().server()),
                FeedServer.Limits.DEFAULTS, FeedServer.HealthDetails.HIDDEN,
                Map.of(WebSubHub.PATH, hub.endpoint(current)));
        reloader = new SiteReloader(pipeline, current, Clock.systemUTC());
    }

    /** Writes the two-tag site into {@code dir} with {@code websubLines} under {@code websub:}. */
    static void write(Path dir, String... websubLines) {
        String websub = "websub:\n  builtin_hub: true\n" + List.of(websubLines).stream().map(line -> "  " + line + "\n")
                .collect(Collectors.joining());
        TestSite site = TestSite.create(dir, TestSite.CONFIG + websub);
        site.write(ALPHA_POST, TestSite.taggedPost("Alpha", "2025-03-01", "[alpha]", "First words of alpha.")
                .getBytes(StandardCharsets.UTF_8));
        site.write(BETA_POST, TestSite.taggedPost("Beta", "2025-03-02", "[beta]", "First words of beta.")
                .getBytes(StandardCharsets.UTF_8));
    }

    static HubSite serve(Path dir, Clock hubClock, HubLimits limits) throws Exception {
        return new HubSite(dir, hubClock, limits);
    }

    WebSubHub hub() {
        return hub;
    }

    /** POSTs a form to {@code /hub}, given as name, value, name, value… */
    HttpResponse<String> hubRequest(String... fields) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            form.append(form.length() == 0 ? "" : "&").append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return send(request(WebSubHub.PATH).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    /** Subscribes {@code callback} to {@code topic} and waits until the hub stored it, once confirmed. */
    void subscribe(CallbackServer callback, String topic, String... more) throws InterruptedException {
        String[] fields = concat(new String[] {"hub.mode", "subscribe", "hub.callback", callback.uri().toString(),
                "hub.topic", topic}, more);
        assertThat(hubRequest(fields).statusCode()).as("subscribing to " + topic).isEqualTo(202);
        String path = topic.substring(FEED_BASE.length() - 1);
        LiveSite.await(() -> hub.subscriptions().find(new Subscription.Key(path, callback.uri())).isPresent(),
                callback.uri() + " subscribed to " + path);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** What the server answers at {@code path} now. */
    byte[] served(String path) throws Exception {
        return client.send(request(path).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    /** Appends {@code words} to a post (renamed into place) and reloads, as the watcher would. */
    void edit(String post, String words) throws IOException {
        Path file = dir.resolve(post);
        Path temp = file.resolveSibling("." + file.getFileName() + ".swp");
        Files.writeString(temp, Files.readString(file, StandardCharsets.UTF_8) + "\n" + words + "\n");
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        assertThat(reloader.reload().outcome()).isEqualTo(SiteReloader.Outcome.RELOADED);
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Override
    public void close() {
        reloader.close();
        server.close();
        hub.close();
    }
}
