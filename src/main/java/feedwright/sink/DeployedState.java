package feedwright.sink;

import feedwright.snapshot.BuildManifest;
import java.io.IOException;
import java.util.Optional;

/**
 * What earlier deploys left in the bucket as their record: the manifest of the last one that finished
 * ({@value BuildManifest#FILE_NAME}) and the pending list of one that was stopped before it finished
 * ({@value BuildManifest#PENDING_FILE_NAME}), as in a folder written by {@code build}. Objects that
 * neither lists were not put there by a deploy, and no deploy deletes them. A record that cannot be read
 * is reported and trusted for no deletion: then nothing is deleted, and every object is uploaded again (a
 * readable manifest beside a broken pending list still gives the validators to carry forward).
 *
 * @param manifest       the last finished deploy's manifest (empty when there is none or it is broken)
 * @param pending        what a stopped deploy may have uploaded (empty when there is none or it is broken)
 * @param cacheControl   the {@code Cache-Control} the last finished deploy gave its objects, from its
 *                       manifest's metadata
 * @param pendingPresent whether a pending list is there, to be deleted once this deploy is done
 * @param problem        which record could not be read and why
 */
public record DeployedState(BuildManifest manifest, BuildManifest pending, Optional<String> cacheControl,
                            boolean pendingPresent, Optional<String> problem) {

    public static DeployedState read(Bucket bucket) throws IOException {
        Optional<Bucket.Stored> manifest = bucket.read(BuildManifest.FILE_NAME);
        Optional<Bucket.Stored> pending = bucket.read(BuildManifest.PENDING_FILE_NAME);
        String reading = BuildManifest.FILE_NAME;
        BuildManifest deployed = BuildManifest.EMPTY;
        try {
            deployed = manifest.isEmpty() ? BuildManifest.EMPTY : BuildManifest.parse(manifest.get().bytes());
            reading = BuildManifest.PENDING_FILE_NAME;
            BuildManifest stopped = pending.isEmpty() ? BuildManifest.EMPTY
                    : BuildManifest.parse(pending.get().bytes());
            return new DeployedState(deployed, stopped,
                    manifest.map(stored -> stored.metadata().get(DeployPlan.CACHE_CONTROL_METADATA)),
                    pending.isPresent(), Optional.empty());
        } catch (BuildManifest.Invalid e) {
            // A broken pending list leaves the manifest's validators to carry forward, but trusted for no deletion.
            return new DeployedState(deployed, BuildManifest.EMPTY, Optional.empty(), pending.isPresent(),
                    Optional.of(bucket.address() + reading + ": warning: not read (" + e.getMessage()
                            + "); nothing an earlier deploy uploaded is deleted, and every object is uploaded again"));
        }
    }

    /** Every object an earlier deploy may have uploaded. */
    public BuildManifest everListed() {
        return manifest.plus(pending);
    }
}
