package feedwright.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import feedwright.problem.Problem;
import feedwright.problem.ProblemJson;
import feedwright.snapshot.Snapshot;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * {@code GET /healthz}: {@code ok} or {@code degraded} (some post or the configuration has an error),
 * with counts, every current problem and when and how fast the snapshot was built. Small enough to
 * write per request; never cached. Stateless.
 */
final class HealthHandler implements HttpHandler {

    private static final JsonFactory JSON = new JsonFactory();

    private final Supplier<Snapshot> snapshots;

    HealthHandler(Supplier<Snapshot> snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws IOException {
        byte[] body = json(snapshots.get());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        if (exchange.getRequestMethod().equalToString("HEAD")) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(ByteBuffer.wrap(body));
        }
    }

    static byte[] json(Snapshot snapshot) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("status", snapshot.errorCount() == 0 ? "ok" : "degraded");
            json.writeNumberField("posts", snapshot.posts());
            json.writeNumberField("feeds", snapshot.feeds());
            json.writeNumberField("problems", snapshot.problems().size());
            json.writeNumberField("errors", snapshot.errorCount());
            json.writeStringField("builtAt", snapshot.builtAt().toString());
            json.writeNumberField("buildMillis", snapshot.buildTime().toMillis());
            json.writeArrayFieldStart("problemList");
            for (Problem problem : snapshot.problems()) {
                ProblemJson.write(json, problem);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return out.toByteArray();
    }
}
