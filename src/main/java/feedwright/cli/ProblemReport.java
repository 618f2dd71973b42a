package feedwright.cli;

import feedwright.problem.Problem;
import java.io.PrintWriter;
import java.util.List;

/** Prints problems, one per line, in the format every command shares; optionally capped. */
final class ProblemReport {

    private ProblemReport() {
    }

    /** Prints at most {@code max} problems and says how many more there were. */
    static void print(PrintWriter out, List<Problem> problems, int max) {
        problems.stream().limit(max).forEach(out::println);
        if (problems.size() > max) {
            out.printf("... and %d more (feedwright check lists them all)%n", problems.size() - max);
        }
    }

    static String counts(List<Problem> problems) {
        long errors = problems.stream().filter(Problem::isError).count();
        long warnings = problems.stream().filter(Problem::isWarning).count();
        long infos = problems.size() - errors - warnings;
        // Repairs are news only where a site has them: other sites' summaries stay as they were.
        return plural(errors, "error") + ", " + plural(warnings, "warning") + (infos > 0 ? ", " + infos + " info" : "");
    }

    static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
