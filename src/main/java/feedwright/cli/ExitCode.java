package feedwright.cli;

/** What the process's exit status means; documented in the README. */
public enum ExitCode {
    /** Done; there may have been warnings. */
    OK(0),
    /** A post has an error ({@code check}, or {@code build --strict}); everything else was still done. */
    POST_ERRORS(1),
    /** The command line was wrong. */
    USAGE(2),
    /** {@code feeds-config/site.yml} is missing or broken; nothing was written. */
    CONFIG_ERROR(3),
    /**
     * Reading or writing files or objects failed, or the server could not start; also when the locale is not UTF-8, so
     * file names could not be read or written faithfully and nothing was tried.
     */
    IO_ERROR(4),
    /**
     * {@code deploy} stopped before changing anything: it would have deleted more objects than allowed
     * ({@code deploy.max_deletions}, {@code --max-deletions}).
     */
    DEPLOY_REFUSED(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
