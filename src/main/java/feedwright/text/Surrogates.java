package feedwright.text;

/**
 * Lone surrogates: a high surrogate not followed by a low one, or a low one not preceded by a high one. UTF-8 has no
 * form for them (Java's encoder writes {@code ?}), so text about to be written as UTF-8 is looked through for them.
 * Stateless and thread-safe.
 */
public final class Surrogates {

    private Surrogates() {
    }

    /**
     * Index of the first lone surrogate in {@code text}, or -1; read a block of chars at a time ({@link CharBlocks}):
     * every string the post cache stores, bodies among them, goes through here.
     */
    public static int firstLone(String text) {
        int length = text.length();
        char[] block = CharBlocks.buffer();
        int start = 0;
        while (start < length) {
            int end = Math.min(length, start + block.length);
            text.getChars(start, end, block, 0);
            int next = end;
            for (int i = 0; i < end - start; i++) {
                char c = block[i];
                if (c < '\uD800' || c > '\uDFFF') {
                    continue;
                }
                int at = start + i;
                // A low surrogate met here has no high one before it: a pair's low half is stepped over below.
                if (c >= '\uDC00' || at + 1 == length || !Character.isLowSurrogate(text.charAt(at + 1))) {
                    return at;
                }
                if (at + 1 == end) {
                    next = end + 1; // the pair's low half opens the next block
                    break;
                }
                i++;
            }
            start = next;
        }
        return -1;
    }

    /**
     * {@code text} with every lone surrogate replaced by U+FFFD, as a UTF-8 decoder does; the same instance when there
     * is none.
     */
    public static String replaceLone(String text) {
        int lone = firstLone(text);
        if (lone < 0) {
            return text;
        }
        // Rare (the post reader removes them), so one pass over a copy from the first: each char once.
        char[] chars = text.toCharArray();
        for (int i = lone; i < chars.length; i++) {
            if (Character.isHighSurrogate(chars[i]) && i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
                i++;
            } else if (Character.isSurrogate(chars[i])) {
                chars[i] = '\uFFFD';
            }
        }
        return new String(chars);
    }
}
