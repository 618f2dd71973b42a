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
 * <p>It wakes twice: {@link #LEAD} before the due time, to have the snapshot of that time built ahead,
 * and at the due time, to publish it, which then is only a swap (a rebuild on a busy machine may take a
 * second, and the post is due at its date). The alarm is set for the next of these but never more than
 * {@link #LONGEST_WAIT} ahead: the due time is on the wall clock, an alarm counts elapsed time, and the two
 * part when the clock is set or the host sleeps. An alarm that goes off early (by the clock) sets the
 * next one for the rest; a reload that fails to say what comes next leaves nothing set (the next
 * successful reload sets it again), so nothing ever repeats without the clock moving on.
 *
 * <p>Thread-safe: loads report from the reloader's thread, the alarm goes off on its own.
 */
final class PublicationSchedule implements AutoCloseable {

    /** The reloader's log, where every reload is told. */
    private static final Logger LOG = LoggerFactory.getLogger(SiteReloader.class);
    /** How far ahead an alarm is set at most; waking then only reads the clock again. */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(1);
    /** How long before the due time its snapshot is built: a reload takes well under a second, but not always. */
    static final Duration LEAD = Duration.ofSeconds(3);

    /** What the schedule wakes: the reloader. */
    interface Reloads {

        /** Builds, ahead of time, what is to be published at {@code due}. */
        void prepare(Instant due);

        /** Publishes what became due at {@code due} and reports the next change through {@link #expect}. */
        void publishDue(Instant due);
    }

    private final Clock clock;
    private final Alarm alarm;
    private final Reloads reloads;
    /** The change waited for, if any (guarded by this, as the three below). */
    private Instant due;
    /** Whether its snapshot has been asked for since it was expected. */
    private boolean prepared;
    private Alarm.Pending pending;
    private boolean closed;

    PublicationSchedule(Clock clock, Alarm alarm, Reloads reloads) {
        this.clock = clock;
        this.alarm = alarm;
        this.reloads = reloads;
    }

    /** Waits for {@code next} from now on, in place of what was waited for before; empty to wait for nothing. */
    synchronized void expect(Optional<Instant> next) {
        due = next.orElse(null);
        prepared = false; // a load came in between: what was built ahead may be out of date
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
        Duration wait = Duration.between(clock.instant(), prepared ? due : due.minus(LEAD));
        wait = wait.isNegative() ? Duration.ZERO : wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
        pending = alarm.set(wait, this::wake);
    }

    private void wake() {
        Instant preparing;
        Instant publishing;
        synchronized (this) {
            pending = null;
            if (closed || due == null) {
                return;
            }
            Instant now = clock.instant();
            if (!now.isBefore(due)) {
                LOG.info("publishing what was scheduled for {}", due);
                publishing = due;
                preparing = null;
                due = null; // the reload says what comes next; if it fails, nothing is waited for
            } else if (!prepared && !now.isBefore(due.minus(LEAD))) {
                preparing = due;
                publishing = null;
                prepared = true;
            } else {
                setAlarm(); // early by the clock (a long wait cut short, or the clock behind the alarm's count)
                return;
            }
        }
        // Outside the lock: the reloader, busy with a reload, reports back through expect().
        if (publishing != null) {
            reloads.publishDue(publishing);
            return;
        }
        reloads.prepare(preparing);
        synchronized (this) {
            if (pending == null && prepared && preparing.equals(due)) {
                setAlarm(); // for the due time itself, unless a load has set another alarm meanwhile
            }
        }
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
