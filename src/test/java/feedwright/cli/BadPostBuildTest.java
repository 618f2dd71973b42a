package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import feedwright.feed.PreviewPage;
import feedwright.testing.CliRun;
import feedwright.testing.FeedXml;
import feedwright.testing.Formats;
import feedwright.testing.TestSite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per kind of broken post named in issue #2. Each builds a site holding the broken post and a
 * good neighbour through the real command line, then checks the exact problem text, that the build
 * still succeeded, and that the neighbour (and, when the problem is only a warning, the post itself) was
 * published in feeds that are still well-formed.
 */
class BadPostBuildTest {

    @TempDir
    Path siteDir;

    @TempDir
    Path out;

    TestSite site;

    @BeforeEach
    void siteWithAGoodNeighbour() {
        site = TestSite.create(siteDir, TestSite.CONFIG + "max_post_bytes: 4096\n").withGoodNeighbour();
    }

    @Test
    void postWithoutFrontMatterIsLeftOut() throws IOException {
        site.post("2025-04-01-plain.md", "Just a body.\nNo front matter at all.\n");

        assertBuild(List.of("posts/2025-04-01-plain.md:1:1: error: no front matter: a post must start with a "
                + "'---' line, then YAML, then another '---' line"));
        assertPublished(TestSite.GOOD_TITLE);
        assertThat(build.out()).contains("  skipped posts/2025-04-01-plain.md: no usable front matter\n");
    }

    @Test
    void unclosedFrontMatterIsLeftOut() throws IOException {
        site.post("2025-04-02-unclosed.md", "---\ntitle: Unclosed\ndate: 2025-04-02\nThe body starts here.\n");

        assertBuild(List.of("posts/2025-04-02-unclosed.md:1:1: error: front matter is never closed: add a '---' "
                + "line after the YAML"));
        assertPublished(TestSite.GOOD_TITLE);
    }

    @Test
    void yamlSyntaxErrorIsLocatedInTheFile() throws IOException {
        site.post("2025-04-03-yaml.md", "---\ndate: 2025-04-03\ntitle: \"never closed\n---\nBody.\n");

        assertBuild(List.of("posts/2025-04-03-yaml.md:4:1: error: YAML syntax error: found unexpected end of stream"));
        assertPublished(TestSite.GOOD_TITLE);
    }

    @Test
    void dateThatIsNotADateNamesTheValue() throws IOException {
        site.post("2025-04-04-when.md", "---\ntitle: When\nexcerpt: e\ndate: next tuesday\n---\nBody.\n");

        assertBuild(List.of("posts/2025-04-04-when.md:4:7: error: date: 'next tuesday' is not a date "
                + "(expected YYYY-MM-DD HH:MM:SS +ZZZZ)"));
        assertPublished(TestSite.GOOD_TITLE);
    }

    @Test
    void missingTitleFallsBackToTheSlugWithAWarning() throws IOException {
        site.post("2025-04-05-untitled-notes.md", "---\ndate: 2025-04-05 09:00:00 +0000\nexcerpt: e\n---\nBody.\n");

        assertBuild(List.of(
                "posts/2025-04-05-untitled-notes.md:1:1: warning: title: missing; using the file name 'untitled-notes'"));
        assertPublished(TestSite.GOOD_TITLE, "untitled-notes");
    }

    @Test
    void numberWhereTextIsExpectedIsUsedAsTextWithAWarning() throws IOException {
        site.post("2025-04-06-numbers.md", "---\ntitle: 1984\nauthor: 42\ndate: 2025-04-06 09:00:00 +0000\n"
                + "excerpt: e\n---\nBody.\n");

        assertBuild(List.of(
                "posts/2025-04-06-numbers.md:2:8: warning: title: expected text, found a number; using '1984' as text",
                "posts/2025-04-06-numbers.md:3:9: warning: author: expected text, found a number; using '42' as text"));
        assertPublished(TestSite.GOOD_TITLE, "1984");
        assertThat(rssEntry("1984").getAuthor()).isEqualTo("42");
    }

