package feedwright.config;

import java.util.Objects;

/**
 * The site's validated configuration, read from {@code feeds-config/site.yml} by {@link ConfigLoader}, one
 * record per {@link Section}. Everything downstream trusts these values. Immutable.
 */
public record SiteConfig(SiteSettings site, FeedSettings feeds, PostSettings posts, ServerSettings server,
                         DeploySettings deploy) {

    public SiteConfig {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(feeds, "feeds");
        Objects.requireNonNull(posts, "posts");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(deploy, "deploy");
    }

    static SiteConfig from(ConfigValues values) {
        return new SiteConfig(SiteSettings.from(values), FeedSettings.from(values), PostSettings.from(values),
                ServerSettings.from(values), DeploySettings.from(values));
    }
}
