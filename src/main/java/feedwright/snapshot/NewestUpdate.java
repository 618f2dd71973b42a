package feedwright.snapshot;

import feedwright.post.Post;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The newest update among a site's posts (the index page's and the OPML lists' date), for the successive builds of
 * one site. When the posts are those of the last call with some replaced at their places, as after an edit, only
 * the replaced ones are looked at: reading the dates of 10,000 posts, each a chain of objects spread over the heap,
 * is a noticeable share of a live reload. Thread-safe.
 */
final class NewestUpdate {

    private List<Post> lastPosts = List.of();
    private Optional<Instant> lastNewest = Optional.empty();

    /** The latest {@link Post#updated()} of {@code posts}; empty without posts. */
    synchronized Optional<Instant> of(List<Post> posts) {
        Optional<Instant> newest = fromLast(posts).orElseGet(() -> posts.stream().map(post -> post.updated().toInstant())
                .max(Instant::compareTo));
        lastPosts = List.copyOf(posts);
        lastNewest = newest;
        return newest;
    }

    /**
     * The answer from the last one and the replaced posts; empty when the lists differ otherwise, or when a replaced
     * post may have been the newest (then only a look at every post tells which is now).
     */
    private Optional<Optional<Instant>> fromLast(List<Post> posts) {
        if (posts.size() != lastPosts.size() || lastNewest.isEmpty()) {
            return Optional.empty();
        }
        Instant newest = lastNewest.get();
        for (int i = 0; i < posts.size(); i++) {
            Post before = lastPosts.get(i);
            Post now = posts.get(i);
            if (before != now) {
                if (!before.updated().toInstant().isBefore(lastNewest.get())) {
                    return Optional.empty();
                }
                Instant updated = now.updated().toInstant();
                newest = updated.isAfter(newest) ? updated : newest;
            }
        }
        return Optional.of(Optional.of(newest));
    }
}
