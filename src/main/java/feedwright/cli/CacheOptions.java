package feedwright.cli;

import feedwright.post.PostCache;
import feedwright.text.TerminalText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The post cache options of the commands that read posts ({@code --cache DIR}, {@code --no-cache}), and the
 * one way they report what the cache did. Where the cache lives is the run's choice (a CI job points it at
 * the folder it caches), not the site's, so there is no key for it in site.yml.
 */
final class CacheOptions {

    @Option(names = "--cache", paramLabel = "DIR", description = "Folder of the caches kept between runs (posts,"
            + " feed documents), so that only what changed since the last run is read and made again (default:"
            + " .feedwright-cache/ in the site folder).")
    Path folder;

    @Option(names = "--no-cache", description = "Read every post and make every feed afresh, and neither read nor"
            + " write the caches.")
    boolean off;

    /** The cache folder for the site in {@code site}; empty with {@code --no-cache}. */
    Optional<Path> folder(Path site, CommandSpec spec) {
        if (off && folder != null) {
            throw new ParameterException(spec.commandLine(), "--cache and --no-cache contradict each other: give one");
        }
        return off ? Optional.empty() : Optional.of(folder != null ? folder : site.resolve(PostCache.DEFAULT_FOLDER));
    }

    /** Prints the warnings of a cache that could not be written, if any. */
    static void warn(Optional<PostCache.Saved> saved, PrintWriter stderr) {
        saved.ifPresent(cache -> cache.warnings()
                .forEach(warning -> stderr.println(TerminalText.escapeControls(warning))));
    }

    /** Prints the warning of a cache that could not be written, and one line saying what the run did with it. */
    static void report(Optional<PostCache.Saved> saved, int files, PrintWriter stdout, PrintWriter stderr) {
        if (saved.isEmpty()) {
            return;
        }
        PostCache.Saved cache = saved.get();
        warn(saved, stderr);
        stdout.printf(Locale.ROOT, "Post cache %s: %d of %s reused%s%n",
                TerminalText.escapeControls(cache.folder().toString()), cache.reused(),
                ProblemReport.plural(files, "post file"), cache.written() ? "; saved" : "");
    }
}
