package feedwright.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.feed.Redirect;
import feedwright.feed.Redirects;
import feedwright.problem.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What publishing a snapshot tells: the paths whose bytes a client would now get new, or no longer get. */
class SnapshotChangesTest {

    private static final Instant WHEN = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void publishingTellsThePathsAddedChangedAndRemovedInOrder() {
        Snapshot before = snapshot(Map.of("/rss.xml", "one", "/tags/a/rss.xml", "a", "/tags/old/rss.xml", "old",
                "/feeds.opml", "opml"));
        CurrentSnapshot current = new CurrentSnapshot(before);

        SnapshotChanges changes = current.publish(snapshot(Map.of("/rss.xml", "two", "/tags/a/rss.xml", "a",
                "/tags/new/rss.xml", "new", "/tags/b/atom.xml", "b", "/feeds.opml", "opml 2")));

        assertThat(changes.added()).containsExactly("/tags/b/atom.xml", "/tags/new/rss.xml");
        assertThat(changes.changed()).containsExactly("/feeds.opml", "/rss.xml");
        assertThat(changes.removed()).containsExactly("/tags/old/rss.xml");
        assertThat(changes.newOrChanged()).isEqualTo(4);
        assertThat(changes).hasToString("added 2 [/tags/b/atom.xml, /tags/new/rss.xml], "
                + "changed 2 [/feeds.opml, /rss.xml], removed 1 [/tags/old/rss.xml]");
    }

    @Test
    void aResourceMadeAnewWithTheSameBytesAndADifferentDateIsNotAChange() {
        Snapshot before = snapshot(Map.of("/rss.xml", "same"));
        Map<String, Representation> rebuilt = Map.of("/rss.xml", Representation.of("application/rss+xml",
                bytes("same"), Optional.of(WHEN.plusSeconds(60))));

        SnapshotChanges changes = SnapshotChanges.between(before, before.withResources(rebuilt));

        assertThat(changes.isEmpty()).isTrue();
        assertThat(changes).hasToString("no resource changed");
    }

    @Test
    void publishingTheSameResourcesWithOtherProblemsChangesNoResource() {
        Snapshot before = snapshot(Map.of("/rss.xml", "one"));
        CurrentSnapshot current = new CurrentSnapshot(before);

        assertThat(current.publish(before.withProblems(List.of(Problem.error("posts/",
                "folder not found")))).isEmpty()).isTrue();
        assertThat(current.get().errorCount()).isEqualTo(1);
    }

    @Test
    void theLogLineNamesAFewPathsAndCountsTheRest() {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 1; i <= 7; i++) {
            many.put("/tags/t" + i + "/rss.xml", "t" + i);
        }

        SnapshotChanges changes = SnapshotChanges.between(snapshot(Map.of()), snapshot(many));

        assertThat(changes).hasToString("added 7 [/tags/t1/rss.xml, /tags/t2/rss.xml, /tags/t3/rss.xml, "
                + "/tags/t4/rss.xml, /tags/t5/rss.xml, …]");
    }

    @Test
    void aRedirectAddedMovedTurnedIntoAFeedOrRemovedIsAChangeAndSnapshotsDiffer() {
        Snapshot before = redirecting(Map.of("/feed.xml", "/rss.xml", "/old.xml", "/rss.xml",
                "/gone.xml", "/rss.xml"), "/rss.xml");

        Snapshot after = redirecting(Map.of("/feed.xml", "/atom.xml", "/old.xml", "/rss.xml",
                "/new.xml", "/rss.xml"), "/rss.xml", "/atom.xml", "/gone.xml");
        SnapshotChanges changes = SnapshotChanges.between(before, after);

        assertThat(changes.added()).containsExactly("/atom.xml", "/new.xml");
        assertThat(changes.changed()).containsExactly("/feed.xml", "/gone.xml");
        assertThat(changes.removed()).isEmpty();
        assertThat(SnapshotChanges.between(after, before).removed()).containsExactly("/atom.xml", "/new.xml");
        assertThat(before.sameAs(after)).isFalse();
        assertThat(before.sameAs(redirecting(Map.of("/feed.xml", "/rss.xml", "/old.xml", "/rss.xml",
                "/gone.xml", "/atom.xml"), "/rss.xml"))).as("only a target differs").isFalse();
        assertThat(before.sameAs(redirecting(Map.of("/feed.xml", "/rss.xml", "/old.xml", "/rss.xml",
                "/gone.xml", "/rss.xml"), "/rss.xml"))).isTrue();
    }

    /** A snapshot of the given feeds (each path its own body) that redirects old paths to targets. */
    private static Snapshot redirecting(Map<String, String> redirects, String... feeds) {
        Map<String, String> bodies = new LinkedHashMap<>();
        for (String feed : feeds) {
            bodies.put(feed, feed);
        }
        SortedMap<String, Redirect> byPath = new TreeMap<>();
        redirects.forEach((from, to) -> byPath.put(from, new Redirect(to, "https://example.org" + to)));
        Snapshot plain = snapshot(bodies);
        return new Snapshot(plain.resources(), 1, feeds.length, List.of(), List.of(), WHEN, Duration.ZERO,
                new Redirects(byPath, false));
    }

    private static Snapshot snapshot(Map<String, String> bodies) {
        Map<String, Representation> resources = new LinkedHashMap<>();
        bodies.forEach((path, body) -> resources.put(path,
                Representation.of("application/rss+xml", bytes(body), Optional.of(WHEN), false)));
        return new Snapshot(resources, 1, resources.size(), List.of(), List.of(), WHEN, Duration.ZERO);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
