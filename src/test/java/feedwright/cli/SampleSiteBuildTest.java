package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndFeed;
import feedwright.feed.FeedFormat;
import feedwright.feed.FeedFormats;
import feedwright.feed.OpmlWriter;
import feedwright.testing.CliRun;
import feedwright.testing.FeedXml;
import feedwright.testing.Formats;
import feedwright.testing.TestSite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Builds the shipped sample site with the real command line and reads every file back. The expected
 * feeds and entry counts below were worked out by hand from the front matter in {@code posts/}.
 */
class SampleSiteBuildTest {

    /** Folder of each feed, relative to the output root, and how many posts the sample gives it. */
    static final Map<String, Integer> EXPECTED_COUNTS = expectedCounts();

    @TempDir
    static Path out;

    static CliRun run;

    @BeforeAll
    static void buildSample() {
        run = CliRun.run("build", "--site", TestSite.sample().toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.transcript()).isZero();
    }

    @Test
    void writesOneSiteFeedTenCategoryFeedsAndTwentyThreeTagFeedsInEveryFormatWithPreviews() throws IOException {
        Set<String> expected = new TreeSet<>(Formats.opmlFileNames());
        expected.addAll(Formats.siteOpmlFileNames());
        expected.add("index.html");
        expected.add("feedwright-manifest.json");
        EXPECTED_COUNTS.keySet().forEach(folder -> expected.addAll(Formats.feedFiles(folder)));

        assertThat(outputFiles()).containsExactlyElementsOf(expected);
    }

    @Test
    void printsAOneScreenSummary() {
        assertThat(run.out()).startsWith("Read 14 post files: 14 published, 0 skipped\n"
                + "Wrote 34 feeds (" + FeedFormats.listed(FeedFormat::label) + ") with their preview pages, index.html and "
                + (Formats.opmlFileNames().size() + Formats.siteOpmlFileNames().size()) + " OPML lists: "
                + Formats.siteFiles(34) + " files in " + out + "\n");
        assertThat(run.out()).containsPattern("\n0 errors, 4 warnings, 7 info; done in \\d+\\.\\d\\d s\n$");
    }

    @Test
    void reportsTheSampleQuirksAsWarningsAndItsRepairsAsInfo() {
        assertThat(run.problems()).containsExactly(
                "posts/2025-05-18-regional-datacenter-power.md:3:8: info: title: cut off (it ended in U+FFFD); "
                        + "completed from the body's first line",
                "posts/2025-05-18-regional-datacenter-power.md:16:1: info: 3 generation chunks joined; 1 repeated "
                        + "paragraph and 1 repeated heading dropped; the sentence cut at line 15 completed from line "
                        + "17; the first paragraph (line 11) repeats the title and is left out",
                "posts/2025-05-24-chip-packaging.md:17:1: info: 3 generation chunks joined; 2 repeated paragraphs "
                        + "and 1 repeated heading dropped; the sentence cut at line 15 restarted in full at line 19; "
                        + "the first paragraph (line 11) repeats the title and is left out",
                "posts/2025-06-28-rust-vs-go-latency.md:0:0: warning: tag 'ai' differs from 'AI' only by case; "
                        + "they are published as one tag",
                "posts/2025-07-09-semiconductor-supply.md:3:8: info: title: cut off (it ended in U+FFFD); '…' marks "
                        + "the cut",
                "posts/2025-07-09-semiconductor-supply.md:26:1: warning: body ends mid-sentence before the end "
                        + "marker: '…いが各地で起きつつあり、これは重要な点で'",
                "posts/2025-08-05-yen-carry-trade.md:34:1: info: 1 repeated paragraph dropped",
                "posts/2025-08-19-battery-storage.txt:1:1: warning: no excerpt or description; the summary is "
                        + "taken from the body's first paragraph",
                "posts/2025-08-19-battery-storage.txt:3:8: info: title: cut off (it ended in U+FFFD); '…' marks the "
                        + "cut",
                "posts/2025-10-03-hokkaido-datacenter.md:3:8: info: title: cut off (it ended in U+FFFD); '…' marks "
                        + "the cut",
                "posts/2025-11-10-ai-chip-earnings.md:34:1: warning: body ends mid-sentence before the end "
                        + "marker: '…d the reason is that'");
    }

