package feedwright.build;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.snapshot.Representation;
import feedwright.snapshot.Snapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotWriterTest {

    @TempDir
    Path out;

    @Test
    void temporaryFilesLeftByAKilledBuildInTheFoldersItWritesAreRemovedAndNothingElse() throws Exception {
        Path tags = Files.createDirectories(out.resolve("tags/ai"));
        Path leftover = Files.writeString(tags.resolve(".rss.xml4242.tmp"), "<rss><chan");
        Path leftoverGzip = Files.writeString(tags.resolve(".atom.xml.gz17.tmp"), "x");
        Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
        Files.setLastModifiedTime(leftoverGzip, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
        Path concurrentBuilds = Files.writeString(tags.resolve(".atom.xml99.tmp"), "being written right now");
        Path someoneElses = Files.writeString(tags.resolve(".notes.tmp"), "not ours");
        Files.setLastModifiedTime(someoneElses, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
        Path elsewhere = Files.writeString(out.resolve(".rss.xml7.tmp"), "in a folder this build does not write");
        Files.setLastModifiedTime(elsewhere, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));

        int written = SnapshotWriter.write(snapshot("/tags/ai/rss.xml", "<rss/>"), out, false);

        assertThat(written).isEqualTo(1);
        assertThat(leftover).doesNotExist();
        assertThat(leftoverGzip).doesNotExist();
        assertThat(concurrentBuilds).exists();
        assertThat(someoneElses).exists();
        assertThat(elsewhere).exists();
        assertThat(tags.resolve("rss.xml")).hasContent("<rss/>");
    }

    private static Snapshot snapshot(String path, String body) {
        Representation feed = Representation.of("application/rss+xml; charset=utf-8",
                body.getBytes(StandardCharsets.UTF_8), Optional.empty(), false);
        return new Snapshot(Map.of(path, feed), 0, 1, List.of(), List.of(), Instant.EPOCH, Duration.ZERO);
    }
}
