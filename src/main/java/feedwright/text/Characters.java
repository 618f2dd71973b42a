package feedwright.text;

/** Counting characters in text without copying it. Stateless and thread-safe. */
public final class Characters {

    private Characters() {
    }

    /** How often {@code c} occurs in {@code text}. */
    public static int count(String text, char c) {
        return count(text, c, text.length());
    }

    /** How often {@code c} occurs in {@code text} before index {@code end}. */
    public static int count(String text, char c, int end) {
        int count = 0;
        for (int i = text.indexOf(c); i >= 0 && i < end; i = text.indexOf(c, i + 1)) {
            count++;
        }
        return count;
    }
}
