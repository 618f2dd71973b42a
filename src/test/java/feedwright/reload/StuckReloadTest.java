package feedwright.reload;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.problem.Problem;
import feedwright.testing.Json;
import feedwright.testing.LiveSite;
import feedwright.testing.TestSite;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload that cannot finish is visible: {@code /healthz} says {@code degraded} (with the problem in the
 * served snapshot) while it hangs, and {@code ok} again once it ends. The hang is a real one: the site's
 * {@code site.yml} replaced by a pipe no one writes to, which the reloader reads to see whether the
 * configuration changed.
 */
@Timeout(120)
class StuckReloadTest {

    @TempDir
    Path dir;

    @TempDir
    Path outside;

    @Test
    void aReloadThatHangsIsReportedUntilItEnds() throws Exception {
        TestSite.create(dir).withGoodNeighbour();
        String config = Files.readString(dir.resolve("feeds-config/site.yml"));
        Path pipe = mkfifo(outside.resolve("pipe"));

        try (LiveSite site = LiveSite.watch(dir, Duration.ofSeconds(1))) {
            assertThat(status(site)).isEqualTo("ok");
            Path incoming = Files.createLink(dir.resolve("feeds-config/.incoming"), pipe);
            Files.move(incoming, dir.resolve("feeds-config/site.yml"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);

            site.awaitResponse("/healthz", r -> "degraded".equals(Json.object(r.body()).get("status")));
            assertThat(stuck(site)).singleElement().asString()
                    .matches("\\.:0:0: error: a reload started at .* has not finished after 1 s; "
                            + "still serving the site as it was before it");
            assertThat(site.get("/rss.xml").body()).contains(TestSite.GOOD_TITLE);

            site.save("feeds-config/site.yml", config);
            release(pipe);
            site.awaitResponse("/healthz", r -> "ok".equals(Json.object(r.body()).get("status")));
            assertThat(stuck(site)).isEmpty();
        }
    }

    private static String status(LiveSite site) {
        return (String) Json.object(site.get("/healthz").body()).get("status");
    }

    private static List<Problem> stuck(LiveSite site) {
        return site.current().get().problems().stream().filter(p -> p.file().equals(".")).toList();
    }

    /** Opens the pipe for reading and writing, which never waits, and so lets the waiting reader go. */
    private static void release(Path pipe) throws IOException {
        try (FileChannel channel = FileChannel.open(pipe, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            assertThat(channel.isOpen()).isTrue();
        }
    }

    private static Path mkfifo(Path path) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).as("mkfifo").isZero();
        return path;
    }
}
