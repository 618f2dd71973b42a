package feedwright.websub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The work waiting for other servers: one item per key, the newest version in the oldest's place (feed
 * documents) or joined to the one waiting (pings), one at a time per key, bounded, retried after a delay.
 */
@Timeout(30)
class RetryQueueTest {

    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    @Test
    void aNewerVersionReplacesTheOneWaitingInItsPlace() throws InterruptedException {
        RetryQueue<String, String> queue = new RetryQueue<>(10, RetryQueue.Newer.REPLACES);
        queue.offer("a", "a1");
        queue.offer("b", "b1");
        queue.offer("a", "a2");

        assertThat(queue.waiting()).isEqualTo(2);
        assertThat(queue.take().orElseThrow().value()).isEqualTo("a2");
        assertThat(queue.take().orElseThrow().value()).isEqualTo("b1");
    }

    @Test
    void aSecondItemOfAKeyWhileTheFirstWaitsJoinsIt() throws InterruptedException {
        RetryQueue<String, String> queue = new RetryQueue<>(10, RetryQueue.Newer.JOINS);
        queue.offer("alpha", "first");
        queue.offer("alpha", "second");
        queue.offer("beta", "other");

        assertThat(queue.waiting()).isEqualTo(2);
        assertThat(queue.take().orElseThrow().value()).isEqualTo("first");
    }

    @Test
    void pastItsBoundTheQueueDropsTheItemThatWaitedLongestAndGivesUpARetry() throws InterruptedException {
        RetryQueue<String, String> queue = new RetryQueue<>(2, RetryQueue.Newer.REPLACES);
        assertThat(queue.offer("a", "a1")).isEmpty();
        assertThat(queue.offer("b", "b1")).isEmpty();
        assertThat(queue.offer("c", "c1")).map(RetryQueue.Entry::value).hasValue("a1");
        assertThat(queue.waiting()).isEqualTo(2);

        RetryQueue.Entry<String, String> tried = queue.take().orElseThrow();
        queue.offer("d", "d1");
        assertThat(queue.retry(tried, 0)).as("a retry waits behind everything newer: given up").isFalse();
    }

    @Test
    void aKeysNextItemWaitsUntilTheOneUnderWayIsDone() throws InterruptedException {
        RetryQueue<String, String> queue = new RetryQueue<>(10, RetryQueue.Newer.JOINS);
        queue.offer("a", "a1");
        assertThat(queue.take().orElseThrow().value()).isEqualTo("a1");
        queue.offer("a", "a2"); // a newer item while the first is under way: it goes after the first is over
        queue.offer("b", "b1");

        assertThat(queue.take().orElseThrow().value()).as("a2 waits for a1").isEqualTo("b1");
        assertThat(queue.pending()).as("a2 waits, a1 and b1 under way").isEqualTo(3);
        queue.done("a");
        RetryQueue.Entry<String, String> newer = queue.take().orElseThrow();
        assertThat(newer.value()).isEqualTo("a2");
        assertThat(newer.attempt()).isEqualTo(1);
    }

    @Test
    void aFailedItemIsNotTriedAgainOnceANewerOneWaits() throws InterruptedException {
        RetryQueue<String, String> queue = new RetryQueue<>(10, RetryQueue.Newer.REPLACES);
        queue.offer("a", "a1");
        RetryQueue.Entry<String, String> failed = queue.take().orElseThrow();
        queue.offer("a", "a2");
        queue.done("a");

        assertThat(queue.retry(failed, 0)).isFalse();
        assertThat(queue.take().orElseThrow().value()).isEqualTo("a2");
        queue.done("a");
        assertThat(queue.retry(failed, 0)).isTrue();
        assertThat(queue.take().orElseThrow().attempt()).isEqualTo(2);
    }

    @Test
    void aRetryCountsItsAttemptAndWaitsItsDelay() throws InterruptedException {
        RetryQueue<String, String> queue = new RetryQueue<>(10, RetryQueue.Newer.JOINS);
        queue.offer("a", "a1");
        RetryQueue.Entry<String, String> tried = queue.take().orElseThrow();
        long before = System.nanoTime();
        assertThat(queue.retry(tried, TimeUnit.MILLISECONDS.toNanos(50))).isTrue();
        queue.done("a");

        RetryQueue.Entry<String, String> again = queue.take().orElseThrow();
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.dueNanos() - before).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void workersHandEachItemToTheWorkMarkItDoneAndStopWithTheQueue() throws Exception {
        RetryQueue<String, String> queue = new RetryQueue<>(10, RetryQueue.Newer.JOINS);
        CompletableFuture<String> sent = new CompletableFuture<>();
        queue.startWorkers(2, "test-worker", entry -> sent.complete(entry.value()));
        queue.offer("a", "a1");

        assertThat(sent.get()).isEqualTo("a1");
        assertThat(queue.awaitEmpty(TimeUnit.SECONDS.toNanos(10))).as("done after the work").isTrue();
        assertThat(queue.stop()).as("nothing was waiting").isZero();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().startsWith("test-worker"));
    }

    @Test
    void closingWakesATakerWithNothingDropsWhatWaitsAndTakesNothingMore() throws Exception {
        RetryQueue<String, String> queue = new RetryQueue<>(10, RetryQueue.Newer.REPLACES);
        queue.offer("a", "a1");
        RetryQueue.Entry<String, String> taken = queue.take().orElseThrow();
        queue.offer("b", "b1");
        queue.offer("a", "a2");
        CompletableFuture<Optional<RetryQueue.Entry<String, String>>> taker = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // b1 is due now and may be taken before the close: what the close drops is what still waits.
        Optional<RetryQueue.Entry<String, String>> got = taker.get();
        int dropped = queue.close();
        assertThat(dropped + (got.isPresent() ? 1 : 0)).isEqualTo(2);
        assertThat(queue.take()).isEmpty();
        assertThat(queue.offer("c", "c1")).isEmpty();
        assertThat(queue.waiting()).isZero();
        queue.done(taken.key());
    }

    @Test
    void aTakerWaitsForAnItemNotYetDueAndCloseWakesIt() throws Exception {
        RetryQueue<String, String> queue = new RetryQueue<>(10, RetryQueue.Newer.REPLACES);
        queue.offer("a", "a1");
        RetryQueue.Entry<String, String> tried = queue.take().orElseThrow();
        assertThat(queue.retry(tried, HOUR)).isTrue();
        queue.done("a");
        CompletableFuture<Optional<RetryQueue.Entry<String, String>>> taker = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(queue.close()).as("dropped").isEqualTo(1);
        assertThat(taker.get()).isEmpty();
    }
}
