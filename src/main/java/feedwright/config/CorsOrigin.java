package feedwright.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which other web origins' pages may read what {@code serve} answers (CORS): every origin ({@code *}),
 * one origin ({@code https://reader.example}, written as browsers send it in {@code Origin}), or none.
 * Immutable.
 *
 * @param allowed the {@code Access-Control-Allow-Origin} value; empty for none
 */
public record CorsOrigin(String allowed) {

    /** Every origin: feeds are public, and a browser sends no credentials to a {@code *} answer. */
    public static final CorsOrigin ANY = new CorsOrigin("*");

    /** No CORS fields at all: browsers keep other origins' pages from reading the answers. */
    public static final CorsOrigin NONE = new CorsOrigin("");

    public CorsOrigin {
        Objects.requireNonNull(allowed, "allowed");
    }

    /** The {@code Access-Control-Allow-Origin} value, empty when no origin is allowed. */
    public Optional<String> header() {
        return allowed.isEmpty() ? Optional.empty() : Optional.of(allowed);
    }

    /**
     * The origin {@code url} names, serialised as a browser sends it (RFC 6454 §6.2): lower-case scheme and
     * host, the port only when it is not the scheme's default, nothing after. Empty when {@code url} is not
     * an absolute http(s) URL with a host, or carries user information, a query or a fragment, or a path
     * other than {@code /}: then it names no one origin.
     */
    static Optional<String> serialised(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort = scheme.equals("http") ? 80 : scheme.equals("https") ? 443 : -1;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (defaultPort < 0 || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || !(path.isEmpty() || path.equals("/"))) {
            return Optional.empty();
        }
        int port = uri.getPort();
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (port < 0 || port == defaultPort ? "" : ":" + port));
    }

    /** As site.yml writes it: {@code *}, the origin, or {@code false}. */
    @Override
    public String toString() {
        return allowed.isEmpty() ? "false" : allowed;
    }
}
