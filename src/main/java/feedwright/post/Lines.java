package feedwright.post;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The lines of a text ({@code \n} ends), found once and cut out only when asked for: most lines of a body
 * are only looked at (is it blank, does it hold the marker), and copying every one of them was the larger
 * part of repairing a typical post. Line {@code i} runs from {@link #start} to the next line break; a text
 * ending in a line break has an empty last line, as {@code split("\n", -1)} gives. Immutable.
 */
final class Lines {

    private final String text;
    /** Where each line starts, and one past the end of the text as the start of a line after the last. */
    private final int[] starts;

    private Lines(String text, int[] starts) {
        this.text = text;
        this.starts = starts;
    }

    static Lines of(String text) {
        int[] starts = new int[Math.max(16, text.length() / 64)];
        int count = 1;
        for (int at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
            if (count + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[count++] = at + 1;
        }
        starts[count] = text.length() + 1;
        return new Lines(text, Arrays.copyOf(starts, count + 1));
    }

    int count() {
        return starts.length - 1;
    }

    String get(int line) {
        return text.substring(starts[line], end(line));
    }

    /** Offset of the line's first character in the text. */
    int start(int line) {
        return starts[line];
    }

    boolean isBlank(int line) {
        for (int i = starts[line]; i < end(line); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The lines that hold {@code part}, found with one pass of {@link String#indexOf} over the text (the
     * JDK's fast search) rather than a search per line.
     */
    BitSet containing(String part) {
        BitSet found = new BitSet();
        for (int at = text.indexOf(part); at >= 0; ) {
            int line = lineAt(at);
            found.set(line);
            int next = starts[line + 1]; // the rest of this line need not be searched
            at = next > text.length() ? -1 : text.indexOf(part, next);
        }
        return found;
    }

    private int lineAt(int offset) {
        int found = Arrays.binarySearch(starts, offset);
        return found >= 0 ? found : -found - 2;
    }

    /** The line's first character that is not white space, or a space when it has none. */
    char firstNonSpace(int line) {
        for (int i = starts[line]; i < end(line); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return text.charAt(i);
            }
        }
        return ' ';
    }

    boolean startsWithSpace(int line) {
        return starts[line] < end(line) && Character.isWhitespace(text.charAt(starts[line]));
    }

    private int end(int line) {
        return starts[line + 1] - 1;
    }
}
