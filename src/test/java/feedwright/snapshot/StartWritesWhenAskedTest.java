package feedwright.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.Formats;
import feedwright.testing.TestSite;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server's start ({@link SitePipeline#runForStart}) writes no feed document before the server answers: each is
 * made when first asked for, and must then be what a build writes, dated as a build would date it when validators
 * told before are carried forward.
 */
class StartWritesWhenAskedTest {

    private static final Instant BUILT = Instant.parse("2026-11-22T10:15:30Z");
    /** The newest entry's date: the Last-Modified of the site's feeds as built. */
    private static final Instant NEWEST = Instant.parse("2025-03-03T10:00:00Z");

    @TempDir
    Path siteDir;

    @BeforeEach
    void site() {
        TestSite site = TestSite.create(siteDir);
        site.post("2025-03-01-p1.md", TestSite.taggedPost("Post 1", "2025-03-01", "[x]", "Body 1."));
        site.post("2025-03-02-p2.md", TestSite.taggedPost("Post 2", "2025-03-02", "[x, y]", "Body 2."));
        site.post("2025-03-03-p3.md", TestSite.taggedPost("Post 3", "2025-03-03", "[y]", "Body 3."));
    }

    @Test
    void noFeedDocumentIsWrittenUntilAskedForAndThenItIsWhatABuildWrites() throws Exception {
        Snapshot built = SitePipeline.open(siteDir, true).run(BUILT).snapshot();
        Snapshot started = SitePipeline.open(siteDir, true).runForStart(BUILT).snapshot();

        List<String> documents = Stream.of("/", "/tags/x/", "/tags/y/").flatMap(f -> Formats.feedFiles(f).stream())
                .toList();
        for (String path : documents) {
            Representation document = started.find(path).orElseThrow();
            assertThat(document.wasMade()).as(path + ": not made before it is asked for").isFalse();
            assertThat(document.isMadeOnDemand()).as(path + ": held once made, not made again").isFalse();
            assertThat(document.isReady()).as(path).isFalse();
        }
        assertThat(started.find("/index.html").orElseThrow().wasMade()).as("the lists are made at once").isTrue();

        assertThat(started.resources().keySet()).isEqualTo(built.resources().keySet());
        built.resources().forEach((path, expected) -> {
            Representation made = started.find(path).orElseThrow();
            assertThat(made.bytes()).as(path).isEqualTo(expected.bytes());
            assertThat(made.etag()).as(path).isEqualTo(expected.etag());
            assertThat(made.lastModified()).as(path).isEqualTo(expected.lastModified());
            assertThat(made.contentType()).as(path).isEqualTo(expected.contentType());
            assertThat(made.links()).as(path).isEqualTo(expected.links());
        });
        for (String path : documents) {
            assertThat(started.find(path).orElseThrow().wasMade()).as(path).isTrue();
        }
    }

    @Test
    void aDocumentToldOfBeforeIsDatedWhenMadeAsABuildDatesIt() throws Exception {
        Snapshot built = SitePipeline.open(siteDir, true).run(BUILT).snapshot();
        Snapshot started = SitePipeline.open(siteDir, true).runForStart(BUILT).snapshot();
        Instant start = BUILT.plusSeconds(3_600);
        Map<String, Validators> told = new HashMap<>();
        // The same bytes, told an older date: that date stays.
        told.put("/rss.xml", toldOf(built, "/rss.xml", built.find("/rss.xml").orElseThrow().etag(),
                Instant.parse("2025-01-01T00:00:00Z")));
        // Other bytes, told a date before the newest entry's: the entry's.
        told.put("/atom.xml", toldOf(built, "/atom.xml", "\"other\"", Instant.parse("2025-01-01T00:00:00Z")));
        // Other bytes, told a date after the newest entry's and before the start: the start's second.
        told.put("/feed.json", toldOf(built, "/feed.json", "\"other\"", BUILT));
        // Other bytes, told the start's very second: a second later, which only a made document can be given now.
        told.put("/tags/x/rss.xml", toldOf(built, "/tags/x/rss.xml", "\"other\"", start));

        LastModified.Carried lazily = LastModified.carryForward(told, started, start.plusMillis(400));
        LastModified.Carried eagerly = LastModified.carryForward(told, built, start.plusMillis(400));

        Snapshot carried = lazily.snapshot();
        for (String path : List.of("/rss.xml", "/atom.xml", "/feed.json")) {
            assertThat(carried.find(path).orElseThrow().wasMade()).as(path + ": not made to be dated").isFalse();
        }
        assertThat(carried.find("/tags/x/rss.xml").orElseThrow().wasMade()).as("made now, to wait for its second")
                .isTrue();
        assertThat(lazily.notBefore()).contains(start.plusSeconds(1)).isEqualTo(eagerly.notBefore());

        assertThat(carried.find("/rss.xml").orElseThrow().lastModified())
                .contains(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(carried.find("/atom.xml").orElseThrow().lastModified()).contains(NEWEST);
        assertThat(carried.find("/feed.json").orElseThrow().lastModified()).contains(start);
        assertThat(carried.find("/tags/x/rss.xml").orElseThrow().lastModified()).contains(start.plusSeconds(1));
        eagerly.snapshot().resources().forEach((path, expected) -> {
            Representation dated = carried.find(path).orElseThrow();
            assertThat(dated.lastModified()).as(path).isEqualTo(expected.lastModified());
            assertThat(dated.lastModifiedHeader()).as(path).isEqualTo(expected.lastModifiedHeader());
            assertThat(dated.validators()).as(path).isEqualTo(expected.validators());
        });
    }

    /** A reload that kept a document not made yet (dated when made) does not make it to compare snapshots. */
    @Test
    void aDocumentKeptUnmadeIsNotMadeToTellTwoSnapshotsApart() throws Exception {
        Snapshot started = SitePipeline.open(siteDir, true).runForStart(BUILT).snapshot();
        Map<String, Validators> told = Map.of("/atom.xml", new Validators(
                started.find("/atom.xml").orElseThrow().contentType(), "\"other\"", Optional.of(NEWEST)));
        Snapshot carried = LastModified.carryForward(told, started, BUILT.plusSeconds(60)).snapshot();

        assertThat(carried.sameAs(carried.withProblems(carried.problems()))).isTrue();
        assertThat(carried.find("/atom.xml").orElseThrow().wasMade()).isFalse();
        assertThat(carried.find("/tags/x/rss.xml").orElseThrow().wasMade()).isFalse();
    }

    private static Validators toldOf(Snapshot built, String path, String etag, Instant lastModified) {
        return new Validators(built.find(path).orElseThrow().contentType(), etag, Optional.of(lastModified));
    }
}
