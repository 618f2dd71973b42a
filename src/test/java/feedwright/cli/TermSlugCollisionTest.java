package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndEntry;
import feedwright.testing.CliRun;
import feedwright.testing.FeedXml;
import feedwright.testing.TestSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #11, item 11: distinct terms that shared a slug ({@code C}, {@code C#}, {@code C++}, {@code F#},
 * {@code .NET} all became {@code c} or {@code f} or {@code net}) were merged into one feed, and inside one
 * post the further spellings vanished without the warning the README promises. Symbols that tell such
 * terms apart are now spelt in the slug, and every merge that remains is a warning: across posts, for
 * categories as for tags, and within one post, located at the spelling that was merged.
 */
class TermSlugCollisionTest {

    @TempDir
    Path siteDir;

    @TempDir
    Path out;

    @Test
    void programmingLanguagesGetTheirOwnFeeds() {
        TestSite site = TestSite.create(siteDir);
        Map<String, String> slugs = Map.of("C", "c", "C#", "c-sharp", "C++", "c-plus-plus", "F#", "f-sharp",
                ".NET", "dot-net");
        int day = 1;
        for (String tag : List.of("C", "C#", "C++", "F#", ".NET")) {
            site.post("2025-07-0" + day + "-post-" + day + ".md", "---\ntitle: \"About " + tag + "\"\ndate: 2025-07-0"
                    + day++ + " 09:00:00 +0000\nexcerpt: e\ntags: [\"" + tag + "\"]\ncategories: [\"" + tag
                    + "\"]\n---\nBody.\n");
        }

        CliRun build = CliRun.run("build", "--site", siteDir.toString(), "--out", out.toString());

        assertThat(build.exitCode()).as(build.transcript()).isZero();
        assertThat(build.problems()).as(build.transcript()).isEmpty();
        slugs.forEach((tag, slug) -> {
            for (String folder : List.of("tags/", "categories/")) {
                Path feed = out.resolve(folder + slug + "/atom.xml");
                assertThat(FeedXml.rome(feed).getEntries()).as(feed.toString()).extracting(SyndEntry::getTitle)
                        .containsExactly("About " + tag);
            }
        });
        assertThat(out.resolve("tags/net")).doesNotExist();
        assertThat(out.resolve("tags/f")).doesNotExist();
    }

    @Test
    void spellingsMergedWithinOnePostAreWarnedAtTheirPlace() throws Exception {
        TestSite.create(siteDir).post("2025-07-01-spellings.md", "---\ntitle: Spellings\ndate: 2025-07-01\n"
                + "excerpt: e\ntags: [AI, ai, \"ＡＩ\", AI]\ncategories: Markets markets\n---\nBody.\n");

        CliRun check = CliRun.run("check", "--site", siteDir.toString());

        assertThat(check.exitCode()).as(check.transcript()).isZero();
        assertThat(check.problems()).as(check.transcript()).containsExactly(
                "posts/2025-07-01-spellings.md:5:12: warning: tags: 'ai' differs from 'AI' only by case; they are "
                        + "published as one tag",
                "posts/2025-07-01-spellings.md:5:16: warning: tags: 'ＡＩ' and 'AI' have the same address "
                        + "(tags/ai/); they are published as one tag",
                "posts/2025-07-01-spellings.md:6:13: warning: categories: 'markets' differs from 'Markets' only by "
                        + "case; they are published as one category");
    }

    @Test
    void categorySpellingsMergedAcrossPostsAreWarnedLikeTags() throws Exception {
        TestSite.create(siteDir)
                .post("2025-07-01-upper.md", "---\ntitle: Upper\ndate: 2025-07-01\nexcerpt: e\n"
                        + "categories: [Go]\n---\nB\n")
                .post("2025-07-02-lower.md", "---\ntitle: Lower\ndate: 2025-07-02\nexcerpt: e\n"
                        + "categories: [go]\n---\nB\n")
                .post("2025-07-03-dash.md", "---\ntitle: Dash\ndate: 2025-07-03\nexcerpt: e\n"
                        + "categories: [\"machine learning\", machine-learning]\n---\nB\n");

        CliRun build = CliRun.run("build", "--site", siteDir.toString(), "--out", out.toString());

        assertThat(build.exitCode()).as(build.transcript()).isZero();
        assertThat(build.problems()).as(build.transcript()).containsExactly(
                "posts/2025-07-02-lower.md:0:0: warning: category 'go' differs from 'Go' only by case; they are "
                        + "published as one category",
                "posts/2025-07-03-dash.md:5:34: warning: categories: 'machine-learning' and 'machine learning' have "
                        + "the same address (categories/machine-learning/); they are published as one category");
        assertThat(FeedXml.rome(out.resolve("categories/go/rss.xml")).getEntries()).hasSize(2);
        assertThat(Files.exists(out.resolve("categories/machine-learning/rss.xml"))).isTrue();
    }
}
