package feedwright.feed;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A feed's title or description with placeholders: {@code {site}} (the site's title), {@code {about}} (its
 * description, or its title when it has none) and {@code {term}} (the category's or tag's name). Filled in
 * one pass, so a name that itself holds {@code {site}} is written as it is. Immutable.
 */
public record TextTemplate(String text) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(site|about|term)}");

    public TextTemplate {
        Objects.requireNonNull(text, "text");
    }

    public String fill(String site, String about, String term) {
        Matcher placeholders = PLACEHOLDER.matcher(text);
        if (!placeholders.find()) {
            return text;
        }
        return placeholders.replaceAll(found -> Matcher.quoteReplacement(switch (found.group(1)) {
            case "site" -> site;
            case "about" -> about;
            default -> term;
        }));
    }
}
