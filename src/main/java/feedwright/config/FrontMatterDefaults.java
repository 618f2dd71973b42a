package feedwright.config;

import feedwright.yaml.YamlMap;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One entry of a Jekyll site's {@code defaults:} in {@code _config.yml} that can apply to posts: front matter a
 * post gets for each key it does not write itself. Jekyll sites set a permalink or an author there for every
 * post; a post's URL and its id under jekyll-feed's scheme follow the permalink, so reading it is what keeps
 * the entries' ids when such a site moves. Immutable.
 *
 * @param path   the scope's {@code path} as written, relative to the site: empty for every file; a folder or
 *               file name prefix ({@code _posts/news}); or a glob ({@code _posts/*}/{@code news})
 * @param typed  whether the scope says {@code type: posts} (or {@code post}, which Jekyll still takes; entries for
 *               pages, drafts or other collections are never kept): at an equal path, a typed entry wins over one
 *               without a type, as in Jekyll
 * @param values the front matter it gives, as written in {@code _config.yml}
 */
public record FrontMatterDefaults(String path, boolean typed, YamlMap values) {

    /** Each glob path's matchers, compiled once: a path is matched against every post of every load. */
    private static final Map<String, List<PathMatcher>> GLOBS = new ConcurrentHashMap<>();

    public FrontMatterDefaults {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(values, "values");
    }

    /**
     * What the entries of {@code defaults}, in the order written, give the post at {@code postPath} (relative
     * to the site: {@code _posts/2025-01-02-a.md}); empty when none applies. Jekyll's precedence (its
     * {@code FrontmatterDefaults#all}): each entry that applies is laid over what came before it when its path
     * is longer than that of the last entry laid over, or as long and it has a type, or as long and neither
     * has one; otherwise it is laid under. A key's value is taken whole from the entry that wins it.
     */
    public static Optional<YamlMap> forPost(List<FrontMatterDefaults> defaults, String postPath) {
        YamlMap merged = null;
        FrontMatterDefaults lastOver = null;
        for (FrontMatterDefaults entry : defaults) {
            if (!entry.appliesTo(postPath)) {
                continue;
            }
            if (merged == null) {
                merged = entry.values();
                lastOver = entry;
            } else if (entry.outranks(lastOver)) {
                merged = entry.values().over(merged, Set.of());
                lastOver = entry;
            } else {
                merged = merged.over(entry.values(), Set.of());
            }
        }
        return Optional.ofNullable(merged);
    }

    /**
     * Whether the scope's path takes in {@code postPath}: an empty path takes in every file; a glob, a file
     * whose path or one of whose folders it matches; any other path, a file whose path begins with it, letter
     * for letter (Jekyll compares the two as strings, so {@code _posts/new} takes in {@code _posts/news/a.md}).
     * Jekyll matches a glob against the files that exist and then compares as strings too; matching the
     * post's path and its folders takes in the same posts but where a matched name is the start of another.
     */
    boolean appliesTo(String postPath) {
        if (path.isEmpty()) {
            return true;
        }
        if (!isGlob(path)) {
            return postPath.startsWith(path);
        }
        List<PathMatcher> globs = matchers(path);
        for (Path at = Path.of(postPath); at != null; at = at.getParent()) {
            for (PathMatcher glob : globs) {
                if (glob.matches(at)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether Jekyll reads {@code path} as a glob: it does when it holds a '*'. */
    static boolean isGlob(String path) {
        return path.contains("*");
    }

    /**
     * The matchers of a glob path, compiled on first use: Java's glob, and where it has {@code **}{@code /}, the
     * same without those, since Ruby's {@code **}{@code /} also stands for no folder at all
     * ({@code _posts/**}{@code /*.md} takes in {@code _posts/a.md}). A pattern Java's glob refuses throws
     * {@link IllegalArgumentException} and is not kept ({@link JekyllConfig} asks first, and leaves its entry out
     * with a warning before any post is read).
     */
    static List<PathMatcher> matchers(String glob) {
        return GLOBS.computeIfAbsent(glob, FrontMatterDefaults::compile);
    }

    private static List<PathMatcher> compile(String glob) {
        List<PathMatcher> matchers = new ArrayList<>();
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        if (glob.contains("**/")) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.replace("**/", "")));
        }
        return List.copyOf(matchers);
    }

    private boolean outranks(FrontMatterDefaults other) {
        if (rankLength() != other.rankLength()) {
            return rankLength() > other.rankLength();
        }
        return typed || !other.typed();
    }

    /** The path's length as Jekyll ranks it: without a leading '/' (which it keeps when matching). */
    private int rankLength() {
        return path.startsWith("/") ? path.length() - 1 : path.length();
    }
}
