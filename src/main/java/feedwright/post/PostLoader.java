package feedwright.post;

import feedwright.config.SiteConfig;
import feedwright.problem.IoReason;
import feedwright.problem.Problem;
import feedwright.text.Digests;
import feedwright.text.FileNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.FileVisitResult;
import java.nio.file.LinkOption;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Reads every post file under {@code posts/} (recursively) in parallel, each through
 * {@link PostFileReader}, which judges the file it opens rather than what the listing saw. A file that
 * cannot be read or parsed becomes problems, never an exception. Results are remembered per file with its size,
 * modification time and content hash: loading again after an edit reads only files whose size or
 * time changed, and parses only those whose bytes changed, which is what keeps live reload fast.
 *
 * <p>Thread-safe; loads are serialised, since each leaves the listing the next one may start from.
 */
public final class PostLoader {

    /** The folder of posts, relative to the site. */
    public static final String POSTS_DIR = "posts";

    /**
     * How long a load waits for one file: reading a local file takes microseconds, so a file not read by
     * then is a pipe renamed in at the wrong moment or a hung volume, and waiting longer would only hold
     * up every other post.
     */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final SiteConfig config;
    private final Duration readTimeout;
    private final PostReader reader;
    private final List<PathMatcher> patterns;
    /** By path, which compares a name's bytes: its text may be lossy (U+FFFD), and two files must never share an entry. */
    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();
    /** The post files found by the last load, for {@link #load(Path, Instant, Optional)} to update. */
    private volatile Map<Path, BasicFileAttributes> listing;

    public PostLoader(SiteConfig config) {
        this(config, READ_TIMEOUT);
    }

