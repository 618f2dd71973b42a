package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.CliRun;
import feedwright.testing.TestSite;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #11, item 5: a {@code post_patterns} glob that does not compile used to end {@code check} and
 * {@code build} with a stack trace and exit 1. It is a configuration error now, located at the pattern
 * (file, line, column, key), with exit status 3 and nothing written.
 */
class PostPatternsGlobTest {

    @TempDir
    Path siteDir;

    @TempDir
    Path out;

    /** The parenthesis quotes the JDK's own description of the fault, closing quote missing and all. */
    private static final String PROBLEM = "feeds-config/site.yml:7:25: error: post_patterns: '*.{md' is not a "
            + "file-name pattern (Missing '} near index 4)";

    @Test
    void checkReportsTheBadGlobAsAConfigError() {
        TestSite.create(siteDir, TestSite.CONFIG + "post_patterns:\n  - \"*.txt\"\n  - \"*.{md\"\n")
                .withGoodNeighbour();

        CliRun check = CliRun.run("check", "--site", siteDir.toString());

        assertThat(check.exitCode()).as(check.transcript()).isEqualTo(ExitCode.CONFIG_ERROR.code());
        assertThat(check.problems()).as(check.transcript())
                .containsExactly(PROBLEM.replace(":7:25:", ":9:5:"));
        assertThat(check.err()).isEmpty();
    }

    @Test
    void buildWritesNothingAndExitsThree() {
        TestSite.create(siteDir, TestSite.CONFIG + "post_patterns: [\"*.md\", \"*.{md\", \"[\"]\n")
                .withGoodNeighbour();

        CliRun build = CliRun.run("build", "--site", siteDir.toString(), "--out", out.toString());

        assertThat(build.exitCode()).as(build.transcript()).isEqualTo(ExitCode.CONFIG_ERROR.code());
        assertThat(build.problems()).as(build.transcript()).containsExactly(PROBLEM,
                "feeds-config/site.yml:7:34: error: post_patterns: '[' is not a file-name pattern "
                        + "(Missing '] near index 0)");
        assertThat(out).isEmptyDirectory();
        assertThat(Files.exists(siteDir.resolve("public"))).isFalse();
    }
}
