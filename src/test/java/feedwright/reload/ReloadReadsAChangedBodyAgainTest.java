package feedwright.reload;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.SitePipeline;
import feedwright.testing.TestSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose post cache vouched for the files by their size and time has each body still in its file until
 * it reads them all, right after the start. A reload in that moment that needs a body whose file changed meanwhile
 * (here behind its look, so that no event and no listing tells) finds it changed: it reloads once more, reading
 * that file again, and publishes, rather than fail and keep the previous site.
 */
@Timeout(60)
class ReloadReadsAChangedBodyAgainTest {

    private static final String EDITED = "posts/2025-11-10-ai-chip-earnings.md";
    /** In the site feed with EDITED, its body never read before the reload. */
    private static final String BEHIND = "posts/2025-10-03-hokkaido-datacenter.md";

    @TempDir
    Path dir;

    @TempDir
    Path cache;

    @Test
    void aReloadFindingABodyChangedInItsFileReadsItAgainAndPublishes() throws Exception {
        TestSite.copyOfSample(dir);
        Instant now = Instant.now();
        TestSite.settlePosts(dir);
        // A build fills both caches: the server's first snapshot then renders no feed, and reads no body.
        SitePipeline building = SitePipeline.open(dir, false, Optional.of(cache), true);
        building.runOnce(now);
        assertThat(building.saveCache()).get().extracting(saved -> saved.written()).isEqualTo(true);

        SitePipeline serving = SitePipeline.open(dir, true, Optional.of(cache), true);
        CurrentSnapshot current = new CurrentSnapshot(serving.run(now).snapshot());
        TestSite.changeBehindItsLook(dir.resolve(BEHIND));
        Path edited = dir.resolve(EDITED);
        Files.writeString(edited, Files.readString(edited).replace("\n\n", "\n\nAn added paragraph.\n\n"));

        try (SiteReloader reloader = new SiteReloader(serving, current, Clock.systemUTC())) {
            SiteReloader.Result result = reloader.reload(Optional.of(Set.of(edited)));

            assertThat(result.outcome()).isEqualTo(SiteReloader.Outcome.RELOADED);
        }
        String feed = new String(current.get().find("/feed.json").orElseThrow().bytes(), StandardCharsets.UTF_8);
        assertThat(feed).contains("An added paragraph.").contains("デエタ");
        assertThat(current.get().errorCount()).as("not kept as a failed reload").isZero();
    }

}
