package feedwright.feed;

import feedwright.post.Term;
import java.util.Objects;
import java.util.Optional;

/**
 * Which feed this is: the site-wide one, or the one of a category or tag. Two specs are equal when
 * they name the same kind and slug.
 *
 * @param term absent for the site-wide feed
 */
public record FeedSpec(FeedKind kind, Optional<Term> term) {

    public static final FeedSpec SITE = new FeedSpec(FeedKind.SITE, Optional.empty());

    public FeedSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(term, "term");
        if (term.isPresent() == (kind == FeedKind.SITE)) {
            throw new IllegalArgumentException("a site feed has no term; category and tag feeds have one");
        }
    }

    public static FeedSpec category(Term term) {
        return new FeedSpec(FeedKind.CATEGORY, Optional.of(term));
    }

    public static FeedSpec tag(Term term) {
        return new FeedSpec(FeedKind.TAG, Optional.of(term));
    }

    /** The feed's folder relative to the feed root, unencoded: {@code ""} or {@code tags/投資/}. */
    public String folder() {
        return kind.folder() + term.map(t -> t.slug() + "/").orElse("");
    }

    /** The path of this feed in {@code format}, relative to the feed root, unencoded. */
    public String path(FeedFormat format) {
        return folder() + format.fileName();
    }
}
