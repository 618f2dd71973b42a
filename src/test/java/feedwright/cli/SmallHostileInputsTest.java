package feedwright.cli;

import static feedwright.testing.FeedXml.ATOM_NS;
import static feedwright.testing.FeedXml.CONTENT_NS;
import static feedwright.testing.FeedXml.child;
import static feedwright.testing.FeedXml.children;
import static feedwright.testing.FeedXml.text;
import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.CliRun;
import feedwright.testing.FeedXml;
import feedwright.testing.Formats;
import feedwright.testing.TestSite;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The smaller hostile inputs of issue #11 (item 14), one test each: a real site in a temporary folder, the
 * real command line, the exact problem texts, and the written feeds read back.
 */
class SmallHostileInputsTest {

    @TempDir
    Path siteDir;

    @TempDir
    Path out;

    /** (a) Atom requires an absolute IRI as atom:id; a WordPress import's numeric id is not one. */
    @Test
    void anIdThatIsNotAnAbsoluteIriBecomesATagUriThatKeepsIt() {
        TestSite.create(siteDir).withGoodNeighbour()
                .post("2025-05-01-imported.md", """
                        ---
                        title: Imported
                        date: 2025-05-01 10:00:00 +0000
                        id: 12345
                        excerpt: e
                        ---
                        Body.
                        """)
                .post("2025-05-02-spaced.md", """
                        ---
                        title: Spaced
                        date: 2025-05-02 10:00:00 +0000
                        id: "old id"
                        excerpt: e
                        ---
                        Body.
                        """)
                .post("2025-05-03-kept.md", """
                        ---
                        title: Kept
                        date: 2025-05-03 10:00:00 +0000
                        id: "urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427"
                        excerpt: e
                        ---
                        Body.
                        """);

        CliRun run = build();

        assertThat(run.problems()).containsExactly(
                "posts/2025-05-01-imported.md:4:5: warning: id: '12345' is not an absolute IRI (such as "
                        + "tag:… or https://…), which an Atom id must be; using 'tag:example.org,2025-05-01:12345'",
                "posts/2025-05-02-spaced.md:4:5: warning: id: 'old id' is not an absolute IRI (such as "
                        + "tag:… or https://…), which an Atom id must be; using 'tag:example.org,2025-05-02:old%20id'");
        Map<String, String> atomIds = atomEntries().stream().collect(Collectors.toMap(
                entry -> text(entry, ATOM_NS, "title"), entry -> text(entry, ATOM_NS, "id")));
        assertThat(atomIds).containsEntry("Imported", "tag:example.org,2025-05-01:12345")
                .containsEntry("Spaced", "tag:example.org,2025-05-02:old%20id")
                .containsEntry("Kept", "urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427");
        assertThat(atomIds.values()).allSatisfy(id -> assertThat(URI.create(id).isAbsolute()).as(id).isTrue());
        assertThat(BuiltFeed.read(out, "rss.xml").items()).extracting(BuiltFeed.Item::id)
                .containsAll(atomIds.values());
    }

    /** (b) Year 0 was written as year 0001 with the wrong weekday. */
    @Test
    void aDateOutsideTheYearsFeedsCanCarryIsALocatedError() {
        TestSite.create(siteDir).withGoodNeighbour()
                .post("zero.md", "---\ntitle: Zero\ndate: 0000-01-01\nexcerpt: e\n---\nBody.\n")
                .post("far.md", "---\ntitle: Far\ndate: 2025-05-01\nupdated: 10000-01-01\nexcerpt: e\n---\nBody.\n")
                .post("early.md", "---\ntitle: Early\ndate: 1969-12-31 23:59:59 +0000\nexcerpt: e\n---\nBody.\n");

        CliRun run = build();

        assertThat(run.problems()).containsExactly(
                "posts/early.md:3:7: error: date: '1969-12-31 23:59:59 +0000' is out of range: feeds carry "
                        + "dates from 1970-01-01 to 9999-12-31 (UTC)",
                "posts/far.md:4:10: error: updated: '10000-01-01' is not a date (expected YYYY-MM-DD HH:MM:SS +ZZZZ)",
                "posts/zero.md:3:7: error: date: '0000-01-01' is out of range: feeds carry dates from 1970-01-01 "
                        + "to 9999-12-31 (UTC)");
        assertThat(BuiltFeed.read(out, "rss.xml").items()).extracting(BuiltFeed.Item::title)
                .containsExactly(TestSite.GOOD_TITLE);
    }

