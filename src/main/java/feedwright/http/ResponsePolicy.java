package feedwright.http;

import feedwright.config.CacheLifetimes;
import feedwright.config.CorsOrigin;
import feedwright.config.ServerSettings;
import java.util.Objects;

/**
 * What the site's configuration adds to every answer about a resource: how long a cache may keep it
 * ({@code Cache-Control}), which other origins' pages may read it (CORS), and whether feeds ask search
 * engines to stay away ({@code X-Robots-Tag}). Immutable.
 *
 * @param cacheControl  the {@code Cache-Control} value ({@link CacheLifetimes#cacheControl()})
 * @param cors          which origins get {@code Access-Control-Allow-Origin}
 * @param noindex       whether feeds and the OPML carry {@code X-Robots-Tag: noindex}
 */
public record ResponsePolicy(String cacheControl, CorsOrigin cors, boolean noindex) {

    public ResponsePolicy {
        Objects.requireNonNull(cacheControl, "cacheControl");
        Objects.requireNonNull(cors, "cors");
    }

    /** The {@code Cache-Control} of one resource: {@link CacheLifetimes#IMMUTABLE} for a settled archive page. */
    public String cacheControl(boolean immutable) {
        return CacheLifetimes.of(immutable, cacheControl);
    }

    /** The policy {@code site.yml}'s {@code server} section sets. */
    public static ResponsePolicy of(ServerSettings server) {
        return new ResponsePolicy(server.cache().cacheControl(), server.corsOrigin(), server.noindex());
    }
}
