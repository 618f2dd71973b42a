package feedwright.websub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The deliveries waiting: one per subscription, the newest version in the oldest's place, bounded. */
@Timeout(30)
class DeliveryQueueTest {

    private static final Subscription.Key A = new Subscription.Key("/a.xml", URI.create("http://127.0.0.1:1/a"));
    private static final Subscription.Key B = new Subscription.Key("/b.xml", URI.create("http://127.0.0.1:1/b"));
    private static final Subscription.Key C = new Subscription.Key("/c.xml", URI.create("http://127.0.0.1:1/c"));

    @Test
    void aNewerVersionReplacesTheOneWaitingInItsPlace() throws InterruptedException {
        DeliveryQueue queue = new DeliveryQueue(10);
        queue.offer(delivery(A, "a1"));
        queue.offer(delivery(B, "b1"));
        queue.offer(delivery(A, "a2"));

        assertThat(queue.size()).isEqualTo(2);
        assertThat(version(queue.take())).isEqualTo("a2");
        assertThat(version(queue.take())).isEqualTo("b1");
    }

    @Test
    void aFullQueueDropsTheDeliveryThatWaitedLongest() {
        DeliveryQueue queue = new DeliveryQueue(2);
        assertThat(queue.offer(delivery(A, "a1"))).isEmpty();
        assertThat(queue.offer(delivery(B, "b1"))).isEmpty();
        assertThat(queue.offer(delivery(C, "c1"))).map(d -> new String(d.document().body())).hasValue("a1");
        assertThat(queue.size()).isEqualTo(2);
    }

    @Test
    void aSubscriptionsNextVersionWaitsUntilTheOneUnderWayIsDone() throws InterruptedException {
        DeliveryQueue queue = new DeliveryQueue(10);
        queue.offer(delivery(A, "a1"));
        assertThat(version(queue.take())).isEqualTo("a1");
        queue.offer(delivery(A, "a2"));
        queue.offer(delivery(B, "b1"));

        assertThat(version(queue.take())).as("a2 waits for a1").isEqualTo("b1");
        queue.done(A);
        assertThat(version(queue.take())).isEqualTo("a2");
    }

    @Test
    void aFailedVersionIsNotTriedAgainOnceANewerOneWaits() throws InterruptedException {
        DeliveryQueue queue = new DeliveryQueue(10);
        queue.offer(delivery(A, "a1"));
        Optional<DeliveryQueue.Delivery> failed = queue.take();
        queue.offer(delivery(A, "a2"));
        queue.done(A);

        assertThat(queue.retry(failed.orElseThrow(), Duration.ZERO)).isFalse();
        assertThat(version(queue.take())).isEqualTo("a2");
        queue.done(A);
        assertThat(queue.retry(failed.orElseThrow(), Duration.ZERO)).isTrue();
        DeliveryQueue.Delivery retried = queue.take().orElseThrow();
        assertThat(retried.attempt()).isEqualTo(2);
    }

    @Test
    void closingWakesATakerWithNothingAndDropsWhatWaits() throws Exception {
        DeliveryQueue queue = new DeliveryQueue(10);
        queue.offer(new DeliveryQueue.Delivery(A, new DeliveryQueue.Document("/a.xml", "application/rss+xml",
                new byte[0]), 1, System.nanoTime() + Duration.ofHours(1).toNanos()));
        CompletableFuture<Optional<DeliveryQueue.Delivery>> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(queue.close()).as("dropped").isEqualTo(1);
        assertThat(taken.get()).isEmpty();
    }

    private static DeliveryQueue.Delivery delivery(Subscription.Key key, String version) {
        return new DeliveryQueue.Delivery(key, new DeliveryQueue.Document(key.topic(), "application/rss+xml",
                version.getBytes()), 1, System.nanoTime());
    }

    private static String version(Optional<DeliveryQueue.Delivery> delivery) {
        return new String(delivery.orElseThrow().document().body());
    }
}