    @Test
    void listOrMappingWhereTextIsExpectedIsAnError() throws IOException {
        site.post("2025-04-07-shapes.md", "---\ntitle: Shapes\nauthor: [Ann, Bob]\ntags: {first: a}\n"
                + "date: [2025, 4, 7]\nexcerpt: e\n---\nBody.\n");

        assertBuild(List.of(
                "posts/2025-04-07-shapes.md:3:9: error: author: expected text, found a list",
                "posts/2025-04-07-shapes.md:4:7: error: tags: expected a list, found a mapping",
                "posts/2025-04-07-shapes.md:5:7: error: date: expected a date (YYYY-MM-DD HH:MM:SS +ZZZZ), found a list"));
        assertPublished(TestSite.GOOD_TITLE);
    }

    @Test
    void textWhereAListIsExpectedIsSplitIntoWordsAsJekyllDoes() throws IOException {
        site.post("2025-04-08-words.md", "---\ntitle: Words\ncategories: Markets Energy\ntags: 42\n"
                + "date: 2025-04-08 09:00:00 +0000\nexcerpt: e\n---\nBody.\n");

        assertBuild(List.of());
        assertThat(rssEntry("Words").getCategories()).extracting(c -> c.getName())
                .containsExactly("Markets", "Energy", "42");
        assertThat(out.resolve("categories/energy/rss.xml")).isRegularFile();
        assertThat(out.resolve("tags/42/atom.xml")).isRegularFile();
    }

    @Test
    void textWhereTrueOrFalseIsExpectedIsAnError() throws IOException {
        site.post("2025-04-09-draft.md", "---\ntitle: Draft\npublished: \"nope\"\ndate: 2025-04-09\n"
                + "excerpt: e\n---\nBody.\n");

        assertBuild(List.of("posts/2025-04-09-draft.md:3:12: error: published: expected true or false, found 'nope'"));
        assertPublished(TestSite.GOOD_TITLE);
    }

    @Test
    void invalidUtf8IsReportedAndDecodedWithReplacementCharacters() throws IOException {
        byte[] bytes = ("---\ntitle: \"Caf\u0000 menu\"\ndate: 2025-04-10 09:00:00 +0000\nexcerpt: e\n---\n"
                + "Price: 5\u0000 only.\n").getBytes(StandardCharsets.UTF_8);
        replaceNul(bytes, (byte) 0xE9); // Latin-1 'é', which is not UTF-8
        site.write("posts/2025-04-10-latin1.md", bytes);

        assertBuild(List.of(
                "posts/2025-04-10-latin1.md:2:8: info: title: removed U+FFFD, the replacement character",
                "posts/2025-04-10-latin1.md:2:12: warning: invalid UTF-8 (byte 0xE9 at offset 15); decoded with "
                        + "U+FFFD replacement characters"));
        assertPublished(TestSite.GOOD_TITLE, "Caf menu");
        assertThat(rssEntry("Caf menu").getContents().get(0).getValue()).contains("Price: 5\uFFFD only.");
    }

    @Test
    void byteOrderMarkAndCrlfLineEndsJustWork() throws IOException {
        site.write("posts/2025-04-11-windows.md", ("\uFEFF---\r\ntitle: \"Written on Windows\"\r\n"
                + "date: 2025-04-11 09:00:00 +0000\r\ntags: [a, b]\r\nexcerpt: e\r\n---\r\nFirst line\r\n\r\n"
                + "Second paragraph.\r\n---END---\r\nafter the marker\r\n").getBytes(StandardCharsets.UTF_8));

        assertBuild(List.of("posts/2025-04-11-windows.md:10:1: info: 2 generation chunks joined"));
        assertPublished(TestSite.GOOD_TITLE, "Written on Windows");
        assertThat(rssEntry("Written on Windows").getContents().get(0).getValue())
                .isEqualTo("<p>First line</p>\n<p>Second paragraph.</p>\n<p>after the marker</p>\n");
    }

