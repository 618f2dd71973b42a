package feedwright.feed;

import feedwright.post.Post;
import java.util.List;

/**
 * A feed chosen but not yet rendered: which feed and page ({@link FeedSpec}), and the posts it shows,
 * newest first, already cut to the configured limit. Immutable.
 */
public record PlannedFeed(FeedSpec spec, List<Post> posts) {

    public PlannedFeed {
        posts = List.copyOf(posts);
    }
}
