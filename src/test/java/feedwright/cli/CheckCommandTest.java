package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.CliRun;
import feedwright.testing.Json;
import feedwright.testing.TestSite;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code feedwright check} through the real command line: one test per warning issue #4 lists, each
 * asserting the exact problem line and exit status 0, then errors (exit 1), a broken configuration
 * (exit 3) and the JSON format read back with a JSON parser.
 */
class CheckCommandTest {

    @TempDir
    Path siteDir;

    TestSite site;

    @BeforeEach
    void siteWithAGoodNeighbour() {
        site = TestSite.create(siteDir).withGoodNeighbour();
    }

    @Test
    void titleEndingInAReplacementCharacterIsRepairedWithAnEllipsis() {
        site.post("2025-04-01-cut.md", post("title: \"半導体の需給が逼迫\uFFFD\"\n", "Body.\n"));

        assertWarningsOnly("posts/2025-04-01-cut.md:2:8: info: title: cut off (it ended in U+FFFD); '…' marks the cut");
    }

    @Test
    void titleEndingInAReplacementCharacterIsCompletedFromTheBodysFirstLine() {
        site.post("2025-04-01-cut.md", post("title: \"半導体の需給が逼迫\uFFFD\"\n", "半導体の需給が逼迫する理由\n\nBody.\n"));

        assertWarningsOnly("posts/2025-04-01-cut.md:2:8: info: title: cut off (it ended in U+FFFD); completed from "
                + "the body's first line", "posts/2025-04-01-cut.md:6:1: info: the first paragraph (line 6) repeats "
                + "the title and is left out");
    }

    @Test
    void replacementCharacterInsideATitleIsRemoved() {
        site.post("2025-04-02-mid.md", post("title: \"Yen \uFFFD carry trade\"\n", "Body.\n"));

        assertWarningsOnly("posts/2025-04-02-mid.md:2:8: info: title: removed U+FFFD, the replacement character");
    }

    @Test
    void repairsAreInfoInTextAndJsonAndNeverFailAStrictBuild() {
        site.post("2025-04-12-chunks.md", post("title: Chunks\n",
                "Intro.\n\nThe market closed higher and\n---END---\n...closed higher and then fell back.\n"));
        String info = "posts/2025-04-12-chunks.md:9:1: info: 2 generation chunks joined; the sentence cut at line 8 "
                + "completed from line 10";

        CliRun text = assertWarningsOnly(info);
        CliRun json = CliRun.run("check", "--site", siteDir.toString(), "--format", "json");
        CliRun build = CliRun.run("build", "--strict", "--site", siteDir.toString(), "--out",
                siteDir.resolve("public").toString());

        assertThat(text.out()).endsWith("0 errors, 0 warnings, 1 info in 2 post files; 2 published\n");
        assertThat(Json.object(json.out())).containsEntry("errors", 0L).containsEntry("warnings", 0L)
                .containsEntry("info", 1L);
        assertThat(Json.objects(Json.object(json.out()), "problems")).containsExactly(Map.of("file",
                "posts/2025-04-12-chunks.md", "line", 9L, "column", 1L, "severity", "info", "message",
                info.substring(info.indexOf("2 generation"))));
        assertThat(build.exitCode()).as(build.transcript()).isZero();
        assertThat(build.problems()).containsExactly(info);
        assertThat(build.out()).containsPattern("\n0 errors, 0 warnings, 1 info; done in ");
    }

    @Test
    void postWithoutExcerptOrDescriptionIsAWarning() {
        site.post("2025-04-03-bare.md", "---\ntitle: Bare\ndate: 2025-04-03 09:00:00 +0000\n---\nFirst paragraph.\n");

        assertWarningsOnly("posts/2025-04-03-bare.md:1:1: warning: no excerpt or description; the summary is "
                + "taken from the body's first paragraph");
    }

    @Test
    void twoPostsWithTheSameIdAreAWarningOnTheLaterFile() {
        site.post("2025-04-04-first.md", post("title: First\nid: urn:example:same\n", "Body.\n"))
                .post("2025-04-05-second.md", post("title: Second\nid: urn:example:same\n", "Body.\n"));

        assertWarningsOnly("posts/2025-04-05-second.md:0:0: warning: same id as posts/2025-04-04-first.md "
                + "(urn:example:same); feed readers will show only one of them");
    }

