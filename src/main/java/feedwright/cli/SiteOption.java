package feedwright.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --site} option every command takes. */
final class SiteOption {

    @Option(names = "--site", paramLabel = "DIR", defaultValue = ".",
            description = "Site folder holding feeds-config/ and posts/ (default: the current folder).")
    Path site;
}
