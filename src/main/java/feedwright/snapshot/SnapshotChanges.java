package feedwright.snapshot;

import feedwright.feed.FeedFormats;
import feedwright.feed.Redirect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What publishing a snapshot changed for clients, by path: resources (and redirects of old feed addresses)
 * that appeared, whose bytes (or target) changed, and that went away. This is what anything told about a new site needs (a hub to ping, a bucket to sync):
 * a resource whose bytes stayed the same is in none of the lists, even when the rebuild made it anew.
 * Immutable; each list is sorted.
 */
public record SnapshotChanges(List<String> added, List<String> changed, List<String> removed) {

    /** Nothing added, changed or removed. */
    public static final SnapshotChanges NONE = new SnapshotChanges(List.of(), List.of(), List.of());

    /** Paths a log line names before it only counts the rest. */
    private static final int NAMED_IN_LOG = 5;

    public SnapshotChanges {
        added = sorted(added);
        changed = sorted(changed);
        removed = sorted(removed);
    }

    /**
     * Compares the resources and redirects of two snapshots: a path counts as changed when its bytes or type
     * did, when its redirect now sends readers elsewhere, or when it turned from one into the other.
     */
    public static SnapshotChanges between(Snapshot before, Snapshot after) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, Representation> entry : after.resources().entrySet()) {
            Representation old = before.resources().get(entry.getKey());
            if (old == null) {
                (before.redirects().byPath().containsKey(entry.getKey()) ? changed : added).add(entry.getKey());
            } else if (!old.knownSameContentAs(entry.getValue())) {
                changed.add(entry.getKey());
            }
        }
        for (Map.Entry<String, Redirect> entry : after.redirects().byPath().entrySet()) {
            Redirect old = before.redirects().byPath().get(entry.getKey());
            if (old == null) {
                (before.resources().containsKey(entry.getKey()) ? changed : added).add(entry.getKey());
            } else if (!old.equals(entry.getValue())) {
                changed.add(entry.getKey());
            }
        }
        List<String> removed = new ArrayList<>();
        for (String path : before.resources().keySet()) {
            if (!after.resources().containsKey(path) && !after.redirects().byPath().containsKey(path)) {
                removed.add(path);
            }
        }
        for (String path : before.redirects().byPath().keySet()) {
            if (!after.redirects().byPath().containsKey(path) && !after.resources().containsKey(path)) {
                removed.add(path);
            }
        }
        return new SnapshotChanges(added, changed, removed);
    }

    /**
     * What a client that was told {@code before} (the validators a state file or manifest records) finds
     * changed in {@code after}'s resources: a resource counts as changed when its ETag or type did. Redirects
     * are left out: validators record none. So is an archive page not made yet, which is not made to find out
     * (its readers follow the subscription document, which is compared).
     */
    public static SnapshotChanges since(Map<String, Validators> before, Snapshot after) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, Representation> entry : after.resources().entrySet()) {
            Validators told = before.get(entry.getKey());
            if (told == null) {
                added.add(entry.getKey());
            } else if (entry.getValue().wasMade() && !told.etag().equals(entry.getValue().etag())
                    || !told.contentType().equals(entry.getValue().contentType())) {
                changed.add(entry.getKey());
            }
        }
        List<String> removed = before.keySet().stream().filter(path -> !after.resources().containsKey(path)).toList();
        return new SnapshotChanges(added, changed, removed);
    }

    /**
     * The feeds added or changed that hubs are told of (WebSub topics), by path: subscription documents, never
     * archive pages, which readers reach from them (a new post changes the newest page of each of its feeds
     * too, and a change of page size every page).
     */
    public List<String> topics(Snapshot published) {
        return Stream.concat(added.stream(), changed.stream())
                .filter(path -> published.find(path)
                        .filter(r -> FeedFormats.isFeed(r.contentType()) && !r.isMadeOnDemand()).isPresent())
                .toList();
    }

    /** Whether no resource was added, changed or removed (problems and counts may still have changed). */
    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }

    /** How many resources were added or changed: what clients fetching them get new bytes for. */
    public int newOrChanged() {
        return added.size() + changed.size();
    }

    /**
     * A short account for the log, naming at most five paths of each kind, e.g.
     * {@code added 2 [/tags/x/atom.xml, /tags/x/rss.xml], changed 7 [/, /atom.xml, /feed.json, /feeds.opml, /index.html, …]}.
     */
    @Override
    public String toString() {
        if (isEmpty()) {
            return "no resource changed";
        }
        List<String> parts = new ArrayList<>(3);
        part(parts, "added", added);
        part(parts, "changed", changed);
        part(parts, "removed", removed);
        return String.join(", ", parts);
    }

    private static void part(List<String> parts, String what, List<String> paths) {
        if (paths.isEmpty()) {
            return;
        }
        String named = String.join(", ", paths.subList(0, Math.min(NAMED_IN_LOG, paths.size())));
        parts.add(what + " " + paths.size() + " [" + named + (paths.size() > NAMED_IN_LOG ? ", …]" : "]"));
    }

    private static List<String> sorted(List<String> paths) {
        return paths.stream().sorted().toList();
    }
}
