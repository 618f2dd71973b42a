package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.feed.FeedFormat;
import feedwright.feed.FeedFormats;
import feedwright.testing.CliRun;
import feedwright.testing.TestSite;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and output of the command line, run in-process through picocli's writers. */
class CommandLineTest {

    @TempDir
    Path siteDir;

    @TempDir
    Path out;

    @Test
    void helpListsTheCommandsAndExitCodes() {
        CliRun run = CliRun.run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: feedwright", "build", "check", "serve", "Exit status:",
                "3   feeds-config/site.yml is missing or broken; nothing was written");
    }

    @Test
    void buildHelpDescribesItsOptions() {
        CliRun run = CliRun.run("build", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--site=DIR", "--out=DIR", "--strict");
    }

    @Test
    void helpNamesEveryRegisteredFormat() {
        // Help text is wrapped at 80 columns: compare it with its line breaks folded.
        String root = CliRun.run("--help").out().replaceAll("\\s+", " ");
        String build = CliRun.run("build", "--help").out().replaceAll("\\s+", " ");

        assertThat(root).contains("Turns a folder of blog posts into "
                + FeedFormats.listed(format -> format.label() + " " + format.version()) + " feeds");
        assertThat(build).contains("Write every feed (" + FeedFormats.listed(FeedFormat::label)
                + ") with its preview page, index.html");
        assertThat(FeedFormats.all()).allSatisfy(format -> assertThat(build).contains(format.label()));
    }

    @Test
    void everySubcommandAnswersHelpAndVersion() {
        for (String command : new String[] {"build", "check", "serve"}) {
            CliRun help = CliRun.run(command, "--help");
            CliRun version = CliRun.run(command, "--version");

            assertThat(help.exitCode()).as(help.transcript()).isZero();
            assertThat(help.out()).as(command).startsWith("Usage: feedwright " + command).contains("--site=DIR");
            assertThat(version.exitCode()).as(version.transcript()).isZero();
            assertThat(version.out()).isEqualTo(CliRun.run("--version").out());
        }
    }

    @Test
    void aRunThatNamesACommandMakesThatCommandAloneAndTheRootsHelpStillListsThemAll() {
        Clock clock = Clock.systemUTC();

        for (String command : RootCommand.SUBCOMMANDS) {
            assertThat(RootCommand.commandLineFor(clock, command, "--site", "x").getSubcommands()).as(command)
                    .containsOnlyKeys(command);
        }
        assertThat(RootCommand.commandLineFor(clock).getSubcommands().keySet())
                .containsExactlyElementsOf(RootCommand.SUBCOMMANDS);
        assertThat(RootCommand.commandLineFor(clock, "--help", "build").getSubcommands().keySet())
                .containsExactlyElementsOf(RootCommand.SUBCOMMANDS);
        assertThat(RootCommand.commandLine(clock).getSubcommands().keySet())
                .containsExactlyElementsOf(RootCommand.SUBCOMMANDS);
        // Each command's own line under "Commands:", as the root's help lists it: "  check   Load the site...".
        assertThat(CliRun.run("--help", "build").out().lines().filter(line -> line.matches("  [a-z]+ +\\S.*"))
                .map(line -> line.strip().split(" ")[0])).containsExactlyElementsOf(RootCommand.SUBCOMMANDS);
    }

    @Test
    void aMisspeltCommandIsAUsageErrorThatSuggestsTheRightOne() {
        CliRun run = CliRun.run("biuld", "--site", "x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'biuld'", "Did you mean: feedwright build?");
    }

    @Test
    void versionNamesTheRelease() {
        CliRun run = CliRun.run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).matches("feedwright \\S+\n");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.run("build", "--frobnicate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Unknown option: '--frobnicate'");
    }

    @Test
    void brokenConfigurationExitsWithThreeAndWritesNothing() {
        TestSite.create(siteDir, "title: T\nbase_url: https://example.org/\nlimit: lots\n").withGoodNeighbour();
        Path target = out.resolve("public");

        CliRun run = CliRun.run("build", "--site", siteDir.toString(), "--out", target.toString());

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("feeds-config/site.yml:3:8: error: limit: expected a whole number from 1 "
                + "to 10000, found 'lots'\nnothing was written: fix feeds-config/site.yml\n");
        assertThat(target).doesNotExist();
    }

    @Test
    void buildWithErrorsStillSucceedsUnlessStrict() {
        TestSite.create(siteDir).withGoodNeighbour().post("2025-05-01-broken.md", "no front matter\n");

        CliRun lenient = CliRun.run("build", "--site", siteDir.toString(), "--out", out.toString());
        CliRun strict = CliRun.run("build", "--strict", "--site", siteDir.toString(), "--out", out.toString());

        assertThat(lenient.exitCode()).as(lenient.transcript()).isZero();
        assertThat(strict.exitCode()).as(strict.transcript()).isEqualTo(1);
        // --strict reports everything and still writes the good posts.
        assertThat(strict.problems()).isEqualTo(lenient.problems()).hasSize(1);
        assertThat(out.resolve("rss.xml")).content().contains(TestSite.GOOD_TITLE);
    }

    @Test
    void strictBuildIgnoresWarnings() {
        TestSite.create(siteDir).withGoodNeighbour()
                .post("2025-05-02-untitled.md", "---\ndate: 2025-05-02\nexcerpt: e\n---\nBody.\n");

        CliRun run = CliRun.run("build", "--strict", "--site", siteDir.toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.problems()).hasSize(1).allMatch(p -> p.contains(": warning: "));
    }

    @Test
    void checkExitsWithZeroOnTheSampleAndWritesNothing() {
        CliRun run = CliRun.run("check", "--site", TestSite.sample().toString());

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.out()).endsWith("0 errors, 4 warnings, 7 info in 14 post files; 14 published\n");
    }

    @Test
    void checkExitsWithOneWhenAPostHasAnError() {
        TestSite site = TestSite.create(siteDir).withGoodNeighbour()
                .post("2025-05-03-bad-date.md", "---\ntitle: T\ndate: someday\nexcerpt: e\n---\nBody.\n");

        CliRun run = CliRun.run("check", "--site", site.dir().toString());

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("posts/2025-05-03-bad-date.md:3:7: error: date: 'someday' is not a date "
                + "(expected YYYY-MM-DD HH:MM:SS +ZZZZ)\n1 error, 0 warnings in 2 post files; 1 published\n");
        assertThat(siteDir.resolve("public")).doesNotExist();
    }

    @Test
    void checkReportsABrokenConfigurationWithTheConfigurationExitStatus() {
        TestSite.create(siteDir, "title: T\n");

        CliRun run = CliRun.run("check", "--site", siteDir.toString());

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(3);
        assertThat(run.problems()).containsExactly("feeds-config/site.yml:1:1: error: base_url: required, the "
                + "absolute URL of the site (for example https://example.org/)");
    }

    @Test
    void buildWritesToPublicInTheSiteFolderByDefault() {
        TestSite.create(siteDir).withGoodNeighbour();

        CliRun run = CliRun.run("build", "--site", siteDir.toString());

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(siteDir.resolve("public/rss.xml")).isRegularFile();
        assertThat(siteDir.resolve("public/atom.xml")).isRegularFile();
    }
}
