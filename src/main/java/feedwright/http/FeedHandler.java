package feedwright.http;

import feedwright.snapshot.Representation;
import feedwright.snapshot.Snapshot;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * Answers GET and HEAD for every resource of the current snapshot, from memory. The snapshot is read
 * once per request; everything sent (bytes, gzip bytes, ETag, Last-Modified) was computed when it was
 * built, so the handler does no I/O, no compression, no hashing and no copying (the body is a view of a
 * direct buffer the socket writes as it is), and runs on the IO thread.
 *
 * <p>Conditional requests follow RFC 9110 §13.2.2: {@code If-None-Match} is evaluated first (weak
 * comparison, lists and {@code *}), and {@code If-Modified-Since} only when there is none. Stateless.
 */
final class FeedHandler implements HttpHandler {

    private static final Responses.Text NOT_FOUND = Responses.Text.of("not found");

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
            Responses.send(exchange, StatusCodes.NOT_FOUND, NOT_FOUND);
            return;
        }
        boolean gzip = found.hasGzip()
                && AcceptEncoding.acceptsGzip(exchange.getRequestHeaders().getFirst(Headers.ACCEPT_ENCODING));
        String etag = found.etag(gzip);
        HeaderMap headers = exchange.getResponseHeaders();
        headers.put(Headers.ETAG, etag);
        found.lastModifiedHeader().ifPresent(date -> headers.put(Headers.LAST_MODIFIED, date));
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
        ByteBuffer body = found.body(gzip);
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
