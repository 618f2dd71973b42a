package feedwright.sink;

import feedwright.feed.Redirect;
import feedwright.feed.Redirects;
import feedwright.text.UrlPaths;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The nginx configuration that answers a built site's old feed addresses as {@code serve} does: one exact
 * {@code location} per address, each a {@code return 301} to the absolute URL of the feed that replaced it.
 * Exact locations, not a {@code map}: a {@code map} must stand in the {@code http} block, whereas this file
 * is included in the {@code server} block that serves the folder, beside {@code feedwright.conf}; and nginx
 * looks exact locations up before any other, so a redirect wins over a copy written at the same path.
 * nginx matches a location against the decoded path, so each address is written as it is, in UTF-8, from the
 * host's root. Pure.
 */
final class NginxRedirects {

    /**
     * Written into the output folder: a static host serving it by accident shows what any request for an old
     * address shows anyway (where it redirects); the shipped nginx configuration answers it with 404.
     */
    static final String FILE_NAME = "feedwright-redirects.conf";

    private NginxRedirects() {
    }

    static byte[] write(Redirects redirects) {
        StringBuilder conf = new StringBuilder()
                .append("# Written by `feedwright build`, which replaces it on every build: the site's old feed\n")
                .append("# addresses, each answered with a permanent redirect to the feed that replaced it.\n")
                .append("# Include it in the server block of the host that answers feed_base_url; the paths below are\n")
                .append("# from that host's root (README, \"Old feed addresses\"):\n")
                .append("#   include /path/to/this/folder/").append(FILE_NAME).append(";\n");
        if (redirects.isEmpty()) {
            conf.append("# The site has no old addresses now.\n");
        }
        for (Map.Entry<String, Redirect> redirect : redirects.byPath().entrySet()) {
            conf.append("location = ").append(quoted(requestPath(redirect.getKey(), redirect.getValue())))
                    .append(" { return 301 ")
                    // '$' would start a variable in nginx: in a URL, its escape means the same
                    .append(quoted(redirect.getValue().location().replace("$", "%24"))).append("; }\n");
        }
        return conf.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The old address as a request line names it, from the host's root: under {@code feed_base_url}'s path
     * ({@code /blog/feed.xml}), which the location carries before the target. So the file works included in
     * the {@code server} block of the host that answers {@code feed_base_url}, or in its {@code location /blog/}.
     */
    private static String requestPath(String oldPath, Redirect redirect) {
        String locationPath = URI.create(redirect.location()).getPath();
        // nginx merges runs of slashes before it matches, so a location holding two would never match: a Jekyll
        // site whose url ends in '/' has its feeds under "//".
        return UrlPaths.mergeSlashes(locationPath.substring(0, locationPath.length() - redirect.target().length())
                + oldPath);
    }

    /** An nginx string: in double quotes, with a quote or backslash inside escaped. */
    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
