package feedwright.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.TestSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Categories and tags in entries, built from real post files: each names its own feed (RSS domain, Atom
 * scheme), and each is spelt as its feed spells it, in every feed and format, also after a reload changes
 * which spelling wins.
 */
class TermsInEntriesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");

    @TempDir
    Path siteDir;

    @Test
    void aTermThatIsBothACategoryAndATagIsToldApartInRssAndAtom() throws Exception {
        TestSite.create(siteDir).post("2025-04-01-a.md",
                "---\ntitle: A\ndate: 2025-04-01 09:00:00 +0000\nexcerpt: e\ncategories: [お知らせ]\ntags: [お知らせ]\n---\nA.\n");

        Snapshot snapshot = SitePipeline.open(siteDir, false).run(NOW).snapshot();

        String encoded = "%E3%81%8A%E7%9F%A5%E3%82%89%E3%81%9B";
        assertThat(text(snapshot, "/rss.xml")).contains("""
                      <category domain="https://example.org/blog/categories/%1$s/">お知らせ</category>
                      <category domain="https://example.org/blog/tags/%1$s/">お知らせ</category>
                """.formatted(encoded));
        assertThat(text(snapshot, "/atom.xml")).contains("""
                    <category term="お知らせ" scheme="https://example.org/blog/categories/" />
                    <category term="お知らせ" scheme="https://example.org/blog/tags/" />
                """);
    }

    @Test
    void everyEntrySpellsATermAsItsFeedDoesInEveryFeedAndFormat() throws Exception {
        TestSite.create(siteDir)
                .post("2025-04-01-a.md", post("A", "2025-04-01", "news", "ai"))
                .post("2025-04-02-b.md", post("B", "2025-04-02", "other", "AI"))
                .post("2025-04-03-c.md", post("C", "2025-04-03", "other", "AI"));

        Snapshot snapshot = SitePipeline.open(siteDir, false).run(NOW).snapshot();

        assertThat(text(snapshot, "/tags/ai/rss.xml")).contains("<title>Test Site · Tag: AI</title>");
        for (String folder : new String[] {"/", "/categories/news/", "/tags/ai/"}) {
            assertThat(text(snapshot, folder + "rss.xml")).as(folder)
                    .contains("<category domain=\"https://example.org/blog/tags/ai/\">AI</category>")
                    .doesNotContain(">ai</category>");
            assertThat(text(snapshot, folder + "atom.xml")).as(folder)
                    .contains("<category term=\"AI\" scheme=\"https://example.org/blog/tags/\" />")
                    .doesNotContain("term=\"ai\"");
            assertThat(text(snapshot, folder + "feed.json")).as(folder).contains("\"AI\"").doesNotContain("\"ai\"");
        }
    }

    @Test
    void whenAReloadChangesWhichSpellingWinsAFeedWhosePostsAreUnchangedIsWrittenAgain() throws Exception {
        TestSite site = TestSite.create(siteDir)
                .post("2025-04-01-a.md", post("A", "2025-04-01", "news", "AI"))
                .post("2025-04-02-b.md", post("B", "2025-04-02", "other", "ai"));
        SitePipeline pipeline = SitePipeline.open(siteDir, false);
        Snapshot first = pipeline.run(NOW).snapshot();
        // A tie: the first by character code, AI.
        assertThat(text(first, "/categories/news/rss.xml")).contains(">AI</category>");

        site.post("2025-04-03-c.md", post("C", "2025-04-03", "other", "ai"));
        Snapshot second = pipeline.run(NOW).snapshot();

        assertThat(text(second, "/tags/ai/rss.xml")).contains("<title>Test Site · Tag: ai</title>");
        for (String path : new String[] {"/categories/news/rss.xml", "/categories/news/atom.xml"}) {
            assertThat(text(second, path)).as(path).doesNotContain("\"AI\"", ">AI<")
                    .containsAnyOf(">ai</category>", "term=\"ai\"");
        }
        assertThat(text(second, "/categories/news/feed.json")).contains("\"ai\"").doesNotContain("\"AI\"");
    }

    @Test
    void theSamplesPostTaggedAiShowsTheSpellingOfTheFeedTitledTagAi() throws Exception {
        TestSite.copyOfSample(siteDir);

        Snapshot snapshot = SitePipeline.open(siteDir, false).run(NOW).snapshot();

        String rss = text(snapshot, "/tags/ai/rss.xml");
        assertThat(rss).contains("<title>テックと市場ノート / Tech &amp; Markets Notebook · Tag: AI</title>");
        String item = rss.substring(rss.indexOf("<link>https://example.org/blog/2025/06/28/rust-vs-go-latency/</link>"));
        assertThat(item.substring(0, item.indexOf("</item>"))).contains("""
                      <category domain="https://example.org/blog/categories/engineering/">Engineering</category>
                      <category domain="https://example.org/blog/tags/ai/">AI</category>
                      <category domain="https://example.org/blog/tags/performance/">performance</category>
                """);
    }

    private static String post(String title, String day, String category, String tag) {
        return "---\ntitle: " + title + "\ndate: " + day + " 09:00:00 +0000\nexcerpt: e\ncategories: [" + category
                + "]\ntags: [" + tag + "]\n---\nBody.\n";
    }

    private static String text(Snapshot snapshot, String path) {
        return new String(snapshot.find(path).orElseThrow().bytes(), StandardCharsets.UTF_8);
    }
}