    @Test
    void everyFeedIsWellFormedAndReadByRomeAsItsFormat() throws IOException {
        for (String file : feedFiles()) {
            FeedXml.dom(out.resolve(file));
            SyndFeed feed = FeedXml.rome(out.resolve(file));
            assertThat(feed.getFeedType()).as(file).isEqualTo(file.endsWith("rss.xml") ? "rss_2.0" : "atom_1.0");
            assertThat(feed.getEntries()).as(file).hasSize(EXPECTED_COUNTS.get(folder(file)));
            assertThat(feed.getEntries()).as(file).allSatisfy(entry -> {
                assertThat(entry.getTitle()).isNotBlank();
                assertThat(entry.getLink()).startsWith("https://example.org/blog/");
                assertThat(entry.getUri()).isNotBlank();
                assertThat(entry.getPublishedDate()).isNotNull();
            });
        }
    }

    @Test
    void everyFeedCarriesItsTitleLinksLanguageDateAndGenerator() throws IOException {
        for (String file : feedFiles()) {
            BuiltFeed feed = BuiltFeed.read(out, file);
            assertThat(feed.selfLink()).as(file).isEqualTo("https://example.org/blog/" + encode(file));
            assertThat(feed.alternateLink()).as(file).isEqualTo("https://example.org/blog/");
            assertThat(feed.language()).as(file).isEqualTo("ja");
            assertThat(feed.generator()).as(file).startsWith("Feedwright");
            assertThat(feed.title()).as(file).startsWith("テックと市場ノート / Tech & Markets Notebook");
        }
        assertThat(BuiltFeed.read(out, "tags/投資/rss.xml").title())
                .isEqualTo("テックと市場ノート / Tech & Markets Notebook · Tag: 投資");
        assertThat(BuiltFeed.read(out, "categories/markets/atom.xml").title())
                .isEqualTo("テックと市場ノート / Tech & Markets Notebook · Category: Markets");
    }

    @Test
    void everyEntryCarriesEveryRequiredField() throws IOException {
        for (String file : feedFiles()) {
            for (BuiltFeed.Item item : BuiltFeed.read(out, file).items()) {
                String where = file + " / " + item.title();
                assertThat(item.title()).as(where).isNotBlank();
                assertThat(item.link()).as(where).matches("https://example\\.org/blog/[\\x21-\\x7E]+/");
                assertThat(item.id()).as(where).startsWith("tag:example.org,");
                assertThat(item.publishedInstant()).as(where).isBeforeOrEqualTo(item.updatedInstant());
                assertThat(item.author()).as(where).isNotBlank();
                assertThat(item.categories()).as(where).isNotEmpty();
                assertThat(item.summary()).as(where).isNotBlank();
                assertThat(item.content()).as(where).startsWith("<p>").doesNotContain("---END---");
            }
        }
    }

    @Test
    void termsOfAnEntryAreItsCategoriesThenItsTags() throws IOException {
        BuiltFeed.Item hokkaido = item(BuiltFeed.read(out, "atom.xml"), "寒冷地に集まるデータセンター");

        assertThat(hokkaido.categories()).containsExactly("投資分析", "AI", "最新ニュース", "電力", "投資");
        assertThat(item(BuiltFeed.read(out, "rss.xml"), "寒冷地に集まるデータセンター").categories())
                .isEqualTo(hokkaido.categories());
    }

    @Test
    void entriesAreNewestFirstInEveryFeed() throws IOException {
        for (String file : feedFiles()) {
            List<Instant> published = BuiltFeed.read(out, file).items().stream()
                    .map(BuiltFeed.Item::publishedInstant).toList();
            assertThat(published).as(file).isSortedAccordingTo(Comparator.reverseOrder());
        }
        assertThat(BuiltFeed.read(out, "atom.xml").items()).extracting(BuiltFeed.Item::title).startsWith(
                "What the latest accelerator earnings say about capex",
                "From the archive: index funds and the discipline of doing nothing",
                "寒冷地に集まるデータセンター、送電網という最大の課…");
    }

