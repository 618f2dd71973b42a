package feedwright.feed;

import feedwright.post.Post;
import java.util.List;

/**
 * A feed chosen but not yet rendered: which feed and page ({@link FeedSpec}), and the posts it shows,
 * newest first, already cut to the configured limit. Immutable.
 *
 * @param respelled whether some post spells the feed's term otherwise than the feed does ({@code ai} in
 *                  the feed of {@code AI}): those posts' entries are then spelt as the feed is
 *                  ({@link TermSpellings})
 */
public record PlannedFeed(FeedSpec spec, List<Post> posts, boolean respelled) {

    public PlannedFeed {
        posts = List.copyOf(posts);
    }

    /** A feed whose term, if it has one, every post spells alike. */
    public PlannedFeed(FeedSpec spec, List<Post> posts) {
        this(spec, posts, false);
    }
}
