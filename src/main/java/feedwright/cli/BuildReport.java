package feedwright.cli;

import feedwright.feed.FeedFormat;
import feedwright.feed.FeedFormats;
import feedwright.post.LoadedPosts;
import feedwright.problem.Problem;
import feedwright.sink.FolderSink;
import feedwright.snapshot.Snapshot;
import feedwright.text.TerminalText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code build} says about what it read and wrote, apart from the caches and the pings: the facts, so
 * that a build whose record shows that nothing changed since the last one ({@link BuildRecord}) says what
 * running it again would.
 *
 * @param read            the posts read
 * @param feeds           feeds written (a feed counts once, whatever its formats)
 * @param files           files of this build in the output folder, written or already there
 * @param unchanged       of those, the files already there, left as they were
 * @param redirects       old feed addresses redirected
 * @param redirectCopies  whether a copy of the feed was written at each old address that can hold a file
 * @param removed         files of an earlier build removed
 * @param problems        every problem, in report order
 * @param manifestProblem why the earlier build's record of the folder could not be read, when it could not
 */
record BuildReport(PostsRead read, int feeds, int files, int unchanged, int redirects, boolean redirectCopies,
                   int removed, List<Problem> problems, Optional<String> manifestProblem) {

    /** Every feed, and the site-wide feed alone. */
    private static final int OPML_LISTS_PER_FORMAT = 2;

    BuildReport {
        problems = List.copyOf(problems);
    }

    static BuildReport of(LoadedPosts loaded, Snapshot snapshot, FolderSink.Outcome written) {
        return new BuildReport(PostsRead.of(loaded, snapshot), snapshot.feeds(), written.files(),
                written.unchanged(), snapshot.redirects().byPath().size(), snapshot.redirects().copies(),
                written.removed(), snapshot.problems(), written.manifestProblem());
    }

    /** The problems (the first {@value BuildCommand#MAX_PROBLEMS_SHOWN}) to {@code stderr}, the rest to {@code stdout}. */
    void print(PrintWriter stdout, PrintWriter stderr, Path outDir) {
        ProblemReport.print(stderr, problems, BuildCommand.MAX_PROBLEMS_SHOWN);
        manifestProblem.ifPresent(problem -> stderr.printf("%s%n", TerminalText.escapeControls(problem)));
        read.print(stdout);
        // A rebuild leaves the files already right as they were, and says how many.
        stdout.printf("Wrote %d feeds (%s) with their preview pages, index.html and %d OPML lists: %d files in %s%s%n",
                feeds, FeedFormats.listed(FeedFormat::label), OPML_LISTS_PER_FORMAT * FeedFormats.all().size(),
                files, outDir, unchanged > 0 ? ", " + unchanged + " of them already up to date" : "");
        if (redirects > 0) {
            stdout.printf("Wrote %s of old feed addresses to the feeds that replaced them: %s for nginx%s%n",
                    ProblemReport.plural(redirects, "redirect"), FolderSink.NGINX_REDIRECTS,
                    redirectCopies ? ", and a copy of the feed at each old address that can hold a file" : "");
        }
        if (removed > 0) {
            // Not only feeds that no longer exist: a build without --gzip after one with it removes the .gz twins.
            stdout.printf("Removed %s that an earlier build wrote and this one no longer writes%n",
                    ProblemReport.plural(removed, "file"));
        }
    }

    /**
     * What a build run again on the same inputs says: the same, with every file already up to date and none
     * removed (the folder's record was read, since this build wrote it).
     */
    BuildReport again() {
        return new BuildReport(read, feeds, files, files, redirects, redirectCopies, 0, problems, Optional.empty());
    }

    /** The last line but the time it took. */
    String counts() {
        return ProblemReport.counts(problems);
    }

    boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }
}