    @Test
    void controlCharactersXmlForbidsAreRemovedEverywhere() throws IOException {
        site.post("2025-04-12-controls.md", "---\ntitle: \"Bell\u0007 title\"\nauthor: \"Esc\u001Bape\"\n"
                + "date: 2025-04-12 09:00:00 +0000\ntags: [\"form\u000Cfeed\"]\nexcerpt: \"null\u0001 excerpt\"\n---\n"
                + "Body with \u0002 a control and an entity &#1; too.\n");

        assertBuild(List.of("posts/2025-04-12-controls.md:2:13: warning: removed 5 control character(s) that XML "
                + "does not allow (first: U+0007)"));
        assertPublished(TestSite.GOOD_TITLE, "Bell title");
        SyndEntry entry = rssEntry("Bell title");
        assertThat(entry.getAuthor()).isEqualTo("Escape");
        assertThat(entry.getDescription().getValue()).isEqualTo("null excerpt");
        assertThat(entry.getCategories()).extracting(c -> c.getName()).containsExactly("formfeed");
        for (String feed : Stream.concat(Formats.fileNames().stream(), Stream.of("tags/formfeed/rss.xml")).toList()) {
            assertThat(Files.readString(out.resolve(feed))).doesNotContainPattern("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]")
                    .doesNotContain("&#1;");
        }
    }

    @Test
    void scriptsEventHandlersAndJavascriptLinksAreRemovedFromTheBody() throws IOException {
        site.post("2025-04-13-html.md", "---\ntitle: Raw HTML\ndate: 2025-04-13 09:00:00 +0000\nexcerpt: e\n---\n"
                + "Before.\n\n<script>alert('body')</script>\n\n<img src=\"chart.png\" onerror=\"alert('img')\">\n\n"
                + "<p onclick=\"alert('p')\">Click <a href=\"javascript:alert('a')\">here</a>.</p>\n\n"
                + "Or [there](javascript:alert('md')).\n\n<iframe src=\"https://evil.example/\"></iframe>\n\nAfter.\n");

        assertBuild(List.of());
        for (String feed : Formats.xmlFileNames()) {
            String html = FeedXml.rome(out.resolve(feed)).getEntries().stream()
                    .filter(e -> e.getTitle().equals("Raw HTML")).findFirst().orElseThrow()
                    .getContents().get(0).getValue();
            assertThat(html).as(feed).contains("<p>Before.</p>", "<p>After.</p>", "here</a>", "<p>Or there.</p>")
                    .contains("<img src=\"https://example.org/blog/2025/04/13/html/chart.png\">")
                    .doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("alert")
                    .doesNotContainIgnoringCase("onerror").doesNotContainIgnoringCase("onclick")
                    .doesNotContainIgnoringCase("javascript:").doesNotContainIgnoringCase("iframe");
        }
    }

    @Test
    void bidiOverridesAreRemovedFromTitlesWithAWarning() throws IOException {
        site.post("2025-04-14-bidi.md", "---\ntitle: \"invoice\u202Egnp.exe\u2066x\u2069\"\n"
                + "date: 2025-04-14 09:00:00 +0000\nexcerpt: e\n---\nBody.\n");

        assertBuild(List.of("posts/2025-04-14-bidi.md:2:8: warning: title: removed bidirectional control characters "
                + "(U+202A–U+202E, U+2066–U+2069)"));
        assertPublished(TestSite.GOOD_TITLE, "invoicegnp.exex");
    }