    @Test
    void feedUpdatedIsTheNewestEntryUpdateNeverTheClock() throws IOException {
        for (String file : feedFiles()) {
            BuiltFeed feed = BuiltFeed.read(out, file);
            Instant newest = feed.items().stream().map(BuiltFeed.Item::updatedInstant)
                    .max(Comparator.naturalOrder()).orElseThrow();
            assertThat(feed.updated()).as(file).isEqualTo(newest);
        }
        // The yen post was published in August and updated in November: its update, not the newer
        // Hokkaido post's publication, dates the category feed.
        assertThat(BuiltFeed.read(out, "categories/投資分析/atom.xml").updated())
                .isEqualTo(Instant.parse("2025-11-01T10:00:00Z"));
        assertThat(BuiltFeed.read(out, "rss.xml").updated()).isEqualTo(Instant.parse("2025-11-10T22:10:00Z"));
    }

    @Test
    void datesKeepTheOffsetTheyWereWrittenWith() throws IOException {
        BuiltFeed atom = BuiltFeed.read(out, "atom.xml");
        BuiltFeed rss = BuiltFeed.read(out, "rss.xml");

        // "2025-07-09 14:05" has no zone: the site's Asia/Tokyo applies.
        assertThat(item(atom, "半導体サプライチェーン").published()).isEqualTo("2025-07-09T14:05:00+09:00");
        assertThat(item(rss, "半導体サプライチェーン").published()).isEqualTo("Wed, 09 Jul 2025 14:05:00 +0900");
        assertThat(item(atom, "Liquid cooling").published()).isEqualTo("2025-09-14T08:30:00+09:00");
        assertThat(item(atom, "Running small models").published()).isEqualTo("2025-07-22T03:15:00Z");
        // "2025-06-28": midnight in Tokyo.
        assertThat(item(atom, "Rust vs Go").published()).isEqualTo("2025-06-28T00:00:00+09:00");
        // updated and last_modified_at both set the entry's update time.
        assertThat(item(atom, "円キャリートレード").updated()).isEqualTo("2025-11-01T10:00:00Z");
        assertThat(item(rss, "円キャリートレード").updated()).isEqualTo("2025-11-01T10:00:00Z");
        assertThat(item(atom, "Grid batteries").updated()).isEqualTo("2025-09-02T09:00:00Z");
        assertThat(item(atom, "Grid batteries").published()).isEqualTo("2025-08-19T16:20:00Z");
    }

    @Test
    void frontMatterOverridesOfIdLinkAndSummaryAreUsed() throws IOException {
        BuiltFeed atom = BuiltFeed.read(out, "atom.xml");

        assertThat(item(atom, "From the archive").id()).isEqualTo("tag:example.org,2025:legacy-42");
        assertThat(item(atom, "From the archive").author()).isEqualTo("編集部");
        assertThat(item(atom, "編集方針と免責事項").link()).isEqualTo("https://example.org/blog/special/custom-page/");
        assertThat(item(atom, "Running small models").summary())
                .isEqualTo("Notes from three months of running compact language models on shop-floor hardware.");
        // The permalink's date is the day in the site's zone: 22:10 UTC is already the 11th in Tokyo.
        assertThat(item(atom, "What the latest accelerator").link())
                .isEqualTo("https://example.org/blog/2025/11/11/ai-chip-earnings/");
        assertThat(item(atom, "What the latest accelerator").id())
                .isEqualTo("tag:example.org,2025-11-10:posts/ai-chip-earnings");
    }

    @Test
    void everyUrlIsAbsoluteAndPercentEncoded() throws IOException {
        Pattern url = Pattern.compile("(?:href|src|xmlUrl|htmlUrl|scheme)=\"([^\"]*)\"|<(?:link|guid)>([^<]*)<");
        for (String file : feedFiles()) {
            String xml = Files.readString(out.resolve(file));
            String unescaped = xml.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
            Matcher m = url.matcher(unescaped);
            int found = 0;
            while (m.find()) {
                String value = m.group(1) != null ? m.group(1) : m.group(2);
                assertThat(value).as(file).matches("https://example\\.org/[\\x21-\\x7E]*");
                found++;
            }
            assertThat(found).as(file).isGreaterThan(2);
        }
        assertThat(BuiltFeed.read(out, "tags/最新ニュース/atom.xml").selfLink()).isEqualTo(
                "https://example.org/blog/tags/%E6%9C%80%E6%96%B0%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9/atom.xml");
    }

