package feedwright.websub;

import feedwright.config.SiteConfig;
import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.Snapshot;
import io.undertow.server.HttpHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * {@code serve}'s built-in WebSub hub, whole: the subscriptions of the site in a folder
 * ({@link SubscriptionStore}), the endpoint that takes subscription requests ({@link HubEndpoint}, mounted at
 * {@link #PATH}), the verifier of intent and the {@link Distributor} that delivers each changed feed. Open it
 * before the first publish it is to hear of, and close it when serving stops. Thread-safe.
 */
public final class WebSubHub implements AutoCloseable {

    /** Where the server answers subscription requests. */
    public static final String PATH = Topics.HUB_PATH;

    private final SubscriptionStore store;
    private final Topics topics;
    private final IntentVerifier verifier;
    private final Distributor distributor;
    private final long maxLeaseSeconds;

    private WebSubHub(SubscriptionStore store, Topics topics, IntentVerifier verifier, Distributor distributor,
                      long maxLeaseSeconds) {
        this.store = store;
        this.topics = topics;
        this.verifier = verifier;
        this.distributor = distributor;
        this.maxLeaseSeconds = maxLeaseSeconds;
    }

    /** The hub of the site in {@code siteDir}, with the subscriptions kept from its last run. */
    public static WebSubHub open(Path siteDir, SiteConfig config, Clock clock, HubLimits limits) {
        SubscriptionStore store = SubscriptionStore.open(siteDir, config.websub().maxSubscriptions(), clock);
        Topics topics = new Topics(config.site());
        HubHttp callbacks = new HubHttp(limits);
        return new WebSubHub(store, topics, new IntentVerifier(store, callbacks, clock, limits),
                new Distributor(store, topics, callbacks, limits, config.websub().maxPendingDeliveries()),
                config.websub().maxLeaseSeconds());
    }

    /** The handler of {@link #PATH}, checking topics against the snapshots {@code snapshots} gives. */
    public HttpHandler endpoint(Supplier<Snapshot> snapshots) {
        return new HubEndpoint(snapshots, topics, store, verifier, maxLeaseSeconds);
    }

    /** What to tell of each snapshot published: the distributor, which queues the deliveries. */
    public CurrentSnapshot.Listener distributor() {
        return distributor;
    }

    /** The subscriptions whose leases run, for tests and the log. */
    public SubscriptionStore subscriptions() {
        return store;
    }

    /** The hub's address, as subscribers are told it ({@code feed_base_url} + {@code hub}). */
    public String url() {
        return topics.hub();
    }

    @Override
    public void close() {
        verifier.close();
        distributor.close();
    }
}
