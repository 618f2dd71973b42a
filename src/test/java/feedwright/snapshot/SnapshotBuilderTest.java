package feedwright.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.Formats;
import feedwright.testing.TestSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotBuilderTest {

    @TempDir
    Path siteDir;

    @Test
    void lastModifiedIsTheNewestUpdateButNeverLaterThanTheBuild() throws Exception {
        // An update claimed for later is not used (FutureUpdates), but with future: true a post dated later is.
        TestSite site = TestSite.create(siteDir, TestSite.CONFIG + "future: true\n").withGoodNeighbour();
        site.post("2099-01-01-scheduled.md", "---\ntitle: Scheduled\ndate: 2099-01-01 00:00:00 +0000\n"
                + "excerpt: e\n---\nBody.\n");
        Instant builtAt = Instant.parse("2026-11-22T10:15:30.250Z");

        Snapshot snapshot = SitePipeline.open(siteDir, false).run(builtAt).snapshot();

        for (String path : Stream.concat(Formats.paths("/").stream(), Stream.of("/index.html", "/feeds.opml")).toList()) {
            assertThat(snapshot.find(path).orElseThrow().lastModified()).as(path)
                    .contains(Instant.parse("2026-11-22T10:15:30Z"));
        }
    }

    @Test
    void theIndexPageAndOpmlAreReusedUntilTheListOfFeedsChanges() throws Exception {
        TestSite site = TestSite.create(siteDir).withGoodNeighbour()
                .post("2025-04-01-a.md", "---\ntitle: A\ndate: 2025-04-01 09:00:00 +0000\nexcerpt: e\ntags: [x]\n---\nOne.\n");
        SitePipeline pipeline = SitePipeline.open(siteDir, false);
        Instant now = Instant.parse("2026-11-22T10:15:30Z");
        Snapshot first = pipeline.run(now).snapshot();

        site.post("2025-04-01-a.md", "---\ntitle: A\ndate: 2025-04-01 09:00:00 +0000\nexcerpt: e\ntags: [x]\n---\nTwo.\n");
        Snapshot bodyEdited = pipeline.run(now).snapshot();
        site.post("2025-04-01-a.md", "---\ntitle: A\ndate: 2025-04-01 09:00:00 +0000\nexcerpt: e\ntags: [x, y]\n---\nTwo.\n");
        Snapshot tagAdded = pipeline.run(now).snapshot();

        assertThat(bodyEdited.find("/rss.xml").orElseThrow()).isNotSameAs(first.find("/rss.xml").orElseThrow());
        for (String path : new String[] {"/index.html", "/feeds.opml"}) {
            assertThat(bodyEdited.find(path).orElseThrow()).as(path).isSameAs(first.find(path).orElseThrow());
            assertThat(tagAdded.find(path).orElseThrow()).as(path).isNotSameAs(first.find(path).orElseThrow());
            assertThat(new String(tagAdded.find(path).orElseThrow().bytes(), StandardCharsets.UTF_8))
                    .as(path).contains("tags/y/");
        }
    }

    @Test
    void aPreviewIsRewrittenWithItsFeedAndOnlyThen() throws Exception {
        TestSite site = TestSite.create(siteDir).withGoodNeighbour()
                .post("2025-04-01-a.md", "---\ntitle: A\ndate: 2025-04-01 09:00:00 +0000\nexcerpt: e\ntags: [x]\n---\nOne.\n")
                .post("2025-03-02-b.md", "---\ntitle: B\ndate: 2025-03-02 09:00:00 +0000\nexcerpt: e\ntags: [y]\n---\nTwo.\n");
        SitePipeline pipeline = SitePipeline.open(siteDir, false);
        Instant now = Instant.parse("2026-11-22T10:15:30Z");
        Snapshot first = pipeline.run(now).snapshot();

        site.post("2025-04-01-a.md", "---\ntitle: A, retitled\ndate: 2025-04-01 09:00:00 +0000\nexcerpt: e\n"
                + "tags: [x]\n---\nOne.\n");
        Snapshot retitled = pipeline.run(now).snapshot();

        for (String folder : new String[] {"/", "/tags/x/"}) {
            Representation before = first.find(folder + "feed.html").orElseThrow();
            Representation after = retitled.find(folder + "feed.html").orElseThrow();
            assertThat(before.contentType()).isEqualTo(SnapshotBuilder.HTML_TYPE);
            assertThat(before.lastModified()).as(folder).isEqualTo(first.find(folder + "atom.xml").orElseThrow().lastModified());
            assertThat(after).as(folder).isNotSameAs(before);
            assertThat(new String(after.bytes(), StandardCharsets.UTF_8)).contains("A, retitled</a>");
        }
        Representation untouched = first.find("/tags/y/feed.html").orElseThrow();
        assertThat(retitled.find("/tags/y/feed.html")).containsSame(untouched);
    }

    @Test
    void lastModifiedIsTheNewestEntryUpdateWhenItIsPast() throws Exception {
        TestSite.create(siteDir).withGoodNeighbour()
                .post("2025-04-01-updated.md", "---\ntitle: Updated\ndate: 2025-04-01 09:00:00 +0000\n"
                        + "updated: 2025-05-02 03:04:05 +0900\nexcerpt: e\n---\nBody.\n");

        Snapshot snapshot = SitePipeline.open(siteDir, false).run(Instant.parse("2026-11-22T10:15:30Z")).snapshot();

        assertThat(snapshot.find("/rss.xml").orElseThrow().lastModified())
                .contains(Instant.parse("2025-05-01T18:04:05Z"));
    }

    @Test
    void archivePagesAreMadeOnlyWhenAskedForAndAnEditLeavesTheOthersUnmade() throws Exception {
        TestSite site = TestSite.create(siteDir, TestSite.CONFIG + "archives: true\narchive_page_size: 2\nlimit: 2\n");
        for (int day = 1; day <= 9; day++) {
            postOfDay(site, day, "Post " + day);
        }
        SitePipeline pipeline = SitePipeline.open(siteDir, true);
        Instant now = Instant.parse("2026-11-22T10:15:30Z");
        Snapshot first = pipeline.run(now).snapshot();
        // Nine posts, two a page, counted from the oldest: page 5, the newest, holds post 9 alone.
        Representation oldest = first.find("/archive/1/atom.xml").orElseThrow();
        Representation settled = first.find("/archive/4/atom.xml").orElseThrow();
        Representation newest = first.find("/archive/5/atom.xml").orElseThrow();
        assertThat(first.find("/archive/6/atom.xml")).isEmpty();
        assertThat(oldest.isReady()).as("not made before anyone asks").isFalse();
        // The subscription document is made with the snapshot (only its gzip form waits for a first reader).
        assertThat(first.find("/atom.xml").orElseThrow().isMadeOnDemand()).isFalse();
        assertThat(first.find("/atom.xml").orElseThrow().bytes()).isNotEmpty();
        String oldestBytes = new String(oldest.bytes(), StandardCharsets.UTF_8);
        assertThat(oldestBytes).contains("Post 1", "Post 2").doesNotContain("Post 3").contains("<fh:archive />");
        assertThat(oldest.immutable()).isTrue();
        assertThat(newest.immutable()).isFalse();
        assertThat(oldest.etag()).isEqualTo(Representation.of(oldest.contentType(), oldest.bytes(),
                oldest.lastModified()).etag());

        // An edit of post 5 (page 3) makes page 3 again, and leaves the others as they were: the same
        // representations, page 4 still never made.
        postOfDay(site, 5, "Post 5, edited");
        Snapshot edited = LastModified.carryForward(first, pipeline.run(now).snapshot(), now).snapshot();
        SnapshotChanges changes = SnapshotChanges.between(first, edited);
        assertThat(changes.added()).isEmpty();
        assertThat(changes.changed()).containsExactlyInAnyOrder("/archive/3/rss.xml", "/archive/3/atom.xml",
                "/archive/3/feed.json", "/tags/x/archive/3/rss.xml", "/tags/x/archive/3/atom.xml",
                "/tags/x/archive/3/feed.json");
        assertThat(edited.find("/archive/3/atom.xml").orElseThrow().wasMade())
                .as("a reload makes no page: the changed one waits for its first reader").isFalse();
        assertThat(first.find("/archive/3/atom.xml").orElseThrow().wasMade()).isFalse();
        assertThat(edited.find("/archive/1/atom.xml")).containsSame(oldest);
        assertThat(edited.find("/archive/4/atom.xml")).containsSame(settled);
        assertThat(edited.find("/archive/5/atom.xml")).containsSame(newest);
        assertThat(settled.isReady()).isFalse();
        assertThat(new String(edited.find("/archive/3/atom.xml").orElseThrow().bytes(), StandardCharsets.UTF_8))
                .contains("Post 5, edited");
    }

    @Test
    void aJsonFeedPageThatSettlesKeepsItsBytesAndTakesTheYearsCaching() throws Exception {
        TestSite site = TestSite.create(siteDir, TestSite.CONFIG
                + "archives: true\narchive_page_size: 2\nlimit: 2\ncomplete: false\n");
        for (int day = 1; day <= 4; day++) {
            postOfDay(site, day, "Post " + day);
        }
        SitePipeline pipeline = SitePipeline.open(siteDir, true);
        Instant now = Instant.parse("2026-11-22T10:15:30Z");
        Snapshot first = pipeline.run(now).snapshot();
        Representation json = first.find("/archive/2/feed.json").orElseThrow();
        Representation atom = first.find("/archive/2/atom.xml").orElseThrow();
        assertThat(json.immutable()).as("the newest page").isFalse();
        String jsonBytes = new String(json.bytes(), StandardCharsets.UTF_8);
        atom.bytes();

        postOfDay(site, 5, "Post 5");
        Snapshot next = LastModified.carryForward(first, pipeline.run(now).snapshot(), now).snapshot();
        Representation settledJson = next.find("/archive/2/feed.json").orElseThrow();
        // JSON Feed links back in time only, so page 2's bytes stay; Atom's gain next-archive.
        assertThat(new String(settledJson.bytes(), StandardCharsets.UTF_8)).isEqualTo(jsonBytes);
        assertThat(settledJson.immutable()).isTrue();
        assertThat(settledJson.lastModified()).isEqualTo(json.lastModified());
        assertThat(next.find("/archive/2/atom.xml").orElseThrow().immutable()).isTrue();
        assertThat(next.find("/archive/3/feed.json").orElseThrow().immutable()).isFalse();
    }

    /** Writes (or rewrites) post {@code day} of March 2025, tagged x, titled {@code title}. */
    private static void postOfDay(TestSite site, int day, String title) {
        site.post("2025-03-0" + day + "-p" + day + ".md",
                TestSite.taggedPost(title, "2025-03-0" + day, "[x]", "Body " + day + "."));
    }
}
