package feedwright.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.sink.FolderSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build into a folder that already holds its files asks no representation for its bytes: a feed document
 * an earlier run made ({@link Representation#known}) is not made, nor an archive page made again, just to be
 * compared with the file. (In this package because only it can make such representations; the folder sink's
 * own tests are in {@code sink}.)
 */
class RebuildMakesNoPageTest {

    private static final Instant UPDATED = Instant.parse("2025-03-01T10:00:00Z");
    private static final int DOCUMENTS = 3;

    @TempDir
    Path out;

    @Test
    void aRebuildOfDocumentsKnownFromAnEarlierRunMakesNoneWithOrWithoutGzip() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            AtomicInteger makings = new AtomicInteger();
            FolderSink.write(known(makings, gzip), out, gzip, Clock.systemUTC());
            assertThat(makings.get()).as("each made once, to be written").isEqualTo(DOCUMENTS);

            FolderSink.Outcome second = FolderSink.write(known(makings, gzip), out, gzip, Clock.systemUTC());

            assertThat(makings.get()).as("gzip " + gzip).isEqualTo(DOCUMENTS);
            assertThat(second.written()).isZero();
            assertThat(second.unchanged()).isEqualTo(gzip ? 2 * DOCUMENTS : DOCUMENTS);
            assertThat(out.resolve("tags/2/rss.xml")).hasContent(document(2));
        }
    }

    @Test
    void aKnownDocumentWhoseFileChangedIsMadeToBeWrittenAndNoOther() throws IOException {
        AtomicInteger makings = new AtomicInteger();
        FolderSink.write(known(makings, false), out, false, Clock.systemUTC());
        Files.writeString(out.resolve("tags/1/rss.xml"), "<rss/>");

        FolderSink.Outcome second = FolderSink.write(known(makings, false), out, false, Clock.systemUTC());

        assertThat(makings.get()).isEqualTo(DOCUMENTS + 1);
        assertThat(second.written()).isEqualTo(1);
        assertThat(out.resolve("tags/1/rss.xml")).hasContent(document(1));
    }

    @Test
    void aSecondBuildOfTheSameArchivePagesMakesNoneAgain() throws IOException {
        AtomicInteger makings = new AtomicInteger();
        Map<String, Representation> pages = new HashMap<>();
        RecentlyUsed<OnDemandBody, OnDemandBody.Made> keepsNothing = OnDemandBody.Made.cache(0);
        for (int n = 1; n <= DOCUMENTS; n++) {
            pages.put("/archive/" + n + "/rss.xml", Representation.onDemand(TYPE, maker(makings, n), Optional.of(UPDATED),
                    true, keepsNothing, Optional.empty()));
        }
        Snapshot snapshot = snapshot(pages);
        FolderSink.write(snapshot, out, true, Clock.systemUTC());
        int first = 3 * DOCUMENTS;
        assertThat(makings.get()).as("a cache that keeps nothing: made for the ETag, then for each file").isEqualTo(first);

        FolderSink.Outcome second = FolderSink.write(snapshot, out, true, Clock.systemUTC());

        assertThat(makings.get()).isEqualTo(first);
        assertThat(second.unchanged()).isEqualTo(2 * DOCUMENTS);
    }

    private static final String TYPE = "application/rss+xml; charset=utf-8";

    /** A run's snapshot of feed documents whose ETag and lengths an earlier run recorded, counting every making. */
    private static Snapshot known(AtomicInteger makings, boolean precompress) {
        Map<String, Representation> documents = new HashMap<>();
        for (int n = 1; n <= DOCUMENTS; n++) {
            byte[] bytes = document(n).getBytes(StandardCharsets.UTF_8);
            OnDemandBody.Known known = new OnDemandBody.Known(Representation.etagOf(bytes), bytes.length,
                    precompress ? Representation.gzip(bytes).length : -1);
            documents.put("/tags/" + n + "/rss.xml", Representation.heldOnceMade(TYPE, maker(makings, n),
                    Optional.of(known), Optional.of(UPDATED), precompress));
        }
        return snapshot(documents);
    }

    private static Snapshot snapshot(Map<String, Representation> resources) {
        return new Snapshot(resources, DOCUMENTS, DOCUMENTS, List.of(), List.of(), UPDATED, Duration.ZERO);
    }

    private static Supplier<byte[]> maker(AtomicInteger makings, int number) {
        return () -> {
            makings.incrementAndGet();
            return document(number).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String document(int number) {
        return "<rss><channel><title>feed " + number + "</title></channel></rss>";
    }
}
