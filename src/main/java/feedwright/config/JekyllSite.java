package feedwright.config;

import feedwright.yaml.YamlMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Jekyll site read in place ({@code _config.yml} beside {@code _posts/}) says beyond site.yml's keys:
 * how Jekyll made its excerpts, whom its authors' keys name, and the front matter its posts get by default. Its
 * presence also means that permalinks (the site's, from {@code _config.yml}, and each post's) are expanded by
 * Jekyll's rules. Immutable.
 *
 * @param configFile       the configuration file read ({@code _config.yml} or {@code _config.yaml}), as
 *                         problems name it
 * @param excerptSeparator what ends a post's excerpt when its front matter has none ({@code excerpt_separator})
 * @param authors          {@code _data/authors.yml}: an author key to the name it stands for
 * @param feed             where jekyll-feed published the feeds
 * @param defaults         the entries of {@code defaults:} that may apply to posts, in the order written
 */
public record JekyllSite(String configFile, String excerptSeparator, Map<String, String> authors,
                         JekyllFeedLayout feed, List<FrontMatterDefaults> defaults) {

    /** The posts folder of a Jekyll site, relative to it. */
    public static final String POSTS_FOLDER = "_posts";

    public JekyllSite {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(excerptSeparator, "excerptSeparator");
        authors = Map.copyOf(authors);
        Objects.requireNonNull(feed, "feed");
        defaults = List.copyOf(defaults);
    }

    /** What {@link #defaults} give the post at {@code postPath} ({@code _posts/a.md}); empty when none applies. */
    public Optional<YamlMap> frontMatterDefaults(String postPath) {
        return FrontMatterDefaults.forPost(defaults, postPath);
    }
}
