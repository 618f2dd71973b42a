package feedwright.post;

import feedwright.text.Digests;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns terms and file names into URL path segments. A slug keeps Unicode letters and digits (so
 * {@code 投資分析} stays readable), folds case and compatibility forms (full-width {@code ＡＩ} is
 * {@code ai}), and turns every other run of characters into one {@code -}. It can never be empty,
 * {@code .}, {@code ..} or contain a separator or control character, so it is always a safe folder name.
 * Stateless and thread-safe.
 */
public final class Slugs {

    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{M}\\p{Nd}]+");
    private static final Pattern JEKYLL_DATE_PREFIX = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}-");
    private static final int MAX_LENGTH = 80;

    private Slugs() {
    }

    /** The slug of a category or tag. Terms whose slugs are equal are one term. */
    public static String ofTerm(String term) {
        String folded = Normalizer.normalize(term, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String slug = NOT_LETTER_OR_DIGIT.matcher(folded).replaceAll("-");
        slug = trimDashes(slug);
        if (slug.codePointCount(0, slug.length()) > MAX_LENGTH) {
            slug = trimDashes(slug.substring(0, slug.offsetByCodePoints(0, MAX_LENGTH)));
        }
        // A term made only of punctuation or symbols ("..", "/", "C++" minus letters...) still needs a
        // distinct, stable name: derive one from the term itself.
        return slug.isEmpty() ? "term-" + shortHash(term) : slug;
    }

    /** A post's slug: its file name without extension and without a Jekyll {@code YYYY-MM-DD-} prefix. */
    public static String ofPostFile(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String base = dot > 0 ? fileName.substring(0, dot) : fileName;
        String withoutDate = JEKYLL_DATE_PREFIX.matcher(base).replaceFirst("");
        return withoutDate.isEmpty() ? base : withoutDate;
    }

    private static String trimDashes(String slug) {
        int start = 0;
        int end = slug.length();
        while (start < end && slug.charAt(start) == '-') {
            start++;
        }
        while (end > start && slug.charAt(end - 1) == '-') {
            end--;
        }
        return slug.substring(start, end);
    }

    private static String shortHash(String text) {
        return HexFormat.of().formatHex(Digests.sha256(text), 0, 4);
    }
}