    /** (c) An update claimed for the year 2999 drove every feed's updated and lastBuildDate. */
    @Test
    void anUpdateAfterTheBuildIsNotUsedAndIsReported() {
        TestSite.create(siteDir).withGoodNeighbour()
                .post("2025-05-04-bumped.md", """
                        ---
                        title: Bumped
                        date: 2025-05-04 10:00:00 +0000
                        updated: 2999-01-01 00:00:00 +0000
                        excerpt: e
                        ---
                        Body.
                        """);

        CliRun run = build();

        assertThat(run.problems()).containsExactly("posts/2025-05-04-bumped.md:0:0: warning: updated: "
                + "2999-01-01T00:00Z is after the build time; the post's date is used until then");
        Instant published = Instant.parse("2025-05-04T10:00:00Z");
        for (String file : Formats.xmlFileNames()) {
            BuiltFeed feed = BuiltFeed.read(out, file);
            assertThat(feed.updated()).as(file).isEqualTo(published);
            BuiltFeed.Item bumped = feed.items().stream().filter(i -> i.title().equals("Bumped")).findFirst()
                    .orElseThrow();
            assertThat(bumped.updatedInstant()).as(file).isEqualTo(published);
            assertThat(bumped.publishedInstant()).as(file).isEqualTo(published);
        }
    }

    /** (d) YAML merge keys were dropped in front matter and refused as an unknown key in site.yml. */
    @Test
    void yamlMergeKeysAreApplied() {
        TestSite.create(siteDir, TestSite.CONFIG + """
                        <<: {description: "Merged description", limit: 5}
                        """)
                .post("2025-05-05-merged.md", """
                        ---
                        shared: &shared
                          author: Merged Author
                          tags: [merged]
                          excerpt: from the anchor
                        <<: *shared
                        title: Merged
                        date: 2025-05-05 10:00:00 +0000
                        excerpt: written here wins
                        ---
                        Body.
                        """)
                .post("2025-05-06-bad-merge.md", """
                        ---
                        title: Bad merge
                        date: 2025-05-06
                        <<: 5
                        ---
                        Body.
                        """);

        CliRun run = build();

        assertThat(run.problems()).containsExactly("posts/2025-05-06-bad-merge.md:4:5: error: <<: a merge key "
                + "takes a mapping or a list of mappings, found a number");
        Document rss = FeedXml.dom(out.resolve("rss.xml"));
        Element channel = child(rss.getDocumentElement(), null, "channel");
        assertThat(text(channel, null, "description")).isEqualTo("Merged description");
        BuiltFeed.Item merged = BuiltFeed.read(out, "rss.xml").items().get(0);
        assertThat(merged.title()).isEqualTo("Merged");
        assertThat(merged.author()).isEqualTo("Merged Author");
        assertThat(merged.categories()).containsExactly("merged");
        assertThat(merged.summary()).isEqualTo("written here wins");
    }

    /** (e) {@code Vec<String>} is text, not a tag: the excerpt kept only "Vec", and said nothing. */
    @Test
    void angleBracketTextThatIsNoHtmlTagIsKeptAndRealMarkupIsReported() {
        TestSite.create(siteDir)
                .post("2025-05-07-generics.md", """
                        ---
                        title: "Box<dyn Error> in practice"
                        date: 2025-05-07 10:00:00 +0000
                        excerpt: "Vec<String>, Map<K, List<V>> and Option<&T> explained"
                        ---
                        Body.
                        """)
                .post("2025-05-08-markup.md", """
                        ---
                        title: Markup
                        date: 2025-05-08 10:00:00 +0000
                        excerpt: "<b>Bold</b> claim <x onmouseover=alert(1)>here</x>"
                        ---
                        Body.
                        """);

        CliRun run = build();

        assertThat(run.problems()).containsExactly("posts/2025-05-08-markup.md:4:10: warning: excerpt: removed "
                + "HTML markup ('<b>Bold</b> claim <x onmouseover=alert(1)>here</x>'); it is shown as plain text");
        for (String file : Formats.xmlFileNames()) {
            List<BuiltFeed.Item> items = BuiltFeed.read(out, file).items();
            assertThat(items).extracting(BuiltFeed.Item::title).as(file)
                    .containsExactly("Markup", "Box<dyn Error> in practice");
            assertThat(items).extracting(BuiltFeed.Item::summary).as(file)
                    .containsExactly("Bold claim here", "Vec<String>, Map<K, List<V>> and Option<&T> explained");
        }
    }

