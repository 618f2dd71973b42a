package feedwright.config;

import java.util.Map;
import java.util.Objects;

/**
 * What a Jekyll site read in place ({@code _config.yml} beside {@code _posts/}) says beyond site.yml's keys:
 * how Jekyll made its excerpts, and whom its authors' keys name. Its presence also means that permalinks
 * (the site's, from {@code _config.yml}, and each post's) are expanded by Jekyll's rules. Immutable.
 *
 * @param configFile       the configuration file read ({@code _config.yml} or {@code _config.yaml}), as
 *                         problems name it
 * @param excerptSeparator what ends a post's excerpt when its front matter has none ({@code excerpt_separator})
 * @param authors          {@code _data/authors.yml}: an author key to the name it stands for
 * @param feed             where jekyll-feed published the feeds
 */
public record JekyllSite(String configFile, String excerptSeparator, Map<String, String> authors,
                         JekyllFeedLayout feed) {

    /** The posts folder of a Jekyll site, relative to it. */
    public static final String POSTS_FOLDER = "_posts";

    public JekyllSite {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(excerptSeparator, "excerptSeparator");
        authors = Map.copyOf(authors);
        Objects.requireNonNull(feed, "feed");
    }
}
