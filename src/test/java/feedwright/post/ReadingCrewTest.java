package feedwright.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// In a thread of its own: a crew that never finished (a fault) would keep an interrupted test waiting.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReadingCrewTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "crew-test");
        thread.setDaemon(true); // a read left stuck must not keep the JVM alive
        return thread;
    });
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void letGo() {
        release.countDown();
        threads.shutdownNow();
    }

    @Test
    void everyItemIsDoneOnceAndTheResultsAreInTheItemsOrder() {
        List<Integer> items = IntStream.range(0, 2_000).boxed().toList();
        Map<Integer, AtomicInteger> times = new ConcurrentHashMap<>();

        List<String> results = ReadingCrew.apply(items, item -> {
            times.computeIfAbsent(item, any -> new AtomicInteger()).incrementAndGet();
            return ReadingCrew.read(Path.of(item + ".md"), () -> "read " + item, why -> "refused " + item)
                    .orElse("not on a crew thread");
        }, 3, LONG, threads);

        assertThat(results).isEqualTo(items.stream().map(item -> "read " + item).toList());
        assertThat(times).hasSize(items.size()).allSatisfy((item, count) -> assertThat(count).hasValue(1));
    }

    @Test
    void aReadOutlastingTheTimeoutIsGivenUpAndTheOtherItemsAreDone() throws Exception {
        // Item 7 is in the middle of the first batch a member takes: the rest of it is done by another.
        List<Integer> items = IntStream.range(0, 1_000).boxed().toList();
        CountDownLatch stuckReadBegan = new CountDownLatch(1);
        CountDownLatch stuckReadReturned = new CountDownLatch(1);
        List<String> item7Outcomes = new CopyOnWriteArrayList<>();

        long started = System.nanoTime();
        List<String> results = ReadingCrew.apply(items, item -> {
            String outcome = ReadingCrew.read(Path.of(item + ".md"), () -> {
                if (item == 7 && stuckReadBegan.getCount() > 0) {
                    stuckReadBegan.countDown();
                    await(release); // a pipe with no writer
                    stuckReadReturned.countDown();
                }
                return "read " + item;
            }, why -> why + " " + item).orElseThrow();
            if (item == 7) {
                item7Outcomes.add(outcome);
            }
            return outcome;
        }, 2, Duration.ofMillis(200), threads);
        long took = System.nanoTime() - started;

        assertThat(results.get(7)).isEqualTo("TIMED_OUT 7");
        assertThat(results).filteredOn(result -> !result.endsWith(" 7"))
                .isEqualTo(items.stream().filter(item -> item != 7).map(item -> "read " + item).toList());
        assertThat(stuckReadBegan.getCount()).isZero();
        assertThat(Duration.ofNanos(took)).as("a 200 ms timeout").isLessThan(Duration.ofSeconds(5));

        // The stuck thread, let go at last, does nothing after its read: the item was done by another.
        release.countDown();
        assertThat(stuckReadReturned.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        assertThat(item7Outcomes).containsExactly("TIMED_OUT 7");
    }

    @Test
    void whatTheWorkThrowsIsThrownOnceNoOtherThreadIsAtWork() {
        AtomicInteger atWork = new AtomicInteger();

        Failed failed = failedWork(4, threads, atWork, item -> {
            if (item == 3) {
                throw new StackOverflowError("item 3");
            }
        });

        assertThat(failed.thrown()).isInstanceOf(StackOverflowError.class).hasMessage("item 3");
        assertThat(failed.atWork()).isZero();
    }

    @Test
    void noThreadToBeHadIsThrownOnceTheMembersStartedHaveStopped() {
        AtomicInteger atWork = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        Executor oneThreadOnly = task -> {
            if (started.incrementAndGet() > 1) {
                while (atWork.get() == 0) { // refused while the first member is at work
                    Thread.onSpinWait();
                }
                throw new RejectedExecutionException("no thread left");
            }
            threads.execute(task);
        };

        Failed failed = failedWork(2, oneThreadOnly, atWork, item -> { });

        assertThat(failed.thrown()).isInstanceOf(RejectedExecutionException.class).hasMessage("no thread left");
        assertThat(failed.atWork()).isZero();
    }

    /** What a crew threw, and how many items' work was under way when it did. */
    private record Failed(Throwable thrown, int atWork) {
    }

    /** A crew of {@code size} over 200 items, each counted in {@code atWork} while {@code first} and a nap run. */
    private static Failed failedWork(int size, Executor executor, AtomicInteger atWork, IntConsumer first) {
        try {
            ReadingCrew.apply(IntStream.range(0, 200).boxed().toList(), item -> {
                atWork.incrementAndGet();
                try {
                    first.accept(item);
                    sleep(5);
                    return item;
                } finally {
                    atWork.decrementAndGet();
                }
            }, size, LONG, executor);
        } catch (RuntimeException | Error e) {
            return new Failed(e, atWork.get());
        }
        throw new AssertionError("the crew finished without a failure");
    }

    @Test
    void anInterruptedCallerGetsEveryItemWithTheReadsLeftRefused() throws Exception {
        List<Integer> items = IntStream.range(0, 20).boxed().toList();
        CountDownLatch firstReadBegan = new CountDownLatch(1);
        CountDownLatch interruptSent = new CountDownLatch(1);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<List<String>> applied = caller.submit(() -> {
                List<String> results = ReadingCrew.apply(items, item -> ReadingCrew.read(Path.of(item + ".md"), () -> {
                    if (item == 0) {
                        firstReadBegan.countDown();
                        await(interruptSent);
                    }
                    return "read " + item;
                }, why -> why + " " + item).orElseThrow(), 1, LONG, threads);
                return Thread.currentThread().isInterrupted() ? results : List.of("not interrupted");
            });
            assertThat(firstReadBegan.await(10, TimeUnit.SECONDS)).isTrue();
            caller.shutdownNow(); // interrupts the caller
            sleep(100);
            interruptSent.countDown();

            List<String> results = applied.get(10, TimeUnit.SECONDS);
            assertThat(results).hasSize(items.size()).startsWith("read 0");
            assertThat(results.subList(1, items.size()))
                    .isEqualTo(items.subList(1, items.size()).stream().map(item -> "INTERRUPTED " + item).toList());
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void aCrewsWorkCannotStartAnotherCrew() {
        assertThatThrownBy(() -> ReadingCrew.apply(List.of(1, 2), item ->
                ReadingCrew.apply(List.of(item), inner -> inner, 1, LONG, threads), 2, LONG, threads))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot start another crew");
    }

    @Test
    void aReadOnAnyOtherThreadIsNotTheCrewsToDo() {
        assertThat(ReadingCrew.read(Path.of("a.md"), () -> "read", why -> "refused")).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