    @Test
    void fileOverTheSizeLimitIsNotRead() throws IOException {
        site.post("2025-04-15-huge.md", "---\ntitle: Huge\ndate: 2025-04-15\n---\n" + "word ".repeat(1000));

        assertBuild(List.of("posts/2025-04-15-huge.md:0:0: error: file is 5,037 bytes, over the limit of 4,096 "
                + "bytes (max_post_bytes)"));
        assertPublished(TestSite.GOOD_TITLE);
        assertThat(build.out()).contains("  skipped posts/2025-04-15-huge.md: too large\n");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void billionLaughsIsRefusedFast() throws IOException {
        site.post("2025-04-16-lol.md", """
                ---
                title: lol
                date: 2025-04-16
                a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
                i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
                ---
                Body.
                """);

        assertBuild(List.of("posts/2025-04-16-lol.md:2:1: error: Number of aliases for non-scalar nodes exceeds "
                + "the specified max=20"));
        assertPublished(TestSite.GOOD_TITLE);
    }

    @Test
    void globalTagsAreRefusedAndNeverInstantiated() throws IOException {
        site.post("2025-04-17-engine.md", "---\ntitle: Engine\ndate: 2025-04-17\n"
                + "x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL "
                + "[\"http://localhost/\"]]]]\n---\nBody.\n");
        site.post("2025-04-18-canary.md", "---\ntitle: Canary\ndate: 2025-04-18\n"
                + "y: !!feedwright.cli.BadPostBuildTest$Canary {}\n---\nBody.\n");

        assertBuild(List.of(
                "posts/2025-04-17-engine.md:4:4: error: YAML tag '!!javax.script.ScriptEngineManager' is not "
                        + "allowed: only plain data is read",
                "posts/2025-04-18-canary.md:4:4: error: YAML tag '!!feedwright.cli.BadPostBuildTest$Canary' is not "
                        + "allowed: only plain data is read"));
        assertThat(Canary.CREATED).hasValue(0);
        assertPublished(TestSite.GOOD_TITLE);
    }

    @Test
    void postDatedInTheFutureWaitsWithAWarning() throws IOException {
        site.post("2026-06-01-tomorrow.md", "---\ntitle: Tomorrow\ndate: 2026-06-01 09:00:00 +0000\nexcerpt: e\n"
                + "---\nBody.\n");

        assertBuild(List.of("posts/2026-06-01-tomorrow.md:0:0: warning: dated in the future (2026-06-01T09:00Z); "
                + "left out until then (set future: true to publish it now)"));
        assertPublished(TestSite.GOOD_TITLE);
    }

    @Test
    void unpublishedPostIsSkippedQuietly() throws IOException {
        site.post("2025-04-19-draft.md", "---\ntitle: Draft\npublished: false\ndate: 2025-04-19\n---\nBody.\n");

        assertBuild(List.of());
        assertPublished(TestSite.GOOD_TITLE);
        assertThat(build.out()).contains("  skipped posts/2025-04-19-draft.md: published: false\n");
    }

    @Test
    void controlCharactersMadeByYamlEscapesAreRemovedWithAWarning() throws IOException {
        site.post("2025-04-20-escapes.md", "---\ntitle: \"bell \\a and \\u0007 end\"\ndate: 2025-04-20 09:00:00 +0000\n"
                + "excerpt: \"e \\x01\"\n---\nBody.\n");

        assertBuild(List.of(
                "posts/2025-04-20-escapes.md:2:8: warning: title: removed 2 control character(s) that XML does not "
                        + "allow (first: U+0007)",
                "posts/2025-04-20-escapes.md:4:10: warning: excerpt: removed 1 control character(s) that XML does "
                        + "not allow (first: U+0001)"));
        assertPublished(TestSite.GOOD_TITLE, "bell and end");
    }

    @Test
    void markupInTitlesAuthorsAndTermsIsRemovedWithAWarning() throws IOException {
        site.post("2025-04-21-markup.md", "---\ntitle: \"<script>alert(1)</script>Safe <b>title</b>\"\n"
                + "date: 2025-04-21 09:00:00 +0000\nexcerpt: e\nauthor: \"<img src=x onerror=alert(2)>Ed\"\n"
                + "categories: [\"<img src=x onerror=alert(3)>\"]\ntags: [\"<script>alert(4)</script>\", \"R&D\"]\n"
                + "---\nBody.\n");

        assertBuild(List.of(
                "posts/2025-04-21-markup.md:2:8: warning: title: removed HTML markup "
                        + "('<script>alert(1)</script>Safe <b>title</b>'); it is shown as plain text",
                "posts/2025-04-21-markup.md:5:9: warning: author: removed HTML markup "
                        + "('<img src=x onerror=alert(2)>Ed'); it is shown as plain text",
                "posts/2025-04-21-markup.md:6:13: warning: categories: removed HTML markup "
                        + "('<img src=x onerror=alert(3)>'); it is shown as plain text",
                "posts/2025-04-21-markup.md:7:7: warning: tags: removed HTML markup "
                        + "('<script>alert(4)</script>'); it is shown as plain text"));
        assertPublished(TestSite.GOOD_TITLE, "Safe title");
        assertThat(rssEntry("Safe title").getAuthor()).isEqualTo("Ed");
        assertThat(rssEntry("Safe title").getCategories()).extracting(c -> c.getName()).containsExactly("R&D");
        try (var files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                // A preview page's own script is fixed text, the same in every page; nothing else may run.
                assertThat(Files.readString(file).replace(PreviewPage.SCRIPT, "")).as(file.toString())
                        .doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("&lt;script")
                        .doesNotContain("onerror", "alert");
            }
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void linkToAPipeIsReportedInsteadOfBlockingTheBuild() throws Exception {
        Path pipe = siteDir.resolve("posts/.pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        Files.createSymbolicLink(siteDir.resolve("posts/2025-04-22-pipe.md"), pipe);

        assertBuild(List.of("posts/2025-04-22-pipe.md:0:0: error: is not a regular file (a folder, pipe or device); "
                + "not read"));
        assertPublished(TestSite.GOOD_TITLE);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void pipeNamedAsAPostIsReportedInsteadOfSkipped() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", siteDir.resolve("posts/2025-04-23-pipe.md").toString())
                .inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();

        assertBuild(List.of("posts/2025-04-23-pipe.md:0:0: error: is not a regular file (a folder, pipe or device); "
                + "not read"));
        assertPublished(TestSite.GOOD_TITLE);
    }

    @Test
    void missingPostsFolderIsAnError() throws IOException {
        try (var files = Files.walk(siteDir.resolve("posts"))) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }

        CliRun check = CliRun.run("check", "--site", siteDir.toString());

        assertThat(check.exitCode()).as(check.transcript()).isEqualTo(1);
        assertThat(check.problems()).containsExactly("posts/:0:0: error: folder not found");
    }

    /** Counts instances; a YAML tag naming it must never create one. */
    public static final class Canary {
        static final AtomicInteger CREATED = new AtomicInteger();

        public Canary() {
            CREATED.incrementAndGet();
        }
    }

    private CliRun build;

    private void assertBuild(List<String> problems) {
        build = CliRun.run("build", "--site", siteDir.toString(), "--out", out.toString());
        assertThat(build.exitCode()).as(build.transcript()).isZero();
        assertThat(build.problems()).as(build.transcript()).containsExactlyElementsOf(problems);
    }

    /** Exactly these titles are in both site feeds, which are well-formed and readable by ROME. */
    private void assertPublished(String... titles) {
        for (String feed : Formats.xmlFileNames()) {
            FeedXml.dom(out.resolve(feed));
            assertThat(FeedXml.rome(out.resolve(feed)).getEntries()).as(feed).extracting(SyndEntry::getTitle)
                    .containsExactlyInAnyOrder(titles);
        }
    }

    private SyndEntry rssEntry(String title) {
        SyndFeed feed = FeedXml.rome(out.resolve("rss.xml"));
        return feed.getEntries().stream().filter(e -> e.getTitle().equals(title)).findFirst().orElseThrow();
    }

    private static void replaceNul(byte[] bytes, byte with) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                bytes[i] = with;
            }
        }
    }
}
