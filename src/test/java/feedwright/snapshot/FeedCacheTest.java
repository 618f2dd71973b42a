package feedwright.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.config.ConfigException;
import feedwright.feed.FeedFormats;
import feedwright.testing.TestSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed cache between runs: a run whose posts and configuration did not change makes no feed document
 * (each is made only when its bytes are asked for, and then gives the bytes the former run made, which the
 * Java assertion on in tests checks against the ETag known before); an edit makes again exactly the documents
 * showing the edited post; a damaged cache is reported and not used.
 */
class FeedCacheTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String EDITED = "posts/2025-10-03-hokkaido-datacenter.md";

    @TempDir
    Path siteDir;

    @TempDir
    Path cacheDir;

    @Test
    void aRunWithNothingChangedMakesNoFeedDocumentAndGivesTheSameValidatorsAndBytes() throws Exception {
        TestSite.copyOfSample(siteDir);
        Snapshot first = runAndSave(false);

        Snapshot second = run(false);

        Map<String, Representation> documents = documents(second);
        assertThat(documents).hasSizeGreaterThan(20);
        assertThat(documents.values()).as("none made: their validators are known").allMatch(r -> !r.isReady())
                .allMatch(Representation::wasMade);
        documents.forEach((path, representation) -> {
            Representation before = first.find(path).orElseThrow();
            assertThat(representation.etag()).as(path).isEqualTo(before.etag());
            assertThat(representation.length(false)).as(path).isEqualTo(before.length(false));
            assertThat(representation.lastModified()).as(path).isEqualTo(before.lastModified());
            assertThat(representation.links()).as(path).isEqualTo(before.links());
        });
        documents.forEach((path, representation) ->
                assertThat(representation.bytes()).as(path).isEqualTo(first.find(path).orElseThrow().bytes()));
        assertThat(documents.values()).as("made when asked for, then held").allMatch(Representation::isReady);
    }

    @Test
    void anEditMakesAgainExactlyTheDocumentsShowingTheEditedPost() throws Exception {
        TestSite.copyOfSample(siteDir);
        Snapshot first = runAndSave(false);
        Path post = siteDir.resolve(EDITED);
        Files.writeString(post, Files.readString(post).replace("\n\n", "\n\nAn added paragraph.\n\n"));

        Snapshot second = run(false);

        Set<String> madeNow = new TreeSet<>();
        Set<String> changed = new TreeSet<>();
        documents(second).forEach((path, representation) -> {
            if (representation.isReady()) {
                madeNow.add(path);
            }
            if (!representation.etag().equals(first.find(path).orElseThrow().etag())) {
                changed.add(path);
            }
        });
        assertThat(changed).contains("/rss.xml", "/atom.xml", "/feed.json");
        // A document is made with its preview page (which shows no body, so this one did not change).
        Set<String> withPreviews = new TreeSet<>(changed);
        changed.forEach(path -> withPreviews.add(path.substring(0, path.lastIndexOf('/') + 1) + "feed.html"));
        assertThat(madeNow).as("made now: the documents whose posts changed, no other").isEqualTo(withPreviews);
        assertThat(madeNow).hasSizeLessThan(documents(second).size() / 2);
    }

    @Test
    void aDamagedFeedCacheIsReportedAndEveryDocumentIsMadeAfresh() throws Exception {
        TestSite.copyOfSample(siteDir);
        Snapshot first = runAndSave(false);
        Path file = cacheDir.resolve(FeedCache.FILE.fileName());
        byte[] good = Files.readAllBytes(file);
        good[good.length / 2] ^= 0x10;
        Files.write(file, good);

        SitePipeline pipeline = SitePipeline.open(siteDir, false, Optional.of(cacheDir));
        Snapshot second = pipeline.runOnce(NOW).snapshot();

        assertThat(pipeline.cacheNotes()).containsExactly("warning: feed cache " + file
                + ": damaged (its checksum does not match); not used: every feed is made afresh");
        assertThat(documents(second).values()).allMatch(Representation::isReady);
        documents(second).forEach((path, representation) ->
                assertThat(representation.etag()).as(path).isEqualTo(first.find(path).orElseThrow().etag()));
    }

    @Test
    void aServerAfterABuildMakesNoDocumentAndLearnsEachGzipLengthWhenItMakesIt() throws Exception {
        TestSite.copyOfSample(siteDir);
        Snapshot built = runAndSave(false);
        Snapshot fresh = SitePipeline.open(siteDir, true, Optional.empty()).runOnce(NOW).snapshot();

        SitePipeline server = SitePipeline.open(siteDir, true, Optional.of(cacheDir));
        Snapshot served = server.runOnce(NOW).snapshot();
        assertThat(documents(served).values()).as("none made at the start").noneMatch(Representation::isReady);
        Representation rss = served.find("/rss.xml").orElseThrow();
        assertThat(rss.etag()).isEqualTo(built.find("/rss.xml").orElseThrow().etag());
        assertThat(rss.length(true)).as("made to learn it").isEqualTo(fresh.find("/rss.xml").orElseThrow().length(true));
        assertThat(rss.isReady()).isTrue();
        assertThat(rss.gzipBytes()).isEqualTo(fresh.find("/rss.xml").orElseThrow().gzipBytes());

        // The server's record has the gzip lengths of what it made: the next start answers them without making.
        server.saveCache();
        Snapshot again = run(true);
        assertThat(again.find("/rss.xml").orElseThrow().length(true)).isEqualTo(rss.length(true));
        assertThat(again.find("/rss.xml").orElseThrow().isReady()).isFalse();
    }

    @Test
    void anotherConfigurationFindsNothing() throws Exception {
        TestSite.copyOfSample(siteDir);
        runAndSave(false);
        Path config = siteDir.resolve("feeds-config/site.yml");
        Files.writeString(config, Files.readString(config) + "\nauthor: Someone Else\n");

        SitePipeline pipeline = SitePipeline.open(siteDir, false, Optional.of(cacheDir));
        Snapshot second = pipeline.runOnce(NOW).snapshot();

        assertThat(documents(second).values()).allMatch(Representation::isReady);
        assertThat(pipeline.cacheNotes()).noneMatch(note -> note.contains("feed cache"));
    }

    private Snapshot runAndSave(boolean precompress) throws ConfigException, IOException {
        SitePipeline pipeline = SitePipeline.open(siteDir, precompress, Optional.of(cacheDir));
        Snapshot snapshot = pipeline.runOnce(NOW).snapshot();
        assertThat(pipeline.saveCache()).hasValueSatisfying(saved -> assertThat(saved.warnings()).isEmpty());
        assertThat(cacheDir.resolve(FeedCache.FILE.fileName())).isRegularFile();
        return snapshot;
    }

    private Snapshot run(boolean precompress) throws ConfigException {
        SitePipeline pipeline = SitePipeline.open(siteDir, precompress, Optional.of(cacheDir));
        assertThat(pipeline.cacheNotes()).isEmpty();
        return pipeline.runOnce(NOW).snapshot();
    }

    /** The feed documents (every format) and their preview pages, by path. */
    private static Map<String, Representation> documents(Snapshot snapshot) {
        Map<String, Representation> documents = new TreeMap<>();
        snapshot.files().forEach((path, representation) -> {
            if (FeedFormats.isFeed(representation.contentType()) || path.endsWith("/feed.html")
                    || path.equals("/feed.html")) {
                documents.put(path, representation);
            }
        });
        return documents;
    }
}
