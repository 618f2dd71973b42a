package feedwright.post;

import feedwright.text.UrlPaths;
import java.net.URI;
import java.util.function.UnaryOperator;

/**
 * Site-relative permalinks (and image paths) made into absolute URLs that stay under {@code base_url}, by
 * the one rule for site paths ({@link UrlPaths#underBase}); placeholders are expanded in the path only, so
 * a slug holding {@code ?} or {@code #} stays part of the path. Stateless.
 */
final class Permalinks {

    private Permalinks() {
    }

    /** Whether {@code permalink} is a path under the site rather than an absolute http(s) URL. */
    static boolean isSitePath(String permalink) {
        return !UrlPaths.hasHttpScheme(permalink);
    }

    /**
     * @param baseUrl   the site's URL, ending in '/'
     * @param permalink a site-relative path, perhaps with {@code ?query} and {@code #fragment}
     * @param expand    fills in the placeholders of the path
     */
    static String underSite(URI baseUrl, String permalink, UnaryOperator<String> expand) {
        return UrlPaths.underBase(baseUrl.toString(), permalink, expand);
    }
}
