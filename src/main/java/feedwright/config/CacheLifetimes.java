package feedwright.config;

/**
 * How long caches may keep what Feedwright publishes, in seconds, and the one {@code Cache-Control} value
 * that says so: the same for {@code serve}'s answers and for the objects {@code deploy} uploads, so that a
 * feed behind a CDN or Varnish is kept exactly as long as one read from {@code serve} directly. Immutable.
 *
 * @param maxAge               what a reader's own cache may keep ({@code max-age})
 * @param sharedMaxAge         what a shared cache (Varnish, a CDN) may keep ({@code s-maxage}); it revalidates
 *                             with the strong ETag when that runs out
 * @param staleWhileRevalidate how long a shared cache may answer with an expired copy while it fetches a new
 *                             one in the background (RFC 5861); 0 leaves the directive out
 * @param staleIfError         how long a shared cache may answer with an expired copy when the origin fails
 *                             or cannot be reached (RFC 5861); 0 leaves the directive out
 */
public record CacheLifetimes(int maxAge, int sharedMaxAge, int staleWhileRevalidate, int staleIfError) {

    /**
     * The {@code Cache-Control} of an archive page that is not its feed's newest (RFC 5005 §4): its posts are
     * fixed, so caches keep it a year and never revalidate it (RFC 8246).
     */
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";

    public CacheLifetimes {
        if (maxAge < 0 || sharedMaxAge < 0 || staleWhileRevalidate < 0 || staleIfError < 0) {
            throw new IllegalArgumentException("cache lifetimes must be >= 0");
        }
    }

    /**
     * The {@code Cache-Control} of a resource: a year's {@link #IMMUTABLE} for a settled archive page, else
     * {@code site}'s own (the one rule serve, serve --published and deploy follow).
     */
    public static String of(boolean immutable, String site) {
        return immutable ? IMMUTABLE : site;
    }

    /** {@code public, max-age=300, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400}. */
    public String cacheControl() {
        StringBuilder value = new StringBuilder("public, max-age=").append(maxAge).append(", s-maxage=").append(sharedMaxAge);
        if (staleWhileRevalidate > 0) {
            value.append(", stale-while-revalidate=").append(staleWhileRevalidate);
        }
        if (staleIfError > 0) {
            value.append(", stale-if-error=").append(staleIfError);
        }
        return value.toString();
    }
}
