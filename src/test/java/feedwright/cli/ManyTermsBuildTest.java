package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.CliRun;
import feedwright.testing.TestSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Posts with very many tags, through the real command line and real files: past
 * {@code max_terms_per_post} a post is a located error and left out; within a raised bound every term
 * gets its feed, but an entry lists at most 100 terms, so one post's cost grows with its number of
 * terms, not with its square.
 */
class ManyTermsBuildTest {

    @TempDir
    Path siteDir;

    @TempDir
    Path out;

    @Test
    void aPostPastTheBoundIsALocatedErrorAndLeftOutWhileItsNeighbourPublishes() {
        TestSite.create(siteDir).withGoodNeighbour().post("2025-05-01-tagged.md", post(150));

        CliRun check = CliRun.run("check", "--site", siteDir.toString());
        CliRun build = CliRun.run("build", "--site", siteDir.toString(), "--out", out.toString());

        assertThat(check.exitCode()).as(check.transcript()).isEqualTo(1);
        assertThat(check.problems()).containsExactly("posts/2025-05-01-tagged.md:5:1: error: tags: 151 categories "
                + "and tags, more than max_terms_per_post (100) allows; the post is left out");
        assertThat(build.exitCode()).as(build.transcript()).isZero();
        assertThat(BuiltFeed.read(out, "rss.xml").items()).extracting(BuiltFeed.Item::title)
                .containsExactly(TestSite.GOOD_TITLE);
        assertThat(out.resolve("tags")).doesNotExist();
    }

    @Test
    void withinARaisedBoundEveryTermHasItsFeedAndEachEntryListsAtMostAHundredTerms() throws IOException {
        TestSite.create(siteDir, TestSite.CONFIG + "max_terms_per_post: 400\n")
                .post("2025-05-01-tagged.md", post(300));

        CliRun build = CliRun.run("build", "--site", siteDir.toString(), "--out", out.toString());

        assertThat(build.exitCode()).as(build.transcript()).isZero();
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.filter(f -> f.getFileName().toString().equals("rss.xml")).count()).isEqualTo(302);
        }
        for (String feed : new String[] {"rss.xml", "atom.xml", "tags/t0/rss.xml", "tags/t299/atom.xml"}) {
            assertThat(BuiltFeed.read(out, feed).items()).as(feed).singleElement().satisfies(item -> {
                assertThat(item.categories()).hasSize(100).startsWith("notes", "t0").endsWith("t98");
            });
        }
    }

    /** A post in the category "notes" with tags t0, t1, … */
    private static String post(int tags) {
        return "---\ntitle: Tagged\ndate: 2025-05-01 09:00:00 +0000\ncategories: [notes]\ntags: ["
                + IntStream.range(0, tags).mapToObj(i -> "t" + i).collect(Collectors.joining(", "))
                + "]\nexcerpt: e\n---\nBody.\n";
    }
}
