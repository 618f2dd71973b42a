package feedwright.config;

import java.util.Objects;

/**
 * Defaults for {@code serve}; the command line overrides host and port. Immutable.
 *
 * @param maxAge     seconds a cache may reuse a feed without asking again ({@code Cache-Control: max-age})
 * @param corsOrigin which other origins' pages may read the answers
 * @param noindex    whether feeds and the OPML ask search engines not to index them ({@code X-Robots-Tag})
 */
public record ServerSettings(String host, int port, int maxAge, CorsOrigin corsOrigin, boolean noindex) {

    public ServerSettings {
        Objects.requireNonNull(corsOrigin, "corsOrigin");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        if (maxAge < 0) {
            throw new IllegalArgumentException("maxAge must be >= 0");
        }
    }

    static ServerSettings from(ConfigValues values) {
        return new ServerSettings(values.get(ConfigKeys.HOST), values.get(ConfigKeys.PORT),
                values.get(ConfigKeys.MAX_AGE), values.get(ConfigKeys.CORS_ORIGIN), values.get(ConfigKeys.NOINDEX));
    }
}
