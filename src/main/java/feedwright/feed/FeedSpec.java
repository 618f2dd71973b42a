package feedwright.feed;

import feedwright.post.Term;
import java.util.Objects;
import java.util.Optional;

/**
 * Which feed document this is: the family, the category or tag for a family with terms, and the page.
 * Two specs are equal when they name the same family, term and page.
 *
 * @param term absent for a family of one feed (the site-wide one)
 */
public record FeedSpec(FeedFamily family, Optional<Term> term, Page page) {

    public static final FeedSpec SITE = new FeedSpec(FeedFamilies.SITE, Optional.empty(), Page.CURRENT);

    public FeedSpec {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(term, "term");
        Objects.requireNonNull(page, "page");
        if (term.isPresent() != family.hasTerms()) {
            throw new IllegalArgumentException(family.label() + (family.hasTerms()
                    ? ": each feed has a term" : ": the feed has no term"));
        }
    }

    /** The subscription document of a family's feed for one term. */
    public static FeedSpec of(FeedFamily family, Term term) {
        return new FeedSpec(family, Optional.of(term), Page.CURRENT);
    }

    /** The feed's folder relative to the feed root, unencoded: {@code ""} or {@code tags/投資/}. */
    public String folder() {
        return family.folder() + term.map(t -> t.slug() + "/").orElse("") + page.folder();
    }

    /** The path of this feed in {@code format}, relative to the feed root, unencoded. */
    public String path(FeedFormat format) {
        return folder() + format.fileName();
    }
}
