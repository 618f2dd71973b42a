package feedwright.http;

import feedwright.snapshot.Representation;
import feedwright.snapshot.Snapshot;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.function.Supplier;

/**
 * Hands a request for a resource whose bytes must be made first (an archive page not made lately:
 * {@link Representation#isReady()}) to a worker thread: making a page of 50 posts takes milliseconds, and an
 * IO thread serves many connections that must not wait for it. Every other request stays on the IO thread,
 * where answering from the snapshot is fastest.
 */
final class MadeOffIoThread implements HttpHandler {

    private final Supplier<Snapshot> snapshots;
    private final HttpHandler next;

    MadeOffIoThread(Supplier<Snapshot> snapshots, HttpHandler next) {
        this.snapshots = snapshots;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            Representation found = snapshots.get().find(exchange.getRelativePath()).orElse(null);
            if (found != null && !found.isReady()) {
                exchange.dispatch(this);
                return;
            }
        }
        next.handleRequest(exchange);
    }
}
