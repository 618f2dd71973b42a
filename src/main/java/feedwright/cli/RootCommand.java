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

    /** The full command line; {@code clock} supplies "now" for deciding which posts are in the future. */
    public static CommandLine commandLine(Clock clock) {
        return commandLine(clock, HubLimits.DEFAULTS);
    }

    /** As {@link #commandLine(Clock)}, with the built-in WebSub hub's timeouts and retries (tests shorten them). */
    static CommandLine commandLine(Clock clock, HubLimits hubLimits) {
        CommandLine commandLine = new CommandLine(new RootCommand());
        // Descriptions that name the formats are set here: an annotation holds only constants.
        commandLine.getCommandSpec().usageMessage().description(DESCRIPTION);
        CommandLine build = new CommandLine(new BuildCommand(clock));
        build.getCommandSpec().usageMessage().description(BuildCommand.DESCRIPTION);
        commandLine.addSubcommand(build);
        commandLine.addSubcommand(new CheckCommand(clock));
        commandLine.addSubcommand(new ServeCommand(clock, hubLimits));
        commandLine.addSubcommand(new DeployCommand(clock));
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
