package feedwright.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Old feed addresses answered with a permanent redirect to the feed that replaced them. Immutable.
 *
 * @param paths      old path to new path, both under the output root ({@code /feed.xml} to
 *                   {@code /atom.xml}), in the order written
 * @param jekyllFeed whether the addresses jekyll-feed would have published ({@link JekyllFeedLayout}) are
 *                   added, each redirected to the Atom feed that took its place
 * @param copies     whether {@code build} also writes a copy of the feed at each old path, for static hosts
 *                   that cannot redirect
 */
public record AliasSettings(Map<String, String> paths, boolean jekyllFeed, boolean copies) {

    public static final AliasSettings NONE = new AliasSettings(Map.of(), false, false);

    public AliasSettings {
        Objects.requireNonNull(paths, "paths");
        paths = Collections.unmodifiableMap(new LinkedHashMap<>(paths));
    }
}
