package feedwright.problem;

/** How bad a problem is: an error keeps the post (or the config) out, a warning only informs. */
public enum Severity {
    ERROR, WARNING;

    /** The lower-case word used in reports: {@code error} or {@code warning}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
