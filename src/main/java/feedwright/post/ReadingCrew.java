package feedwright.post;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Applies one piece of work to each item on a few reader threads, which read the item's post file themselves,
 * while the calling thread watches each read: one that outlasts the timeout (a pipe renamed in waits for a
 * writer, a hung network volume for ever) is given up and its thread left to it; another thread does the same
 * item again, whose read is then refused at once, and carries on with the rest of the batch and the items left.
 * When the given-up read returns after all, its work is abandoned there ({@link Abandoned}): nothing after the
 * read runs, so a load is never changed by a thread it has stopped waiting for. The thread is not interrupted:
 * that would close the file's channel on the watching thread, which then waits for the read to end, on a hung
 * volume for ever.
 *
 * <p>Why not each read handed to a reader thread and waited for, as a single read is ({@link PostFileReader}): on
 * two busy cores, waking a reader and being woken again took longer than reading, and a load of 10,000 posts spent
 * a third of its time waiting so. A crew's thread hands nothing over; it only says when a read begins and ends.
 *
 * <p>The work must be safe to do again for an item whose read was given up: it has done nothing after the read.
 * It must make that read holding no lock, which the thread doing the item again could wait for.
 */
final class ReadingCrew<T, R> {

    /** Why a read was refused without reading, or its bytes not used. */
    enum Refusal { TIMED_OUT, INTERRUPTED }

    /** A read under way: which file, since when ({@link System#nanoTime}). Compared by identity. */
    private record UnderWay(Path file, long since) {
    }

    /** What a member's read under way becomes when it is given up. */
    private static final UnderWay GIVEN_UP = new UnderWay(Path.of(""), 0);
    /** The most items a member takes at a time ({@link #batch}). */
    private static final int MAX_BATCH = 64;
    /** How often the watcher looks, after a failure, whether every member has stopped. */
    private static final long STOPPING_LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** The crew member the current thread is, while it works for a crew. */
    private static final ThreadLocal<ReadingCrew<?, ?>.Member> CURRENT = new ThreadLocal<>();

    private final List<T> items;
    private final Function<T, R> work;
    private final long timeoutNanos;
    private final Executor threads;
    private final AtomicReferenceArray<R> results;
    private final CountDownLatch left;
    /** The first item no member has taken yet. */
    private final AtomicInteger next = new AtomicInteger();
    /**
     * How many items a member takes at a time: neighbours in the list (files of one folder, entries next to each
     * other in the post cache) are done by one thread, and the members take turns rarely.
     */
    private final int batch;
    private final List<Member> members = new CopyOnWriteArrayList<>();
    /** The files whose read was given up: asked for again (by the member doing the item again), refused at once. */
    private final Set<Path> givenUp = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean interrupted;

    private ReadingCrew(List<T> items, Function<T, R> work, int size, Duration timeout, Executor threads) {
        this.items = List.copyOf(items);
        this.work = work;
        this.timeoutNanos = timeout.toNanos();
        this.threads = threads;
        this.results = new AtomicReferenceArray<>(items.size());
        this.left = new CountDownLatch(items.size());
        this.batch = Math.max(1, Math.min(MAX_BATCH, items.size() / (size * 16)));
    }

