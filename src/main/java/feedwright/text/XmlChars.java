package feedwright.text;

import java.util.Locale;

/**
 * Characters that XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF, lone surrogates) and the
 * bidirectional overrides that can make a title display as something it is not.
 * Stateless and thread-safe.
 */
public final class XmlChars {

    private XmlChars() {
    }

    /** XML 1.0 §2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
    public static boolean isXmlChar(int codePoint) {
        return codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD
                || (codePoint >= 0x20 && codePoint <= 0xD7FF)
                || (codePoint >= 0xE000 && codePoint <= 0xFFFD)
                || (codePoint >= 0x10000 && codePoint <= 0x10FFFF);
    }

    /** Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). */
    public static boolean isBidiControl(int codePoint) {
        return (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }

    /** Index of the first character XML forbids, or -1. Lone surrogates count as forbidden. */
    public static int firstIllegal(CharSequence text) {
        if (text instanceof String string) {
            return firstIllegal(string);
        }
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            if (!isXmlChar(cp)) { // a lone surrogate comes back as itself, which isXmlChar refuses
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /**
     * {@link #firstIllegal(CharSequence)} of a string, read a block of chars at a time: every post's text and
     * every rendered body goes through this, and a walk by code point (an interface call and a bounds check for
     * each char) was a tenth of a cold build's time. Nearly every char is plainly legal, and a surrogate pair
     * (U+10000 and above, all legal) is the only case that looks at two.
     */
    private static int firstIllegal(String text) {
        int length = text.length();
        char[] block = CharBlocks.buffer();
        int blockStart = 0;
        int blockEnd = 0;
        for (int i = 0; i < length; i++) {
            if (i >= blockEnd) {
                blockStart = i;
                blockEnd = Math.min(length, i + block.length);
                text.getChars(blockStart, blockEnd, block, 0);
            }
            char c = block[i - blockStart];
            // isXmlChar's ranges below U+10000, written out: a call per char is what this scan saves.
            if (c >= 0x20 && c < 0xD800 || c >= 0xE000 && c <= 0xFFFD || c == 0x9 || c == 0xA || c == 0xD) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }

    /** {@code text} without the characters XML forbids; the same instance when there are none. */
    public static String removeIllegal(String text) {
        if (firstIllegal(text) < 0) {
            return text;
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints()
                .filter(XmlChars::isXmlChar)
                .forEach(clean::appendCodePoint);
        return clean.toString();
    }

    /**
     * The warning for {@code clean}, which is {@code removeIllegal(text)}: how many characters went and
     * the first of them, found at {@code firstIllegal}.
     */
    public static String describeRemoval(String text, String clean, int firstIllegal) {
        return String.format(Locale.ROOT, "removed %d control character(s) that XML does not allow (first: U+%04X)",
                text.length() - clean.length(), (int) text.charAt(firstIllegal));
    }

    /** {@code text} without bidirectional control characters. */
    public static String removeBidiControls(String text) {
        if (text.codePoints().noneMatch(XmlChars::isBidiControl)) {
            return text;
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().filter(cp -> !isBidiControl(cp)).forEach(clean::appendCodePoint);
        return clean.toString();
    }
}
