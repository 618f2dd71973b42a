package feedwright.text;

import java.util.Locale;

/**
 * Text about to be printed on one line of a terminal or log: a file name or a message quoting a post.
 * File names and front matter may hold any character, and printed raw a newline forges a second report
 * line, an escape sequence recolours or rewrites the terminal, and a bidirectional override makes a line
 * read as something it is not. Those characters are shown as visible escapes instead ({@code \n},
 * {@code \x1b}, {@code \u202e}). Stateless and thread-safe.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /** {@code text} with every control, line-separator and bidirectional control character escaped. */
    public static String escapeControls(String text) {
        int first = 0;
        while (first < text.length() && !isEscaped(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isEscaped(c)) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c <= 0xFF) {
                out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static boolean isEscaped(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || XmlChars.isBidiControl(c);
    }
}
