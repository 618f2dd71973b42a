package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.CliRun;
import feedwright.testing.Json;
import feedwright.testing.JsonFeedSchema;
import feedwright.testing.TestSite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every {@code feed.json} that {@code build} writes for the shipped sample site and for the five seed posts of
 * {@code ../shared/seeds/}: valid against our JSON Feed 1.1 schema, one beside every Atom feed, and in agreement
 * with that Atom feed on ids, titles, links, dates and entry order.
 */
class JsonFeedBuildTest {

    @TempDir
    static Path work;

    @BeforeAll
    static void buildTheSampleAndTheSeeds() throws IOException {
        build(TestSite.sample(), work.resolve("sample"));
        build(TestSite.ofSeeds(work.resolve("seeds-site")).dir(), work.resolve("seeds"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sample", "seeds"})
    void everyJsonFeedIsValidJsonFeed11(String site) throws IOException {
        List<Path> feeds = files(site, "feed.json");

        assertThat(feeds).as("JSON feeds of the " + site).isNotEmpty();
        for (Path feed : feeds) {
            assertThat(JsonFeedSchema.problems(Files.readAllBytes(feed))).as(feed.toString()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sample", "seeds"})
    void everyAtomFeedHasAJsonFeedThatAgreesWithItEntryByEntry(String site) throws IOException {
        Path out = work.resolve(site);
        List<Path> atomFeeds = files(site, "atom.xml");

        assertThat(files(site, "feed.json")).hasSameSizeAs(atomFeeds);
        int entries = 0;
        for (Path atomFile : atomFeeds) {
            BuiltFeed atom = BuiltFeed.read(out, out.relativize(atomFile).toString());
            Path jsonFile = atomFile.resolveSibling("feed.json");
            Map<String, Object> json = Json.object(Files.readString(jsonFile, StandardCharsets.UTF_8));
            List<Map<String, Object>> items = Json.objects(json, "items");

            assertThat(json.get("title")).as(jsonFile.toString()).isEqualTo(atom.title());
            assertThat(json.get("home_page_url")).as(jsonFile.toString()).isEqualTo(atom.alternateLink());
            assertThat(json.get("feed_url")).as(jsonFile.toString())
                    .isEqualTo(atom.selfLink().replaceFirst("atom\\.xml$", "feed.json"));
            assertThat(json.get("language")).as(jsonFile.toString()).isEqualTo(atom.language());
            assertThat(items).as(jsonFile.toString()).hasSameSizeAs(atom.items());
            for (int i = 0; i < items.size(); i++) {
                Map<String, Object> item = items.get(i);
                BuiltFeed.Item entry = atom.items().get(i);
                String where = jsonFile + " item " + i;
                assertThat(item.get("id")).as(where).isEqualTo(entry.id());
                assertThat(item.get("title")).as(where).isEqualTo(entry.title());
                assertThat(item.get("url")).as(where).isEqualTo(entry.link());
                assertThat(item.get("content_html")).as(where).isEqualTo(entry.content());
                assertThat(item.get("date_published")).as(where).isEqualTo(entry.published());
                assertThat(item.get("date_modified")).as(where).isEqualTo(entry.updated());
                assertThat(OffsetDateTime.parse((String) item.get("date_published")).toInstant())
                        .as(where).isEqualTo(entry.publishedInstant());
                entries++;
            }
        }
        assertThat(entries).as("entries compared").isPositive();
    }

    private static void build(Path site, Path out) {
        CliRun run = CliRun.run("build", "--site", site.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.transcript()).isZero();
    }

    private static List<Path> files(String site, String name) throws IOException {
        try (Stream<Path> files = Files.walk(work.resolve(site))) {
            return files.filter(f -> f.getFileName().toString().equals(name)).sorted().toList();
        }
    }
}
