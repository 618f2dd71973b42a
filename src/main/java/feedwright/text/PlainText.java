package feedwright.text;

import java.util.Locale;
import org.jsoup.Jsoup;

/**
 * Text that feeds show as text: titles, author names, category and tag names, summaries. Feed readers
 * differ in whether they render such fields as HTML (many render an RSS {@code <title>} that way), so
 * markup in them is removed rather than trusted to be escaped: what was a tag can never run anywhere.
 * Stateless and thread-safe.
 */
public final class PlainText {

    private PlainText() {
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
            String next = Jsoup.parseBodyFragment(current).text().strip();
            if (next.equals(current)) {
                return current;
            }
            current = next;
        }
        return current.replace("<", "").replace(">", "");
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
