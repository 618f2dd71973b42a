package feedwright.http;

import feedwright.config.CorsOrigin;
import feedwright.config.ServerSettings;
import java.util.Objects;

/**
 * What the site's configuration adds to every answer about a resource: how long a cache may keep it
 * ({@code Cache-Control}), which other origins' pages may read it (CORS), and whether feeds ask search
 * engines to stay away ({@code X-Robots-Tag}). Immutable.
 *
 * @param maxAgeSeconds {@code Cache-Control: public, max-age=N}
 * @param cors          which origins get {@code Access-Control-Allow-Origin}
 * @param noindex       whether feeds and the OPML carry {@code X-Robots-Tag: noindex}
 */
public record ResponsePolicy(int maxAgeSeconds, CorsOrigin cors, boolean noindex) {

    public ResponsePolicy {
        Objects.requireNonNull(cors, "cors");
        if (maxAgeSeconds < 0) {
            throw new IllegalArgumentException("maxAgeSeconds must be >= 0");
        }
    }

    /** The policy {@code site.yml}'s {@code server} section sets. */
    public static ResponsePolicy of(ServerSettings server) {
        return new ResponsePolicy(server.maxAge(), server.corsOrigin(), server.noindex());
    }
}
