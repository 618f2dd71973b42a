package feedwright.post;

import java.util.Objects;

/**
 * A category or tag as a post names it. Two terms with the same slug are the same term
 * ({@code AI} and {@code ai}); the name keeps the post's spelling for display.
 */
public record Term(String name, String slug) {

    public Term {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(slug, "slug");
    }

    public static Term of(String name) {
        return new Term(name, Slugs.ofTerm(name));
    }
}
