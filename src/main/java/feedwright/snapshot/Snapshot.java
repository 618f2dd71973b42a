package feedwright.snapshot;

import feedwright.feed.Redirect;
import feedwright.feed.Redirects;
import feedwright.post.LoadedPosts;
import feedwright.problem.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every representation of the site at one moment, addressed by path ({@code /rss.xml},
 * {@code /tags/投資/atom.xml}: decoded, with a leading '/'), plus what the build found. Immutable:
 * a rebuild makes a new snapshot and swaps it in whole.
 *
 * <p>Besides its resources a site answers its old feed addresses with a redirect ({@code redirects}); no
 * path is both.
 *
 * @param posts     number of posts published
 * @param feeds     number of feeds (a feed counts once, whatever its formats)
 * @param problems  every problem of the posts and, after a failed reload, of the configuration
 * @param builtAt   when the build started
 * @param buildTime how long it took
 * @param redirects the old feed addresses and where each sends its readers
 */
public record Snapshot(Map<String, Representation> resources, int posts, int feeds, List<Problem> problems,
                       List<LoadedPosts.Skipped> skipped, Instant builtAt, Duration buildTime,
                       Redirects redirects) {

    public Snapshot {
        resources = Map.copyOf(resources);
        problems = List.copyOf(problems);
        skipped = List.copyOf(skipped);
        Objects.requireNonNull(builtAt, "builtAt");
        Objects.requireNonNull(buildTime, "buildTime");
        Objects.requireNonNull(redirects, "redirects");
        for (String path : redirects.byPath().keySet()) {
            if (resources.containsKey(path)) {
                throw new IllegalArgumentException(path + " is both a resource and a redirect");
            }
        }
    }

    /** A snapshot of a site without old feed addresses. */
    public Snapshot(Map<String, Representation> resources, int posts, int feeds, List<Problem> problems,
                    List<LoadedPosts.Skipped> skipped, Instant builtAt, Duration buildTime) {
        this(resources, posts, feeds, problems, skipped, builtAt, buildTime, Redirects.NONE);
    }

    public Optional<Representation> find(String path) {
        return Optional.ofNullable(resources.get(path));
    }

    /** The redirect a request for {@code path} (decoded) gets, if it is an old feed address. */
    public Optional<Redirect> redirect(String path) {
        return Optional.ofNullable(redirects.byPath().get(path));
    }

    /**
     * Every file a static copy of the site holds, by path, sorted: each resource ({@code "/"}, which is
     * index.html under a second name, excepted) and, when {@link Redirects#copies()}, the target's
     * representation at each old address that can be a file: not one ending in '/', nor one that is the
     * folder of another file ({@code /feed} beside {@code /feed/by_tag/ai.xml}) or lies under a file.
     */
    public SortedMap<String, Representation> files() {
        SortedMap<String, Representation> files = new TreeMap<>();
        resources.forEach((path, resource) -> {
            if (!path.endsWith("/")) {
                files.put(path, resource);
            }
        });
        if (redirects.copies()) {
            Set<String> folders = new HashSet<>();
            files.keySet().forEach(path -> addFolders(path, folders));
            redirects.byPath().keySet().forEach(path -> addFolders(path, folders));
            Set<String> resourceFiles = Set.copyOf(files.keySet());
            redirects.byPath().forEach((path, redirect) -> {
                Representation target = resources.get(redirect.target());
                Set<String> above = new HashSet<>();
                addFolders(path, above);
                if (!path.endsWith("/") && target != null && !folders.contains(path)
                        && above.stream().noneMatch(resourceFiles::contains)) {
                    files.put(path, target);
                }
            });
        }
        return files;
    }

    /** Adds the folders {@code path} lies in ({@code /a/b/c.xml}: {@code /a}, {@code /a/b}). */
    private static void addFolders(String path, Set<String> folders) {
        for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
            folders.add(path.substring(0, slash));
        }
    }

    /**
     * Makes every resource made on demand (archive pages) that was not made yet, in parallel, so that its
     * ETag is known: for a writer about to write every file, before validators are carried forward and
     * recorded (a page not made yet keeps the date told before, as a reload must).
     */
    public Snapshot withEveryPageMade() {
        resources.values().parallelStream().filter(resource -> !resource.wasMade()).forEach(Representation::etag);
        return this;
    }

    public long errorCount() {
        return problems.stream().filter(Problem::isError).count();
    }

    /** The same resources with other problems; used when a reload fails and the old site stays up. */
    public Snapshot withProblems(List<Problem> current) {
        return new Snapshot(resources, posts, feeds, current, skipped, builtAt, buildTime, redirects);
    }

    /** The same snapshot with other resources (validators carried forward by a reload). */
    public Snapshot withResources(Map<String, Representation> replaced) {
        return new Snapshot(replaced, posts, feeds, problems, skipped, builtAt, buildTime, redirects);
    }

    /**
     * Whether no client could tell the two apart: same paths, same bytes and Last-Modified, the same
     * redirects, and the same account of the build ({@code /healthz}'s counts and problems, the skipped files). A post outside every
     * feed's newest entries changes no bytes when it comes or goes, yet it changes the count of posts; a new
     * build of a published folder may give the same bytes other dates.
     */
    public boolean sameAs(Snapshot other) {
        if (posts != other.posts || feeds != other.feeds || !problems.equals(other.problems)
                || !skipped.equals(other.skipped) || !redirects.equals(other.redirects)
                || !resources.keySet().equals(other.resources.keySet())) {
            return false;
        }
        return resources.entrySet().stream().allMatch(e -> {
            Representation theirs = other.resources.get(e.getKey());
            // The same one kept (a feed a reload did not touch): nothing to compare, and a document not made yet
            // (dated when made, at a start) is not made to learn its date.
            return e.getValue() == theirs || e.getValue().knownSameContentAs(theirs)
                    && e.getValue().lastModified().equals(theirs.lastModified());
        });
    }
}
