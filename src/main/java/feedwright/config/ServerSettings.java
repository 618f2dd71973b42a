package feedwright.config;

import java.util.Objects;

/**
 * Defaults for {@code serve}; the command line overrides host and port. Immutable.
 *
 * @param cache      how long readers' and shared caches may keep what is published ({@code Cache-Control})
 * @param corsOrigin which other origins' pages may read the answers
 * @param noindex    whether feeds and the OPML ask search engines not to index them ({@code X-Robots-Tag})
 * @param polling    polite polling: limits on readers that poll too often, and {@code /stats}
 */
public record ServerSettings(String host, int port, CacheLifetimes cache, CorsOrigin corsOrigin, boolean noindex,
                             PollingSettings polling) {

    public ServerSettings {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(corsOrigin, "corsOrigin");
        Objects.requireNonNull(polling, "polling");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
    }

    /** Seconds a reader may reuse a feed without asking again: {@code max-age}, and the feeds' polling hints. */
    public int maxAge() {
        return cache.maxAge();
    }

    static ServerSettings from(ConfigValues values) {
        CacheLifetimes cache = new CacheLifetimes(values.get(ConfigKeys.MAX_AGE), values.get(ConfigKeys.S_MAXAGE),
                values.get(ConfigKeys.STALE_WHILE_REVALIDATE), values.get(ConfigKeys.STALE_IF_ERROR));
        return new ServerSettings(values.get(ConfigKeys.HOST), values.get(ConfigKeys.PORT), cache,
                values.get(ConfigKeys.CORS_ORIGIN), values.get(ConfigKeys.NOINDEX), PollingSettings.from(values));
    }
}
