package feedwright.snapshot;

import feedwright.post.LoadedPosts;
import feedwright.problem.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every representation of the site at one moment, addressed by path ({@code /rss.xml},
 * {@code /tags/投資/atom.xml}: decoded, with a leading '/'), plus what the build found. Immutable:
 * a rebuild makes a new snapshot and swaps it in whole.
 *
 * @param posts     number of posts published
 * @param feeds     number of feeds (a feed counts once, whatever its formats)
 * @param problems  every problem of the posts and, after a failed reload, of the configuration
 * @param builtAt   when the build started
 * @param buildTime how long it took
 */
public record Snapshot(Map<String, Representation> resources, int posts, int feeds, List<Problem> problems,
                       List<LoadedPosts.Skipped> skipped, Instant builtAt, Duration buildTime) {

    public Snapshot {
        resources = Map.copyOf(resources);
        problems = List.copyOf(problems);
        skipped = List.copyOf(skipped);
        Objects.requireNonNull(builtAt, "builtAt");
        Objects.requireNonNull(buildTime, "buildTime");
    }

    public Optional<Representation> find(String path) {
        return Optional.ofNullable(resources.get(path));
    }

    public long errorCount() {
        return problems.stream().filter(Problem::isError).count();
    }

    /** The same resources with other problems; used when a reload fails and the old site stays up. */
    public Snapshot withProblems(List<Problem> current) {
        return new Snapshot(resources, posts, feeds, current, skipped, builtAt, buildTime);
    }

    /** The same snapshot with other resources (validators carried forward by a reload). */
    public Snapshot withResources(Map<String, Representation> replaced) {
        return new Snapshot(replaced, posts, feeds, problems, skipped, builtAt, buildTime);
    }

    /**
     * Whether no client could tell the two apart: same paths, same bytes and Last-Modified, and the same
     * account of the build ({@code /healthz}'s counts and problems, the skipped files). A post outside every
     * feed's newest entries changes no bytes when it comes or goes, yet it changes the count of posts; a new
     * build of a published folder may give the same bytes other dates.
     */
    public boolean sameAs(Snapshot other) {
        if (posts != other.posts || feeds != other.feeds || !problems.equals(other.problems)
                || !skipped.equals(other.skipped) || !resources.keySet().equals(other.resources.keySet())) {
            return false;
        }
        return resources.entrySet().stream().allMatch(e -> {
            Representation theirs = other.resources.get(e.getKey());
            return e.getValue().sameContentAs(theirs) && e.getValue().lastModified().equals(theirs.lastModified());
        });
    }
}
