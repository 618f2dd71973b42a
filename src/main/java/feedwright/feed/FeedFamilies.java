package feedwright.feed;

import feedwright.post.Post;
import java.util.List;

/** The registry of feed families: every site has these feeds, planned and listed in this order. */
public final class FeedFamilies {

    public static final FeedFamily SITE = FeedFamily.whole("Site", "", "{site}", "{about}");

    public static final FeedFamily CATEGORY = FeedFamily.perTerm("Categories", "categories/",
            "{site} · Category: {term}", "Posts in the category {term} — {about}", Post::categories);

    public static final FeedFamily TAG = FeedFamily.perTerm("Tags", "tags/",
            "{site} · Tag: {term}", "Posts tagged {term} — {about}", Post::tags);

    private static final List<FeedFamily> ALL = List.of(SITE, CATEGORY, TAG);

    private FeedFamilies() {
    }

    /** Every family, the site-wide feed first. */
    public static List<FeedFamily> all() {
        return ALL;
    }
}
