package feedwright.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where {@code deploy} uploads the site: a bucket of an S3-compatible object store, a key prefix in it,
 * and how to reach it. The command line overrides each value. Credentials are never here: the AWS SDK
 * finds them its standard ways (environment, profile). Immutable.
 *
 * @param bucket       the bucket's name; empty when the file names none (then the command line must)
 * @param prefix       what every key starts with: empty, or path segments ending in '/' ({@code blog/})
 * @param endpoint     the store's address, for a store other than AWS S3 itself; empty: the SDK's default
 * @param region       the region to sign requests for; empty: the SDK's (AWS_REGION, the profile)
 * @param pathStyle    whether the bucket goes into the path ({@code http://host/bucket/key}) rather than the
 *                     host name, as most S3-compatible stores on one address need
 * @param maxDeletions most objects one deploy may delete; a deploy that would delete more changes nothing
 */
public record DeploySettings(String bucket, String prefix, Optional<URI> endpoint, Optional<String> region,
                             boolean pathStyle, int maxDeletions) {

    public static final int DEFAULT_MAX_DELETIONS = 100;

    /** What a bucket name may be, for messages. */
    public static final String BUCKET_RULE = "a bucket name is letters, digits, '.', '-' and '_' (at most 255)";

    /** What a prefix may be, for messages. */
    public static final String PREFIX_RULE = "a key prefix is path segments such as blog/ or sites/blog/"
            + " (no empty, '.' or '..' segment, no backslash or control character)";

    /**
     * Deliberately looser than AWS's own rule (3 to 63 lower-case characters): S3-compatible stores accept
     * other names, and the store itself refuses what it does not take. This only keeps out what could
     * never be a bucket, such as a slash or a space.
     */
    private static final Pattern BUCKET_NAME = Pattern.compile("[A-Za-z0-9._-]{1,255}");

    public DeploySettings {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        if (!bucket.isEmpty() && !isBucketName(bucket)) {
            throw new IllegalArgumentException(BUCKET_RULE + ": " + bucket);
        }
        if (!normalPrefix(prefix).equals(Optional.of(prefix))) {
            throw new IllegalArgumentException(PREFIX_RULE + ": " + prefix);
        }
        if (maxDeletions < 0) {
            throw new IllegalArgumentException("maxDeletions must be >= 0");
        }
    }

    public static boolean isBucketName(String name) {
        return BUCKET_NAME.matcher(name).matches();
    }

    /**
     * {@code text} as a key prefix: without a leading '/', with a trailing one unless empty ({@code /blog}
     * and {@code blog/} both give {@code blog/}); empty when it is not one ({@link #PREFIX_RULE}).
     */
    public static Optional<String> normalPrefix(String text) {
        String stripped = text.strip();
        int from = 0;
        int to = stripped.length();
        while (from < to && stripped.charAt(from) == '/') {
            from++;
        }
        while (to > from && stripped.charAt(to - 1) == '/') {
            to--;
        }
        String inner = stripped.substring(from, to);
        if (inner.isEmpty()) {
            return Optional.of("");
        }
        if (inner.chars().anyMatch(c -> c == '\\' || Character.isISOControl(c))) {
            return Optional.empty();
        }
        for (String segment : inner.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
        }
        return Optional.of(inner + "/");
    }

    static DeploySettings from(ConfigValues values) {
        String endpoint = values.get(ConfigKeys.ENDPOINT);
        String region = values.get(ConfigKeys.REGION);
        return new DeploySettings(values.get(ConfigKeys.BUCKET), values.get(ConfigKeys.PREFIX),
                endpoint.isEmpty() ? Optional.empty() : Optional.of(URI.create(endpoint)),
                region.isEmpty() ? Optional.empty() : Optional.of(region), values.get(ConfigKeys.PATH_STYLE),
                values.get(ConfigKeys.MAX_DELETIONS));
    }
}
