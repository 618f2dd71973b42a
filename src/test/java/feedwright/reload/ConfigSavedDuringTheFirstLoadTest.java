package feedwright.reload;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.SitePipeline;
import feedwright.testing.TestSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * site.yml saved after the pipeline read it but before the reloader was made (while {@code serve}'s first load
 * runs, say): the reloader compares with the file as the pipeline read it, so the reload its event asks for
 * reads the configuration again, rather than take the saved file for the one in effect.
 */
@Timeout(60)
class ConfigSavedDuringTheFirstLoadTest {

    @TempDir
    Path dir;

    @Test
    void aConfigurationSavedDuringTheFirstLoadIsReadByTheNextReload() throws Exception {
        TestSite.copyOfSample(dir);
        SitePipeline pipeline = SitePipeline.open(dir);
        CurrentSnapshot current = new CurrentSnapshot(pipeline.run(Clock.systemUTC().instant()).snapshot());
        Path config = dir.resolve("feeds-config/site.yml");
        String text = Files.readString(config);
        assertThat(text).contains("\ntitle: ");
        Files.writeString(config, text.replaceFirst("\ntitle: [^\n]*", "\ntitle: \"A title saved during the first load\""));

        try (SiteReloader reloader = new SiteReloader(pipeline, current, Clock.systemUTC())) {
            SiteReloader.Result result = reloader.reload(Optional.of(Set.of(config)));

            assertThat(result.outcome()).isEqualTo(SiteReloader.Outcome.RELOADED);
        }
        assertThat(new String(current.get().find("/feed.json").orElseThrow().bytes(), StandardCharsets.UTF_8))
                .contains("A title saved during the first load");
    }
}
