package feedwright.feed;

import java.util.Objects;

/**
 * Where an old feed address sends its readers: a path the site serves, and the absolute URL a
 * {@code 301}'s {@code Location} names. Immutable.
 *
 * @param target   the path served in its place, decoded, with a leading '/': {@code /tags/ai/atom.xml}
 * @param location {@code feed_base_url} and the target, percent-encoded: what readers are sent to
 */
public record Redirect(String target, String location) {

    public Redirect {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(location, "location");
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException("a target is a path from the root of the feeds: " + target);
        }
    }
}
