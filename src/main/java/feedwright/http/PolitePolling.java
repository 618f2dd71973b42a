package feedwright.http;

import feedwright.snapshot.Representation;
import feedwright.snapshot.Snapshot;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.util.function.Supplier;

/**
 * In front of {@link FeedHandler}: notes every GET and HEAD of a feed or the OPML in the {@link PollingTable}
 * and, when the site limits polling, answers a GET that comes too soon with {@code 429 Too Many Requests}
 * (RFC 6585 §4) and {@code Retry-After} (RFC 9110 §10.2.3), the seconds until the same request would be
 * answered. Whether a request would end in {@code 304} is decided here as the feed handler will decide it.
 * Pages for people (the index and preview pages) and every other path pass untouched, as do HEAD (never
 * limited: it costs no body) and every method the guard lets through besides GET and HEAD.
 *
 * <p>The refusal is as cheap as a {@code 304}: a fixed body of a few bytes, a view of a direct buffer, and
 * the fields a {@code 304} carries ({@code Cache-Control}, the CORS fields). Thread-safe.
 */
final class PolitePolling implements HttpHandler {

    private static final Responses.Text TOO_MANY = Responses.Text.of("too many requests");
    static final HttpString RETRY_AFTER = new HttpString("Retry-After");

    private final Supplier<Snapshot> snapshots;
    private final ResponsePolicy policy;
    private final PollingTable table;
    private final ClientAddress clients;
    private final boolean limited;
    private final HttpHandler next;

    PolitePolling(Supplier<Snapshot> snapshots, ResponsePolicy policy, PollingTable table, ClientAddress clients,
                  boolean limited, HttpHandler next) {
        this.snapshots = snapshots;
        this.policy = policy;
        this.table = table;
        this.clients = clients;
        this.limited = limited;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        boolean get = exchange.getRequestMethod().equals(Methods.GET);
        if (!get && !exchange.getRequestMethod().equals(Methods.HEAD)) {
            next.handleRequest(exchange);
            return;
        }
        Representation found = snapshots.get().find(exchange.getRelativePath()).orElse(null);
        if (found == null || FeedHandler.isPage(found)) {
            next.handleRequest(exchange);
            return;
        }
        HeaderMap request = exchange.getRequestHeaders();
        String etag = found.etag(FeedHandler.sendsGzip(exchange, found));
        boolean conditional = request.contains(Headers.IF_NONE_MATCH) || request.contains(Headers.IF_MODIFIED_SINCE);
        boolean notModified = conditional && FeedHandler.notModified(exchange, etag, found);
        PollingTable.Key key = PollingTable.Key.of(clients.of(exchange), request.getFirst(Headers.USER_AGENT),
                exchange.getRelativePath());
        long wait = table.visit(key, new PollingTable.Request(get && limited, conditional, notModified,
                etag.hashCode()));
        if (wait > 0) {
            tooMany(exchange, wait);
            return;
        }
        next.handleRequest(exchange);
    }

    private void tooMany(HttpServerExchange exchange, long seconds) {
        HeaderMap headers = exchange.getResponseHeaders();
        CrossOrigin.addTo(headers, policy.cors());
        exchange.setStatusCode(StatusCodes.TOO_MANY_REQUESTS);
        headers.put(RETRY_AFTER, seconds);
        headers.put(Headers.CACHE_CONTROL, policy.cacheControl());
        headers.put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        Responses.sendContent(exchange, TOO_MANY.bytes().duplicate());
    }
}
