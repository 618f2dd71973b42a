package feedwright.feed;

import feedwright.post.Post;
import feedwright.post.Term;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A family of feeds, as data: the one site-wide feed, or one feed for each category, each tag. The planner,
 * the assembler, the index page and the OPML list read it and never ask which family it is, so a new family
 * (authors) is one entry in {@link FeedFamilies}. Immutable.
 *
 * @param label       the family's heading on the index page and in the OPML list: {@code Categories}
 * @param folder      the folder its feeds are in, relative to the feed root, ending in '/' (or empty)
 * @param title       each feed's title
 * @param description each feed's description
 * @param terms       the terms of a post, one feed each; empty for a family of one feed holding every post
 */
public record FeedFamily(String label, String folder, TextTemplate title, TextTemplate description,
                         Optional<Function<Post, List<Term>>> terms) {

    public FeedFamily {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(terms, "terms");
        if (!folder.isEmpty() && !folder.endsWith("/")) {
            throw new IllegalArgumentException("folder must be empty or end in '/': " + folder);
        }
    }

    /** A family of one feed holding every post. */
    public static FeedFamily whole(String label, String folder, String title, String description) {
        return new FeedFamily(label, folder, new TextTemplate(title), new TextTemplate(description), Optional.empty());
    }

    /** A family of one feed for each term posts name. */
    public static FeedFamily perTerm(String label, String folder, String title, String description,
                                     Function<Post, List<Term>> terms) {
        return new FeedFamily(label, folder, new TextTemplate(title), new TextTemplate(description),
                Optional.of(terms));
    }

    public boolean hasTerms() {
        return terms.isPresent();
    }
}
