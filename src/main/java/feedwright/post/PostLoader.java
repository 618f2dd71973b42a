package feedwright.post;

import feedwright.config.SiteConfig;
import feedwright.problem.Problem;
import feedwright.text.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads every post file under {@code posts/} (recursively) in parallel. A file that cannot be read or
 * parsed becomes problems, never an exception. Parsed results are remembered by file and content
 * hash, so loading again after an edit re-parses only the files whose bytes changed.
 *
 * <p>Thread-safe; loads may overlap (the cache is concurrent and results are pure).
 */
public final class PostLoader {

    /** The folder of posts, relative to the site. */
    public static final String POSTS_DIR = "posts";

    private final SiteConfig config;
    private final PostReader reader;
    private final List<PathMatcher> patterns;
    private final Map<String, PostResult> cache = new ConcurrentHashMap<>();

    public PostLoader(SiteConfig config) {
        this.config = config;
        this.reader = new PostReader(config);
        this.patterns = config.postPatterns().stream()
                .map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p))
                .toList();
    }

    public SiteConfig config() {
        return config;
    }

    /** Loads the posts of {@code siteDir}; posts dated after {@code now} are left out unless configured. */
    public LoadedPosts load(Path siteDir, Instant now) {
        Path postsDir = siteDir.resolve(POSTS_DIR);
        List<Problem> sitewide = new ArrayList<>();
        List<Path> files;
        try {
            files = postFiles(postsDir);
        } catch (NoSuchFileException e) {
            sitewide.add(Problem.error(POSTS_DIR + "/", 0, 0, "folder not found"));
            return new LoadedPosts(List.of(), sitewide, List.of());
        } catch (IOException | UncheckedIOException e) {
            sitewide.add(Problem.error(POSTS_DIR + "/", 0, 0, "cannot be listed: " + e.getMessage()));
            return new LoadedPosts(List.of(), sitewide, List.of());
        }
        Path realPosts = realPath(postsDir);
        List<PostResult> results = files.parallelStream()
                .map(file -> readOne(siteDir, realPosts, file))
                .toList();
        Set<String> seen = results.stream().map(PostResult::file).collect(Collectors.toSet());
        cache.keySet().removeIf(key -> !seen.contains(key.substring(0, key.indexOf('\0'))));

        List<String> future = new ArrayList<>();
        if (!config.future()) {
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

    private List<Path> postFiles(Path postsDir) throws IOException {
        try (Stream<Path> walk = Files.walk(postsDir)) {
            return walk.filter(this::isPostFile).sorted().toList();
        }
    }

    private boolean isPostFile(Path path) {
        Path name = path.getFileName();
        return name != null && !name.toString().startsWith(".")
                && patterns.stream().anyMatch(m -> m.matches(name))
                && (Files.isRegularFile(path) || Files.isSymbolicLink(path));
    }

    private PostResult readOne(Path siteDir, Path realPosts, Path path) {
        String file = siteDir.relativize(path).toString().replace('\\', '/');
        try {
            if (Files.isSymbolicLink(path) && !realPath(path).startsWith(realPosts)) {
                return PostResult.skipped(file, List.of(Problem.error(file, 0, 0,
                        "is a link to a file outside posts/; not read")), "link outside posts/");
            }
            long size = Files.size(path);
            if (size > config.maxPostBytes()) {
                return PostResult.skipped(file, List.of(Problem.error(file, 0, 0, String.format(
                        "file is %,d bytes, over the limit of %,d bytes (max_post_bytes)", size,
                        config.maxPostBytes()))), "too large");
            }
            byte[] bytes = Files.readAllBytes(path);
            String key = file + '\0' + HexFormat.of().formatHex(Digests.sha256(bytes));
            return cache.computeIfAbsent(key, k -> reader.read(file, path.getFileName().toString(), bytes));
        } catch (IOException | UncheckedIOException e) {
            return PostResult.skipped(file, List.of(Problem.error(file, 0, 0, "cannot be read: " + describe(e))),
                    "unreadable");
        }
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        String kind = cause.getClass().getSimpleName().replace("Exception", "");
        return kind.isEmpty() || kind.equals("IO") ? String.valueOf(cause.getMessage())
                : kind.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
