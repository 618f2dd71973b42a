package feedwright.websub;

import feedwright.config.SiteSettings;
import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.Snapshot;
import feedwright.snapshot.SnapshotChanges;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher's side of WebSub for external hubs ({@code websub.hubs}): after each published change it
 * tells every hub, once per changed feed URL, with the de-facto form ({@code POST},
 * {@code application/x-www-form-urlencoded}, {@code hub.mode=publish&hub.url=<feed URL>}); the hub then
 * fetches the feed and delivers it to its own subscribers. Feeds whose bytes did not change are never named.
 *
 * <p>Telling only queues the pings; threads of its own send them, each request bounded by
 * {@link HubLimits#connectTimeout} and {@link HubLimits#requestTimeout}, so a publish never waits for a hub
 * and never fails because of one. A ping answered {@code 2xx} is done; anything else is tried again after
 * each of {@link HubLimits#retryDelays} (1 s, 4 s, 16 s by default), then given up with a warning. What went
 * wrong last with each hub, and how many pings wait, is in {@link #status()} ({@code /healthz}). Thread-safe.
 */
public final class HubPublisher implements CurrentSnapshot.Listener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubPublisher.class);
    /** Pings sent at once: enough that one silent hub does not hold up another. */
    private static final int THREADS = 2;

    /** What {@code /healthz} tells of the external hubs: pings waiting or under way, and each hub's record. */
    public record Status(int pending, List<HubStatus> hubs) {
        public Status {
            hubs = List.copyOf(hubs);
        }
    }

    /**
     * One hub's record since start.
     *
     * @param sent        pings it answered {@code 2xx}
     * @param failed      tries that failed (another status, no connection, no answer in time)
     * @param gaveUp      pings given up after their last try
     * @param lastFailure the latest failed try, when there was one
     */
    public record HubStatus(URI hub, long sent, long failed, long gaveUp, Optional<Failure> lastFailure) {
    }

    /** A failed try: when, and what happened ({@code answered 500}, the connection's error). */
    public record Failure(Instant at, String reason) {
    }

    private final List<URI> hubs;
    private final SiteSettings site;
    private final HubHttp client;
    private final HubLimits limits;
    private final Clock clock;
    private final RetryQueue<Ping, Ping> queue;
    private final Map<URI, AtomicReference<HubStatus>> records = new LinkedHashMap<>();

    private HubPublisher(List<URI> hubs, SiteSettings site, HubLimits limits, Clock clock, int maxPending) {
        this.hubs = List.copyOf(hubs);
        this.site = site;
        this.client = new HubHttp(limits);
        this.limits = limits;
        this.clock = clock;
        // A ping joins one of its hub and feed still waiting: the hub fetches the feed when told, so a second
        // notice beside the first would only make it fetch the same bytes twice.
        this.queue = new RetryQueue<>(maxPending, RetryQueue.Newer.JOINS);
        for (URI hub : this.hubs) {
            records.put(hub, new AtomicReference<>(new HubStatus(hub, 0, 0, 0, Optional.empty())));
        }
    }

    /**
     * Starts the senders for {@code hubs}, which name the feeds as {@code site} publishes them.
     *
     * @param maxPending most pings waiting at once ({@code websub.max_pending_deliveries})
     */
    public static HubPublisher start(List<URI> hubs, SiteSettings site, HubLimits limits, Clock clock,
                                     int maxPending) {
        HubPublisher publisher = new HubPublisher(hubs, site, limits, clock, maxPending);
        if (!hubs.isEmpty()) {
            publisher.queue.startWorkers(THREADS, "feedwright-websub-ping", publisher::send);
        }
        return publisher;
    }

    /** Nothing yet: readers do not see {@code next} until it is published, and a hub told now would fetch the old feed. */
    @Override
    public void publishing(Snapshot next, SnapshotChanges changes) {
    }

    /** Queues a ping of each added or changed feed to each hub; never blocks, never throws. */
    @Override
    public void published(Snapshot current, SnapshotChanges changes) {
        try {
            ping(changes.topics(current));
        } catch (RuntimeException e) {
            // A bug here must not fail the reload that published: the site is out, the hubs miss it.
            LOG.error("websub: the pings of a publish could not be queued", e);
        }
    }

    /** Queues a ping of each feed at these paths ({@code /tags/ai/rss.xml}) to each hub. */
    public void ping(List<String> feedPaths) {
        for (String path : feedPaths) {
            String topic = site.feedUrl(path.substring(1));
            for (URI hub : hubs) {
                Ping ping = new Ping(hub, topic);
                queue.offer(ping, ping).ifPresent(dropped -> LOG.warn("websub: {} pings wait"
                        + " (websub.max_pending_deliveries); the oldest, of {} to {}, is dropped", queue.waiting(),
                        dropped.key().topic(), dropped.key().hub()));
            }
        }
    }

    /** The hubs' records and how many pings wait or are under way. */
    public Status status() {
        return new Status(queue.pending(), records.values().stream().map(AtomicReference::get).toList());
    }

    /**
     * Waits until every ping queued so far is sent or given up, at most {@code limit}; whether that came.
     * For a command that exits after publishing ({@code build --ping}).
     */
    public boolean awaitSent(Duration limit) throws InterruptedException {
        return queue.awaitEmpty(limit.toNanos());
    }

    /** One feed URL for one hub: what one publish notification says. */
    record Ping(URI hub, String topic) {
    }

    private void send(RetryQueue.Entry<Ping, Ping> waiting) throws InterruptedException {
        Ping ping = waiting.key();
        String failure;
        try {
            HubHttp.Answer answer = client.post(ping.hub(), form(ping.topic()),
                    List.of("Content-Type", "application/x-www-form-urlencoded"));
            if (answer.isSuccess()) {
                LOG.debug("websub: told {} of {}", ping.hub(), ping.topic());
                update(ping.hub(), s -> new HubStatus(s.hub(), s.sent() + 1, s.failed(), s.gaveUp(), s.lastFailure()));
                return;
            }
            failure = "answered " + answer.status();
        } catch (IOException e) {
            failure = e.toString();
        }
        Failure failed = new Failure(clock.instant(), failure);
        update(ping.hub(), s -> new HubStatus(s.hub(), s.sent(), s.failed() + 1, s.gaveUp(), Optional.of(failed)));
        int tried = waiting.attempt();
        if (tried <= limits.retryDelays().size()) {
            Duration delay = limits.retryDelays().get(tried - 1);
            if (queue.retry(waiting, delay.toNanos())) {
                LOG.info("websub: telling {} of {} failed ({}); trying again in {}", ping.hub(), ping.topic(),
                        failure, delay);
            }
            return;
        }
        update(ping.hub(), s -> new HubStatus(s.hub(), s.sent(), s.failed(), s.gaveUp() + 1, s.lastFailure()));
        LOG.warn("websub: gave up telling {} of {} after {} tries ({})", ping.hub(), ping.topic(), tried, failure);
    }

    /** The de-facto publish notification: {@code hub.mode=publish&hub.url=<feed URL>}, form-encoded. */
    static byte[] form(String topic) {
        return (Topics.parameter("hub.mode", "publish") + "&" + Topics.parameter("hub.url", topic))
                .getBytes(StandardCharsets.US_ASCII);
    }

    private void update(URI hub, UnaryOperator<HubStatus> change) {
        records.get(hub).updateAndGet(change);
    }

    /** Stops sending: pings still waiting are dropped (logged), those under way are abandoned. */
    @Override
    public void close() {
        int dropped = queue.stop();
        if (dropped > 0) {
            LOG.info("websub: {} pings to hubs were still waiting when publishing stopped; they are dropped", dropped);
        }
    }
}
