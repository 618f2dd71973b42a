package feedwright.reload;

import feedwright.snapshot.BuildManifest;
import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.FeedLinks;
import feedwright.snapshot.PublishedFolder;
import feedwright.snapshot.Snapshot;
import feedwright.snapshot.SnapshotChanges;
import feedwright.text.Digests;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves each new build that lands in a published folder ({@code serve --published}): when the folder's
 * manifest is replaced (a file event on the folder, or a poll where volumes deliver none), the build is read
 * back ({@link PublishedFolder}) and swapped in whole. A build writes its manifest last, so the manifest
 * arriving means its files are all there; a read that finds files not matching the manifest (a build still
 * writing, or a hand edit) keeps the current site and tries again, waiting longer each time.
 *
 * <p>Nothing is decided here: the snapshot carries the build's validators as they are, so every process
 * serving the folder answers the same. Runs on one daemon thread; {@link #close()} stops it.
 */
public final class PublishedFolderWatcher implements AutoCloseable {

    /** How soon a read that found a build writing the folder is tried again, at first. */
    static final Duration FIRST_RETRY = Duration.ofMillis(100);
    /** The longest wait between such tries, for a folder that stays inconsistent. */
    static final Duration LAST_RETRY = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(PublishedFolderWatcher.class);

    private final Path folder;
    private final CurrentSnapshot current;
    private final Duration pollInterval;
    private final FeedLinks links;
    private final WatchService watcher;
    private final Thread thread;
    private volatile boolean closed;
    /** The digest of the manifest of the build being served, so that a poll that finds it unchanged reads no file. */
    private byte[] servedManifest;

    /** What one look at the folder did. */
    public enum Outcome { UNCHANGED, PUBLISHED, NOT_READY }

    /**
     * @param pollInterval look at the folder this often even without events; zero for events only
     * @param events       whether to listen to file events at all (false: polling only)
     */
    public PublishedFolderWatcher(Path folder, CurrentSnapshot current, Duration pollInterval, boolean events)
            throws IOException {
        this(folder, current, pollInterval, events, FeedLinks.NONE);
    }

    /** As {@link #PublishedFolderWatcher(Path, CurrentSnapshot, Duration, boolean)}, feeds answered with {@code links}. */
    public PublishedFolderWatcher(Path folder, CurrentSnapshot current, Duration pollInterval, boolean events,
                                  FeedLinks links) throws IOException {
        if (!events && pollInterval.isZero()) {
            throw new IllegalArgumentException("without events a poll interval is needed");
        }
        this.folder = folder.toAbsolutePath().normalize();
        this.current = current;
        this.pollInterval = pollInterval;
        this.links = links;
        if (events) {
            this.watcher = FileSystems.getDefault().newWatchService();
            this.folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } else {
            this.watcher = null;
        }
        this.thread = new Thread(this::run, "feedwright-published-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Reads the folder and publishes its build when its manifest differs from the one served; safe to call
     * from any thread, one look at a time.
     */
    public synchronized Outcome refresh() {
        Snapshot next;
        byte[] manifest;
        try {
            manifest = Digests.sha256(Files.readAllBytes(folder.resolve(BuildManifest.FILE_NAME)));
            if (Arrays.equals(manifest, servedManifest)) {
                return Outcome.UNCHANGED;
            }
            next = PublishedFolder.read(folder, true, links);
        } catch (PublishedFolder.NotReady e) {
            LOG.info("{}: keeping the build being served: {}", folder, e.getMessage());
            return Outcome.NOT_READY;
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: keeping the build being served: cannot read the new one: {}", folder, e.toString());
            return Outcome.NOT_READY;
        }
        servedManifest = manifest;
        if (next.sameAs(current.get())) {
            return Outcome.UNCHANGED;
        }
        SnapshotChanges changes = current.publish(next);
        LOG.info("serving the new build of {}: {} posts, {} feeds, {} resources changed", folder, next.posts(),
                next.feeds(), changes.newOrChanged());
        LOG.info("what changed: {}", changes);
        return Outcome.PUBLISHED;
    }

    private void run() {
        Optional<Duration> retry = Optional.empty();
        while (!closed) {
            try {
                boolean manifestReplaced = awaitManifest(retry.orElse(pollInterval));
                if (!manifestReplaced && retry.isEmpty() && watcher != null && pollInterval.isZero()) {
                    continue;
                }
                if (closed) {
                    return;
                }
                retry = refresh() == Outcome.NOT_READY ? Optional.of(longer(retry)) : Optional.empty();
            } catch (InterruptedException e) {
                return; // closing
            } catch (RuntimeException e) {
                LOG.error("watching {} failed; keeping the build being served", folder, e);
            }
        }
    }

    /**
     * Waits up to {@code timeout} (zero: without limit) for an event naming the manifest; true when one came.
     * Without events it only waits.
     */
    private boolean awaitManifest(Duration timeout) throws InterruptedException {
        if (watcher == null) {
            Thread.sleep(timeout.toMillis());
            return false;
        }
        WatchKey key = timeout.isZero() ? watcher.take() : watcher.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (key == null) {
            return false;
        }
        boolean named = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            // An overflow may have lost the manifest's own event: look at the folder anyway.
            named |= event.kind() == StandardWatchEventKinds.OVERFLOW
                    || BuildManifest.FILE_NAME.equals(String.valueOf(event.context()));
        }
        key.reset();
        return named;
    }

    private static Duration longer(Optional<Duration> retry) {
        Duration next = retry.map(previous -> previous.multipliedBy(2)).orElse(FIRST_RETRY);
        return next.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : next;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                LOG.debug("closing the watch service", e);
            }
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
