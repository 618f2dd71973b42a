package feedwright.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import feedwright.problem.Problem;
import feedwright.problem.ProblemJson;
import feedwright.snapshot.Snapshot;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * {@code GET /healthz}: {@code ok} or {@code degraded} (some post or the configuration has an error)
 * and counts, which is all a monitor needs and all that anyone may learn. It carries no CORS fields, so
 * no web page of another origin can read it: with {@code --health-details} it names scheduled posts, and
 * a page the operator happens to open could otherwise read it from a server on the operator's machine. With
 * {@link FeedServer.HealthDetails#SHOWN} it adds every current problem and when and how fast the
 * snapshot was built: problems name files, quote titles and give the dates of scheduled posts, so they
 * are shown only when the operator asks (a public server would tell every embargo to anyone).
 *
 * <p>The body is written once per snapshot and then reused, so a monitoring loop costs the IO thread no
 * JSON writing; never cached by clients. Thread-safe: racing requests after a reload may each write
 * the body once.
 */
final class HealthHandler implements HttpHandler {

    private static final JsonFactory JSON = new JsonFactory();

    private final Supplier<Snapshot> snapshots;
    private final FeedServer.HealthDetails details;
    private final Supplier<Optional<HubHealth>> hubs;
    private final AtomicReference<Written> last = new AtomicReference<>();

    /**
     * The body written for one snapshot, which is held weakly: once a reload replaced it, this cache must
     * not keep the old snapshot (and every buffer of it) alive until the next health check.
     */
    private record Written(WeakReference<Snapshot> snapshot, Optional<HubHealth> hubs, ByteBuffer body) {
    }

    HealthHandler(Supplier<Snapshot> snapshots, FeedServer.HealthDetails details) {
        this(snapshots, details, Optional::empty);
    }

    /** @param hubs the pings to external WebSub hubs, when there are hubs to ping */
    HealthHandler(Supplier<Snapshot> snapshots, FeedServer.HealthDetails details, Supplier<Optional<HubHealth>> hubs) {
        this.snapshots = snapshots;
        this.details = details;
        this.hubs = hubs;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals(Methods.OPTIONS)) {
            Responses.options(exchange); // no CORS: a page of another origin has no business reading this
            return;
        }
        ByteBuffer body = body(snapshots.get());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        Responses.sendContent(exchange, body);
    }

    private ByteBuffer body(Snapshot snapshot) throws IOException {
        Written written = last.get();
        Optional<HubHealth> hubHealth = hubs.get();
        if (written == null || written.snapshot().get() != snapshot || !written.hubs().equals(hubHealth)) {
            byte[] json = json(snapshot, details, hubHealth);
            written = new Written(new WeakReference<>(snapshot), hubHealth,
                    ByteBuffer.allocateDirect(json.length).put(json).flip().asReadOnlyBuffer());
            last.set(written);
        }
        return written.body().duplicate();
    }

    static byte[] json(Snapshot snapshot, FeedServer.HealthDetails details) throws IOException {
        return json(snapshot, details, Optional.empty());
    }

    static byte[] json(Snapshot snapshot, FeedServer.HealthDetails details, Optional<HubHealth> hubs)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            writeStatus(json, snapshot);
            if (hubs.isPresent()) {
                writeHubs(json, hubs.get(), details);
            }
            if (details == FeedServer.HealthDetails.SHOWN) {
                writeDetails(json, snapshot);
            }
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    /**
     * The public part: status and counts, nothing that names a file, a title or a date. A further
     * status a monitor should see belongs here, and in {@link #status} when it should degrade the site.
     */
    private static void writeStatus(JsonGenerator json, Snapshot snapshot) throws IOException {
        json.writeStringField("status", status(snapshot));
        json.writeNumberField("posts", snapshot.posts());
        json.writeNumberField("feeds", snapshot.feeds());
        json.writeNumberField("problems", snapshot.problems().size());
        json.writeNumberField("errors", snapshot.errorCount());
    }

    /**
     * {@code "websub": {"pending": n, "hubs": [{"url", "sent", "failed", "gaveUp", "lastFailureAt",
     * "lastFailure"}]}}: a hub failing does not degrade the site, which is served all the same; the reason
     * of the last failure only with the details.
     */
    private static void writeHubs(JsonGenerator json, HubHealth health, FeedServer.HealthDetails details)
            throws IOException {
        json.writeObjectFieldStart("websub");
        json.writeNumberField("pending", health.pending());
        json.writeArrayFieldStart("hubs");
        for (HubHealth.Hub hub : health.hubs()) {
            json.writeStartObject();
            json.writeStringField("url", hub.url());
            json.writeNumberField("sent", hub.sent());
            json.writeNumberField("failed", hub.failed());
            json.writeNumberField("gaveUp", hub.gaveUp());
            if (hub.lastFailureAt().isPresent()) {
                json.writeStringField("lastFailureAt", hub.lastFailureAt().get().toString());
            }
            if (details == FeedServer.HealthDetails.SHOWN && hub.lastFailure().isPresent()) {
                json.writeStringField("lastFailure", hub.lastFailure().get());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** {@code degraded} when some post or the configuration has an error, else {@code ok}. */
    private static String status(Snapshot snapshot) {
        return snapshot.errorCount() == 0 ? "ok" : "degraded";
    }

    /** The operator's part: when the snapshot was built, and every problem as {@code check} reports it. */
    private static void writeDetails(JsonGenerator json, Snapshot snapshot) throws IOException {
        json.writeStringField("builtAt", snapshot.builtAt().toString());
        json.writeNumberField("buildMillis", snapshot.buildTime().toMillis());
        json.writeArrayFieldStart("problemList");
        for (Problem problem : snapshot.problems()) {
            ProblemJson.write(json, problem);
        }
        json.writeEndArray();
    }
}
