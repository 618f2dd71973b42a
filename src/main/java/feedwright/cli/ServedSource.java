package feedwright.cli;

import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.SnapshotChanges;
import java.io.PrintWriter;

/**
 * Where the snapshots {@code serve} answers from come from: the site, rebuilt as it changes
 * ({@link LiveSiteSource}), or the builds that land in a published folder ({@link PublishedFolderSource}).
 * Opened before the server listens, and watching only once it does.
 */
interface ServedSource extends AutoCloseable {

    /** The snapshot being served, and where new ones are published. */
    CurrentSnapshot current();

    /**
     * What changed for clients since the last run of {@code serve}, as far as this source can tell (the
     * state file); nothing when it cannot. Known once {@link #finishStart} returned.
     */
    default SnapshotChanges changedWhileStopped() {
        return SnapshotChanges.NONE;
    }

    /** Starts following changes; a failure to watch is reported as a warning, and serving goes on. */
    void startWatching();

    /**
     * Finishes, once the server answers, what the start left to do: reads the body of every post the post cache
     * vouched for without opening its file, and reloads a file found changed meanwhile (said on {@code stderr});
     * nothing when this source reads no posts.
     */
    default void finishStart(PrintWriter stderr) {
    }

    /**
     * Writes what the start read into the post cache, for the next start (a failure to is a warning on
     * {@code stderr}); nothing when this source reads no posts or runs without a cache.
     */
    default void saveCache(PrintWriter stderr) {
    }

    /** The end of the "Serving …" line: what is watched for changes, or nothing. */
    String watching();

    @Override
    void close();
}
