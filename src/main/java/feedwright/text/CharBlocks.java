package feedwright.text;

/**
 * Each thread's buffer for looking through a string a block of chars at a time ({@link String#getChars} into it, then
 * a plain loop over an array): every post's text, every rendered body and every string of every document is looked
 * through so, and a look at each char through {@code charAt} costs a call and a bounds check each. Kept per thread
 * rather than made per string, since a block made for each of the hundreds of thousands of strings a build looks
 * through moved when its collections came, and so its peak memory. A scan must not start another while it uses it.
 */
public final class CharBlocks {

    /** How many chars a block holds. */
    public static final int SIZE = 2048;

    private static final ThreadLocal<char[]> BUFFER = ThreadLocal.withInitial(() -> new char[SIZE]);

    private CharBlocks() {
    }

    /** This thread's block. */
    public static char[] buffer() {
        return BUFFER.get();
    }
}