    @Test
    void twoPostsWithTheSamePermalinkAreAWarningOnTheLaterFile() {
        site.post("2025-04-06-first.md", post("title: First\npermalink: /same/\n", "Body.\n"))
                .post("2025-04-07-second.md", post("title: Second\npermalink: /same/\n", "Body.\n"));

        assertWarningsOnly("posts/2025-04-07-second.md:0:0: warning: same permalink as posts/2025-04-06-first.md "
                + "(https://example.org/blog/same/); feed readers will show only one of them");
    }

    @Test
    void postDatedInTheFutureIsAWarningAndLeftOut() {
        // CliRun's clock stands at 2026-01-01T00:00:00Z.
        site.post("2026-02-01-later.md", "---\ntitle: Later\ndate: 2026-02-01 09:00:00 +0000\nexcerpt: e\n---\n"
                + "Body.\n");

        CliRun run = assertWarningsOnly("posts/2026-02-01-later.md:0:0: warning: dated in the future "
                + "(2026-02-01T09:00Z); left out until then (set future: true to publish it now)");
        assertThat(run.out()).endsWith("0 errors, 1 warning in 2 post files; 1 published\n");
    }

    @Test
    void bodyCutMidSentenceBeforeTheEndMarkerIsAWarningAtTheMarker() {
        site.post("2025-04-08-cut.md", post("title: Cut\n", "The market closed higher and\n---END---\n"));

        assertWarningsOnly("posts/2025-04-08-cut.md:7:1: warning: body ends mid-sentence before the end marker: "
                + "'…et closed higher and'"); // the last 20 characters
    }

    @Test
    void tagDifferingFromAnotherOnlyByCaseIsAWarning() {
        site.post("2025-04-09-upper.md", post("title: Upper\ntags: [AI]\n", "Body.\n"))
                .post("2025-04-10-lower.md", post("title: Lower\ntags: [ai]\n", "Body.\n"));

        assertWarningsOnly("posts/2025-04-10-lower.md:0:0: warning: tag 'ai' differs from 'AI' only by case; they "
                + "are published as one tag");
    }

