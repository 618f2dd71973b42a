package feedwright.cli;

import feedwright.config.SiteConfig;
import feedwright.snapshot.SnapshotChanges;
import feedwright.websub.HubLimits;
import feedwright.websub.HubPublisher;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code build --ping} and {@code deploy --ping}: once the new files are where readers fetch them, each
 * external hub is told of every feed that changed, and the command waits a bounded time for the answers
 * before it reports them. A hub that fails never changes the command's exit status: the site is published
 * either way, and readers still find the change at their next poll.
 */
final class HubPings {

    /** The longest a command waits for its pings (the retries included) before it reports and exits. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private HubPings() {
    }

    /** @param feeds the paths of the feeds that changed ({@link SnapshotChanges#topics}) */
    static void ping(SiteConfig config, List<String> feeds, HubLimits limits, Clock clock, PrintWriter stdout,
                     PrintWriter stderr) {
        if (config.websub().hubs().isEmpty()) {
            stderr.println("warning: --ping: websub.hubs names no hub; nothing to tell");
            return;
        }
        if (feeds.isEmpty()) {
            stdout.println("No feed changed: no hub told");
            return;
        }
        try (HubPublisher publisher = HubPublisher.start(config.websub().hubs(), config.site(), limits, clock,
                config.websub().maxPendingDeliveries())) {
            publisher.ping(feeds);
            boolean finished;
            try {
                finished = publisher.awaitSent(WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finished = false;
            }
            HubPublisher.Status status = publisher.status();
            for (HubPublisher.HubStatus hub : status.hubs()) {
                stdout.printf("Told %s of %d of %s%n", hub.hub(), hub.sent(),
                        ProblemReport.plural(feeds.size(), "changed feed"));
                if (hub.sent() < feeds.size()) {
                    stderr.printf("warning: %s was not told of %d of them%s%n", hub.hub(), feeds.size() - hub.sent(),
                            hub.lastFailure().map(f -> " (last failure: " + f.reason() + ")").orElse(""));
                }
            }
            if (!finished) {
                stderr.printf("warning: %d pings were still unanswered after %d s; given up%n", status.pending(),
                        WAIT.toSeconds());
            }
        }
    }
}
