package feedwright.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Old feed addresses answered with a permanent redirect to the feed that replaced them. Immutable.
 *
 * @param written    the aliases site.yml lists, in the order written
 * @param jekyllFeed whether the addresses jekyll-feed would have published ({@link JekyllFeedLayout}) are
 *                   added, each redirected to the Atom feed that took its place
 * @param copies     whether {@code build} also writes a copy of the feed at each old path, for static hosts
 *                   that cannot redirect
 */
public record AliasSettings(List<Alias> written, boolean jekyllFeed, boolean copies) {

    public static final AliasSettings NONE = new AliasSettings(List.of(), false, false);

    public AliasSettings {
        written = List.copyOf(written);
    }

    /**
     * One alias as site.yml writes it: old path and new path, both decoded and from the root of the feeds
     * ({@code /feed.xml} to {@code /atom.xml}), and where the old one is written, for warnings about it.
     */
    public record Alias(String from, String to, int line, int column) {
        public Alias {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** Old path to new path, in the order written; a path written twice keeps the last. */
    public Map<String, String> paths() {
        Map<String, String> paths = new LinkedHashMap<>();
        written.forEach(alias -> paths.put(alias.from(), alias.to()));
        return paths;
    }
}
