package feedwright.websub;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks each callback whether it really asked for the (un)subscription made in its name (WebSub §5.3), on
 * threads of its own: a GET to the callback with {@code hub.mode}, {@code hub.topic}, a random
 * {@code hub.challenge} and, to subscribe, the {@code hub.lease_seconds} granted. Only an answer {@code 2xx}
 * whose body is the challenge, byte for byte, counts; then the subscription is stored (the lease counted
 * from then) or removed. At most {@link HubLimits#maxPendingVerifications} requests wait, and
 * {@link HubLimits#verificationThreads} are asked at once. Thread-safe.
 */
final class IntentVerifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IntentVerifier.class);

    enum Mode { SUBSCRIBE, UNSUBSCRIBE }

    /**
     * A request the hub accepted and has yet to verify.
     *
     * @param topicAsGiven the topic as the subscriber wrote it, which the verification repeats
     * @param leaseSeconds the lease granted (for a subscription)
     */
    record Request(Mode mode, Subscription.Key key, String topicAsGiven, Optional<String> secret, long leaseSeconds) {
    }

    private final SubscriptionStore store;
    private final HubHttp callbacks;
    private final Clock clock;
    private final ThreadPoolExecutor pool;
    private final SecureRandom random = new SecureRandom();

    IntentVerifier(SubscriptionStore store, HubHttp callbacks, Clock clock, HubLimits limits) {
        this.store = store;
        this.callbacks = callbacks;
        this.clock = clock;
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(limits.verificationThreads(), limits.verificationThreads(), 0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(limits.maxPendingVerifications()), task -> {
                    Thread thread = new Thread(task, "feedwright-websub-verify-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Verifies {@code request} soon; false when too many wait already (the request is then refused). */
    boolean submit(Request request) {
        try {
            pool.execute(() -> verify(request));
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }

    private void verify(Request request) {
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        String mode = request.mode() == Mode.SUBSCRIBE ? "subscribe" : "unsubscribe";
        String query = Topics.parameter("hub.mode", mode) + "&" + Topics.parameter("hub.topic", request.topicAsGiven())
                + "&" + Topics.parameter("hub.challenge", challenge)
                + (request.mode() == Mode.SUBSCRIBE ? "&hub.lease_seconds=" + request.leaseSeconds() : "");
        URI callback = request.key().callback();
        byte[] expected = challenge.getBytes(StandardCharsets.US_ASCII);
        try {
            // One byte more than the challenge tells a longer body from the challenge itself.
            HubHttp.Answer answer = callbacks.get(Topics.withQuery(callback, query), expected.length + 1);
            if (!answer.isSuccess() || !Arrays.equals(answer.body(), expected)) {
                LOG.info("websub: {} did not confirm the {} to {} (answered {}{})", callback, mode,
                        request.key().topic(), answer.status(), answer.isSuccess() ? " without the challenge" : "");
                return;
            }
        } catch (IOException e) {
            LOG.info("websub: {} did not confirm the {} to {}: {}", callback, mode, request.key().topic(), e.toString());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (request.mode() == Mode.UNSUBSCRIBE) {
            boolean removed = store.remove(request.key());
            LOG.info("websub: {} unsubscribed from {}{}", callback, request.key().topic(), removed ? "" : " (was not subscribed)");
            return;
        }
        Subscription subscription = new Subscription(request.key().topic(), callback, request.secret(),
                clock.instant().plusSeconds(request.leaseSeconds()));
        SubscriptionStore.Outcome outcome = store.put(subscription);
        if (outcome == SubscriptionStore.Outcome.FULL) {
            LOG.warn("websub: {} confirmed its subscription to {}, but the hub is full (websub.max_subscriptions)",
                    callback, request.key().topic());
            deny(request, "the hub holds as many subscriptions as it may");
        } else {
            LOG.info("websub: {} {} to {} until {}", callback,
                    outcome == SubscriptionStore.Outcome.ADDED ? "subscribed" : "renewed its subscription",
                    request.key().topic(), subscription.expires());
        }
    }

    /** Tells the callback that its subscription was refused (WebSub §5.2); its answer does not matter. */
    private void deny(Request request, String reason) {
        String query = Topics.parameter("hub.mode", "denied") + "&" + Topics.parameter("hub.topic", request.topicAsGiven())
                + "&" + Topics.parameter("hub.reason", reason);
        try {
            callbacks.get(Topics.withQuery(request.key().callback(), query), 0);
        } catch (IOException e) {
            LOG.info("websub: {} was not told its subscription was refused: {}", request.key().callback(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Stops verifying; requests still waiting are dropped (their subscribers may ask again). */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
