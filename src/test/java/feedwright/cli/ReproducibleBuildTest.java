package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.CliRun;
import feedwright.testing.Formats;
import feedwright.testing.TestSite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same input gives the same bytes, and an entry keeps its id through edits. */
class ReproducibleBuildTest {

    @Test
    void twoBuildsAtDifferentTimesWriteIdenticalBytes(@TempDir Path first, @TempDir Path second) throws IOException {
        Map<String, byte[]> built = twoIdenticalBuilds(TestSite.sample(), first, second);

        assertThat(built).hasSize(Formats.siteFiles(34) + 1).containsKey("feedwright-manifest.json"); // + the manifest
    }

    @Test
    void withOldFeedAddressesAndTheirCopiesTwoBuildsStillWriteIdenticalBytes(@TempDir Path siteDir,
            @TempDir Path first, @TempDir Path second) throws IOException {
        TestSite site = TestSite.copyOfSample(siteDir);
        site.write("feeds-config/site.yml", (site.read("feeds-config/site.yml")
                + "\njekyll_feed_aliases: true\nalias_copies: true\n").getBytes(StandardCharsets.UTF_8));

        Map<String, byte[]> built = twoIdenticalBuilds(siteDir, first, second);

        assertThat(built).containsKeys("feedwright-redirects.conf", "feed.xml", "feed/by_tag/AI.xml");
    }

    /** Builds {@code site} at two times far apart; fails unless both wrote the same files, byte for byte. */
    private static Map<String, byte[]> twoIdenticalBuilds(Path site, Path first, Path second) throws IOException {
        Clock december = Clock.fixed(Instant.parse("2025-12-01T00:00:00Z"), ZoneOffset.UTC);
        Clock nextYear = Clock.fixed(Instant.parse("2027-03-15T12:34:56Z"), ZoneOffset.UTC);

        CliRun a = CliRun.run(december, "build", "--site", site.toString(), "--out", first.toString());
        CliRun b = CliRun.run(nextYear, "build", "--site", site.toString(), "--out", second.toString());

        assertThat(a.exitCode()).as(a.transcript()).isZero();
        assertThat(b.exitCode()).as(b.transcript()).isZero();
        Map<String, byte[]> left = TestSite.filesUnder(first);
        Map<String, byte[]> right = TestSite.filesUnder(second);
        assertThat(right.keySet()).isEqualTo(left.keySet());
        left.forEach((name, bytes) -> assertThat(right.get(name)).as(name).isEqualTo(bytes));
        return left;
    }

    @Test
    void entryIdSurvivesEditsOfTitleBodyTagsAndCategories(@TempDir Path siteDir, @TempDir Path before,
                                                          @TempDir Path after) throws IOException {
        TestSite site = TestSite.copyOfSample(siteDir);
        String file = "posts/2025-10-03-hokkaido-datacenter.md";
        CliRun first = CliRun.run("build", "--site", siteDir.toString(), "--out", before.toString());
        String original = site.read(file);
        String edited = original
                .replace("title: \"寒冷地に集まるデータセンター、送電網という最大の課\uFFFD\"", "title: \"A new title\"")
                .replace("categories: [\"投資分析\"]", "categories: [\"Renamed\"]")
                .replace("tags: [\"AI\", \"最新ニュース\", \"電力\", \"投資\"]", "tags: [\"fresh\"]")
                .replace("**まとめ**", "後から書き足した段落です。\n\n**まとめ**");
        assertThat(edited).doesNotContain("送電網という最大の課", "投資分析\"]", "\"最新ニュース\"")
                .contains("後から書き足した段落です。");
        site.write(file, edited.getBytes(StandardCharsets.UTF_8));

        CliRun second = CliRun.run("build", "--site", siteDir.toString(), "--out", after.toString());

        assertThat(first.exitCode()).as(first.transcript()).isZero();
        assertThat(second.exitCode()).as(second.transcript()).isZero();
        for (String feed : Formats.xmlFileNames()) {
            BuiltFeed.Item old = only(BuiltFeed.read(before, feed), "寒冷地に集まるデータセンター、送電網という最大の課…");
            BuiltFeed.Item renamed = only(BuiltFeed.read(after, feed), "A new title");
            assertThat(renamed.id()).as(feed).isEqualTo(old.id()).isNotBlank();
            assertThat(renamed.categories()).as(feed).containsExactly("Renamed", "fresh");
            assertThat(renamed.content()).as(feed).isNotEqualTo(old.content());
        }
    }

    private static BuiltFeed.Item only(BuiltFeed feed, String title) {
        List<BuiltFeed.Item> found = feed.items().stream().filter(i -> i.title().equals(title)).toList();
        assertThat(found).as(feed.file() + " entries titled " + title).hasSize(1);
        return found.get(0);
    }
}