    /** (f) The site's own title, description and author went out with markup; any language was written. */
    @Test
    void siteTextWithMarkupAndAnIllFormedLanguageAreConfigErrors() {
        TestSite.create(siteDir, """
                title: "<b>Bold</b> Site"
                base_url: https://example.org/blog/
                description: "<script>alert(1)</script>News"
                author: "<i>Me</i>"
                language: en_US
                """).withGoodNeighbour();

        CliRun run = CliRun.run("check", "--site", siteDir.toString());

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(3);
        assertThat(run.problems()).containsExactly(
                "feeds-config/site.yml:1:8: error: title: HTML markup is not allowed ('<b>Bold</b> Site'); feeds "
                        + "show this as plain text: write 'Bold Site'",
                "feeds-config/site.yml:3:14: error: description: HTML markup is not allowed "
                        + "('<script>alert(1)</script>News'); feeds show this as plain text: write 'News'",
                "feeds-config/site.yml:4:9: error: author: HTML markup is not allowed ('<i>Me</i>'); feeds show "
                        + "this as plain text: write 'Me'",
                "feeds-config/site.yml:5:11: error: language: 'en_US' is not a BCP 47 language tag (such as en, "
                        + "ja or en-US)");

        TestSite.create(siteDir, """
                title: "Vec<T> & friends"
                base_url: https://example.org/blog/
                language: ja-JP
                """);
        assertThat(build().problems()).isEmpty();
        BuiltFeed rss = BuiltFeed.read(out, "rss.xml");
        assertThat(rss.title()).isEqualTo("Vec<T> & friends");
        assertThat(rss.language()).isEqualTo("ja-JP");
    }

    /** (g) {@code :Slug} was taken literally: every post got the same link. */
    @Test
    void anUnknownOrWronglyCasedPlaceholderIsALocatedError() {
        TestSite.create(siteDir, TestSite.CONFIG + "permalink: /:Slug/\n").withGoodNeighbour();

        CliRun check = CliRun.run("check", "--site", siteDir.toString());

        assertThat(check.exitCode()).as(check.transcript()).isEqualTo(3);
        assertThat(check.problems()).containsExactly("feeds-config/site.yml:7:12: error: permalink: unknown "
                + "placeholder ':Slug' (did you mean ':slug'? known: :categories, :day, :hour, :minute, :month, "
                + ":second, :slug, :title, :year)");

        TestSite.create(siteDir).withGoodNeighbour()
                .post("2025-05-09-cased.md", """
                        ---
                        title: Cased
                        date: 2025-05-09 10:00:00 +0000
                        permalink: /notes/:Title/
                        excerpt: e
                        ---
                        Body.
                        """)
                .post("2025-05-10-expanded.md", """
                        ---
                        title: Expanded
                        date: 2025-05-10 10:00:00 +0000
                        permalink: /notes/:year/:slug/
                        excerpt: e
                        ---
                        Body.
                        """)
                .post("2025-05-11-colon.md", """
                        ---
                        title: Colon
                        date: 2025-05-11 10:00:00 +0000
                        permalink: /notes/vim:tips/
                        excerpt: e
                        ---
                        Body.
                        """);

        CliRun run = build();

        assertThat(run.problems()).containsExactly("posts/2025-05-09-cased.md:4:12: error: permalink: unknown "
                + "placeholder ':Title' (did you mean ':title'? known: :categories, :day, :hour, :minute, :month, "
                + ":second, :slug, :title, :year)");
        assertThat(BuiltFeed.read(out, "atom.xml").items()).extracting(BuiltFeed.Item::link)
                .containsExactly("https://example.org/blog/notes/vim%3Atips/",
                        "https://example.org/blog/notes/2025/expanded/",
                        "https://example.org/blog/2025/03/01/good-neighbour/");
    }

    /** (h) A post with nothing to say made an entry with an empty summary and empty content. */
    @Test
    void aPostWithNeitherBodyNorExcerptIsPublishedWithTitleAndLinkAndReported() {
        TestSite.create(siteDir)
                .post("2025-05-11-announcement.md", "---\ntitle: Announcement\ndate: 2025-05-11 10:00:00 +0000\n---\n\n");

        CliRun run = build();

        assertThat(run.problems()).containsExactly("posts/2025-05-11-announcement.md:1:1: warning: no body and "
                + "no excerpt or description: the entry has only its title and link");
        Element item = child(child(FeedXml.dom(out.resolve("rss.xml")).getDocumentElement(), null, "channel"),
                null, "item");
        assertThat(text(item, null, "title")).isEqualTo("Announcement");
        assertThat(text(item, null, "link")).isEqualTo("https://example.org/blog/2025/05/11/announcement/");
        assertThat(children(item, null, "description")).isEmpty();
        assertThat(children(item, CONTENT_NS, "encoded")).isEmpty();
        Element entry = atomEntries().get(0);
        assertThat(text(entry, ATOM_NS, "title")).isEqualTo("Announcement");
        assertThat(children(entry, ATOM_NS, "summary")).isEmpty();
        assertThat(children(entry, ATOM_NS, "content")).isEmpty();
    }

