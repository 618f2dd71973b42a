package feedwright.cli;

import feedwright.Version;
import feedwright.config.ConfigException;
import feedwright.config.ConfigLoader;
import feedwright.feed.FeedFormats;
import feedwright.text.FileNames;
import feedwright.websub.HubLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code feedwright}: the command tree. {@link #commandLine} builds it ready to run. Its scope is
 * inherited so that every subcommand answers {@code --help} and {@code --version} too.
 */
@Command(name = "feedwright", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = RootCommand.VersionProvider.class,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:done (warnings may have been printed)",
            "1:a post has an error (check, build --strict)",
            "2:wrong command line",
            "3:feeds-config/site.yml is missing or broken; nothing was written",
            "4:reading or writing files or objects failed (also: the locale is not UTF-8), or the server could not start",
            "5:deploy stopped before changing anything: it would delete more objects than allowed"})
public final class RootCommand {

    /** The help text's description, naming the registered formats with their versions. */
    static final String DESCRIPTION = "Turns a folder of blog posts into "
            + FeedFormats.listed(format -> format.label() + " " + format.version())
            + " feeds: site-wide, per category, per tag.";

    private RootCommand() {
    }

    /** The subcommands' names ({@code @Command(name)} of each), in the order the root's help lists them. */
    static final List<String> SUBCOMMANDS = List.of(BuildCommand.NAME, CheckCommand.NAME, ServeCommand.NAME,
            DeployCommand.NAME);

    /** The full command line; {@code clock} supplies "now" for deciding which posts are in the future. */
    public static CommandLine commandLine(Clock clock) {
        return commandLine(clock, HubLimits.DEFAULTS);
    }

    /**
     * As {@link #commandLine(Clock)}, with the WebSub timeouts and retries (the built-in hub's and the pings'; tests
     * shorten them).
     */
    static CommandLine commandLine(Clock clock, HubLimits hubLimits) {
        return tree(clock, hubLimits, name -> true);
    }

    /**
     * The command line to run {@code args}: when their first word names a subcommand, the root with that subcommand
     * alone, else the whole tree. Picocli makes each command's model by reflection over its annotations, mostly
     * interpreted at that point of a start: for the three commands a run does not use, some 15 ms of a run that names
     * its command (a twentieth of a rebuild of 1,000 posts that finds nothing changed: 0.295 s against 0.31 s, 10
     * paired runs). The whole tree is needed only by the root's help, which lists them, and to tell a misspelt
     * command from the others. An option first ({@code --help build}) is the root's, so it gets the whole tree too.
     */
    public static CommandLine commandLineFor(Clock clock, String... args) {
        if (args.length > 0 && SUBCOMMANDS.contains(args[0])) {
            return tree(clock, HubLimits.DEFAULTS, args[0]::equals);
        }
        return commandLine(clock);
    }

    private static CommandLine tree(Clock clock, HubLimits hubLimits, Predicate<String> wanted) {
        CommandLine commandLine = new CommandLine(new RootCommand());
        // Descriptions that name the formats are set here: an annotation holds only constants.
        commandLine.getCommandSpec().usageMessage().description(DESCRIPTION);
        if (wanted.test(BuildCommand.NAME)) {
            CommandLine build = new CommandLine(new BuildCommand(clock, hubLimits));
            build.getCommandSpec().usageMessage().description(BuildCommand.DESCRIPTION);
            commandLine.addSubcommand(build);
        }
        if (wanted.test(CheckCommand.NAME)) {
            commandLine.addSubcommand(new CheckCommand(clock));
        }
        if (wanted.test(ServeCommand.NAME)) {
            commandLine.addSubcommand(new ServeCommand(clock, hubLimits));
        }
        if (wanted.test(DeployCommand.NAME)) {
            commandLine.addSubcommand(new DeployCommand(clock, hubLimits));
        }
        commandLine.setExecutionExceptionHandler(RootCommand::handle);
        commandLine.setExecutionStrategy(RootCommand::execute);
        return commandLine;
    }

    /**
     * Runs the command, unless it would read or write the site while this JVM names files in a character
     * set other than UTF-8 (the C locale: no {@code LANG}, as under cron, systemd or a bare container).
     * Then Japanese file names read as U+FFFDs (ids and links change, two posts become one) and a Japanese
     * tag's folder cannot be written, so the output would depend on the locale: refused before anything is
     * read, whatever the names are today, rather than on the day a post or tag with such a name arrives.
     * Help and the version still answer. The message is ASCII: that is all such a terminal shows.
     */
    private static int execute(CommandLine.ParseResult parsed) {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        if (parsed.hasSubcommand() && !FileNames.areUtf8()) {
            PrintWriter err = parsed.commandSpec().commandLine().getErr();
            err.println("error: this Java reads and writes file names as " + FileNames.charset()
                    + ", not UTF-8, because the locale is not UTF-8 (LANG and LC_ALL unset, or set to a non-UTF-8"
                    + " locale); post file names and tag folders would come out wrong, so nothing was read or written."
                    + " Run it under a UTF-8 locale: LC_ALL=C.UTF-8 java -jar feedwright.jar ..., or use"
                    + " bin/feedwright, which sets that itself.");
            err.flush();
            return ExitCode.IO_ERROR.code();
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** The one place exceptions become messages and exit codes; anything unexpected is rethrown. */
    private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof ConfigException config) {
            config.problems().forEach(commandLine.getErr()::println);
            commandLine.getErr().println("nothing was written: fix " + ConfigLoader.CONFIG_FILE);
            commandLine.getErr().flush();
            return ExitCode.CONFIG_ERROR.code();
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            commandLine.getErr().println("error: " + e.getMessage());
            commandLine.getErr().flush();
            return ExitCode.IO_ERROR.code();
        }
        throw e;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"feedwright " + Version.NUMBER};
        }
    }
}
