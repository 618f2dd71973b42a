package feedwright.config;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * The site's validated configuration, read from {@code feeds-config/site.yml} by {@link ConfigLoader}.
 * Everything downstream trusts these values. Immutable.
 *
 * @param baseUrl      absolute http(s) URL of the site, ending in '/'; post links are made from it
 * @param feedBaseUrl  absolute URL the feed files are published under, ending in '/'
 * @param timezone     zone for dates written without an offset, and for permalink dates
 * @param limit        most entries in one feed
 * @param permalink    pattern such as {@code /:year/:month/:day/:slug/}
 * @param body         how generated bodies are made whole: end-marker chunks, repeated paragraphs
 * @param future       whether posts dated after the build time are published
 * @param postPatterns glob patterns of post file names, matched against the name only
 * @param maxPostBytes posts larger than this are refused
 * @param maxTermsPerPost a post with more categories and tags than this (together) is refused: each term
 *                     makes a feed that repeats the post
 */
public record SiteConfig(
        String title,
        String description,
        URI baseUrl,
        URI feedBaseUrl,
        String language,
        String author,
        ZoneId timezone,
        int limit,
        ContentMode content,
        String permalink,
        BodyRules body,
        boolean future,
        List<String> postPatterns,
        long maxPostBytes,
        int maxTermsPerPost,
        ServerSettings server) {

    public static final int DEFAULT_LIMIT = 20;
    public static final long DEFAULT_MAX_POST_BYTES = 1024L * 1024;
    public static final int DEFAULT_MAX_TERMS_PER_POST = 100;
    public static final String DEFAULT_PERMALINK = "/:year/:month/:day/:slug/";
    public static final List<String> DEFAULT_POST_PATTERNS = List.of("*.md", "*.markdown", "*.txt");

    public SiteConfig {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(feedBaseUrl, "feedBaseUrl");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(permalink, "permalink");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(server, "server");
        postPatterns = List.copyOf(postPatterns);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1");
        }
        if (maxPostBytes < 1) {
            throw new IllegalArgumentException("maxPostBytes must be >= 1");
        }
        if (maxTermsPerPost < 1) {
            throw new IllegalArgumentException("maxTermsPerPost must be >= 1");
        }
    }

    /** The host name used in entry ids ({@code tag:host,date:slug}). */
    public String idAuthority() {
        return baseUrl.getHost();
    }
}
