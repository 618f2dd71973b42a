package feedwright.websub;

import feedwright.config.SiteSettings;
import feedwright.text.UrlPaths;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The addresses the hub deals in, all under {@code feed_base_url} (what {@code serve} answers at
 * {@code /x} is published at {@code feed_base_url + x}): a feed's URL from its path and back, and the
 * hub's own ({@code /hub}). Immutable.
 */
final class Topics {

    /** Where the hub answers, as a path of the server. */
    static final String HUB_PATH = "/hub";

    private final SiteSettings site;
    private final String base;

    Topics(SiteSettings site) {
        this.site = site;
        this.base = site.feedBaseUrl().toString();
    }

    /** The hub's address, as subscribers are told it. */
    String hub() {
        return site.feedUrl(HUB_PATH.substring(1));
    }

    /** The absolute URL of the feed at {@code path} ({@code /tags/投資/rss.xml}), percent-encoded. */
    String url(String path) {
        return site.feedUrl(path.substring(1));
    }

    /**
     * The path of the feed a subscriber names by {@code topic}: its URL under {@code feed_base_url}, encoded
     * or not, scheme and host in any case; empty when it is no such URL (another site, a query, a fragment).
     */
    Optional<String> path(String topic) {
        URI uri;
        try {
            uri = new URI(topic.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawPath() == null) {
            return Optional.empty();
        }
        URI feedBase = site.feedBaseUrl();
        boolean sameOrigin = uri.getScheme().equalsIgnoreCase(feedBase.getScheme())
                && uri.getRawAuthority().toLowerCase(Locale.ROOT).equals(feedBase.getRawAuthority().toLowerCase(Locale.ROOT));
        if (!sameOrigin || !uri.getRawPath().startsWith(feedBase.getRawPath())) {
            return Optional.empty();
        }
        String rest = UrlPaths.decodePath(uri.getRawPath().substring(feedBase.getRawPath().length()));
        return rest.isEmpty() ? Optional.empty() : Optional.of("/" + rest);
    }

    /**
     * Whether {@code callback} is one the hub sends to: an absolute http(s) URL with a host and without a
     * fragment (the hub keeps its query, WebSub §5.3).
     */
    static boolean isCallback(URI callback) {
        String scheme = callback.getScheme() == null ? "" : callback.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && callback.getHost() != null
                && callback.getRawFragment() == null;
    }

    /** {@code callback} with {@code query} appended to its own query, as the hub's requests add their parameters. */
    static URI withQuery(URI callback, String query) {
        String url = callback.toString();
        return URI.create(url + (callback.getRawQuery() == null ? "?" : "&") + query);
    }

    /**
     * {@code name=value} as a form encodes it ({@code application/x-www-form-urlencoded}): a topic's own
     * {@code &} and {@code =} must not end the value.
     */
    static String parameter(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
