package feedwright.http;

import feedwright.feed.Redirect;
import feedwright.snapshot.Representation;
import feedwright.snapshot.Snapshot;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * Answers GET, HEAD and OPTIONS for every resource of the current snapshot, from memory. The snapshot
 * is read once per request ({@link MadeOffIoThread#answeredFrom}); everything sent (bytes, gzip bytes, ETag,
 * Last-Modified) is made by the time it gets here (a resource not made yet was made on a worker thread by
 * {@link MadeOffIoThread}), so the handler does no I/O, no compression, no hashing and no copying (the body
 * is a view of a direct buffer the socket writes as it is).
 *
 * <p>Conditional requests follow RFC 9110 §13.2.2: {@code If-None-Match} is evaluated first (weak
 * comparison, lists and {@code *}), and {@code If-Modified-Since} only when there is none.
 *
 * <p>An old feed address ({@code aliases}) gets a {@code 301} to the feed that replaced it, with the absolute
 * {@code Location} the snapshot holds and the feeds' {@code Cache-Control}, and no content.
 *
 * <p>Every answer about a path, a 404 included, carries the CORS fields ({@link CrossOrigin}), so that a
 * reader in another origin's page can tell a missing feed from a network failure. Stateless.
 */
final class FeedHandler implements HttpHandler {

    private static final Responses.Text NOT_FOUND = Responses.Text.of("not found");
    private static final HttpString X_ROBOTS_TAG = new HttpString("X-Robots-Tag");
    static final HttpString LINK = new HttpString("Link");
    /** A redirect's body: none, since every client that matters follows {@code Location}. */
    private static final ByteBuffer NO_CONTENT = ByteBuffer.allocateDirect(0).asReadOnlyBuffer();

    private final Supplier<Snapshot> snapshots;
    private final ResponsePolicy policy;

    FeedHandler(Supplier<Snapshot> snapshots, ResponsePolicy policy) {
        this.snapshots = snapshots;
        this.policy = policy;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        HeaderMap headers = exchange.getResponseHeaders();
        CrossOrigin.addTo(headers, policy.cors());
        Snapshot snapshot = MadeOffIoThread.answeredFrom(exchange, snapshots);
        Representation found = snapshot.find(exchange.getRelativePath()).orElse(null);
        Redirect redirect = found != null ? null : snapshot.redirect(exchange.getRelativePath()).orElse(null);
        if (found == null && redirect == null) {
            Responses.send(exchange, StatusCodes.NOT_FOUND, NOT_FOUND);
            return;
        }
        if (exchange.getRequestMethod().equals(Methods.OPTIONS)) {
            if (CrossOrigin.isPreflight(exchange)) {
                CrossOrigin.addPreflight(headers, policy.cors());
            }
            Responses.options(exchange);
            return;
        }
        if (redirect != null) {
            // An old feed address: moved for good, which a reader remembers (RFC 9110 §15.4.2), and which
            // caches may keep as long as a feed.
            exchange.setStatusCode(StatusCodes.MOVED_PERMANENTLY);
            headers.put(Headers.LOCATION, redirect.location());
            headers.put(Headers.CACHE_CONTROL, policy.cacheControl());
            Responses.sendContent(exchange, NO_CONTENT.duplicate());
            return;
        }
        boolean gzip = sendsGzip(exchange, found);
        String etag = found.etag(gzip);
        headers.put(Headers.ETAG, etag);
        found.lastModifiedHeader().ifPresent(date -> headers.put(Headers.LAST_MODIFIED, date));
        headers.put(Headers.CACHE_CONTROL, policy.cacheControl(found.immutable()));
        headers.put(Headers.VARY, Headers.ACCEPT_ENCODING_STRING);
        if (!found.links().isEmpty()) {
            // WebSub §4: the hubs and the topic's own URL, on a 304 and a HEAD as on a 200.
            headers.putAll(LINK, found.links());
        }
        if (policy.noindex() && !isPage(found)) {
            headers.put(X_ROBOTS_TAG, "noindex");
        }

        if (notModified(exchange, etag, found)) {
            exchange.setStatusCode(StatusCodes.NOT_MODIFIED);
            // The length a 200 would have (RFC 9110 §8.6), so that Undertow neither chunks nor closes a
            // HEAD's response for want of one; bodilessFraming takes it out again, as for GET.
            headers.put(Headers.CONTENT_LENGTH, found.length(gzip));
            exchange.addResponseWrapper(Responses::bodilessFraming);
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
     * Whether the resource is a page for people (the index page, a feed's preview page) rather than a feed
     * or the OPML: {@code X-Robots-Tag} keeps feeds out of search results, while a site may well want its
     * pages found.
     */
    static boolean isPage(Representation found) {
        return found.contentType().startsWith("text/html");
    }

    /** Whether the answer carries the gzip bytes: there are some, and the client takes them. */
    static boolean sendsGzip(HttpServerExchange exchange, Representation found) {
        return found.hasGzip()
                && AcceptEncoding.acceptsGzip(exchange.getRequestHeaders().get(Headers.ACCEPT_ENCODING));
    }

    /** RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since only without it. */
    static boolean notModified(HttpServerExchange exchange, String etag, Representation found) {
        HeaderValues ifNoneMatch = exchange.getRequestHeaders().get(Headers.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            return Conditional.noneMatchFails(ifNoneMatch, etag);
        }
        HeaderValues ifModifiedSince = exchange.getRequestHeaders().get(Headers.IF_MODIFIED_SINCE);
        return ifModifiedSince != null && found.lastModified().isPresent()
                && Conditional.notModifiedSince(ifModifiedSince, found.lastModified().get());
    }
}
