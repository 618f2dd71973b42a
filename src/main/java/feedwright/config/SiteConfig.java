package feedwright.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The site's validated configuration, read from {@code feeds-config/site.yml} by {@link ConfigLoader}, one
 * record per {@link Section}. Everything downstream trusts these values. Immutable.
 */
public record SiteConfig(SiteSettings site, FeedSettings feeds, PostSettings posts, ServerSettings server,
                         DeploySettings deploy, AliasSettings aliases, WebSubSettings websub,
                         Optional<JekyllSite> jekyll) {

    public SiteConfig {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(feeds, "feeds");
        Objects.requireNonNull(posts, "posts");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(deploy, "deploy");
        Objects.requireNonNull(aliases, "aliases");
        Objects.requireNonNull(websub, "websub");
        Objects.requireNonNull(jekyll, "jekyll");
    }

    static SiteConfig from(ConfigValues values, Optional<JekyllSite> jekyll) {
        return new SiteConfig(SiteSettings.from(values), FeedSettings.from(values),
                PostSettings.from(values, jekyll.isPresent() ? JekyllSite.POSTS_FOLDER : PostSettings.POSTS_FOLDER),
                ServerSettings.from(values), DeploySettings.from(values),
                new AliasSettings(values.get(ConfigKeys.ALIASES), values.get(ConfigKeys.JEKYLL_FEED_ALIASES),
                        values.get(ConfigKeys.ALIAS_COPIES)), WebSubSettings.from(values), jekyll);
    }

    /** This configuration with other WebSub settings (those a running serve started with, say). */
    public SiteConfig withWebSub(WebSubSettings other) {
        return new SiteConfig(site, feeds, posts, server, deploy, aliases, other, jekyll);
    }

    /** This configuration with other server settings (those a running serve started with, say). */
    public SiteConfig withServer(ServerSettings other) {
        return new SiteConfig(site, feeds, posts, other, deploy, aliases, websub, jekyll);
    }

    /** Where jekyll-feed published this site's feeds: as its _config.yml says, else every feed it could have. */
    public JekyllFeedLayout jekyllFeedLayout() {
        return jekyll.map(JekyllSite::feed).orElse(JekyllFeedLayout.EVERY_FEED);
    }
}
