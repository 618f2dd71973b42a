package feedwright.http;

import feedwright.snapshot.Representation;
import feedwright.snapshot.Snapshot;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.ConduitFactory;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.util.function.Supplier;
import org.xnio.conduits.StreamSinkConduit;

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
                && AcceptEncoding.acceptsGzip(exchange.getRequestHeaders().get(Headers.ACCEPT_ENCODING));
        String etag = found.etag(gzip);
        HeaderMap headers = exchange.getResponseHeaders();
        headers.put(Headers.ETAG, etag);
        found.lastModifiedHeader().ifPresent(date -> headers.put(Headers.LAST_MODIFIED, date));
        headers.put(Headers.CACHE_CONTROL, cacheControl);
        headers.put(Headers.VARY, Headers.ACCEPT_ENCODING_STRING);

        if (notModified(exchange, etag, found)) {
            exchange.setStatusCode(StatusCodes.NOT_MODIFIED);
            // The length a 200 would have (RFC 9110 §8.6), so that Undertow neither chunks nor closes a
            // HEAD's response for want of one; notModifiedFraming takes it out again, as for GET.
            headers.put(Headers.CONTENT_LENGTH, found.body(gzip).remaining());
            exchange.addResponseWrapper(FeedHandler::notModifiedFraming);
            exchange.endExchange();
            return;
        }
        headers.put(Headers.CONTENT_TYPE, found.contentType());
        if (gzip) {
            headers.put(Headers.CONTENT_ENCODING, "gzip");
        }
        Responses.sendContent(exchange, found.body(gzip));
    }

    /**
     * A 304 has no content whatever the method, so it announces no framing (RFC 9112 §6.1, §6.3), and a
     * 304 to HEAD carries exactly the fields of a 304 to GET. Undertow gets neither right by itself: it
     * frames a HEAD response without a length as chunked (HTTP/1.1) or closes its connection (HTTP/1.0),
     * and for GET it leaves out every {@code Connection} field, also the {@code close} a client should be
     * told (RFC 9112 §9.6) and the {@code keep-alive} an HTTP/1.0 client needs to keep the connection.
     * The fields are set here, after Undertow chose its bodiless conduit and before the header block is
     * written.
     */
    private static StreamSinkConduit notModifiedFraming(ConduitFactory<StreamSinkConduit> factory,
                                                        HttpServerExchange exchange) {
        StreamSinkConduit conduit = factory.create();
        HeaderMap headers = exchange.getResponseHeaders();
        headers.remove(Headers.TRANSFER_ENCODING);
        headers.remove(Headers.CONTENT_LENGTH);
        if (!exchange.isPersistent()) {
            headers.put(Headers.CONNECTION, "close");
        } else if (exchange.isHttp11()) {
            headers.remove(Headers.CONNECTION); // persistence is HTTP/1.1's default
        } else {
            headers.put(Headers.CONNECTION, "keep-alive"); // an HTTP/1.0 client keeps it only when told
        }
        return conduit;
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
