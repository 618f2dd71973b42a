package feedwright.feed;

import feedwright.post.Post;
import java.util.List;
import java.util.Objects;

/**
 * A feed document chosen but not yet rendered: which feed and page ({@link FeedSpec}), and the posts it
 * shows, newest first: the subscription document's cut to the configured limit, an archive page's to its
 * fixed share of the feed's history. Immutable.
 *
 * @param respelled    whether some post spells the feed's term otherwise than the feed does ({@code ai} in
 *                     the feed of {@code AI}): those posts' entries are then spelt as the feed is
 *                     ({@link TermSpellings})
 * @param kind         what the document is in its feed's history
 * @param archivePages how many archive pages the feed has (0 with archives off or for a complete feed)
 */
public record PlannedFeed(FeedSpec spec, List<Post> posts, boolean respelled, History.Kind kind, int archivePages) {

    public PlannedFeed {
        posts = List.copyOf(posts);
        Objects.requireNonNull(kind, "kind");
    }

    /** A feed with archives off. */
    public PlannedFeed(FeedSpec spec, List<Post> posts, boolean respelled) {
        this(spec, posts, respelled, History.Kind.PLAIN, 0);
    }

    /** A feed with archives off whose term, if it has one, every post spells alike. */
    public PlannedFeed(FeedSpec spec, List<Post> posts) {
        this(spec, posts, false);
    }

    /**
     * Whether this is an archive page with a newer one after it: its posts are fixed (RFC 5005 §4), so caches
     * may keep it for good.
     */
    public boolean isSettled() {
        return kind == History.Kind.ARCHIVE && spec.page().number() < archivePages;
    }

    /**
     * What of the feed's history this document's bytes depend on, beside its posts: its kind and the pages it
     * links to. An archive page that is not the newest links to the same pages however many follow it, so it
     * keeps its key (and its bytes) as the feed grows.
     */
    public String historyKey() {
        int number = spec.page().number();
        return switch (kind) {
            case PLAIN, COMPLETE -> kind.name();
            case SUBSCRIPTION -> kind.name() + ' ' + archivePages;
            case ARCHIVE -> kind.name() + ' ' + (number < archivePages ? "older" : "newest");
        };
    }
}