    /** @param readTimeout how long a load waits for one file to be opened and read */
    PostLoader(SiteConfig config, Duration readTimeout) {
        this.config = config;
        this.readTimeout = readTimeout;
        this.reader = new PostReader(config);
        this.patterns = config.posts().postPatterns().stream()
                .map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p))
                .toList();
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
     * file events which paths changed re-examines those and trusts the rest of the last listing, instead
     * of listing and examining all of {@code posts/} again (on a large site that walk is most of a
     * reload). Whenever a change could mean more than that one file (a folder, a path outside
     * {@code posts/}, a deleted path that was not a known post), or there is no earlier listing, it falls
     * back to the full walk.
     *
     * @param changed absolute paths named by file events; empty to walk the whole folder
     */
    public synchronized LoadedPosts load(Path site, Instant now, Optional<Set<Path>> changed) {
        Path siteDir = site.toAbsolutePath().normalize();
        Path postsDir = siteDir.resolve(POSTS_DIR);
        List<Problem> sitewide = new ArrayList<>();
        Map<Path, BasicFileAttributes> files;
        // A file an event named is read again even if its size and time look unchanged: an edit within the
        // file system's time granularity that keeps the size would otherwise go unseen.
        Set<Path> named = changed.orElse(Set.of()).stream().map(p -> p.toAbsolutePath().normalize())
                .collect(Collectors.toSet());
        try {
            Map<Path, BasicFileAttributes> updated = changed.isPresent() ? updatedListing(postsDir, named) : null;
            files = updated != null ? updated : postFiles(postsDir);
            listing = files;
        } catch (NoSuchFileException e) {
            sitewide.add(Problem.error(POSTS_DIR + "/", 0, 0, "folder not found"));
            return new LoadedPosts(List.of(), sitewide, List.of());
        } catch (IOException | UncheckedIOException e) {
            sitewide.add(Problem.error(POSTS_DIR + "/", 0, 0, "cannot be listed: " + IoReason.of(e, siteDir)));
            return new LoadedPosts(List.of(), sitewide, List.of());
        }
        PostFileReader reader = new PostFileReader(siteDir, realPath(postsDir), config.posts().maxPostBytes(), readTimeout);
        List<PostResult> results = files.entrySet().parallelStream()
                .map(file -> readContained(siteDir, reader, file.getKey(), file.getValue(),
                        named.contains(file.getKey())))
                .map(result -> FutureUpdates.notAfter(result, now))
                .sorted(java.util.Comparator.comparing(PostResult::file))
                .toList();
        cache.keySet().retainAll(files.keySet());

        List<String> future = new ArrayList<>();
        if (!config.feeds().future()) {
            for (PostResult result : results) {
                result.post().filter(post -> post.published().toInstant().isAfter(now)).ifPresent(post -> {
                    future.add(post.file());
                    sitewide.add(Problem.warning(post.file(), 0, 0, "dated in the future (" + post.published()
                            + "); left out until then (set future: true to publish it now)"));
                });
            }
        }
        List<Post> published = results.stream().map(PostResult::post).flatMap(java.util.Optional::stream)
                .filter(p -> !future.contains(p.file())).toList();
        sitewide.addAll(CrossPostChecks.check(published));
        return new LoadedPosts(results, sitewide, future);
    }

    /**
     * The last listing with the {@code changed} paths examined again, or null when only a full walk can
     * tell what changed.
     */
    private Map<Path, BasicFileAttributes> updatedListing(Path postsDir, Set<Path> changed) {
        Map<Path, BasicFileAttributes> last = listing;
        if (last == null) {
            return null;
        }
        Map<Path, BasicFileAttributes> files = new TreeMap<>(last);
        Path realPosts = realPath(postsDir);
        for (Path normal : changed) {
            if (!normal.startsWith(postsDir) || normal.equals(postsDir)) {
                return null;
            }
            if (isHidden(postsDir.relativize(normal))) {
                continue; // editors' temporary files and hidden folders are never posts
            }
            if (!realPath(normal.getParent()).startsWith(realPosts)) {
                return null; // reached through a linked folder: the walk, which never follows one, decides
            }
            try {
                BasicFileAttributes attrs = Files.readAttributes(normal, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (attrs.isDirectory()) {
                    return null;
                }
                if (isPostFile(normal)) {
                    files.put(normal, attrs);
                }
            } catch (NoSuchFileException gone) {
                if (files.remove(normal) == null) {
                    return null; // not a known post: perhaps a folder of them (even one named like a post)
                }
            } catch (IOException e) {
                if (isPostFile(normal)) {
                    files.put(normal, null); // reported when read
                }
            }
        }
        return files;
    }

    private static boolean isHidden(Path relative) {
        for (Path segment : relative) {
            if (segment.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** Post files with their attributes (read during the walk, so no second stat per file). */
    private Map<Path, BasicFileAttributes> postFiles(Path postsDir) throws IOException {
        // posts/ may itself be a link to the site's content elsewhere; the walk, which follows no link,
        // would see only the link. Walk its target, and name every file by its place under posts/.
        Path start = Files.isSymbolicLink(postsDir) ? postsDir.toRealPath() : postsDir;
        Map<Path, BasicFileAttributes> files = new TreeMap<>();
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                boolean hidden = !dir.equals(start) && dir.getFileName().toString().startsWith(".");
                return hidden ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (isPostFile(file) && (attrs.isRegularFile() || attrs.isSymbolicLink())) {
                    files.put(postsDir.resolve(start.relativize(file)), attrs);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (file.equals(start)) {
                    throw e; // the walk reports a missing or unreadable start folder here, not by throwing
                }
                if (isPostFile(file)) {
                    files.put(postsDir.resolve(start.relativize(file)), null); // reported when read
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    private boolean isPostFile(Path path) {
        Path name = path.getFileName();
        // Hidden files are editors' temporary files (.#post.md, .post.md.swp), never posts.
        return name != null && !name.toString().startsWith(".") && patterns.stream().anyMatch(m -> m.matches(name));
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
            return PostResult.skipped(file, List.of(Problem.unexpected(file, "read", e)), "could not be read");
        }
    }

    /** @param named whether a file event named this file, which then is read even if it looks unchanged */
    private PostResult readOne(Path siteDir, PostFileReader files, Path path, BasicFileAttributes attrs,
                               boolean named) {
        Path relative = siteDir.relativize(path);
        String file = siteRelative(siteDir, path);
        if (!FileNames.isFaithful(relative)) {
            // The name is the post's id, slug and link: one shown with U+FFFD could be another file's too.
            return PostResult.skipped(file, List.of(Problem.error(file, 0, 0, "file name is not valid UTF-8 (shown"
                    + " with U+FFFD); not read: rename it")), "file name not UTF-8");
        }
        // Only a regular file's size and time can vouch for it: a link's are its own, not its target's.
        Cached cached = cache.get(path);
        if (!named && cached != null && attrs != null && attrs.isRegularFile() && cached.size() == attrs.size()
                && cached.modified().equals(attrs.lastModifiedTime())) {
            return cached.result();
        }
        // The listing's look at the file may be old by now: the reader judges the file it opens.
        PostFileReader.Outcome outcome = files.read(siteDir.resolve(POSTS_DIR).relativize(path));
        if (outcome instanceof PostFileReader.Refused refused) {
            return PostResult.skipped(file, List.of(Problem.error(file, 0, 0, refused.message())), refused.reason());
        }
        PostFileReader.Read read = (PostFileReader.Read) outcome;
        try {
            String hash = Digests.fingerprint(read.bytes());
            PostResult result = cached != null && cached.hash().equals(hash) ? cached.result()
                    : reader.read(file, path.getFileName().toString(), read.bytes(), hash);
            cache.put(path, new Cached(read.size(), read.modified(), hash, result));
            return result;
        } catch (UncheckedIOException e) {
            return PostResult.skipped(file, List.of(Problem.error(file, 0, 0,
                    files.unreadable(e).message())), "unreadable");
        }
    }

    /** How problems name a file: relative to the site, with '/' separators. */
    private static String siteRelative(Path siteDir, Path path) {
        return siteDir.relativize(path).toString().replace('\\', '/');
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** What a file gave last time, and the size, time and hash it had then. */
    private record Cached(long size, FileTime modified, String hash, PostResult result) {
    }
}