    @Test
    void aPostsImageIsPublishedAsMediaRssInBothFormats() {
        for (String file : Formats.xmlFileNames()) {
            Document dom = FeedXml.dom(out.resolve(file));
            String mrss = "http://search.yahoo.com/mrss/";
            NodeList thumbnails = dom.getElementsByTagNameNS(mrss, "thumbnail");
            NodeList contents = dom.getElementsByTagNameNS(mrss, "content");

            assertThat(thumbnails.getLength()).as(file).isEqualTo(1);
            assertThat(((Element) thumbnails.item(0)).getAttribute("url"))
                    .isEqualTo("https://example.org/blog/images/foo.jpg");
            Element content = (Element) contents.item(0);
            assertThat(content.getAttribute("medium")).isEqualTo("image");
            assertThat(content.getAttribute("url")).isEqualTo("https://example.org/blog/images/foo.jpg");
            assertThat(thumbnails.item(0).getParentNode().getTextContent()).as(file).contains("Liquid cooling");
        }
    }

    @Test
    void relativeLinksAndImagesInBodiesBecomeAbsolute() throws IOException {
        String content = item(BuiltFeed.read(out, "atom.xml"), "Liquid cooling").content();

        assertThat(content).contains("<img src=\"https://example.org/blog/images/chart.png\"");
        // The sample post links the post it means: a site path written from the host's root, base path included.
        assertThat(content).contains("<a href=\"" + item(BuiltFeed.read(out, "atom.xml"), "読者からの質問").link() + "\"")
                .contains("<a href=\"https://example.org/blog/2025/09/01/other/\"");
        assertThat(content).doesNotContain("src=\"/").doesNotContain("href=\"/");
    }

    @Test
    void indexPageAdvertisesTheSiteFeedsAndListsEveryFeed() throws IOException {
        String html = Files.readString(out.resolve("index.html"));

        assertThat(html).contains("<link rel=\"alternate\" type=\"application/rss+xml\"")
                .contains("<link rel=\"alternate\" type=\"application/atom+xml\"");
        assertThat(Pattern.compile("<link rel=\"alternate\"[^>]*href=\"(rss|atom)\\.xml\"").matcher(html).results())
                .hasSize(2);
        for (String file : feedFiles()) {
            assertThat(html).as(file).contains("href=\"" + encode(file) + "\"");
        }
    }

    @Test
    void eachFormatsSiteWideOpmlListsTheSiteFeedAloneForReadersThatKeepAPostInOneFeed() throws IOException {
        List<String> siteLists = FeedFormats.all().stream().map(OpmlWriter::siteFileName).toList();
        assertThat(siteLists).containsExactly("site.opml", "site-atom.opml", "site-json-feed.opml");
        for (int f = 0; f < Formats.fileNames().size(); f++) {
            Document opml = FeedXml.dom(out.resolve(siteLists.get(f)));
            NodeList outlines = opml.getElementsByTagName("outline");

            assertThat(outlines.getLength()).isEqualTo(1);
            assertThat(((Element) outlines.item(0)).getAttribute("xmlUrl"))
                    .isEqualTo("https://example.org/blog/" + Formats.fileNames().get(f));
            assertThat(opml.getElementsByTagName("title").item(0).getTextContent())
                    .startsWith("テックと市場ノート / Tech & Markets Notebook — site-wide feed");
        }
        assertThat(Files.readString(out.resolve("index.html")))
                .contains("import the site-wide feed alone: <a href=\"site.opml\">RSS</a>, "
                        + "<a href=\"site-atom.opml\">Atom</a>, <a href=\"site-json-feed.opml\">JSON Feed</a>.</p>");
    }

