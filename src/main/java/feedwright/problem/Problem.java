package feedwright.problem;

import feedwright.text.PlainText;
import feedwright.text.TerminalText;
import java.util.Comparator;
import java.util.Objects;

/**
 * One thing wrong with an input file, located like a compiler message: {@code file:line:column}.
 * Lines and columns start at 1; 0 means "the whole file" (for example "file is too large").
 *
 * @param file    the file as the user should see it, relative to the site folder, with '/' separators
 * @param line    1-based line, or 0 when the problem is not tied to a line
 * @param column  1-based column, or 0
 */
public record Problem(String file, int line, int column, Severity severity, String message) {

    /** Reports list problems by file, then position, so output is stable from run to run. */
    public static final Comparator<Problem> ORDER = Comparator.comparing(Problem::file)
            .thenComparingInt(Problem::line)
            .thenComparingInt(Problem::column)
            .thenComparing(Problem::severity)
            .thenComparing(Problem::message);

    /** How much of an unexpected exception's message a problem quotes. */
    private static final int MAX_DETAIL = 200;

    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be >= 0");
        }
    }

    /** An error about the whole file (too large, unreadable, not found): line and column 0. */
    public static Problem error(String file, String message) {
        return error(file, 0, 0, message);
    }

    /** A warning about the whole file: line and column 0. */
    public static Problem warning(String file, String message) {
        return warning(file, 0, 0, message);
    }

    public static Problem error(String file, int line, int column, String message) {
        return new Problem(file, line, column, Severity.ERROR, message);
    }

    public static Problem warning(String file, int line, int column, String message) {
        return new Problem(file, line, column, Severity.WARNING, message);
    }

    public static Problem info(String file, int line, int column, String message) {
        return new Problem(file, line, column, Severity.INFO, message);
    }

    /**
     * An error for a file whose processing threw where nothing should (a bug, or input no check foresaw):
     * reported against that file, which is left out, instead of ending the run for every other file.
     *
     * @param stage what could not be done, as in "could not be rendered"
     */
    public static Problem unexpected(String file, String stage, Throwable thrown) {
        String detail = thrown.getMessage() == null ? "" : PlainText.oneLine(thrown.getMessage());
        if (detail.codePointCount(0, detail.length()) > MAX_DETAIL) {
            detail = detail.substring(0, detail.offsetByCodePoints(0, MAX_DETAIL)) + "…";
        }
        return error(file, "could not be " + stage + ": unexpected " + thrown.getClass().getSimpleName()
                + (detail.isEmpty() ? "" : " (" + detail + ")") + "; left out");
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public boolean isWarning() {
        return severity == Severity.WARNING;
    }

    /**
     * {@code posts/a.md:3:7: error: date 'x' is not a date}, the one format every text report and log uses:
     * always one line, with control characters from file names or quoted text shown as escapes.
     */
    @Override
    public String toString() {
        return TerminalText.escapeControls(file) + ":" + line + ":" + column + ": " + severity.label() + ": "
                + TerminalText.escapeControls(message);
    }
}
