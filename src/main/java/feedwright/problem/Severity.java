package feedwright.problem;

import java.util.Locale;

/**
 * How bad a problem is: an error keeps the post (or the config) out, a warning asks the writer to look,
 * and an info says what Feedwright repaired on its own (nothing is wrong with the output).
 */
public enum Severity {
    ERROR, WARNING, INFO;

    /** The lower-case word used in reports: {@code error}, {@code warning} or {@code info}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
