package feedwright.post;

import feedwright.config.SiteConfig;
import feedwright.problem.Problem;
import feedwright.text.Digests;
import feedwright.text.FileNames;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Loads the posts of a site: the files {@link PostFinder} finds under {@code posts/} are read in parallel,
 * each through {@link PostFileReader}, which judges the file it opens rather than what the listing saw. A
 * file that cannot be read or parsed becomes problems, never an exception. Then the rules that apply to the
 * whole set, each here once: a {@code posts/} folder that cannot be listed (before or after the files were
 * read) gives no posts, only that problem; a post that becomes broken is replaced by its last good version;
 * an update claimed for later waits ({@link FutureUpdates}); a post dated in the future is left out unless
 * configured (and the earliest time one of these two waits for is {@link LoadedPosts#nextScheduled()});
 * and checks across posts.
 *
 * <p>Its cache remembers, per file, the size, modification time and content hash with what they gave:
 * loading again after an edit reads only files whose size or time changed, and parses only those whose
 * bytes changed, which is what keeps live reload fast. It also keeps each post's last good version, for as
 * long as its file is there; {@link #reopened} hands those to a loader for a new configuration.
 *
 * <p>A {@link PostCache} carries what was read across runs: a file whose bytes the in-memory cache has not
 * seen is looked up there before it is parsed. It serves the first load of a loader; {@link #saveCache} then
 * writes the results back and lets go of it, and later loads (live reloads) use the in-memory cache alone. A
 * loader for a changed configuration has none: the cache belongs to the configuration it was opened for.
 *
 * <p>Thread-safe; loads are serialised, since each leaves the listing the next one may start from.
 */
public final class PostLoader {

    /**
     * How long a load waits for one file: reading a local file takes microseconds, so a file not read by
     * then is a pipe renamed in at the wrong moment or a hung volume, and waiting longer would only hold
     * up every other post.
     */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final SiteConfig config;
    private final Duration readTimeout;
    private final PostReader reader;
    private final PostFinder finder;
    /** By path, which compares a name's bytes: its text may be lossy (U+FFFD), and two files must never share an entry. */
    private final Map<Path, Cached> memory = new ConcurrentHashMap<>();
    /** When the first load began reading files, which the post cache's times are judged against. */
    private Instant firstRead;
    /** Each file's last good post, published in its place while the file has errors; by path, as the cache. */
    private final Map<Path, Post> lastGood;
    /** The checks across posts, which remember their last answer. */
    private final CrossPostChecks checks = new CrossPostChecks();
    /** The rules that depend on the clock, which remember which posts were past at the last load. */
    private final ClockRules clockRules;
    /** What earlier runs read, until {@link #saveCache} has written this run's back. */
    private volatile PostCache persisted;

    public PostLoader(SiteConfig config) {
        this(config, PostCache.off());
    }

    /** @param persisted what earlier runs read under {@code config} ({@link PostCache#open}) */
    public PostLoader(SiteConfig config, PostCache persisted) {
        this(config, READ_TIMEOUT, Map.of(), persisted);
    }

    /** @param readTimeout how long a load waits for one file to be opened and read */
    PostLoader(SiteConfig config, Duration readTimeout) {
        this(config, readTimeout, Map.of(), PostCache.off());
    }

    private PostLoader(SiteConfig config, Duration readTimeout, Map<Path, Post> lastGood, PostCache persisted) {
        this.config = config;
        this.readTimeout = readTimeout;
        this.reader = new PostReader(config);
        this.clockRules = new ClockRules(config.feeds().future());
        this.finder = new PostFinder(config.posts().postPatterns(), config.posts().folder());
        this.lastGood = new ConcurrentHashMap<>(lastGood);
        this.persisted = persisted;
    }

    /**
     * A loader for a changed configuration: files are read and parsed afresh under it, but a post broken
     * now still has its last good version published, as it had before the change.
     */
    public synchronized PostLoader reopened(SiteConfig changed) {
        return new PostLoader(changed, readTimeout, lastGood, PostCache.off());
    }

    /**
     * Writes what the loads so far read into the post cache this loader was made with (only when that
     * changes it), then lets go of the cache: it is read once, at the start.
     *
     * @return what was done; empty when there is no cache, or it was saved before
     */
    public synchronized Optional<PostCache.Saved> saveCache() {
        PostCache cache = persisted;
        persisted = PostCache.off();
        return cache.save(memory.values().stream()
                .map(c -> new PostCache.Stored(c.hash(), c.result(), c.bodyAt(), c.size(), c.modified())).toList(),
                firstRead != null ? firstRead : Instant.now());
    }

    public SiteConfig config() {
        return config;
    }

    /** Loads the posts of {@code siteDir}; posts dated after {@code now} are left out unless configured. */
    public LoadedPosts load(Path siteDir, Instant now) {
        return load(siteDir, now, Optional.empty());
    }

    /**
     * Loads again when only {@code changed} files may differ from the last load: a live reload told by
     * file events which paths changed re-examines those and trusts the rest of the last listing
     * ({@link PostFinder#find}).
     *
     * @param changed absolute paths named by file events; empty to walk the whole folder
     */
    public synchronized LoadedPosts load(Path site, Instant now, Optional<Set<Path>> changed) {
        Path siteDir = site.toAbsolutePath().normalize();
        return load(siteDir, now, changed, () -> finder.find(siteDir, changed));
    }

    /**
     * As {@link #load(Path, Instant)}, from the files {@code listed} found (a build lists them once, to compare
     * their look with its record and to load them).
     *
     * @throws IllegalArgumentException when they were listed under other post settings than this loader's
     */
    public synchronized LoadedPosts load(PostListing listed, Instant now) {
        if (!listed.posts().equals(config.posts())) {
            throw new IllegalArgumentException("post files listed under other settings than the loader's");
        }
        return load(listed.siteDir(), now, Optional.empty(), () -> finder.adopt(listed.listing()));
    }

    /** @param lister lists the post files, once reading is about to begin (or gives a listing taken before) */
    private LoadedPosts load(Path siteDir, Instant now, Optional<Set<Path>> changed,
                             Supplier<PostFinder.Listing> lister) {
        Instant started = Instant.now(); // the machine's clock, which file times are of (not the run's, a test's)
        boolean first = firstRead == null;
        if (first) {
            firstRead = started;
        }
        String folderName = config.posts().folder();
        Optional<Problem> before = PostFinder.folderProblem(siteDir, folderName);
        PostFinder.Listing listing = lister.get();
        if (listing instanceof PostFinder.Unlistable unlistable) {
            return LoadedPosts.unlistable(unlistable.problem());
        }
        PostFinder.Found found = (PostFinder.Found) listing;
        Map<Path, BasicFileAttributes> files = found.files();
        PostFileReader reader = new PostFileReader(siteDir, PostFinder.realPath(siteDir.resolve(folderName)),
                config.posts().maxPostBytes(), readTimeout);
        List<PostResult> read = new ArrayList<>(reader.forEach(List.copyOf(files.entrySet()),
                file -> orLastGood(file.getKey(), readContained(siteDir, reader, file.getKey(), file.getValue(),
                        found.named().contains(file.getKey())))));
        // In the listing's order, which is the files' but for names with characters beyond U+FFFF: sorted after
        // the parallel read, where a nearly sorted list takes one pass, not in it (a parallel sort copies it).
        read.sort(Comparator.comparing(PostResult::file));
        // Checked on both sides of the read: a folder that went away during it gave no posts, and one that
        // was gone before it may have left a listing updated from events that never opened it.
        Optional<Problem> folder = before.or(() -> PostFinder.folderProblem(siteDir, folderName));
        if (folder.isPresent()) {
            return LoadedPosts.unlistable(folder.get());
        }
        if (found.walked()) {
            // A hash set: asked 10,000 times, the listing's tree would compare paths segment by segment.
            Set<Path> listed = new HashSet<>(files.keySet());
            memory.keySet().retainAll(listed);
            lastGood.keySet().retainAll(listed);
        } else {
            // Only a file events named can be gone: a live reload forgets it without a look at every other.
            found.named().stream().filter(path -> !files.containsKey(path)).forEach(gone -> {
                memory.remove(gone);
                lastGood.remove(gone);
            });
        }

        ClockRules.Applied applied = clockRules.apply(read, now);
        List<Problem> sitewide = new ArrayList<>(applied.warnings());
        sitewide.addAll(checks.check(applied.published()));
        // Only a walk of the whole folder lists every file as it looked before the reading began, and only in a
        // first load was every file modified too recently for its time to vouch read now (later loads may take
        // one from memory by that time).
        Optional<PostFolderLook.Look> look = first && changed.isEmpty()
                ? PostFolderLook.of(siteDir, files, started, Set.of(),
                        path -> Optional.ofNullable(memory.get(path)).map(Cached::hash))
                : Optional.empty();
        return new LoadedPosts(applied.results(), sitewide, applied.future(), applied.nextScheduled(), look);
    }

    /**
     * {@code result}, or the file's last good post in its place when it now has errors: a bad save must
     * never drop a post from subscribers' readers. A good result becomes the last good version; a file
     * skipped without an error ({@code published: false}) has none any more.
     */
    private PostResult orLastGood(Path path, PostResult result) {
        if (result.post().isPresent()) {
            if (lastGood.get(path) != result.post().get()) { // a reload finds nearly every one there already
                lastGood.put(path, result.post().get());
            }
            return result;
        }
        Post previous = result.hasErrors() ? lastGood.get(path) : null;
        if (previous == null) {
            lastGood.remove(path);
            return result;
        }
        List<Problem> problems = new ArrayList<>(result.problems());
        if (!hasItsBody(previous)) {
            // Its body was still to be read from the file, which changed first (a server reads every body right
            // after its start): no version of the post is left to publish, as if the server had started now.
            lastGood.remove(path);
            problems.add(Problem.warning(result.file(), "its last good version cannot be served: its body was"
                    + " still to be read from the file, which no longer holds it"));
            return new PostResult(result.file(), Optional.empty(), problems, result.skipReason());
        }
        problems.add(Problem.warning(result.file(),
                "still serving the last good version of this post until the errors are fixed"));
        return new PostResult(result.file(), Optional.of(previous), problems, Optional.empty());
    }

    /**
     * {@link #readOne}, with anything unexpected it throws kept as that file's error: one file must never
     * fail the whole load (PostReader already contains its own failures; this covers the file handling).
     */
    private PostResult readContained(Path siteDir, PostFileReader files, Path path, BasicFileAttributes attrs,
                                     boolean named) {
        try {
            return readOne(siteDir, files, path, attrs, named);
        } catch (RuntimeException e) {
            String file = siteRelative(siteDir, path);
            return PostResult.skipped(file, List.of(Problem.unexpected(file, "read", e)),
                    PostReader.UNEXPECTED_FAILURE);
        }
    }

    /** @param named whether a file event named this file, which then is read even if it looks unchanged */
    private PostResult readOne(Path siteDir, PostFileReader files, Path path, BasicFileAttributes attrs,
                               boolean named) {
        // Only a regular file's size and time can vouch for it: a link's are its own, not its target's. Looked at
        // first, since a live reload finds nearly every file here (a name remembered was judged faithful).
        Cached cached = memory.get(path);
        if (!named && cached != null && attrs != null && attrs.isRegularFile() && cached.size() == attrs.size()
                && cached.modified().equals(attrs.lastModifiedTime())) {
            return cached.result();
        }
        Path relative = FileNames.below(siteDir, path);
        String file = asProblemName(relative);
        if (!FileNames.isFaithful(relative)) {
            // The name is the post's id, slug and link: one shown with U+FFFD could be another file's too.
            return PostResult.skipped(file, List.of(Problem.error(file, "file name is not valid UTF-8 (shown"
                    + " with U+FFFD); not read: rename it")), "file name not UTF-8");
        }
        Path inFolder = FileNames.below(siteDir.resolve(config.posts().folder()), path);
        if (!named && attrs != null && attrs.isRegularFile()) {
            // Across runs the same look vouches for it, through the post cache: no file is opened when none
            // changed. A body kept as its place in the file is read from the file when first needed.
            PostCache cache = persisted;
            Optional<PostCache.Stored> unchanged = cache.findUnchanged(file, attrs.size(), attrs.lastModifiedTime(),
                    hash -> textAgain(cache, files, path, inFolder, file, hash, attrs));
            if (unchanged.isPresent()) {
                PostCache.Stored stored = unchanged.get();
                memory.put(path, new Cached(stored.size(), stored.modified(), stored.hash(), stored.result(),
                        stored.bodyAt(), true));
                return stored.result();
            }
        }
        // The listing's look at the file may be old by now: the reader judges the file it opens.
        PostFileReader.Outcome outcome = files.readItsFile(inFolder);
        if (outcome instanceof PostFileReader.Refused refused) {
            return PostResult.skipped(file, List.of(Problem.error(file, refused.message())), refused.reason());
        }
        PostFileReader.Read read = (PostFileReader.Read) outcome;
        try {
            String hash = Digests.fingerprint(read.bytes());
            Cached fresh = cached != null && cached.hash().equals(hash)
                    ? new Cached(read.size(), read.modified(), hash, cached.result(), cached.bodyAt(), false)
                    : readAfresh(file, path.getFileName().toString(), read, hash);
            memory.put(path, fresh);
            return fresh.result();
        } catch (UncheckedIOException e) {
            return PostResult.skipped(file, List.of(Problem.error(file,
                    files.unreadable(e).message())), "unreadable");
        }
    }

    /**
     * What the post cache has for bytes not seen in this process, else what the reader makes of them; with
     * where the body stands in their text, for the next save of the cache (not looked for without one).
     */
    private Cached readAfresh(String file, String fileName, PostFileReader.Read read, String hash) {
        PostCache cache = persisted;
        Optional<PostCache.Stored> stored = cache.find(file, hash, () -> SourceText.decode(file, read.bytes()).text());
        if (stored.isPresent()) {
            return new Cached(read.size(), read.modified(), hash, stored.get().result(), stored.get().bodyAt(), false);
        }
        PostReader.Decoded decoded = reader.readDecoded(file, fileName, read.bytes(), hash);
        int bodyAt = cache.folder().isPresent() ? PostResultCodec.bodyAt(decoded.result(), decoded.text()) : -1;
        return new Cached(read.size(), read.modified(), hash, decoded.result(), bodyAt, false);
    }

    /**
     * The text of a file the post cache vouched for by its look ({@code vouched}), read again for its body: the
     * bytes must be the ones the cache's result was made of ({@code hash}). When they are not, the post cannot
     * have its body ({@link PostFileChanged}) rather than get another file's, and the next load reads the file
     * again. A file changed keeping its size and time also drops the post cache: its looks tell of no change.
     */
    private String textAgain(PostCache cache, PostFileReader files, Path path, Path inFolder, String file,
                             String hash, BasicFileAttributes vouched) {
        PostFileReader.Outcome outcome = files.read(inFolder);
        if (outcome instanceof PostFileReader.Read read && Digests.fingerprint(read.bytes()).equals(hash)) {
            return SourceText.decode(file, read.bytes()).text();
        }
        // Forgotten only if still this version: a reload may have read the file's new bytes since.
        memory.computeIfPresent(path, (same, cached) -> cached.hash().equals(hash) ? null : cached);
        if (outcome instanceof PostFileReader.Read read && read.size() == vouched.size()
                && read.modified().equals(vouched.lastModifiedTime())) {
            cache.distrust();
        }
        throw new PostFileChanged(file);
    }

    /**
     * What {@link #readBodies} found.
     *
     * @param changed    the files found holding other bytes than their posts were loaded from: their posts have no
     *                   body ({@link PostFileChanged}), and the next load reads them again
     * @param lookLied   whether one of them had kept the size and time the post cache vouched by: then no file
     *                   the cache vouched for is trusted any more, and the next load reads every one of them
     */
    public record BodiesRead(Set<Path> changed, boolean lookLied) {

        public BodiesRead {
            changed = Set.copyOf(changed);
        }
    }

    /**
     * Reads every body not read yet from its file (a post the post cache vouched for by its look keeps only its
     * place there, {@link PostBody}), so that it stays the body loaded whatever then becomes of the file: for a
     * server, whose feeds may be made long after its start (when first asked for, or from a post's last good
     * version while its file has errors). Bodies the post cache kept as its own bytes are decoded here too: until
     * then each holds a slice of the cache's bytes (24 MB at 10,000 posts), which a server would otherwise keep
     * for as long as it runs. Reads in parallel; may run beside a load. Call it before {@link #saveCache}, which
     * lets the post cache go.
     */
    public BodiesRead readBodies() {
        Set<Path> changed = ConcurrentHashMap.newKeySet();
        Stream.concat(memory.entrySet().stream().flatMap(entry -> entry.getValue().result().post().stream()
                                .map(post -> Map.entry(entry.getKey(), post))),
                        lastGood.entrySet().stream())
                .parallel()
                .forEach(entry -> {
                    if (!hasItsBody(entry.getValue())) {
                        changed.add(entry.getKey());
                    }
                });
        boolean lookLied = persisted.distrusted();
        if (lookLied) {
            // A body kept whole in the cache was not read again here: no file taken on its look stays taken.
            memory.values().removeIf(Cached::byLook);
        }
        return new BodiesRead(changed, lookLied);
    }

    /** Whether {@code post}'s body can be read: it is at hand, or its file still holds the bytes it was loaded from. */
    private static boolean hasItsBody(Post post) {
        try {
            post.body();
            return true;
        } catch (PostFileChanged e) {
            return false;
        }
    }

    /** How problems name a file: relative to the site, with '/' separators. */
    static String siteRelative(Path siteDir, Path path) {
        return asProblemName(FileNames.below(siteDir, path));
    }

    private static String asProblemName(Path siteRelative) {
        return siteRelative.toString().replace('\\', '/');
    }

    /**
     * What a file gave last time, and the size, time and hash it had then; where the body begins in its text,
     * for the post cache ({@link PostResultCodec#bodyAt}); whether the post cache vouched for it by that size and
     * time, the file unopened.
     */
    private record Cached(long size, FileTime modified, String hash, PostResult result, int bodyAt, boolean byLook) {
    }
}
