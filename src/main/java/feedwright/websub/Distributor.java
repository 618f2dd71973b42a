package feedwright.websub;

import feedwright.feed.FeedFormats;
import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.Representation;
import feedwright.snapshot.Snapshot;
import feedwright.snapshot.SnapshotChanges;
import feedwright.text.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content distribution (WebSub §7): told of every snapshot published, it POSTs each feed whose bytes
 * changed to every subscriber of that feed, with its {@code Content-Type}, {@code Link} fields naming the
 * feed ({@code rel="self"}) and the hub ({@code rel="hub"}), and {@code X-Hub-Signature: sha256=…} (HMAC of
 * the body under the subscriber's secret) when it gave one. Publishing only queues the deliveries; a few
 * threads of its own make them, so a reload never waits and never fails for a subscriber. A delivery
 * answered {@code 2xx} is done; {@code 410 Gone} ends the subscription; anything else (another status, no
 * connection, no answer in time) is tried again after each of {@link HubLimits#retryDelays}, then given up
 * with a warning in the log. Thread-safe.
 */
public final class Distributor implements CurrentSnapshot.Listener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Distributor.class);

    private final SubscriptionStore store;
    private final Topics topics;
    private final HubHttp callbacks;
    private final HubLimits limits;
    private final RetryQueue<Subscription.Key, Document> queue;

    Distributor(SubscriptionStore store, Topics topics, HubHttp callbacks, HubLimits limits, int maxPending) {
        this.store = store;
        this.topics = topics;
        this.callbacks = callbacks;
        this.limits = limits;
        this.queue = new RetryQueue<>(maxPending, RetryQueue.Newer.REPLACES);
        queue.startWorkers(limits.deliveryThreads(), "feedwright-websub-deliver", this::deliver);
    }

    /** Queues a delivery of each added or changed feed to each of its subscribers; never blocks, never throws. */
    @Override
    public void publishing(Snapshot next, SnapshotChanges changes) {
        try {
            queueDeliveries(next, changes);
        } catch (RuntimeException e) {
            // A bug here must not fail the reload that publishes: the site goes out, the subscribers miss it.
            LOG.error("websub: the deliveries of a publish could not be queued", e);
        }
    }

    private void queueDeliveries(Snapshot next, SnapshotChanges changes) {
        Stream.concat(changes.added().stream(), changes.changed().stream()).forEach(path -> {
            Representation resource = next.resources().get(path);
            if (resource == null || !FeedFormats.isFeed(resource.contentType())) {
                return;
            }
            List<Subscription> subscribers = store.subscribersOf(path);
            if (subscribers.isEmpty()) {
                return;
            }
            Document document = new Document(path, resource.contentType(), resource.bytes());
            for (Subscription subscriber : subscribers) {
                queue.offer(subscriber.key(), document)
                        .ifPresent(dropped -> LOG.warn("websub: {} deliveries wait (websub.max_pending_deliveries);"
                                + " the oldest, {} to {}, is dropped", queue.waiting(), dropped.value().path(),
                                dropped.key().callback()));
            }
        });
    }

    /**
     * A feed's new version: its path, type and bytes, shared by every delivery of it (a subscriber is sent
     * the newest waiting, never an older one after it).
     */
    record Document(String path, String contentType, byte[] body) {
    }

    private void deliver(RetryQueue.Entry<Subscription.Key, Document> delivery) throws InterruptedException {
        // Read again: the subscription may have ended, or been renewed with another secret, since this was queued.
        Optional<Subscription> subscription = store.find(delivery.key());
        if (subscription.isEmpty()) {
            return;
        }
        Document document = delivery.value();
        List<String> headers = new ArrayList<>(List.of("Content-Type", document.contentType(),
                "Link", "<" + topics.url(document.path()) + ">; rel=\"self\"",
                "Link", "<" + topics.hub() + ">; rel=\"hub\""));
        subscription.get().secret().ifPresent(secret -> headers.addAll(List.of("X-Hub-Signature",
                signature(secret, document.body()))));
        String failure;
        try {
            HubHttp.Answer answer = callbacks.post(delivery.key().callback(), document.body(), headers);
            if (answer.isSuccess()) {
                LOG.debug("websub: delivered {} to {}", document.path(), delivery.key().callback());
                return;
            }
            if (answer.status() == 410) {
                store.remove(delivery.key());
                LOG.info("websub: {} answered 410 Gone: its subscription to {} ends", delivery.key().callback(),
                        document.path());
                return;
            }
            failure = "answered " + answer.status();
        } catch (IOException e) {
            failure = e.toString();
        }
        int tried = delivery.attempt();
        if (tried <= limits.retryDelays().size()
                && queue.retry(delivery, limits.retryDelays().get(tried - 1).toNanos())) {
            LOG.info("websub: delivering {} to {} failed ({}); trying again in {}", document.path(),
                    delivery.key().callback(), failure, limits.retryDelays().get(tried - 1));
        } else {
            LOG.warn("websub: gave up delivering {} to {} after {} tries ({})", document.path(),
                    delivery.key().callback(), tried, failure);
        }
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of {@code body} under {@code secret} (WebSub §8). */
    static String signature(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(Digests.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    /** Stops delivering: deliveries still waiting are dropped (logged), those under way are abandoned. */
    @Override
    public void close() {
        int dropped = queue.stop();
        if (dropped > 0) {
            LOG.info("websub: {} deliveries were still waiting when serve stopped; they are dropped", dropped);
        }
    }
}
