package feedwright.config;

/**
 * Defaults for {@code serve}; the command line overrides host and port. Immutable.
 *
 * @param maxAge seconds a cache may reuse a feed without asking again ({@code Cache-Control: max-age})
 */
public record ServerSettings(String host, int port, int maxAge) {

    public ServerSettings {
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
                values.get(ConfigKeys.MAX_AGE));
    }
}
