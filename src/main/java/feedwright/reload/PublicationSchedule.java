package feedwright.reload;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the reloader when the clock reaches the next scheduled change of the posts (a post's date, an
 * update time not used yet; {@link feedwright.post.LoadedPosts#nextScheduled()}), so that it is
 * published then without a file being touched. Every load says what comes next ({@link #expect}), which
 * replaces what was expected before: an edit may move a date or remove it.
 *
 * <p>One alarm is set at a time, for the due time but never more than {@link #LONGEST_WAIT} ahead: the
 * due time is on the wall clock, an alarm counts elapsed time, and the two part when the clock is set or
 * the host sleeps. An alarm that goes off before the due time (by the clock) sets the next one for the
 * rest, without reloading; a reload that fails to say what comes next leaves nothing set (the next
 * successful reload sets it again), so nothing ever repeats without the clock moving on.
 *
 * <p>Thread-safe: loads report from the reloader's thread, the alarm goes off on its own.
 */
final class PublicationSchedule implements AutoCloseable {

    /** The reloader's log, where every reload is told. */
    private static final Logger LOG = LoggerFactory.getLogger(SiteReloader.class);
    /** How far ahead an alarm is set at most; waking then only reads the clock again. */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(1);

    private final Clock clock;
    private final Alarm alarm;
    private final Runnable publishDue;
    /** The change waited for, if any (guarded by this, as the two below). */
    private Instant due;
    private Alarm.Pending pending;
    private boolean closed;

    /** @param publishDue reloads, publishing what became due, and reports the next change through {@link #expect} */
    PublicationSchedule(Clock clock, Alarm alarm, Runnable publishDue) {
        this.clock = clock;
        this.alarm = alarm;
        this.publishDue = publishDue;
    }

    /** Waits for {@code next} from now on, in place of what was waited for before; empty to wait for nothing. */
    synchronized void expect(Optional<Instant> next) {
        due = next.orElse(null);
        setAlarm();
    }

    /** The change waited for now, if any. */
    synchronized Optional<Instant> due() {
        return Optional.ofNullable(due);
    }

    private void setAlarm() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
        if (closed || due == null) {
            return;
        }
        Duration wait = Duration.between(clock.instant(), due);
        wait = wait.isNegative() ? Duration.ZERO : wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
        pending = alarm.set(wait, this::wake);
    }

    private void wake() {
        synchronized (this) {
            pending = null;
            if (closed || due == null) {
                return;
            }
            if (clock.instant().isBefore(due)) {
                setAlarm(); // early by the clock (a long wait cut short, or the clock behind the alarm's count)
                return;
            }
            LOG.info("publishing what was scheduled for {}", due);
            due = null; // the reload says what comes next; if it fails, nothing is waited for
        }
        publishDue.run(); // outside the lock: the reload reports back through expect()
    }

    /** Sets no more alarms and closes the alarm (which waits for a reload it is running); idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (pending != null) {
                pending.cancel();
                pending = null;
            }
        }
        alarm.close(); // outside the lock, which the reload it may be running needs to report back
    }
}