    /** (i) {@code ///evil.example/x} linked to another host; dot segments, queries and fragments were mangled. */
    @Test
    void aSiteRelativePermalinkStaysUnderTheBaseUrlWithQueryAndFragmentIntact() {
        TestSite site = TestSite.create(siteDir);
        List<List<String>> cases = List.of(
                List.of("///evil.example/x", "https://example.org/blog/evil.example/x"),
                List.of("../../x/", "https://example.org/blog/x/"),
                List.of("/a/./b/../c/", "https://example.org/blog/a/c/"),
                List.of("/search/?q=a b&lang=日本#top 1",
                        "https://example.org/blog/search/?q=a%20b&lang=%E6%97%A5%E6%9C%AC#top%201"),
                List.of("/pct/?q=100%25&r=50%", "https://example.org/blog/pct/?q=100%25&r=50%25"));
        for (int i = 0; i < cases.size(); i++) {
            site.post("2025-05-1" + i + "-p" + i + ".md", """
                    ---
                    title: "P%d"
                    date: 2025-05-1%d 10:00:00 +0000
                    permalink: "%s"
                    excerpt: e
                    ---
                    Body.
                    """.formatted(i, i, cases.get(i).get(0)));
        }
        // A slug may hold '#' or '?': those are part of the path, not a fragment or a query.
        site.post("2025-05-20-c#-or-f?.md", "---\ntitle: Sharp\ndate: 2025-05-20 10:00:00 +0000\nexcerpt: e\n---\nB.\n");

        CliRun run = build();

        assertThat(run.problems()).isEmpty();
        for (String file : Formats.xmlFileNames()) {
            Map<String, String> links = BuiltFeed.read(out, file).items().stream()
                    .collect(Collectors.toMap(BuiltFeed.Item::title, BuiltFeed.Item::link));
            for (int i = 0; i < cases.size(); i++) {
                assertThat(links).as(file + " " + cases.get(i).get(0)).containsEntry("P" + i, cases.get(i).get(1));
            }
            assertThat(links).as(file).containsEntry("Sharp", "https://example.org/blog/2025/05/20/c%23-or-f%3F/");
            links.values().forEach(link -> assertThat(URI.create(link).getHost()).as(link).isEqualTo("example.org"));
        }
    }

    /** (j) A file name holding a newline forged a second problem line; an escape sequence coloured the terminal. */
    @Test
    void controlCharactersInFileNamesAreEscapedInCheckOutput() {
        String name = "2025-05-21-a\nforged.md:1:1: error: forged\u001b[31m.md";
        TestSite.create(siteDir).post(name, "---\ndate: 2025-05-21\nexcerpt: e\n---\nBody.\n");

        CliRun run = CliRun.run("check", "--site", siteDir.toString());

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.out()).doesNotContain("\u001b").doesNotContain("\nforged.md");
        assertThat(run.problems()).containsExactly("posts/2025-05-21-a\\nforged.md:1:1: error: forged\\x1b[31m"
                + ".md:1:1: warning: title: missing; using the file name 'a\\nforged.md:1:1: error: "
                + "forged\\x1b[31m'");

        TestSite.create(siteDir).post("2025-05-22-b\u001b]0;owned\u0007.md", "no front matter\n");
        CliRun build = build();
        assertThat(build.out() + build.err()).doesNotContain("\u001b").doesNotContain("\u0007")
                .contains("  skipped posts/2025-05-22-b\\x1b]0;owned\\x07.md: no usable front matter\n");
        assertThat(BuiltFeed.read(out, "atom.xml").items()).extracting(BuiltFeed.Item::title)
                .containsExactly("a forged.md:1:1: error: forged[31m");
    }

    private CliRun build() {
        CliRun run = CliRun.run("build", "--site", siteDir.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.transcript()).isZero();
        return run;
    }

    private List<Element> atomEntries() {
        return children(FeedXml.dom(out.resolve("atom.xml")).getDocumentElement(), ATOM_NS, "entry");
    }
}
