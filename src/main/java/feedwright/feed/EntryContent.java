package feedwright.feed;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An entry's HTML body, together with the same HTML as XML character data in UTF-8: {@code & < >} and
 * CR escaped, every other character (all legal, {@link feedwright.text.XmlChars} saw to that) written as
 * UTF-8. JDOM would write the same except for characters outside the Basic Multilingual Plane, which it
 * writes as character references; both spell the same text for any XML parser. Made once per rendered
 * post and shared by every feed, in both XML formats, that shows the post,
 * so writing a feed copies bytes instead of escaping the same HTML again ({@link XmlDocuments#write}).
 * Immutable: the array is never changed after construction, and {@link #xmlText()} must not be either.
 *
 * @param html    sanitised HTML; empty when the site publishes summaries only
 * @param xmlText {@code html} escaped as XML text, UTF-8
 */
public record EntryContent(String html, byte[] xmlText) {

    public static final EntryContent NONE = new EntryContent("", new byte[0]);

    public EntryContent {
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(xmlText, "xmlText");
    }

    public static EntryContent of(String html) {
        return html.isEmpty() ? NONE : new EntryContent(html, escape(html).getBytes(StandardCharsets.UTF_8));
    }

    public boolean isEmpty() {
        return html.isEmpty();
    }

    private static String escape(String text) {
        StringBuilder out = null;
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            String escaped = switch (text.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '\r' -> "&#xD;";
                default -> null;
            };
            if (escaped != null) {
                if (out == null) {
                    out = new StringBuilder(text.length() + text.length() / 8);
                }
                out.append(text, from, i).append(escaped);
                from = i + 1;
            }
        }
        return out == null ? text : out.append(text, from, text.length()).toString();
    }
}
