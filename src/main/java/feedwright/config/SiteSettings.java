package feedwright.config;

import feedwright.text.UrlPaths;
import java.net.URI;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What the site is called, where it lives, and how its links and dates are written. Immutable.
 *
 * @param baseUrl     absolute http(s) URL of the site, ending in '/'; post links are made from it
 * @param feedBaseUrl absolute URL the feed files are published under, ending in '/'
 * @param language    BCP 47 tag written into the feeds
 * @param author      author of posts that name none
 * @param timezone    zone for dates written without an offset, and for permalink dates
 * @param permalink   pattern such as {@code /:year/:month/:day/:slug/}
 * @param icon        absolute URL of the feeds' small square image, or empty
 * @param logo        absolute URL of the feeds' larger (wide) image, or empty
 */
public record SiteSettings(String title, String description, URI baseUrl, URI feedBaseUrl, String language,
                           String author, ZoneId timezone, String permalink, String icon, String logo) {

    public SiteSettings {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(feedBaseUrl, "feedBaseUrl");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(permalink, "permalink");
        Objects.requireNonNull(icon, "icon");
        Objects.requireNonNull(logo, "logo");
    }

    static SiteSettings from(ConfigValues values) {
        URI baseUrl = values.get(ConfigKeys.BASE_URL);
        return new SiteSettings(values.get(ConfigKeys.TITLE), values.get(ConfigKeys.DESCRIPTION),
                baseUrl, values.get(ConfigKeys.FEED_BASE_URL), values.get(ConfigKeys.LANGUAGE),
                values.get(ConfigKeys.AUTHOR), values.get(ConfigKeys.TIMEZONE), values.get(ConfigKeys.PERMALINK),
                absolute(baseUrl, values.get(ConfigKeys.ICON)), absolute(baseUrl, values.get(ConfigKeys.LOGO)));
    }

    /** An absolute URL as it is, a site path under {@code base_url} (the rule of every site path); empty stays empty. */
    private static String absolute(URI baseUrl, String pathOrUrl) {
        if (pathOrUrl.isEmpty() || UrlPaths.hasHttpScheme(pathOrUrl)) {
            return pathOrUrl;
        }
        return UrlPaths.underBase(baseUrl.toString(), pathOrUrl, path -> path);
    }

    /**
     * The absolute URL of {@code path}, a path under the feed root written without its leading '/'
     * ({@code tags/投資/rss.xml}), percent-encoded: where readers fetch what {@code serve} answers at
     * {@code /tags/投資/rss.xml}.
     */
    public String feedUrl(String path) {
        return feedBaseUrl + UrlPaths.encodePath(path);
    }

    /** The host name used in entry ids ({@code tag:host,date:slug}). */
    public String idAuthority() {
        return baseUrl.getHost();
    }
}
