package feedwright.cli;

import feedwright.config.ConfigException;
import feedwright.config.ConfigLoader;
import feedwright.config.LoadedConfig;
import feedwright.config.SiteConfig;
import feedwright.problem.Problem;
import feedwright.snapshot.SitePipeline;
import feedwright.text.TerminalText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/** The {@code --site} option every command takes. */
final class SiteOption {

    @Option(names = "--site", paramLabel = "DIR", defaultValue = ".",
            description = "Site folder holding feeds-config/ and posts/ (default: the current folder).")
    Path site;

    /**
     * The site's pipeline, with the post and feed caches in {@code cacheFolder} (none when empty); what opening
     * them found worth saying goes to {@code stderr}.
     *
     * @param byLook whether a post file with the size and time the post cache recorded need not be opened
     *               ({@link SitePipeline#open(Path, boolean, Optional, boolean)})
     * @param adjust what the command changes of the pipeline before using it ({@link SitePipeline#withWebSub});
     *               the caches' notes are those of the pipeline it gives, whose feed cache is the one used
     */
    SitePipeline open(boolean precompress, Optional<Path> cacheFolder, boolean byLook, PrintWriter stderr,
                      UnaryOperator<SitePipeline> adjust) throws ConfigException {
        SitePipeline pipeline = adjust.apply(SitePipeline.open(site, precompress, cacheFolder, byLook));
        printNotes(pipeline, stderr);
        return pipeline;
    }

    /** As {@link #open(boolean, Optional, boolean, PrintWriter, UnaryOperator)}, the pipeline used as opened. */
    SitePipeline open(boolean precompress, Optional<Path> cacheFolder, boolean byLook, PrintWriter stderr)
            throws ConfigException {
        return open(precompress, cacheFolder, byLook, stderr, UnaryOperator.identity());
    }

    /**
     * As {@link #open(boolean, Optional, boolean, PrintWriter)}, for a command that reports the configuration's
     * warnings itself ({@link SitePipeline#configWarnings}), with the posts' problems: only the caches' notes
     * are printed here.
     */
    SitePipeline openReportingWarnings(boolean precompress, Optional<Path> cacheFolder, boolean byLook,
                                       PrintWriter stderr) throws ConfigException {
        SitePipeline pipeline = SitePipeline.open(site, precompress, cacheFolder, byLook);
        printCacheNotes(pipeline, stderr);
        return pipeline;
    }

    /**
     * The site's configuration, read for files that a static host or a bucket will serve (build, deploy): they
     * name no built-in hub, which only a {@code serve} of the site runs (said here when site.yml turns it on;
     * {@link #forFiles} is the configuration in effect).
     */
    LoadedConfig configForFiles(PrintWriter stderr) throws ConfigException {
        LoadedConfig loaded = ConfigLoader.read(site);
        printWarnings(loaded.warnings(), stderr);
        if (loaded.config().websub().builtinHub()) {
            stderr.println("note: websub.builtin_hub: the files written name no built-in hub (only serve runs"
                    + " one); they name websub.hubs");
        }
        return loaded;
    }

    /** The configuration in effect for files: {@code loaded} without a built-in hub. */
    static SiteConfig forFiles(SiteConfig loaded) {
        return loaded.withWebSub(loaded.websub().withoutBuiltInHub());
    }

    /**
     * The site's pipeline under {@code loaded} ({@link #configForFiles}), in effect {@link #forFiles}; the post
     * cache is that of the configuration as loaded, which {@code check} and {@code serve} share. A post file
     * with the size and time the post cache recorded is not opened: these commands read the posts once.
     */
    SitePipeline openForFiles(LoadedConfig loaded, boolean precompress, Optional<Path> cacheFolder,
                              PrintWriter stderr) {
        SitePipeline pipeline = SitePipeline.open(site, loaded, precompress, cacheFolder, true)
                .withWebSub(forFiles(loaded.config()).websub());
        printNotes(pipeline, stderr);
        return pipeline;
    }

    private static void printNotes(SitePipeline pipeline, PrintWriter stderr) {
        printWarnings(pipeline.configWarnings(), stderr);
        printCacheNotes(pipeline, stderr);
    }

    private static void printCacheNotes(SitePipeline pipeline, PrintWriter stderr) {
        pipeline.cacheNotes().forEach(note -> stderr.println(TerminalText.escapeControls(note)));
    }

    /** What reading the configuration warned of: a value taken otherwise than written, or not used. */
    private static void printWarnings(List<Problem> warnings, PrintWriter stderr) {
        warnings.forEach(warning -> stderr.println(TerminalText.escapeControls(warning.toString())));
    }
}