    /**
     * {@code work} applied to every item by {@code size} threads from {@code threads} (which must start each at
     * once), each read it makes through {@link #read} given up after {@code timeout}; the results in the items'
     * order. What the work throws is thrown here, once no thread is at work any more (bar those stuck in a read
     * given up, whose work is abandoned when it returns). When the calling thread is interrupted, the reads not yet
     * begun are refused, and it returns once the items are done, interrupted. Not from a crew's own thread.
     */
    static <T, R> List<R> apply(List<T> items, Function<T, R> work, int size, Duration timeout, Executor threads) {
        if (CURRENT.get() != null) {
            // Its watcher would be a member no one watches, and the threads would multiply.
            throw new IllegalStateException("a crew's work cannot start another crew");
        }
        ReadingCrew<T, R> crew = new ReadingCrew<>(items, work, size, timeout, threads);
        for (int i = 0; i < Math.min(size, items.size()); i++) {
            crew.start(0, 0);
        }
        crew.watch();
        Throwable failed = crew.failure.get();
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
        if (failed != null) {
            throw new IllegalStateException("a crew's work failed", failed); // a checked exception thrown unchecked
        }
        List<R> all = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            all.add(crew.results.get(i));
        }
        return all;
    }

    /**
     * On a crew's thread, the outcome of {@code reading} the file at {@code relative} there, watched: {@code
     * refused}'s outcome when the crew refuses the read (the file's read was given up before, or the crew's caller
     * was interrupted); {@link Abandoned} thrown, to end the work, when the read returns after it was given up.
     * Empty on any other thread.
     */
    static <O> Optional<O> read(Path relative, Supplier<O> reading, Function<Refusal, O> refused) {
        ReadingCrew<?, ?>.Member member = CURRENT.get();
        return member == null ? Optional.empty() : Optional.of(member.read(relative, reading, refused));
    }

    /**
     * Starts a member, which first does the items from {@code from} to {@code to} (exclusive; the rest of a batch
     * whose read was given up, its first item again), then takes batches while any are left.
     */
    private void start(int from, int to) {
        Member member = new Member(from, to);
        members.add(member);
        try {
            threads.execute(member);
        } catch (RuntimeException | Error e) { // no thread to be had: the crew stops, as on a failure of the work
            member.stopped = true;
            member.failed(e);
        }
    }

    /** Waits until every item is done, or after a failure every member stopped; gives up each overdue read. */
    private void watch() {
        boolean wasInterrupted = false;
        while (failure.get() != null ? !members.stream().allMatch(Member::hasStopped) : left.getCount() > 0) {
            long now = System.nanoTime();
            long wait = failure.get() != null ? STOPPING_LOOK_NANOS : timeoutNanos;
            for (Member member : members) {
                UnderWay read = member.underWay.get();
                if (read == null || read == GIVEN_UP) {
                    continue;
                }
                long overdue = now - read.since() - timeoutNanos;
                if (overdue < 0) {
                    wait = Math.min(wait, -overdue);
                } else if (member.underWay.compareAndSet(read, GIVEN_UP)) {
                    givenUp.add(read.file());
                    if (failure.get() == null) {
                        start(member.item, member.batchEnd);
                    }
                }
            }
            try {
                long nanos = Math.max(wait, TimeUnit.MILLISECONDS.toNanos(1));
                if (failure.get() != null) {
                    TimeUnit.NANOSECONDS.sleep(nanos); // the items left count for nothing now
                } else {
                    left.await(nanos, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                // The reads not yet begun are refused: the items are soon done, each with a result.
                wasInterrupted = true;
                interrupted = true;
            }
        }
        if (wasInterrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One of the crew's threads. */
    private final class Member implements Runnable {

        /** The read under way, {@link #GIVEN_UP} once given up (then this member takes no other item), or null. */
        final AtomicReference<UnderWay> underWay = new AtomicReference<>();
        private final int firstFrom;
        private final int firstTo;
        /** The item at hand, and the end of its batch. */
        volatile int item = -1;
        volatile int batchEnd;
        volatile boolean stopped;

        Member(int firstFrom, int firstTo) {
            this.firstFrom = firstFrom;
            this.firstTo = firstTo;
        }

        @Override
        public void run() {
            CURRENT.set(this);
            try {
                doItems(firstFrom, firstTo);
                while (underWay.get() != GIVEN_UP && failure.get() == null) {
                    int from = next.getAndAdd(batch);
                    if (from >= items.size()) {
                        break;
                    }
                    doItems(from, Math.min(from + batch, items.size()));
                }
            } catch (Abandoned e) {
                // Its read was given up and another member did its item: nothing more is this member's to do.
            } catch (Throwable e) {
                failed(e);
            } finally {
                CURRENT.remove();
                stopped = true;
            }
        }

        /** Records the crew's first failure and wakes the watcher, which then waits for the other members to stop. */
        void failed(Throwable e) {
            failure.compareAndSet(null, e);
            while (left.getCount() > 0) {
                left.countDown();
            }
        }

        /**
         * Items {@code from} to {@code to}, exclusive, until one's read is given up (another member then does the
         * rest) or some item's work failed.
         */
        private void doItems(int from, int to) {
            batchEnd = to;
            for (int index = from; index < to && underWay.get() != GIVEN_UP && failure.get() == null; index++) {
                doItem(index);
            }
        }

        private void doItem(int index) {
            item = index;
            // Each item is done once: a member whose read was given up never gets past it (Abandoned).
            results.set(index, work.apply(items.get(index)));
            left.countDown();
        }

        <O> O read(Path relative, Supplier<O> reading, Function<Refusal, O> refused) {
            if (givenUp.contains(relative)) {
                return refused.apply(Refusal.TIMED_OUT);
            }
            if (interrupted) {
                return refused.apply(Refusal.INTERRUPTED);
            }
            UnderWay mine = new UnderWay(relative, System.nanoTime());
            if (!underWay.compareAndSet(null, mine)) {
                throw Abandoned.INSTANCE; // given up already (a work reading twice)
            }
            O outcome;
            try {
                outcome = reading.get();
            } catch (RuntimeException | Error e) {
                if (underWay.compareAndSet(mine, null)) {
                    throw e;
                }
                throw Abandoned.INSTANCE;
            }
            if (!underWay.compareAndSet(mine, null)) {
                throw Abandoned.INSTANCE;
            }
            return outcome;
        }

        /** Whether it will take no more items: its thread ended, or is stuck in a read given up. */
        boolean hasStopped() {
            return stopped || underWay.get() == GIVEN_UP;
        }
    }

    /**
     * Thrown through the work of a member whose read returned after it was given up, to end it there: an error, so
     * that the work's own handling of exceptions (a file's failure kept as its problem) lets it through. Without a
     * stack trace: it is never shown.
     */
    static final class Abandoned extends Error {

        private static final long serialVersionUID = 1L;
        static final Abandoned INSTANCE = new Abandoned();

        private Abandoned() {
            super("a read given up returned after all", null, false, false);
        }
    }
}
