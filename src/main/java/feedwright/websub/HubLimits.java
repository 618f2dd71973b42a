package feedwright.websub;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How long the hub waits for a subscriber, how often it tries again, and how much work it keeps in hand:
 * what keeps a slow or hostile callback from holding a thread or memory for long. Fixed in code (tests
 * shorten the waits); the site's own limits are {@code websub.*} keys. Immutable.
 *
 * @param connectTimeout           longest wait for a callback's connection
 * @param requestTimeout           longest wait for a callback's whole answer, once connected
 * @param retryDelays              the waits before each further try of a delivery that failed; one try more
 *                                 than there are delays
 * @param deliveryThreads          deliveries under way at once: a callback that never answers holds one of
 *                                 them for {@code connectTimeout + requestTimeout} at most
 * @param verificationThreads      callbacks asked to confirm a request at once
 * @param maxPendingVerifications  subscription requests waiting for their callback's confirmation; past it
 *                                 the hub answers {@code 503}
 */
public record HubLimits(Duration connectTimeout, Duration requestTimeout, List<Duration> retryDelays,
                        int deliveryThreads, int verificationThreads, int maxPendingVerifications) {

    /**
     * 5 s to connect, 10 s to answer, tries again after 1 s, 4 s and 16 s; 4 deliveries and 2 verifications
     * under way at once, 100 verifications waiting.
     */
    public static final HubLimits DEFAULTS = new HubLimits(Duration.ofSeconds(5), Duration.ofSeconds(10),
            List.of(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(16)), 4, 2, 100);

    public HubLimits {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        retryDelays = List.copyOf(retryDelays);
        if (deliveryThreads < 1 || verificationThreads < 1 || maxPendingVerifications < 1) {
            throw new IllegalArgumentException("thread counts and maxPendingVerifications must be >= 1");
        }
    }
}
