package feedwright.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of a permalink pattern ({@code /:year/:month/:day/:slug/}), for site.yml's
 * {@code permalink} and a post's own. A placeholder that is not one of these, in any case, is refused
 * rather than left in the link as text: {@code /:Slug/} would give every post the same URL. Stateless.
 */
public final class PermalinkPattern {

    public static final Set<String> PLACEHOLDERS =
            Set.of("year", "month", "day", "hour", "minute", "second", "slug", "title", "categories");

    /**
     * A colon and a name, not right after a letter or digit: {@code /:Slug/} and {@code /:year-:Month/} are
     * meant as placeholders, {@code javascript:alert} or {@code vim:tips} in a post's path are text.
     */
    private static final Pattern PLACEHOLDER = Pattern.compile("(?<![A-Za-z0-9]):([A-Za-z_]+)");

    private PermalinkPattern() {
    }

    /** Why {@code pattern} cannot be expanded (its first unknown placeholder), or empty when it can. */
    public static Optional<String> unknownPlaceholder(String pattern) {
        Matcher matcher = PLACEHOLDER.matcher(pattern);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!PLACEHOLDERS.contains(name)) {
                String lower = name.toLowerCase(Locale.ROOT);
                return Optional.of("unknown placeholder ':" + name + "' ("
                        + (PLACEHOLDERS.contains(lower) ? "did you mean ':" + lower + "'? " : "") + "known: "
                        + String.join(", ", PLACEHOLDERS.stream().sorted().map(p -> ":" + p).toList()) + ")");
            }
        }
        return Optional.empty();
    }
}
