package feedwright.testing;

import feedwright.cli.RootCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import picocli.CommandLine;

/**
 * One run of the real command line, with both output streams captured through picocli's writers.
 *
 * @param exitCode what {@code feedwright} would exit with
 */
public record CliRun(int exitCode, String out, String err) {

    /** A "now" after every post of the sample and test sites, so none of them counts as future. */
    public static final Clock AFTER_ALL_POSTS = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    public static CliRun run(String... args) {
        return run(AFTER_ALL_POSTS, args);
    }

    public static CliRun run(Clock clock, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = RootCommand.commandLineFor(clock, args);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The problem lines a command printed ({@code path:line:column: severity: message}), in order. */
    public List<String> problems() {
        return (out + err).lines()
                .filter(line -> line.startsWith("posts/") || line.startsWith("feeds-config/"))
                .toList();
    }

    /** Both streams, for assertion messages: when the exit code is wrong, show everything. */
    public String transcript() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
