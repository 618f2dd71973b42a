package feedwright.post;

import feedwright.yaml.FieldReader;
import feedwright.yaml.YamlMap;
import feedwright.yaml.YamlValue;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The bound on terms per post ({@code max_terms_per_post}). Each category and tag makes a feed that
 * repeats the post, so one post with thousands of tags would make thousands of feeds, each holding its
 * whole body: past the bound the post is an error, and like any error it keeps the post out.
 */
final class TermLimit {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private TermLimit() {
    }

    /**
     * Reports an error when {@code count} distinct terms are more than {@code limit}, at the term key
     * that holds the most items (the one to shorten).
     */
    static void check(FieldReader fields, int limit, int count) {
        if (count <= limit) {
            return;
        }
        YamlMap map = fields.map();
        String key = Stream.of("tags", "tag", "categories", "category")
                .filter(name -> map.get(name).isPresent())
                .max(Comparator.comparingInt(name -> items(map.get(name).orElseThrow())))
                .orElseThrow();
        fields.error(map.keyAt(key), key + ": " + count + " categories and tags, more than max_terms_per_post ("
                + limit + ") allows; the post is left out");
    }

    /** How many terms a value holds as written: list items, or the words of one string (Jekyll's rule). */
    private static int items(YamlValue value) {
        if (value.isScalar()) {
            String text = value.text().strip();
            return text.isEmpty() ? 0 : WHITESPACE.split(text).length;
        }
        return value.items().size();
    }
}
