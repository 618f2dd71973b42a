package feedwright.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import feedwright.config.PollingSettings;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /stats}: who polls how, per {@link UserAgentFamily}: requests, the share sent with a validator
 * ({@code If-None-Match} or {@code If-Modified-Since}), the share answered {@code 304}, the median interval
 * between one client's requests for the same feed, and the {@code 429}s. JSON, or a plain-text table with
 * {@code ?format=text}. Answered to loopback clients only unless {@code server.stats} is {@code anyone}; the
 * client is who {@link ClientAddress} says it is, so behind a trusted proxy a remote reader is refused too.
 * Never cached. Thread-safe.
 */
final class StatsHandler implements HttpHandler {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Responses.Text LOOPBACK_ONLY = Responses.Text.of(
            "the polling report is answered to loopback clients only (server.stats: loopback)");

    private final PollingTable table;
    private final ClientAddress clients;
    private final PollingSettings settings;

    StatsHandler(PollingTable table, ClientAddress clients, PollingSettings settings) {
        this.table = table;
        this.clients = clients;
        this.settings = settings;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws IOException {
        if (settings.stats() == PollingSettings.StatsAccess.LOOPBACK && !clients.of(exchange).isLoopbackAddress()) {
            Responses.send(exchange, StatusCodes.FORBIDDEN, LOOPBACK_ONLY);
            return;
        }
        if (exchange.getRequestMethod().equals(Methods.OPTIONS)) {
            Responses.options(exchange); // no CORS: the report is the operator's
            return;
        }
        Deque<String> format = exchange.getQueryParameters().get("format");
        boolean text = format != null && format.contains("text");
        byte[] body = text ? text(table.families()) : json(table.families());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE,
                text ? "text/plain; charset=utf-8" : "application/json; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        Responses.sendContent(exchange, ByteBuffer.wrap(body));
    }

    private byte[] json(List<PollingTable.FamilyCounts> families) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeBooleanField("limited", settings.limited());
            json.writeNumberField("minInterval", settings.minInterval());
            json.writeNumberField("minConditionalInterval", settings.minConditionalInterval());
            json.writeNumberField("clients", table.clients());
            json.writeNumberField("maxClients", table.maxClients());
            json.writeArrayFieldStart("families");
            for (PollingTable.FamilyCounts family : families) {
                json.writeStartObject();
                json.writeStringField("family", family.family());
                json.writeNumberField("requests", family.requests());
                json.writeNumberField("conditionalShare", share(family.conditional(), family.requests()));
                json.writeNumberField("notModifiedShare", share(family.notModified(), family.requests()));
                if (family.medianIntervalMillis() < 0) {
                    json.writeNullField("medianIntervalSeconds");
                } else {
                    json.writeNumberField("medianIntervalSeconds", family.medianIntervalMillis() / 1000.0);
                }
                json.writeNumberField("tooManyRequests", family.tooMany());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private static byte[] text(List<PollingTable.FamilyCounts> families) {
        StringWriter out = new StringWriter();
        PrintWriter table = new PrintWriter(out);
        table.printf(Locale.ROOT, "%-16s %9s %12s %9s %16s %6s%n", "family", "requests", "conditional", "304", "median interval",
                "429");
        for (PollingTable.FamilyCounts family : families) {
            table.printf(Locale.ROOT, "%-16s %9d %11.1f%% %8.1f%% %16s %6d%n", family.family(), family.requests(),
                    100 * share(family.conditional(), family.requests()),
                    100 * share(family.notModified(), family.requests()),
                    family.medianIntervalMillis() < 0 ? "-" : family.medianIntervalMillis() / 1000.0 + " s",
                    family.tooMany());
        }
        table.flush();
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code part / whole}, to three decimals; 0 when there is no whole. */
    private static double share(long part, long whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
    }
}
