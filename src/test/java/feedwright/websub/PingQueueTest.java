package feedwright.websub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pings waiting for external hubs: one per hub and feed, bounded, a retry never beside a newer ping. */
@Timeout(10)
class PingQueueTest {

    private static final URI HUB = URI.create("http://127.0.0.1:9/hub");
    private static final URI OTHER_HUB = URI.create("http://127.0.0.1:9/other");
    private static final PingQueue.Ping ALPHA = new PingQueue.Ping(HUB, "https://example.org/alpha.xml");
    private static final PingQueue.Ping BETA = new PingQueue.Ping(HUB, "https://example.org/beta.xml");

    @Test
    void aSecondPingOfTheSameFeedToTheSameHubWhileTheFirstWaitsIsNotQueued() throws InterruptedException {
        PingQueue queue = new PingQueue(10);
        queue.offer(ALPHA);
        queue.offer(ALPHA);
        queue.offer(new PingQueue.Ping(OTHER_HUB, ALPHA.topic()));
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.take().orElseThrow().ping()).isEqualTo(ALPHA);
    }

    @Test
    void aPingOfAFeedUnderWayWaitsBehindItAndGoesWhenItIsDone() throws InterruptedException {
        PingQueue queue = new PingQueue(10);
        queue.offer(ALPHA);
        PingQueue.Waiting first = queue.take().orElseThrow();
        queue.offer(ALPHA); // a newer publish while the first is under way: the hub may have fetched the old bytes
        queue.offer(BETA);
        assertThat(queue.take().orElseThrow().ping()).as("not the feed under way").isEqualTo(BETA);
        queue.done(first.ping());
        PingQueue.Waiting newer = queue.take().orElseThrow();
        assertThat(newer.ping()).isEqualTo(ALPHA);
        assertThat(newer.attempt()).isEqualTo(1);
    }

    @Test
    void pastItsBoundTheQueueDropsThePingThatWaitedLongest() {
        PingQueue queue = new PingQueue(2);
        assertThat(queue.offer(ALPHA)).isEmpty();
        assertThat(queue.offer(BETA)).isEmpty();
        PingQueue.Ping third = new PingQueue.Ping(HUB, "https://example.org/gamma.xml");
        assertThat(queue.offer(third)).contains(ALPHA);
        assertThat(queue.size()).isEqualTo(2);
    }

    @Test
    void aRetryIsNotQueuedBesideANewerPingOfTheSameFeed() throws InterruptedException {
        PingQueue queue = new PingQueue(10);
        queue.offer(ALPHA);
        PingQueue.Waiting tried = queue.take().orElseThrow();
        queue.offer(ALPHA);
        assertThat(queue.retry(tried, TimeUnit.SECONDS.toNanos(1))).isFalse();
        queue.done(tried.ping());
        assertThat(queue.take().orElseThrow().attempt()).as("the newer ping, a first try").isEqualTo(1);
    }

    @Test
    void aRetryCountsItsAttemptAndWaitsItsDelay() throws InterruptedException {
        PingQueue queue = new PingQueue(10);
        queue.offer(ALPHA);
        PingQueue.Waiting tried = queue.take().orElseThrow();
        long before = System.nanoTime();
        assertThat(queue.retry(tried, TimeUnit.MILLISECONDS.toNanos(50))).isTrue();
        queue.done(tried.ping());
        PingQueue.Waiting again = queue.take().orElseThrow();
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.dueNanos() - before).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void aClosedQueueDropsWhatWaitedAndTakesNothingMore() throws InterruptedException {
        PingQueue queue = new PingQueue(10);
        queue.offer(new PingQueue.Ping(HUB, "https://example.org/later.xml"));
        PingQueue.Waiting taken = queue.take().orElseThrow();
        queue.offer(BETA);
        Thread closer = new Thread(() -> assertThat(queue.close()).isEqualTo(1));
        closer.start();
        closer.join();
        assertThat(queue.take()).isEqualTo(Optional.empty());
        assertThat(queue.offer(ALPHA)).isEmpty();
        queue.done(taken.ping());
        assertThat(queue.size()).isZero();
    }
}
