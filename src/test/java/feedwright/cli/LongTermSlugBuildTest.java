package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.CliRun;
import feedwright.testing.FeedXml;
import feedwright.testing.Formats;
import feedwright.testing.TestSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #11, item 6: a tag of 64 four-byte letters passed {@code check} with no error, then {@code build}
 * failed with "File name too long" (exit 4): slugs were limited in characters, file names are limited in
 * bytes (255 on Linux file systems). The slug, which is the feed's folder name, is now limited in bytes
 * too, so what {@code check} accepts {@code build} writes.
 */
class LongTermSlugBuildTest {

    /** U+20BB7, a CJK Extension B letter: four bytes in UTF-8. */
    private static final String FOUR_BYTES = "𠮷";

    @TempDir
    Path siteDir;

    @TempDir
    Path out;

    @Test
    void aTagOfFourByteLettersIsCheckedAndBuiltAlike() {
        TestSite.create(siteDir).withGoodNeighbour().post("2025-06-01-long-tag.md", "---\ntitle: Long tag\n"
                + "date: 2025-06-01 09:00:00 +0000\nexcerpt: e\ntags: [\"" + FOUR_BYTES.repeat(64)
                + "\"]\n---\nBody.\n");

        CliRun check = CliRun.run("check", "--site", siteDir.toString());
        CliRun build = CliRun.run("build", "--site", siteDir.toString(), "--out", out.toString(), "--gzip");

        assertThat(check.exitCode()).as(check.transcript()).isZero();
        assertThat(check.problems()).as(check.transcript()).isEmpty();
        assertThat(build.exitCode()).as(build.transcript()).isZero();
        assertThat(build.problems()).as(build.transcript()).isEmpty();
        Path folder = out.resolve("tags").resolve(FOUR_BYTES.repeat(60));
        assertThat(folder.getFileName().toString().getBytes(StandardCharsets.UTF_8)).hasSize(240);
        for (String file : Formats.fileNames()) {
            assertThat(folder.resolve(file)).as(file).isNotEmptyFile();
            assertThat(folder.resolve(file + ".gz")).as(file + ".gz").isNotEmptyFile();
        }
        assertThat(FeedXml.rome(folder.resolve("atom.xml")).getEntries()).singleElement()
                .extracting(e -> e.getTitle()).isEqualTo("Long tag");
        assertThat(Files.exists(out.resolve("rss.xml"))).isTrue();
    }
}