    @Test
    void eachFormatsOpmlListsEveryFeedOnceInThatFormat() throws IOException {
        assertThat(Formats.opmlFileNames()).first().isEqualTo("feeds.opml");
        for (int f = 0; f < Formats.fileNames().size(); f++) {
            String format = Formats.fileNames().get(f);
            Document opml = FeedXml.dom(out.resolve(Formats.opmlFileNames().get(f)));
            NodeList outlines = opml.getElementsByTagName("outline");
            List<String> xmlUrls = new ArrayList<>();
            for (int i = 0; i < outlines.getLength(); i++) {
                Element outline = (Element) outlines.item(i);
                if (outline.hasAttribute("xmlUrl")) {
                    xmlUrls.add(outline.getAttribute("xmlUrl"));
                }
            }

            assertThat(opml.getDocumentElement().getAttribute("version")).isEqualTo("2.0");
            assertThat(xmlUrls).as(format).containsExactlyInAnyOrderElementsOf(EXPECTED_COUNTS.keySet().stream()
                    .map(folder -> "https://example.org/blog/" + encode(folder + format)).toList());
        }
    }

    @Test
    void limitKeepsOnlyTheNewestEntriesOfEveryFeed(@TempDir Path site, @TempDir Path limited) throws IOException {
        TestSite copy = TestSite.copyOfSample(site);
        String config = copy.read("feeds-config/site.yml");
        assertThat(config).contains("\nlimit: 20\n");
        copy.write("feeds-config/site.yml", config.replace("\nlimit: 20\n", "\nlimit: 3\n")
                .getBytes(StandardCharsets.UTF_8));

        CliRun limitedRun = CliRun.run("build", "--site", site.toString(), "--out", limited.toString());

        assertThat(limitedRun.exitCode()).as(limitedRun.transcript()).isZero();
        for (String file : feedFiles()) {
            List<BuiltFeed.Item> all = BuiltFeed.read(out, file).items();
            List<BuiltFeed.Item> cut = BuiltFeed.read(limited, file).items();
            assertThat(cut).as(file).isEqualTo(all.subList(0, Math.min(3, all.size())));
        }
    }

    private static BuiltFeed.Item item(BuiltFeed feed, String titleStart) {
        List<BuiltFeed.Item> found = feed.items().stream().filter(i -> i.title().startsWith(titleStart)).toList();
        assertThat(found).as(feed.file() + ": entries titled " + titleStart + "…").hasSize(1);
        return found.get(0);
    }

    private static List<String> outputFiles() throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(Files::isRegularFile).map(f -> out.relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    private static List<String> feedFiles() throws IOException {
        return outputFiles().stream().filter(f -> f.endsWith(".xml")).toList();
    }

    private static String folder(String feedFile) {
        return feedFile.substring(0, feedFile.lastIndexOf('/') + 1);
    }

    /** Percent-encodes what is not ASCII, by hand, independently of the code under test. */
    private static String encode(String path) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            encoded.append(b >= 0 ? String.valueOf((char) b) : String.format("%%%02X", b & 0xFF));
        }
        return encoded.toString();
    }

    private static Map<String, Integer> expectedCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("", 14);
        Map.of("投資分析", 5, "テクノロジー", 1, "engineering", 2, "マーケット", 1, "markets", 4, "energy", 1,
                "雑記", 1, "technology", 1, "お知らせ", 1, "investing", 1)
                .forEach((slug, n) -> counts.put("categories/" + slug + "/", n));
        Map<String, Integer> tags = new HashMap<>(Map.of("ai", 6, "電力", 4, "最新ニュース", 4, "投資", 3,
                "investing", 2, "semiconductors", 2));
        Stream.of("performance", "backend", "半導体", "サプライチェーン", "edge-computing", "為替", "金利",
                "batteries", "grid", "q-a", "datacenter", "cooling", "編集部", "お知らせ", "index-funds",
                "long-term", "earnings").forEach(tag -> tags.put(tag, 1));
        tags.forEach((slug, n) -> counts.put("tags/" + slug + "/", n));
        return counts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue,
                (a, b) -> a, LinkedHashMap::new));
    }
}
