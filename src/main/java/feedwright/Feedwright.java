package feedwright;

import feedwright.cli.RootCommand;
import java.time.Clock;

/** Entry point: runs the command line and exits with its status. */
public final class Feedwright {

    private Feedwright() {
    }

    public static void main(String[] args) {
        // Undertow logs through jboss-logging; send it to SLF4J like everything else.
        System.setProperty("org.jboss.logging.provider", "slf4j");
        System.exit(RootCommand.commandLineFor(Clock.systemUTC(), args).execute(args));
    }
}
