package feedwright.feed;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The site's old feed addresses ({@link FeedAliases}), each answered with a permanent redirect, and whether
 * a static copy of the site also holds the target's bytes at each old address (for hosts that cannot
 * redirect). Immutable; two are equal when they redirect the same paths to the same places.
 *
 * @param byPath the redirect of each old path, decoded, with a leading '/', sorted
 * @param copies whether a copy of the target is written at each old path that can hold a file
 */
public record Redirects(SortedMap<String, Redirect> byPath, boolean copies) {

    /** No old address: what a site without aliases has. */
    public static final Redirects NONE = new Redirects(new TreeMap<>(), false);

    public Redirects {
        Objects.requireNonNull(byPath, "byPath");
        byPath = Collections.unmodifiableSortedMap(new TreeMap<>(byPath));
    }

    public boolean isEmpty() {
        return byPath.isEmpty();
    }
}
