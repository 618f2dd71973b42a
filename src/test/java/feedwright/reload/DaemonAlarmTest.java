package feedwright.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real alarm, on its own thread: a task runs after its delay on a daemon thread, a cancelled one never
 * runs, and closing drops what waits and ends the thread. The delays are short and the order of the
 * tasks on the one thread is what proves a task did not run, not a wait on the wall clock.
 */
@Timeout(20)
class DaemonAlarmTest {

    @Test
    void runsATaskAfterItsDelayOnADaemonThread() throws Exception {
        try (Alarm alarm = Alarm.onDaemonThread()) {
            CountDownLatch ran = new CountDownLatch(1);
            AtomicReference<Thread> on = new AtomicReference<>();
            long setAt = System.nanoTime();

            alarm.set(Duration.ofMillis(50), () -> {
                on.set(Thread.currentThread());
                ran.countDown();
            });

            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - setAt)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
            assertThat(on.get().isDaemon()).isTrue();
            assertThat(on.get().getName()).isEqualTo("feedwright-schedule");
        }
    }

    @Test
    void aCancelledTaskNeverRuns() throws Exception {
        try (Alarm alarm = Alarm.onDaemonThread()) {
            AtomicBoolean cancelledRan = new AtomicBoolean();
            CountDownLatch later = new CountDownLatch(1);

            alarm.set(Duration.ofMillis(20), () -> cancelledRan.set(true)).cancel();
            alarm.set(Duration.ofMillis(100), later::countDown); // one thread: it runs after the cancelled one's time

            assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(cancelledRan).isFalse();
        }
    }

    @Test
    void closingDropsWhatWaitsAndEndsTheThread() throws Exception {
        Alarm alarm = Alarm.onDaemonThread();
        AtomicReference<Thread> thread = new AtomicReference<>();
        CountDownLatch first = new CountDownLatch(1);
        alarm.set(Duration.ZERO, () -> {
            thread.set(Thread.currentThread());
            first.countDown();
        });
        assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean waitingRan = new AtomicBoolean();
        alarm.set(Duration.ofDays(365 * 300), () -> waitingRan.set(true)); // far beyond any nanosecond count

        alarm.close();

        thread.get().join(5_000);
        assertThat(thread.get().isAlive()).as("the alarm's thread ended").isFalse();
        assertThat(waitingRan).isFalse();
        // A reload finishing while serve stops may still ask for an alarm: refused quietly, and closing twice is fine.
        assertThatCode(() -> alarm.set(Duration.ZERO, () -> { }).cancel()).doesNotThrowAnyException();
        assertThatCode(alarm::close).doesNotThrowAnyException();
    }
}
