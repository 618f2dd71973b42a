package feedwright.post;

import feedwright.problem.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A post's {@code updated} may claim a time after the build (a typo, a wrong year, or a wish to stay on
 * top). It would become the entry's update time and every feed's {@code updated} and
 * {@code lastBuildDate}. Such a claim is not used: the post's own date stands in, with a warning, until
 * the claimed time has come. (Not the build time itself: that would change the output on every build.)
 * Applied on every load, after the cache, since it depends on the clock. Stateless.
 */
final class FutureUpdates {

    private FutureUpdates() {
    }

    /**
     * Whether {@code result} has nothing that waits for the clock: no post, or one whose date and update are
     * both in a second before {@code now}'s. Then {@link #notAfter} returns it as it is, {@link #nextChange} is
     * empty and it is not dated in the future. Compares whole seconds, so that the check most posts need on
     * every reload makes no {@link Instant}.
     */
    static boolean isPast(PostResult result, Instant now) {
        if (result.post().isEmpty()) {
            return true;
        }
        Post post = result.post().get();
        long second = now.getEpochSecond();
        return post.published().toEpochSecond() < second && post.updated().toEpochSecond() < second;
    }

    /** {@code result} with an update time after {@code now} replaced by the publication time. */
    static PostResult notAfter(PostResult result, Instant now) {
        Optional<Instant> withheld = withheldUntil(result, now);
        if (withheld.isEmpty()) {
            return result;
        }
        Post post = result.post().orElseThrow();
        List<Problem> problems = new ArrayList<>(result.problems());
        problems.add(Problem.warning(post.file(), "updated: " + post.updated()
                + " is after the build time; the post's date is used until then"));
        return PostResult.published(post.withUpdated(post.published()), problems);
    }

    /**
     * When {@link #notAfter} next treats {@code result} otherwise, after {@code now}: the withheld update time;
     * or, for a post itself dated in the future (published with {@code future: true}) whose update is later
     * still, its date, from which the update is withheld. Empty when nothing waits for the clock.
     */
    static Optional<Instant> nextChange(PostResult result, Instant now) {
        Optional<Instant> withheld = withheldUntil(result, now);
        if (withheld.isPresent() || result.post().isEmpty()) {
            return withheld;
        }
        Post post = result.post().get();
        Instant published = post.published().toInstant();
        return published.isAfter(now) && post.updated().toInstant().isAfter(published)
                ? Optional.of(published) : Optional.empty();
    }

    /**
     * The update time {@link #notAfter} does not use yet, as of {@code now}: when it comes, the post is
     * published differently. Empty when there is none.
     */
    static Optional<Instant> withheldUntil(PostResult result, Instant now) {
        if (result.post().isEmpty()) {
            return Optional.empty();
        }
        Post post = result.post().get();
        Instant updated = post.updated().toInstant();
        // A post itself dated in the future (published only with future: true) keeps its dates as written.
        if (!updated.isAfter(now) || post.published().toInstant().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(updated);
    }
}
