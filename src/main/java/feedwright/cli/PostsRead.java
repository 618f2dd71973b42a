package feedwright.cli;

import feedwright.post.LoadedPosts;
import feedwright.snapshot.Snapshot;
import feedwright.text.TerminalText;
import java.io.PrintWriter;
import java.util.List;

/**
 * What reading the posts came to, as {@code build} and {@code deploy} say it: how many files were read, how
 * many posts are published, and each file skipped with the reason.
 *
 * @param files     post files read
 * @param published posts published
 * @param skipped   files not published, in file order
 */
record PostsRead(int files, int published, List<LoadedPosts.Skipped> skipped) {

    PostsRead {
        skipped = List.copyOf(skipped);
    }

    static PostsRead of(LoadedPosts loaded, Snapshot snapshot) {
        return new PostsRead(loaded.results().size(), snapshot.posts(), snapshot.skipped());
    }

    void print(PrintWriter stdout) {
        stdout.printf("Read %s: %d published, %d skipped%n", ProblemReport.plural(files, "post file"), published,
                skipped.size());
        skipped.forEach(s -> stdout.printf("  skipped %s: %s%n", TerminalText.escapeControls(s.file()), s.reason()));
    }
}
