package feedwright.text;

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

    /**
     * {@code text} with HTML markup removed, entities decoded and whitespace collapsed; the same text,
     * stripped, when it holds neither {@code <} nor {@code &}. Script and style contents are dropped.
     */
    public static String of(String text) {
        if (text.indexOf('<') < 0 && text.indexOf('&') < 0) {
            return text.strip();
        }
        return Jsoup.parseBodyFragment(text).text().strip();
    }
}
