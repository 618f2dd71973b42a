package feedwright.sink;

import feedwright.snapshot.BuildManifest;
import feedwright.snapshot.Snapshot;
import java.io.IOException;
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
 * The order: the pending list (when needed), the uploads, the deletions, the manifest, and then the
 * pending list is deleted. Stateless.
 */
public final class BucketSink {

    private BucketSink() {
    }

    /**
     * What a deploy did to the bucket.
     *
     * @param uploaded  objects uploaded, the manifest and pending list not included
     * @param deleted   objects of earlier deploys deleted
     * @param unchanged objects that were already as this deploy would have uploaded them
     */
    public record Outcome(int uploaded, int deleted, int unchanged) {
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
        return FolderSink.carriedForward(built, deployed.manifest().validators(), clock);
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
        for (DeployPlan.Upload upload : plan.uploads()) {
            put(bucket, upload);
        }
        for (String name : plan.deletions()) {
            bucket.delete(name);
        }
        if (plan.manifest().isPresent()) {
            put(bucket, plan.manifest().get());
        }
        if (plan.clearPending()) {
            bucket.delete(BuildManifest.PENDING_FILE_NAME);
        }
        return new Outcome(plan.uploads().size(), plan.deletions().size(), plan.unchanged());
    }

    private static void put(Bucket bucket, DeployPlan.Upload upload) throws IOException {
        bucket.put(upload.name(), upload.bytes(), upload.headers());
    }
}
