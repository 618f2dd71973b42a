package feedwright.post;

import feedwright.text.UrlPaths;
import java.net.URI;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Site-relative permalinks (and image paths) made into absolute URLs that stay under {@code base_url}:
 * however many slashes it starts with, the path is under the site ({@code ///evil.example/x} is not
 * another host); dot segments are resolved within the site's path, {@code ..} stopping at its root as it
 * stops at a host's root in a browser; a query and a fragment are kept as such, percent-encoded where
 * they must be, and placeholders are expanded in the path only, so a slug holding {@code ?} or {@code #}
 * stays part of the path. Stateless.
 */
final class Permalinks {

    private Permalinks() {
    }

    /** Whether {@code permalink} is a path under the site rather than an absolute http(s) URL. */
    static boolean isSitePath(String permalink) {
        String lower = permalink.toLowerCase(Locale.ROOT);
        return !(lower.startsWith("http://") || lower.startsWith("https://"));
    }

    /**
     * @param baseUrl   the site's URL, ending in '/'
     * @param permalink a site-relative path, perhaps with {@code ?query} and {@code #fragment}
     * @param expand    fills in the placeholders of the path
     */
    static String underSite(URI baseUrl, String permalink, UnaryOperator<String> expand) {
        int hash = permalink.indexOf('#');
        String beforeFragment = hash < 0 ? permalink : permalink.substring(0, hash);
        int question = beforeFragment.indexOf('?');
        String path = question < 0 ? beforeFragment : beforeFragment.substring(0, question);
        StringBuilder link = new StringBuilder(baseUrl.toString())
                .append(UrlPaths.encodePath(UrlPaths.withinRoot(expand.apply(path))));
        if (question >= 0) {
            link.append('?').append(UrlPaths.encodeQuery(beforeFragment.substring(question + 1)));
        }
        if (hash >= 0) {
            link.append('#').append(UrlPaths.encodeQuery(permalink.substring(hash + 1)));
        }
        return link.toString();
    }
}