    @Test
    void everyFurtherSpellingOfATagIsAWarning() {
        site.post("2025-04-09-upper.md", post("title: Upper\ntags: [AI]\n", "Body.\n"))
                .post("2025-04-10-lower.md", post("title: Lower\ntags: [ai]\n", "Body.\n"))
                .post("2025-04-11-wide.md", post("title: Wide\ntags: [ＡＩ]\n", "Body.\n"));

        CliRun run = CliRun.run("check", "--site", siteDir.toString());

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.problems()).containsExactly(
                "posts/2025-04-10-lower.md:0:0: warning: tag 'ai' differs from 'AI' only by case; they are "
                        + "published as one tag",
                "posts/2025-04-11-wide.md:0:0: warning: tag 'ＡＩ' and 'AI' have the same address (tags/ai/); they "
                        + "are published as one tag");
    }

    @Test
    void anErrorMakesTheExitStatusOneAndTheOtherPostsAreStillCounted() {
        site.post("2025-04-11-bad.md", "---\ntitle: Bad\ndate: 2025-13-40\nexcerpt: e\n---\nBody.\n");

        CliRun run = CliRun.run("check", "--site", siteDir.toString());

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(1);
        assertThat(run.problems()).hasSize(1).allMatch(p -> p.startsWith("posts/2025-04-11-bad.md:3:7: error: date: "
                + "'2025-13-40' is not a date"));
        assertThat(run.out()).endsWith("1 error, 0 warnings in 2 post files; 1 published\n");
    }

    @Test
    void jsonFormatListsEveryProblemWithItsCounts() {
        site.post("2025-04-11-bad.md", "---\ntitle: Bad\ndate: someday\nexcerpt: e\n---\nBody.\n")
                .post("2025-04-03-bare.md", "---\ntitle: Bare\ndate: 2025-04-03\n---\nFirst paragraph.\n");

        CliRun run = CliRun.run("check", "--site", siteDir.toString(), "--format", "json");

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(1);
        Map<String, Object> report = Json.object(run.out());
        assertThat(report).containsEntry("files", 3L).containsEntry("published", 2L)
                .containsEntry("errors", 1L).containsEntry("warnings", 1L);
        assertThat(Json.objects(report, "problems")).containsExactly(
                Map.of("file", "posts/2025-04-03-bare.md", "line", 1L, "column", 1L, "severity", "warning",
                        "message", "no excerpt or description; the summary is taken from the body's first paragraph"),
                Map.of("file", "posts/2025-04-11-bad.md", "line", 3L, "column", 7L, "severity", "error",
                        "message", "date: 'someday' is not a date (expected YYYY-MM-DD HH:MM:SS +ZZZZ)"));
        assertThat(run.err()).isEmpty();
    }

    @Test
    void configurationWarningsAreListedOnceAndCountedWithThePostsProblems() {
        TestSite.create(siteDir, TestSite.CONFIG + "description: 42\n").withGoodNeighbour();
        String warning = "feeds-config/site.yml:7:14: warning: description: expected text, found a number; using '42'"
                + " as text";

        CliRun text = CliRun.run("check", "--site", siteDir.toString());
        CliRun json = CliRun.run("check", "--site", siteDir.toString(), "--format", "json");

        assertThat(text.exitCode()).as(text.transcript()).isZero();
        assertThat(text.out()).isEqualTo(warning + "\n0 errors, 1 warning in 1 post file; 1 published\n");
        assertThat(text.err()).as(text.transcript()).doesNotContain("site.yml");
        assertThat(json.exitCode()).as(json.transcript()).isZero();
        Map<String, Object> report = Json.object(json.out());
        assertThat(report).containsEntry("errors", 0L).containsEntry("warnings", 1L).containsEntry("info", 0L);
        assertThat(Json.objects(report, "problems")).containsExactly(Map.of("file", "feeds-config/site.yml",
                "line", 7L, "column", 14L, "severity", "warning", "message",
                "description: expected text, found a number; using '42' as text"));
        assertThat(json.err()).as(json.transcript()).isEmpty();
    }

    @Test
    void brokenConfigurationExitsWithThreeAndListsItsProblems() {
        TestSite.create(siteDir, "title: T\nlimit: many\n");

        CliRun run = CliRun.run("check", "--site", siteDir.toString());

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(3);
        assertThat(run.out()).isEqualTo(String.join("\n", CONFIG_PROBLEMS)
                + "\n2 errors, 0 warnings; posts not checked: fix feeds-config/site.yml\n");
    }

    @Test
    void brokenConfigurationInJsonFormatExitsWithThreeAndListsItsProblems() {
        TestSite.create(siteDir, "title: T\nlimit: many\n");

        CliRun run = CliRun.run("check", "--site", siteDir.toString(), "--format", "json");

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(3);
        Map<String, Object> report = Json.object(run.out());
        assertThat(report).containsEntry("files", 0L).containsEntry("published", 0L)
                .containsEntry("errors", 2L).containsEntry("warnings", 0L);
        assertThat(Json.objects(report, "problems")).extracting(p -> p.get("file") + ":" + p.get("line") + ":"
                + p.get("column") + ": " + p.get("severity") + ": " + p.get("message"))
                .containsExactlyElementsOf(CONFIG_PROBLEMS);
    }

    @Test
    void missingConfigurationExitsWithThree() {
        CliRun run = CliRun.run("check", "--site", siteDir.resolve("nowhere").toString());

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(3);
        assertThat(run.problems()).hasSize(1).allMatch(p -> p.startsWith("feeds-config/site.yml:0:0: error: "));
    }

    private static final List<String> CONFIG_PROBLEMS = List.of(
            "feeds-config/site.yml:1:1: error: base_url: required, the absolute URL of the site "
                    + "(for example https://example.org/)",
            "feeds-config/site.yml:2:8: error: limit: expected a whole number from 1 to 10000, found 'many'");

    /** Runs check and expects exactly {@code problems} besides the good neighbour, and exit status 0. */
    private CliRun assertWarningsOnly(String... problems) {
        CliRun run = CliRun.run("check", "--site", siteDir.toString());
        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.problems()).as(run.transcript()).containsExactly(problems);
        return run;
    }

    /** A post with a date and an excerpt, so only what {@code fields} and {@code body} add can warn. */
    private static String post(String fields, String body) {
        return "---\n" + fields + "date: 2025-04-01 09:00:00 +0000\nexcerpt: \"An excerpt.\"\n---\n" + body;
    }
}
