package feedwright.post;

import feedwright.problem.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything read from {@code posts/}: one result per file (sorted by file) and the problems that
 * only show across posts (duplicate ids, tags differing by case, posts dated in the future). Immutable.
 *
 * @param results    one per post file, sorted by file
 * @param sitewide   problems that concern several posts or the folder itself
 * @param future        files left out because they are dated after the build time
 * @param nextScheduled the earliest time after the load's at which the same files are published
 *                      differently: the date of a post left out as dated in the future, or an update
 *                      time not used yet ({@link FutureUpdates}); empty when nothing waits for the clock
 * @param look          how the post files looked before they were read ({@link PostFolderLook}), when this was
 *                      its loader's first load, it walked the whole folder and every file could be vouched for;
 *                      empty otherwise
 */
public record LoadedPosts(List<PostResult> results, List<Problem> sitewide, List<String> future,
                          Optional<Instant> nextScheduled, Optional<PostFolderLook.Look> look) {

    public LoadedPosts {
        results = List.copyOf(results);
        sitewide = List.copyOf(sitewide);
        future = List.copyOf(future);
        Objects.requireNonNull(nextScheduled, "nextScheduled");
        Objects.requireNonNull(look, "look");
    }

    /** Posts loaded without a look of their files. */
    public LoadedPosts(List<PostResult> results, List<Problem> sitewide, List<String> future,
                       Optional<Instant> nextScheduled) {
        this(results, sitewide, future, nextScheduled, Optional.empty());
    }

    /** A load that found no posts because {@code posts/} itself could not be listed. */
    static LoadedPosts unlistable(Problem folder) {
        return new LoadedPosts(List.of(), List.of(folder), List.of(), Optional.empty());
    }

    /**
     * Why {@code posts/} itself could not be listed, when it could not: then there are no results, and
     * publishing them would drop every post rather than keep the last good site.
     */
    public Optional<Problem> folderProblem() {
        return sitewide.stream().filter(PostFinder::isFolderProblem).findFirst();
    }

    /** The posts to publish: read without errors and not dated in the future. */
    public List<Post> posts() {
        Set<String> later = Set.copyOf(future); // a list's contains, asked for each of 10,000 posts, adds up
        return results.stream()
                .filter(r -> !later.contains(r.file()))
                .map(PostResult::post)
                .flatMap(Optional::stream)
                .toList();
    }

    /** Every problem, in report order. */
    public List<Problem> problems() {
        List<Problem> all = new ArrayList<>(sitewide);
        results.forEach(r -> all.addAll(r.problems()));
        all.sort(Problem.ORDER);
        return List.copyOf(all);
    }

    /** Files not published, each with the reason, in file order. */
    public List<Skipped> skipped() {
        List<Skipped> skipped = new ArrayList<>();
        Set<String> later = Set.copyOf(future);
        for (PostResult result : results) {
            if (later.contains(result.file())) {
                skipped.add(new Skipped(result.file(), "dated in the future"));
            } else {
                result.skipReason().ifPresent(reason -> skipped.add(new Skipped(result.file(), reason)));
            }
        }
        return List.copyOf(skipped);
    }

    public boolean hasErrors() {
        return problems().stream().anyMatch(Problem::isError);
    }

    /** A file that was read but is not published. */
    public record Skipped(String file, String reason) {
    }
}
