package feedwright.snapshot;

import feedwright.post.Post;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The newest update among a site's posts (the index page's and the OPML lists' date), for the successive builds of
 * one site. Each post's update time is kept as numbers by its place in the list; a post that is the same object at
 * the same place as in the last call is not looked at again. Reading the dates of 10,000 posts, each a chain of
 * objects spread over the heap, is a noticeable share of a live reload, whereas a reload after an edit replaces one
 * post. Thread-safe.
 */
final class NewestUpdate {

    private List<Post> lastPosts = List.of();
    private long[] seconds = new long[0];
    private int[] nanos = new int[0];

    /** The latest {@link Post#updated()} of {@code posts}; empty without posts. */
    synchronized Optional<Instant> of(List<Post> posts) {
        boolean aligned = posts.size() == lastPosts.size();
        long[] nowSeconds = aligned ? seconds : new long[posts.size()];
        int[] nowNanos = aligned ? nanos : new int[posts.size()];
        int newest = -1;
        for (int i = 0; i < posts.size(); i++) {
            Post post = posts.get(i);
            if (!aligned || post != lastPosts.get(i)) {
                nowSeconds[i] = post.updated().toEpochSecond();
                nowNanos[i] = post.updated().getNano();
            }
            if (newest < 0 || nowSeconds[i] > nowSeconds[newest]
                    || nowSeconds[i] == nowSeconds[newest] && nowNanos[i] > nowNanos[newest]) {
                newest = i;
            }
        }
        lastPosts = List.copyOf(posts);
        seconds = nowSeconds;
        nanos = nowNanos;
        return newest < 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(nowSeconds[newest], nowNanos[newest]));
    }
}
