package feedwright.config;

import java.util.List;
import java.util.Objects;

/**
 * Which files are posts and how their bodies are made whole. Immutable.
 *
 * @param postPatterns glob patterns of post file names, matched against the name only
 * @param maxPostBytes posts larger than this are refused
 * @param body         how generated bodies are made whole: end-marker chunks, repeated paragraphs
 * @param folder       the folder holding the posts, relative to the site: {@code posts}, or a Jekyll site's
 *                     {@code _posts}
 */
public record PostSettings(List<String> postPatterns, long maxPostBytes, BodyRules body, String folder) {

    /** The posts folder of a Feedwright site, relative to it. */
    public static final String POSTS_FOLDER = "posts";

    public PostSettings {
        postPatterns = List.copyOf(postPatterns);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(folder, "folder");
        if (maxPostBytes < 1) {
            throw new IllegalArgumentException("maxPostBytes must be >= 1");
        }
    }

    static PostSettings from(ConfigValues values, String folder) {
        return new PostSettings(values.get(ConfigKeys.POST_PATTERNS), values.get(ConfigKeys.MAX_POST_BYTES),
                new BodyRules(values.get(ConfigKeys.END_MARKER), values.get(ConfigKeys.END_MARKER_MODE),
                        values.get(ConfigKeys.DROP_REPEATED_PARAGRAPHS)), folder);
    }
}
