package feedwright.config;

import java.util.List;
import java.util.Objects;

/**
 * Which files are posts and how their bodies are made whole. Immutable.
 *
 * @param postPatterns glob patterns of post file names, matched against the name only
 * @param maxPostBytes posts larger than this are refused
 * @param body         how generated bodies are made whole: end-marker chunks, repeated paragraphs
 */
public record PostSettings(List<String> postPatterns, long maxPostBytes, BodyRules body) {

    public PostSettings {
        postPatterns = List.copyOf(postPatterns);
        Objects.requireNonNull(body, "body");
        if (maxPostBytes < 1) {
            throw new IllegalArgumentException("maxPostBytes must be >= 1");
        }
    }

    static PostSettings from(ConfigValues values) {
        return new PostSettings(values.get(ConfigKeys.POST_PATTERNS), values.get(ConfigKeys.MAX_POST_BYTES),
                new BodyRules(values.get(ConfigKeys.END_MARKER), values.get(ConfigKeys.END_MARKER_MODE),
                        values.get(ConfigKeys.DROP_REPEATED_PARAGRAPHS)));
    }
}
