package feedwright.post;

import feedwright.text.Digests;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns terms and file names into URL path segments. A slug keeps Unicode letters and digits (so
 * {@code 投資分析} stays readable), folds case and compatibility forms (full-width {@code ＡＩ} is
 * {@code ai}), spells out the symbols that name programming languages ({@code C#} is {@code c-sharp}),
 * and turns every other run of characters into one {@code -}. It can never be empty,
 * {@code .}, {@code ..} or contain a separator or control character, so it is always a safe folder name.
 * Stateless and thread-safe.
 */
public final class Slugs {

    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{M}\\p{Nd}]+");
    /*
     * Symbols that tell terms apart which would otherwise share a slug, as programming languages and
     * platforms do: C, C#, C++, F#, .NET. Each is spelt out only where it is part of a name (after a
     * letter or digit, or a dot that starts one), so "#hashtag", "Q&A" and "Node.js" keep the slugs they
     * always had.
     */
    private static final Pattern SHARPS = Pattern.compile("(?<=[\\p{L}\\p{M}\\p{Nd}])[#♯]+");
    private static final Pattern PLUSES = Pattern.compile("(?<=[\\p{L}\\p{M}\\p{Nd}])\\++");
    private static final Pattern LEADING_DOT = Pattern.compile("^\\.(?=[\\p{L}\\p{Nd}])");
    private static final Pattern JEKYLL_DATE_PREFIX = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}-");
    /** At most this many characters: long enough for a phrase, short enough to read in a URL. */
    private static final int MAX_LENGTH = 80;
    /**
     * And at most this many bytes of UTF-8, because the slug is a folder name that {@code build} writes
     * ({@code tags/<slug>/rss.xml}) and file systems limit names in bytes (255 on Linux). 240 keeps every
     * slug of 80 characters of up to three bytes each (all of the BMP, CJK included) as it always was, and
     * cuts only those of four-byte letters, which used to pass {@code check} and then fail {@code build}.
     */
    public static final int MAX_BYTES = 240;

    private Slugs() {
    }

    /**
     * The slug of a category or tag. Terms whose slugs are equal are one term, so the slug keeps what tells
     * names apart ({@code C}, {@code C#}, {@code C++}) and folds only what does not (case, width, spaces).
     */
    public static String ofTerm(String term) {
        String folded = Normalizer.normalize(term, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String slug = NOT_LETTER_OR_DIGIT.matcher(spellSymbols(folded)).replaceAll("-");
        slug = trimDashes(shortened(trimDashes(slug)));
        // A term made only of punctuation or symbols ("..", "/", "C++" minus letters...) still needs a
        // distinct, stable name: derive one from the term itself.
        return slug.isEmpty() ? "term-" + shortHash(term) : slug;
    }

    /** {@code c#} → {@code c-sharp}, {@code c++} → {@code c-plus-plus}, {@code .net} → {@code dot-net}. */
    private static String spellSymbols(String folded) {
        String spelt = SHARPS.matcher(folded).replaceAll(run -> "-sharp".repeat(run.group().length()));
        spelt = PLUSES.matcher(spelt).replaceAll(run -> "-plus".repeat(run.group().length()));
        return LEADING_DOT.matcher(spelt).replaceFirst("dot-");
    }

    /** A post's slug: its file name without extension and without a Jekyll {@code YYYY-MM-DD-} prefix. */
    public static String ofPostFile(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String base = dot > 0 ? fileName.substring(0, dot) : fileName;
        String withoutDate = JEKYLL_DATE_PREFIX.matcher(base).replaceFirst("");
        return withoutDate.isEmpty() ? base : withoutDate;
    }

    /** The longest prefix of whole code points within {@link #MAX_LENGTH} characters and {@link #MAX_BYTES}. */
    private static String shortened(String slug) {
        int end = 0;
        int bytes = 0;
        for (int count = 0; end < slug.length() && count < MAX_LENGTH; count++) {
            int codePoint = slug.codePointAt(end);
            bytes += utf8Length(codePoint);
            if (bytes > MAX_BYTES) {
                break;
            }
            end += Character.charCount(codePoint);
        }
        return slug.substring(0, end);
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
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
