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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build into a folder that already holds its files asks no representation for its bytes: pages made on
 * demand, whose making is most of a large build's work, are not made again to be compared with the files.
 * (In this package because only it can make such pages; the folder sink's own tests are in {@code sink}.)
 */
class RebuildMakesNoPageTest {

    private static final Instant UPDATED = Instant.parse("2025-03-01T10:00:00Z");

    @TempDir
    Path out;

    @Test
    void aSecondBuildOfTheSameSnapshotMakesNoPageWithOrWithoutGzip() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            AtomicInteger makings = new AtomicInteger();
            Snapshot snapshot = pages(makings, gzip, 3);
            FolderSink.write(snapshot, out, gzip, Clock.systemUTC());
            int afterFirst = makings.get();

            FolderSink.Outcome second = FolderSink.write(snapshot, out, gzip, Clock.systemUTC());

            assertThat(afterFirst).as("a cache that keeps nothing: made for the ETag, then to write").isEqualTo(2 * 3);
            assertThat(makings.get()).as("gzip " + gzip).isEqualTo(afterFirst);
            assertThat(second.written()).isZero();
            assertThat(second.unchanged()).isEqualTo(gzip ? 6 : 3);
            assertThat(out.resolve("archive/2/rss.xml")).hasContent(page(2));
        }
    }

    @Test
    void aPageWhoseFileChangedIsMadeAgainToBeWritten() throws IOException {
        AtomicInteger makings = new AtomicInteger();
        Snapshot snapshot = pages(makings, false, 3);
        FolderSink.write(snapshot, out, false, Clock.systemUTC());
        Files.writeString(out.resolve("archive/1/rss.xml"), "<rss/>");
        int afterFirst = makings.get();

        FolderSink.Outcome second = FolderSink.write(snapshot, out, false, Clock.systemUTC());

        assertThat(makings.get()).isEqualTo(afterFirst + 1);
        assertThat(second.written()).isEqualTo(1);
        assertThat(out.resolve("archive/1/rss.xml")).hasContent(page(1));
    }

    /** {@code count} archive pages made on demand, counting every making, with a cache that keeps none. */
    private static Snapshot pages(AtomicInteger makings, boolean precompress, int count) {
        RecentlyUsed<OnDemandBody, OnDemandBody.Made> keepsNothing = OnDemandBody.Made.cache(0);
        Map<String, Representation> pages = new HashMap<>();
        for (int n = 1; n <= count; n++) {
            int number = n;
            pages.put("/archive/" + n + "/rss.xml", Representation.onDemand("application/rss+xml; charset=utf-8", () -> {
                makings.incrementAndGet();
                return page(number).getBytes(StandardCharsets.UTF_8);
            }, Optional.of(UPDATED), precompress, keepsNothing));
        }
        return new Snapshot(pages, count, 1, List.of(), List.of(), UPDATED, Duration.ZERO);
    }

    private static String page(int number) {
        return "<rss><channel><title>page " + number + "</title></channel></rss>";
    }
}
