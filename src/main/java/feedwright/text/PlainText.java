package feedwright.text;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.parser.Tag;

/**
 * Text that feeds show as text: titles, author names, category and tag names, summaries. Feed readers
 * differ in whether they render such fields as HTML (many render an RSS {@code <title>} that way), so
 * markup in them is removed rather than trusted to be escaped: what was a tag can never run anywhere.
 * Stateless and thread-safe.
 */
public final class PlainText {

    private PlainText() {
    }

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** {@code text} on one line: every run of white space (line breaks too) one space, none at either end. */
    public static String oneLine(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    /** Enough for text that escapes markup twice over; beyond it, what is left loses its angle brackets. */
    private static final int MAX_PASSES = 3;

    /**
     * {@code text}, stripped, with HTML markup removed and entities decoded (which also collapses runs of
     * whitespace); text holding neither {@code <} nor {@code &} is only stripped. Script and style
     * contents are dropped.
     * Decoding can turn {@code &lt;script&gt;} back into markup, so the text is cleaned again until it
     * no longer changes: no form of a tag survives into a field that some reader renders as HTML.
     */
    public static String of(String text) {
        String current = text.strip();
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            if (current.indexOf('<') < 0 && current.indexOf('&') < 0) {
                return current;
            }
            String next = Jsoup.parseBodyFragment(escapeTextualAngles(current)).text().strip();
            if (next.equals(current)) {
                return current;
            }
            current = next;
        }
        return current.replace("<", "").replace(">", "");
    }

    /**
     * {@code text} with {@code <} written as {@code &lt;} where it does not open HTML: before a name HTML does
     * not know, in a "tag" without an attribute value ({@code Vec<String>}, {@code Map<K, List<V>>},
     * {@code Box<dyn Error>}). jsoup would parse each as an element and drop it with its text. What stays a
     * tag is what could carry behaviour: a known element ({@code <b>}, {@code <script>}), a closing tag,
     * or any name with an {@code =} before its {@code >} ({@code <x onmouseover=…>}). Kept as text, such a
     * "tag" could only ever be an empty unknown element in a reader that renders the field as HTML.
     */
    private static String escapeTextualAngles(String text) {
        StringBuilder out = null;
        int from = 0;
        for (int at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at + 1)) {
            if (isTextualAngle(text, at)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16);
                }
                out.append(text, from, at).append("&lt;");
                from = at + 1;
            }
        }
        return out == null ? text : out.append(text, from, text.length()).toString();
    }

    private static boolean isTextualAngle(String text, int at) {
        int nameStart = at + 1;
        if (nameStart >= text.length() || !isAsciiLetter(text.charAt(nameStart))) {
            return false; // "</x>", "<!--", "< 2": jsoup's own rules apply
        }
        // The name as the HTML tokenizer reads it: up to whitespace, '/' or '>'.
        int nameEnd = nameStart;
        while (nameEnd < text.length() && !Character.isWhitespace(text.charAt(nameEnd))
                && text.charAt(nameEnd) != '/' && text.charAt(nameEnd) != '>') {
            nameEnd++;
        }
        if (Tag.isKnownTag(text.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT))) {
            return false;
        }
        int close = text.indexOf('>', nameEnd);
        return text.substring(nameStart, close < 0 ? text.length() : close).indexOf('=') < 0;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /**
     * Whether {@code plain}, which is {@code of(text)}, lost markup that {@code text} held (written as a tag
     * or as escaped angle brackets), rather than only having an entity such as {@code &amp;} decoded.
     */
    public static boolean removesMarkup(String text, String plain) {
        String lower = text.toLowerCase(Locale.ROOT);
        return (text.indexOf('<') >= 0 || lower.contains("&lt;") || lower.contains("&#60;") || lower.contains("&#x3c;"))
                && !plain.equals(text.strip());
    }
}
