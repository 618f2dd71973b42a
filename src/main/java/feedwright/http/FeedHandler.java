package feedwright.http;

import feedwright.snapshot.Representation;
import feedwright.snapshot.Snapshot;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.DateUtils;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.util.Date;
import java.util.function.Supplier;

/**
 * Answers GET and HEAD for every resource of the current snapshot, from memory. The snapshot is read
 * once per request; everything sent (bytes, gzip bytes, ETag, Last-Modified) was computed when it was
 * built, so the handler does no I/O, no compression and no hashing, and runs on the IO thread.
 *
 * <p>Conditional requests follow RFC 9110 §13.2.2: {@code If-None-Match} is evaluated first (weak
 * comparison, lists and {@code *}), and {@code If-Modified-Since} only when there is none. Stateless.
 */
final class FeedHandler implements HttpHandler {

    private final Supplier<Snapshot> snapshots;
    private final String cacheControl;

    FeedHandler(Supplier<Snapshot> snapshots, int maxAgeSeconds) {
        this.snapshots = snapshots;
        this.cacheControl = "public, max-age=" + maxAgeSeconds;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Representation found = snapshots.get().find(exchange.getRelativePath()).orElse(null);
        if (found == null) {
            Responses.text(exchange, StatusCodes.NOT_FOUND, "not found\n");
            return;
        }
        boolean gzip = found.hasGzip()
                && AcceptEncoding.acceptsGzip(exchange.getRequestHeaders().getFirst(Headers.ACCEPT_ENCODING));
        String etag = found.etag(gzip);
        HeaderMap headers = exchange.getResponseHeaders();
        headers.put(Headers.ETAG, etag);
        found.lastModified().ifPresent(time -> headers.put(Headers.LAST_MODIFIED, DateUtils.toDateString(Date.from(time))));
        headers.put(Headers.CACHE_CONTROL, cacheControl);
        headers.put(Headers.VARY, Headers.ACCEPT_ENCODING_STRING);

        if (notModified(exchange, etag, found)) {
            exchange.setStatusCode(StatusCodes.NOT_MODIFIED);
            exchange.endExchange();
            return;
        }
        headers.put(Headers.CONTENT_TYPE, found.contentType());
        if (gzip) {
            headers.put(Headers.CONTENT_ENCODING, "gzip");
        }
        java.nio.ByteBuffer body = found.body(gzip);
        headers.put(Headers.CONTENT_LENGTH, body.remaining());
        if (exchange.getRequestMethod().equalToString("HEAD")) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(body);
        }
    }

    /** RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since only without it. */
    private static boolean notModified(HttpServerExchange exchange, String etag, Representation found) {
        HeaderValues ifNoneMatch = exchange.getRequestHeaders().get(Headers.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            return Conditional.noneMatchFails(ifNoneMatch, etag);
        }
        HeaderValues ifModifiedSince = exchange.getRequestHeaders().get(Headers.IF_MODIFIED_SINCE);
        return ifModifiedSince != null && found.lastModified().isPresent()
                && Conditional.notModifiedSince(ifModifiedSince, found.lastModified().get());
    }
}
