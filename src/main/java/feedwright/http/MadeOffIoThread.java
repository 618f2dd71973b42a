package feedwright.http;

import feedwright.snapshot.Representation;
import feedwright.snapshot.Snapshot;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a request for a resource whose bytes must be made first (an archive page not made lately, a document's
 * gzip form not made since the reload that changed it: {@link Representation#isReady()}) to a worker thread,
 * which makes all of it, whichever form the request asks for: making a page of 50 posts or compressing a
 * document takes milliseconds, and an IO thread serves many connections that must not wait for it. Every other
 * request stays on the IO thread, where answering from the snapshot is fastest.
 *
 * <p>A making that fails (out of memory, a bug) answers {@code 503} with {@code Retry-After} and is logged,
 * rather than ending the exchange with a bare {@code 500}: the page is made again at the next request.
 */
final class MadeOffIoThread implements HttpHandler {

    /**
     * The snapshot this request is answered from, read once, on the IO thread: the handlers after this one
     * use it too, so that a reload published meanwhile cannot hand them a resource not made yet.
     */
    static final AttachmentKey<Snapshot> SNAPSHOT = AttachmentKey.create(Snapshot.class);

    private static final Logger LOG = LoggerFactory.getLogger(MadeOffIoThread.class);
    private static final Responses.Text UNAVAILABLE = Responses.Text.of("this page could not be made; try again later");

    private final Supplier<Snapshot> snapshots;
    private final HttpHandler next;

    MadeOffIoThread(Supplier<Snapshot> snapshots, HttpHandler next) {
        this.snapshots = snapshots;
        this.next = next;
    }

    /** The snapshot {@code exchange} is answered from: the one read for it here, else the current one. */
    static Snapshot answeredFrom(HttpServerExchange exchange, Supplier<Snapshot> snapshots) {
        Snapshot read = exchange.getAttachment(SNAPSHOT);
        return read != null ? read : snapshots.get();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            Snapshot snapshot = snapshots.get();
            exchange.putAttachment(SNAPSHOT, snapshot);
            Representation found = snapshot.find(exchange.getRelativePath()).orElse(null);
            if (found != null && !found.isReady()) {
                exchange.dispatch(this);
                return;
            }
            next.handleRequest(exchange);
            return;
        }
        try {
            // Made whole now, so that later requests for it stay on the IO thread whatever they ask for.
            answeredFrom(exchange, snapshots).find(exchange.getRelativePath()).ifPresent(Representation::makeReady);
            next.handleRequest(exchange);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            LOG.error("{} could not be made", exchange.getRelativePath(), e);
            if (!exchange.isResponseStarted()) {
                // The validators and links of a page that was not sent; the CORS fields stay.
                exchange.getResponseHeaders().remove(Headers.ETAG);
                exchange.getResponseHeaders().remove(Headers.LAST_MODIFIED);
                exchange.getResponseHeaders().remove(FeedHandler.LINK);
                exchange.getResponseHeaders().put(PolitePolling.RETRY_AFTER, 60);
                Responses.send(exchange, StatusCodes.SERVICE_UNAVAILABLE, UNAVAILABLE);
            }
        }
    }
}
