package feedwright.cli;

import feedwright.reload.PublishedFolderWatcher;
import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.FeedLinks;
import feedwright.snapshot.PublishedFolder;
import feedwright.snapshot.Snapshot;
import feedwright.text.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A folder {@code build} wrote, and each build that lands there later ({@code serve --published}). */
final class PublishedFolderSource implements ServedSource {

    /** How long a server of a published folder waits at start for a build that is writing it to finish. */
    private static final Duration START_WAIT = Duration.ofSeconds(10);

    private final Path folder;
    private final CurrentSnapshot current;
    private final Duration pollInterval;
    private final boolean events;
    private final PrintWriter stderr;
    private PublishedFolderWatcher watcher;

    private final FeedLinks links;

    private PublishedFolderSource(Path folder, Snapshot first, Duration pollInterval, boolean events,
                                  PrintWriter stderr, FeedLinks links) {
        this.folder = folder;
        this.links = links;
        this.current = new CurrentSnapshot(first);
        this.pollInterval = pollInterval;
        this.events = events;
        this.stderr = stderr;
    }

    /** The build in {@code folder}, waiting a little for one being written; empty (reported) when there is none. */
    static Optional<ServedSource> open(Path folder, Duration pollInterval, boolean events, PrintWriter stderr,
                                       FeedLinks links) throws InterruptedException {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (true) {
            try {
                Snapshot first = PublishedFolder.read(folder, true, links);
                return Optional.of(new PublishedFolderSource(folder, first, pollInterval, events, stderr, links));
            } catch (PublishedFolder.NotReady e) {
                if (!e.buildWriting() || System.nanoTime() > deadline) {
                    stderr.printf("error: cannot serve %s: %s%n", folder, TerminalText.escapeControls(e.getMessage()));
                    return Optional.empty();
                }
                Thread.sleep(100);
            } catch (IOException e) {
                stderr.printf("error: cannot serve %s: %s%n", folder, e);
                return Optional.empty();
            }
        }
    }

    @Override
    public CurrentSnapshot current() {
        return current;
    }

    @Override
    public void startWatching() {
        if (events || !pollInterval.isZero()) {
            try {
                watcher = new PublishedFolderWatcher(folder, current, pollInterval, events, links);
            } catch (IOException e) {
                stderr.println("warning: cannot watch " + folder + " for new builds: " + e.getMessage());
            }
        }
    }

    @Override
    public String watching() {
        return watcher == null ? "" : "; watching " + folder + " for new builds";
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
    }
}
