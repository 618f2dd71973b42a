package feedwright.config;

/**
 * Defaults for {@code serve}; the command line overrides host and port.
 *
 * @param maxAge seconds a cache may reuse a feed without asking again ({@code Cache-Control: max-age})
 */
public record ServerSettings(String host, int port, int maxAge) {

    public static final ServerSettings DEFAULTS = new ServerSettings("127.0.0.1", 8080, 300);

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
}
