package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.CliRun;
import feedwright.testing.TestSite;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What reading site.yml warns of (a value taken otherwise than written) is said by every command that reads it,
 * with its line and column, and the command goes on.
 */
class ConfigWarningsTest {

    private static final String WARNING = "feeds-config/site.yml:21:9: warning: author: expected text, found a number;"
            + " using '42' as text\n";

    @TempDir
    Path siteDir;

    @BeforeEach
    void aSiteWhoseAuthorIsANumber() throws Exception {
        TestSite.copyOfSample(siteDir);
        Path config = siteDir.resolve("feeds-config/site.yml");
        String text = Files.readString(config);
        assertThat(text.lines().toList().get(20)).startsWith("author: ");
        Files.writeString(config, text.replaceFirst("\nauthor: [^\n]*", "\nauthor: 42"));
    }

    @Test
    void buildSaysItAndBuilds() {
        CliRun run = CliRun.run("build", "--site", siteDir.toString(), "--out", siteDir.resolve("out").toString());

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.err()).contains(WARNING);
    }

    @Test
    void checkSaysIt() {
        CliRun run = CliRun.run("check", "--site", siteDir.toString());

        assertThat(run.err() + run.out()).contains(WARNING);
    }

    @Test
    void serveSaysItAndServes() throws Exception {
        try (ServeRun served = ServeRun.start("serve", "--site", siteDir.toString(), "--port", "0")) {
            served.port();
            assertThat(served.err()).contains(WARNING);
            assertThat(served.get("/feed.json").statusCode()).isEqualTo(200);
        }
    }
}
