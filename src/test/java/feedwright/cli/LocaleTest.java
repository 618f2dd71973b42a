package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import feedwright.testing.ChildJvm;
import feedwright.testing.CliRun;
import feedwright.testing.TestSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output must not depend on the locale the process was started in. Java 17 decodes and encodes file
 * names with the locale's character set ({@code sun.jnu.encoding}, fixed at JVM start): under the C
 * locale (no {@code LANG}: systemd units, cron, bare containers) a Japanese file name reads as U+FFFDs,
 * which changed ids and links and made two posts one. So each command is run in a child JVM here.
 */
class LocaleTest {

    /** No LANG and no LC_* at all, as cron and systemd start a process, and then the C locale said outright. */
    static final Map<String, String> C_LOCALE = Map.of("LC_ALL", "C");
    static final Map<String, String> UTF8_LOCALE = Map.of("LC_ALL", "C.UTF-8");

    @TempDir
    Path dir;

    Path siteDir;

    @BeforeEach
    void siteWithJapaneseFileNames() throws IOException {
        assumeTrue("UTF-8".equals(System.getProperty("sun.jnu.encoding")),
                "this test JVM's locale is not UTF-8 (sun.jnu.encoding=" + System.getProperty("sun.jnu.encoding")
                        + "), so it cannot create the Japanese file names the test needs; run it with LC_ALL=C.UTF-8");
        siteDir = dir.resolve("site");
        // Two posts of equal size and modification time: under the C locale their names were equal too.
        TestSite.create(siteDir).post("2025-03-01-投資.md", post("Toushi")).post("2025-03-02-市場.md", post("Shijou"));
        FileTime sameTime = FileTime.from(Instant.parse("2025-03-03T00:00:00Z"));
        for (String name : new String[] {"2025-03-01-投資.md", "2025-03-02-市場.md"}) {
            Files.setLastModifiedTime(siteDir.resolve("posts").resolve(name), sameTime);
        }
    }

    @Test
    void underTheCLocaleEveryCommandThatReadsTheSiteRefusesNamingTheFixAndWritesNothing() {
        Path out = dir.resolve("out");
        String[][] commands = {
            {"build", "--site", siteDir.toString(), "--out", out.toString()},
            {"check", "--site", siteDir.toString()},
            {"serve", "--site", siteDir.toString(), "--port", "0", "--no-watch"},
        };
        for (String[] command : commands) {
            ChildJvm run = ChildJvm.run(C_LOCALE, command);

            assertThat(run.exitCode()).as(run.transcript()).isEqualTo(ExitCode.IO_ERROR.code());
            assertThat(run.err()).as(command[0]).contains("file names", "not UTF-8", "LC_ALL=C.UTF-8", "bin/feedwright");
            assertThat(run.out()).as(command[0]).isEmpty();
        }
        assertThat(out).doesNotExist();
    }

    @Test
    void underAUtf8LocaleTheChildWritesExactlyWhatThisJvmWrites() throws IOException {
        Path childOut = dir.resolve("child");
        ChildJvm child = ChildJvm.run(UTF8_LOCALE, "build", "--site", siteDir.toString(), "--out", childOut.toString());
        assumeFalse(child.exitCode() == ExitCode.IO_ERROR.code() && child.err().contains("LC_ALL=C.UTF-8"),
                "this machine has no C.UTF-8 locale: " + child.err());
        Path ownOut = dir.resolve("own");
        CliRun own = CliRun.run("build", "--site", siteDir.toString(), "--out", ownOut.toString());

        assertThat(child.exitCode()).as(child.transcript()).isZero();
        assertThat(own.exitCode()).as(own.transcript()).isZero();
        assertThat(files(childOut)).isEqualTo(files(ownOut));
        assertThat(Files.readString(ownOut.resolve("atom.xml")))
                .contains("posts/%E6%8A%95%E8%B3%87", "posts/%E5%B8%82%E5%A0%B4", "Toushi", "Shijou");
    }

    @Test
    void helpAndVersionStillAnswerUnderTheCLocale() {
        ChildJvm version = ChildJvm.run(C_LOCALE, "--version");
        ChildJvm help = ChildJvm.run(C_LOCALE, "build", "--help");

        assertThat(version.exitCode()).as(version.transcript()).isZero();
        assertThat(help.exitCode()).as(help.transcript()).isZero();
        assertThat(help.out()).contains("--out");
    }

    /** Every file under {@code root} by its relative path, with its text. */
    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }

    private static String post(String title) {
        return "---\ntitle: " + title + "\ndate: 2025-03-01 10:00:00 +0000\nexcerpt: e\n---\nBody.\n";
    }
}
