package feedwright.reload;

import feedwright.post.PostFinder;
import feedwright.text.Durations;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the site and asks the {@link SiteReloader} to reload when something changed. Events come from
 * the JDK {@link WatchService} on {@code posts/} (every subfolder, including ones created later; where a
 * {@code posts/} link leads, when it is one), {@code feeds-config/} and the site folder itself (so a posts
 * folder that disappears and comes back, or a link re-pointed, is watched again). Events are debounced: an editor's save-rename-delete burst becomes one reload, taken
 * once the folder has been quiet for {@link #QUIET}, or at the latest {@link #MAX_DELAY} after the first
 * event. Where a volume delivers no events (some network and container mounts), a poll interval makes
 * it reload on a timer as well; a reload that finds nothing changed publishes nothing. The folders are
 * walked again (to watch new ones and forget old ones) only when an event may have changed them: walking
 * 10,000 posts' folder took longer than the reload an edit asks for.
 *
 * <p>Runs on one daemon thread; {@link #close()} stops it.
 */
public final class SiteWatcher implements AutoCloseable {

    static final Duration QUIET = Duration.ofMillis(25);
    static final Duration MAX_DELAY = Duration.ofMillis(250);

    private static final Logger LOG = LoggerFactory.getLogger(SiteWatcher.class);

    private final Path siteDir;
    /** The folder of posts until a reloader is told ({@link #start}); the reloader's from then on. */
    private final String firstPostsFolder;
    private volatile SiteReloader reloader;
    private final Duration pollInterval;
    private final WatchService watcher;
    private final Map<WatchKey, Path> watched = new HashMap<>();
    /** Paths named by events since the last reload (only the watch thread touches these two). */
    private final Set<Path> changed = new HashSet<>();
    private boolean everything;
    /** Whether an event since the last reload may have added, moved or removed a watched folder. */
    private boolean foldersChanged;
    /** Where {@code posts/} led when the folders were last walked (null: nowhere). */
    private Path walkedFrom;
    /** The identity (file key) of each watched folder when it was registered. */
    private final Map<Path, Watch> byFolder = new HashMap<>();
    private Thread thread;
    private final boolean events;
    private volatile boolean closed;

    /** @param pollInterval reload this often even without events; zero for events only */
    public SiteWatcher(Path siteDir, SiteReloader reloader, Duration pollInterval) throws IOException {
        this(siteDir, reloader, pollInterval, true);
    }

    /**
     * Watches a site whose snapshot was built before: reloads once at once, since an edit saved before the
     * folders were watched made no event (a reload that finds nothing changed publishes nothing).
     *
     * @param pollInterval reload this often even without events; zero for events only
     * @param events       whether to listen to file events at all (false: polling only)
     */
    public SiteWatcher(Path siteDir, SiteReloader reloader, Duration pollInterval, boolean events) throws IOException {
        this(siteDir, reloader.postsFolder(), pollInterval, events);
        start(reloader, true);
    }

    private SiteWatcher(Path siteDir, String postsFolder, Duration pollInterval, boolean events) throws IOException {
        if (!events && pollInterval.isZero()) {
            throw new IllegalArgumentException("without events a poll interval is needed");
        }
        this.siteDir = siteDir.toAbsolutePath().normalize();
        this.firstPostsFolder = postsFolder;
        this.pollInterval = pollInterval;
        this.events = events;
        this.watcher = FileSystems.getDefault().newWatchService();
        registerAll();
    }

    /** How it watches, for serve's startup line: "for changes" (file events), with polling, or polling alone. */
    public String how() {
        String every = "every " + Durations.readable(pollInterval);
        if (!events) {
            return "by polling " + every;
        }
        return pollInterval.isZero() ? "for changes" : "for changes, and polling " + every;
    }

    /**
     * Watches the site from now, before its first load: every change after this makes an event, and the
     * events wait until {@link #start(SiteReloader)}. So the first reload after the start is one only if
     * something changed, and names the paths that did, rather than a look at every file while the server
     * starts answering (at 10,000 posts it held up the first edit's reload by most of a second).
     *
     * @param postsFolder the folder of posts, relative to the site, as the configuration names it
     */
    public static SiteWatcher beforeFirstLoad(Path siteDir, String postsFolder, Duration pollInterval, boolean events)
            throws IOException {
        return new SiteWatcher(siteDir, postsFolder, pollInterval, events);
    }

    /**
     * Starts telling {@code reloader} of changes, for a watcher made {@link #beforeFirstLoad}. Polling alone
     * reloads once at once: without events, nothing tells what changed while the site was loaded.
     */
    public void start(SiteReloader reloader) {
        start(reloader, !events);
    }

    private synchronized void start(SiteReloader reloader, boolean catchUp) {
        if (thread != null) {
            throw new IllegalStateException("started already");
        }
        this.reloader = reloader;
        thread = new Thread(() -> run(catchUp), "feedwright-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** @param catchUp whether to reload once at once, looking at every file */
    private void run(boolean catchUp) {
        long lastPoll = System.nanoTime();
        while (!closed) {
            try {
                boolean changed = false;
                if (!catchUp) {
                    long waitMillis = pollInterval.isZero() ? 1_000
                            : Math.max(1, pollInterval.toMillis() - (System.nanoTime() - lastPoll) / 1_000_000);
                    WatchKey first = watcher.poll(waitMillis, TimeUnit.MILLISECONDS);
                    changed = first != null && drain(first);
                    if (changed) {
                        settle();
                    }
                }
                boolean pollDue = !pollInterval.isZero()
                        && System.nanoTime() - lastPoll >= pollInterval.toNanos();
                if (changed || pollDue || catchUp) {
                    boolean walkFolders = foldersChanged || everything || pollDue || catchUp || postsLeadElsewhere();
                    Optional<Set<Path>> changes = takeChanges(pollDue || catchUp);
                    catchUp = false;
                    lastPoll = System.nanoTime();
                    if (walkFolders) {
                        registerAll(); // picks up folders created (or re-created) since
                    }
                    reloader.reload(changes);
                }
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                // A reload must never kill the watcher (not even running out of memory on a rebuild): log it,
                // keep serving the last snapshot, keep watching, and look at everything next time, since the
                // paths this reload was told about are gone from the set.
                everything = true;
                LOG.error("reload failed; still serving the previous site", e);
            }
        }
    }

    /** Waits until no event has come for QUIET, or MAX_DELAY has passed since the first one. */
    private void settle() throws InterruptedException {
        long deadline = System.nanoTime() + MAX_DELAY.toNanos();
        while (System.nanoTime() < deadline) {
            WatchKey next = watcher.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                return;
            }
            drain(next);
        }
    }

    /** Consumes a key's events; true when any may concern the site. */
    private boolean drain(WatchKey key) {
        List<WatchEvent<?>> events = key.pollEvents();
        Path dir = watched.get(key);
        boolean any = false;
        for (WatchEvent<?> event : events) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW || dir == null) {
                everything = true; // events were lost: only a full look tells what changed
                any = true;
            } else {
                Path path = dir.resolve((Path) event.context());
                if (isHiddenInSiteFolder(dir, path)) {
                    continue;
                }
                changed.add(path);
                foldersChanged |= mayChangeFolders(dir, path);
                any = true;
            }
        }
        if (!key.reset()) {
            forget(key); // its folder is gone; registerAll() watches it again if it comes back
            everything = true;
            any = true;
        }
        return any;
    }

    /**
     * Whether {@code path} is a hidden entry of the site folder other than the folder of posts: Feedwright's own
     * {@code .feedwright/} and {@code .feedwright-cache/} (made by the first run, while the watcher already
     * listens), a {@code .git/} folder. None is read to build the site, and an event naming a path outside
     * {@code posts/} makes the reload look at every file.
     */
    private boolean isHiddenInSiteFolder(Path dir, Path path) {
        if (!dir.equals(siteDir)) {
            return false;
        }
        String name = path.getFileName().toString();
        SiteReloader told = reloader;
        return name.startsWith(".") && !name.equals(told == null ? firstPostsFolder : told.postsFolder());
    }

    /**
     * Whether an event naming {@code path} in the watched folder {@code dir} may change which folders are
     * watched: anything in the site folder itself (where {@code posts/} or {@code feeds-config/} can be
     * replaced, or a {@code posts/} link re-pointed), a folder that appeared or was moved in, and a watched
     * folder's name that was removed or moved away. A post saved, added or deleted is none of these.
     */
    private boolean mayChangeFolders(Path dir, Path path) {
        return dir.equals(siteDir) || byFolder.containsKey(path) || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Whether {@code posts/} now leads to another folder than when the folders were last walked: a link on its
     * way re-pointed outside the site folder (a {@code posts/} link to {@code /content/current}, itself a link
     * moved to the next release), which no event here tells of. One resolution of a path per reload.
     */
    private boolean postsLeadElsewhere() {
        if (!events) {
            return false;
        }
        SiteReloader told = reloader;
        Path posts = siteDir.resolve(told == null ? firstPostsFolder : told.postsFolder());
        return !Objects.equals(whereFolderLeads(posts), walkedFrom);
    }

    private static Path whereFolderLeads(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    /** What the next reload is told: the paths events named, or nothing when it must look at everything. */
    private Optional<Set<Path>> takeChanges(boolean forceEverything) {
        Optional<Set<Path>> changes = forceEverything || everything ? Optional.empty() : Optional.of(Set.copyOf(changed));
        changed.clear();
        everything = false;
        foldersChanged = false;
        return changes;
    }

    private void registerAll() {
        if (!events) {
            return;
        }
        register(siteDir, siteDir);
        Path config = siteDir.resolve("feeds-config");
        register(config, config);
        // posts/ may be a link to the site's content kept elsewhere, and the loader reads where it leads: so
        // watch there, naming each folder by its place under posts/ as the loader names the files in it. A
        // link re-pointed is a new link renamed over the old one in the site folder, which is watched: the
        // reload that follows walks the new target from here, and the old one stops being watched.
        SiteReloader told = reloader;
        String folder = told == null ? firstPostsFolder : told.postsFolder();
        Path posts = siteDir.resolve(folder);
        walkedFrom = whereFolderLeads(posts);
        Map<Path, Path> folders;
        try {
            folders = PostFinder.folders(siteDir, folder);
        } catch (IOException e) {
            LOG.warn("cannot watch {}: {}", posts, e.toString());
            return;
        }
        if (folders.isEmpty()) {
            return; // gone (for now): the site folder's events tell when it is back
        }
        folders.forEach((name, dir) -> register(dir, name));
        Set<Path> seen = folders.keySet();
        forgetFoldersNoLongerIn(posts, seen);
    }

    /**
     * Watches {@code dir} under {@code name} (the path events are reported with) unless it is watched
     * already. A folder renamed away keeps its watch (the kernel follows the folder, not the name), so a
     * different folder that later takes the name, as when a deployment swaps {@code posts/} for a new copy
     * or re-points a {@code posts/} link, is recognised by its file key and watched in its place.
     */
    private void register(Path dir, Path name) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Object identity = identity(dir);
        Watch existing = byFolder.get(name);
        if (existing != null) {
            if (existing.identity() == null || existing.identity().equals(identity)) {
                return;
            }
            existing.key().cancel();
            forget(existing.key());
        }
        try {
            WatchKey key = dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
            watched.put(key, name);
            byFolder.put(name, new Watch(key, identity));
        } catch (IOException e) {
            LOG.warn("cannot watch {} ({}); changes there are seen only with --poll-interval", dir, e.toString());
        }
    }

    /**
     * Stops watching folders once named under {@code posts} that the last walk did not find there (those of
     * a link's old target), unless their watch now serves a name that is still there (a renamed folder's).
     */
    private void forgetFoldersNoLongerIn(Path posts, Set<Path> seen) {
        List<Path> gone = byFolder.keySet().stream().filter(name -> name.startsWith(posts) && !seen.contains(name))
                .toList();
        for (Path name : gone) {
            Watch watch = byFolder.remove(name);
            if (byFolder.values().stream().noneMatch(other -> other.key() == watch.key())) {
                watch.key().cancel();
                watched.remove(watch.key());
            }
        }
    }

    private void forget(WatchKey key) {
        Path dir = watched.remove(key);
        if (dir != null) {
            byFolder.computeIfPresent(dir, (d, watch) -> watch.key() == key ? null : watch);
        }
    }

    /** The folder's file key (device and inode on Linux), or null where the file system has none. */
    private static Object identity(Path dir) {
        try {
            return Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** One registration: its key and the identity of the folder it was made for. */
    private record Watch(WatchKey key, Object identity) {
    }

    /** Stops watching; the thread ends within a second. Idempotent. */
    @Override
    public void close() {
        closed = true;
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service", e);
        }
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            running.interrupt();
        }
    }
}
