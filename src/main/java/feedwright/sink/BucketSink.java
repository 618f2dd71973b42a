package feedwright.sink;

import feedwright.snapshot.BuildManifest;
import feedwright.snapshot.LastModified;
import feedwright.snapshot.Snapshot;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.time.Clock;

/**
 * The sink that publishes a snapshot as objects of an S3-compatible bucket ({@code deploy}), carrying out a
 * {@link DeployPlan} in an order that keeps two promises however the deploy is stopped (a lost connection,
 * {@code kill -9}):
 * <ol>
 *   <li>A reader never finds a link to an object that is not there: feeds are stored before the pages that
 *       link to them, and deleted only after the pages that no longer link to them.</li>
 *   <li>Every object a deploy stores is listed by a record before it is stored: by the last deploy's
 *       manifest, or by a pending list stored first (the files of the last manifest, of an earlier pending
 *       list and of this deploy). So the next deploy knows every object that is its own to delete, and
 *       a deploy run again after being stopped ends with the same objects as one that was not stopped.</li>
 * </ol>
 * The order: the pending list (when needed), the uploads wave by wave ({@link DeployPlan#waves()}; within a
 * wave {@value #PARALLEL_REQUESTS} at a time), the deletions, the manifest, and then the pending list is
 * deleted. Stateless.
 */
public final class BucketSink {

    /**
     * Requests in flight at once within a wave of uploads, and among the deletions: an object store answers
     * each after a round trip, so one at a time would leave a deploy of thousands of objects waiting.
     */
    static final int PARALLEL_REQUESTS = 8;

    private BucketSink() {
    }

    /**
     * What a deploy did to the bucket.
     *
     * @param uploaded  objects uploaded, the manifest and pending list not included
     * @param deleted   objects of earlier deploys deleted
     * @param unchanged objects that were already as this deploy would have uploaded them
     * @param redirectsRefused why the store refused to keep the website redirect of an old feed address,
     *                         when it did: each such copy was stored without it, each such empty object not
     *                         at all
     */
    public record Outcome(int uploaded, int deleted, int unchanged, Optional<String> redirectsRefused) {
    }

    /** A deploy that would delete more than it may; nothing was changed. */
    public static final class TooManyDeletions extends Exception {

        private final int deletions;
        private final int allowed;

        TooManyDeletions(int deletions, int allowed) {
            super("this deploy would delete " + deletions + " objects, more than the " + allowed + " allowed");
            this.deletions = deletions;
            this.allowed = allowed;
        }

        public int deletions() {
            return deletions;
        }

        public int allowed() {
            return allowed;
        }
    }

    /**
     * {@code built} with the validators the last deploy published carried forward, as a build carries its
     * folder's: unchanged bytes keep their Last-Modified, changed bytes get a later one, never ahead of the clock.
     */
    public static Snapshot carriedForward(Snapshot built, DeployedState deployed, Clock clock) throws IOException {
        try {
            return LastModified.carryForwardOnce(deployed.manifest().validators(), built.withEveryPageMade(),
                    clock);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the next second");
        }
    }

    /**
     * Carries out {@code plan}, unless it deletes more than {@code maxDeletions} objects: then nothing is
     * changed at all.
     */
    public static Outcome apply(Bucket bucket, DeployPlan plan, int maxDeletions) throws IOException, TooManyDeletions {
        if (plan.deletions().size() > maxDeletions) {
            throw new TooManyDeletions(plan.deletions().size(), maxDeletions);
        }
        if (plan.pending().isPresent()) {
            put(bucket, plan.pending().get());
        }
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_REQUESTS, runnable -> {
            Thread thread = new Thread(runnable, "deploy");
            thread.setDaemon(true);
            return thread;
        });
        AtomicReference<String> refused = new AtomicReference<>();
        try {
            for (List<DeployPlan.Upload> wave : plan.waves()) {
                all(pool, wave.stream().<Change>map(upload -> () -> put(bucket, upload, refused)).toList());
            }
            all(pool, plan.deletions().stream().<Change>map(name -> () -> bucket.delete(name)).toList());
        } finally {
            pool.shutdownNow();
        }
        if (plan.manifest().isPresent()) {
            put(bucket, plan.manifest().get());
        }
        if (plan.clearPending()) {
            bucket.delete(BuildManifest.PENDING_FILE_NAME);
        }
        return new Outcome(plan.uploads().size(), plan.deletions().size(), plan.unchanged(),
                Optional.ofNullable(refused.get()));
    }

    /** One request that changes the bucket. */
    @FunctionalInterface
    private interface Change {
        void make() throws IOException;
    }

    /**
     * Makes every change, {@value #PARALLEL_REQUESTS} at a time, and returns once all have finished; the
     * first failure is thrown after the changes still running have ended, and none not yet started is made.
     * Not by cancelling them: a future cancelled while its change runs answers at once, and the deploy would
     * return with an upload still on its way, to land after the next deploy had listed the bucket and be left
     * there for good.
     */
    private static void all(ExecutorService pool, List<Change> changes) throws IOException {
        AtomicBoolean failed = new AtomicBoolean();
        List<Future<?>> running = new ArrayList<>();
        for (Change change : changes) {
            running.add(pool.submit(() -> {
                if (!failed.get()) {
                    try {
                        change.make();
                    } catch (IOException | RuntimeException e) {
                        failed.set(true); // at once: the changes not yet begun are not made
                        throw e;
                    }
                }
                return null;
            }));
        }
        IOException failure = null;
        for (Future<?> change : running) {
            try {
                change.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                    failed.set(true); // an Error, which the change did not catch
                }
            } catch (InterruptedException e) {
                running.forEach(other -> other.cancel(true));
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while deploying");
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void put(Bucket bucket, DeployPlan.Upload upload) throws IOException {
        bucket.put(upload.name(), upload.bytes(), upload.headers());
    }

    /**
     * Stores one object; when the store refuses the website redirect of an old feed address, the copy there
     * is stored without it (readers of the old address still get the feed) and an object with no bytes is
     * not stored (no redirect would make it an empty answer, worse than a 404).
     */
    private static void put(Bucket bucket, DeployPlan.Upload upload, AtomicReference<String> refused)
            throws IOException {
        try {
            put(bucket, upload);
        } catch (Bucket.WebsiteRedirectRefused e) {
            refused.compareAndSet(null, e.getMessage());
            if (upload.bytes().length > 0) {
                Bucket.ObjectHeaders headers = upload.headers();
                bucket.put(upload.name(), upload.bytes(), new Bucket.ObjectHeaders(headers.contentType(),
                        headers.cacheControl(), headers.metadata()));
            }
        }
    }
}
