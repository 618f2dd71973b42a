package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.CliRun;
import feedwright.testing.TestSite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.Paragraph;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The five real posts of {@code ../shared/seeds/} built with the shipped {@code feeds-config/}, and read back
 * from Atom and RSS: each entry is the whole article, once. Every distinct paragraph of every generation chunk
 * is published, none twice, no marker, the cut titles are repaired, the article's last sentence is there.
 */
class SeedPostsBuildTest {

    private static final Path SEEDS = Path.of("../shared/seeds");
    private static final String MARKER = "---END---";

    /** The repaired title, the first paragraph published and the end of the last one, per seed file. */
    private static final Map<String, Article> ARTICLES = Map.of(
            "000_3e467a327b6b8c3d.txt", new Article("パナソニックのデータセンター液冷ポンプ開発、その真意はどこにあるのか？",
                    "皆さん、こんにちは。", "その問いかけに対する、日本からの力強い一つの回答であると、私は受け止めています。"),
            "001_823485ae9ca9c1fe.txt", new Article("次世代AIデータセンター共同検討：その真意と、日本のAIインフラが迎える未来とは？",
                    "「次世代AIデータセンター構築へ共同検討」というニュース", "そして共に創り上げていけることを願ってやみません。"),
            "002_a78bddd8b3741ad0.txt", new Article("米DOEの可能性とは？",
                    "米DOE、AIデータセンター電力加速の真意とは？その裏に潜む巨大な産業変革の兆し。",
                    "同時に無限の可能性を秘めた時代に、共に挑戦していこう。"),
            "003_4391d803cad7d9fa.txt", new Article("「MSの「10倍性能AI工場」計画、その真意と業界への波紋とは？」",
                    "マイクロソフトが「10倍性能AI工場」計画を推進していると聞いて",
                    "このAIが織りなす未来の物語の重要な語り手の一人であることを、忘れないでください。"),
            "004_8ca5b9b595743b3b.txt", new Article("AIハードウェアの内製化の可…",
                    "AIハードウェアの内製化、その真意は？OpenAIとFoxconn提携が拓く新たな局面",
                    "あるいはAIハードウェアの性能を評価するための高度"));

    @TempDir
    static Path site;

    static CliRun build;

    record Article(String title, String firstParagraphStart, String lastParagraphEnd) {
    }

    @BeforeAll
    static void buildTheSeeds() throws IOException {
        assertThat(SEEDS.resolve("README.md")).as("the seed posts, at ../shared/seeds/ beside the repository")
                .isRegularFile();
        Files.createDirectories(site.resolve("posts"));
        Files.createDirectories(site.resolve("feeds-config"));
        Files.copy(TestSite.sample().resolve("feeds-config/site.yml"), site.resolve("feeds-config/site.yml"));
        for (String name : ARTICLES.keySet()) {
            Files.copy(SEEDS.resolve(name), site.resolve("posts").resolve(name));
        }
        build = CliRun.run("build", "--strict", "--site", site.toString(), "--out", site.resolve("public").toString());
        assertThat(build.exitCode()).as(build.transcript()).isZero();
    }

    @ParameterizedTest
    @MethodSource("feedwright.testing.Formats#xmlFileNames")
    void everyDistinctParagraphOfEveryChunkIsPublishedOnceAndNoMarker(String feed) {
        for (Map.Entry<String, Article> seed : ARTICLES.entrySet()) {
            BuiltFeed.Item item = item(feed, seed.getValue().title());
            List<String> published = publishedBlocks(item.content());
            String whole = String.join("\n", published);

            assertThat(item.content()).as(seed.getKey()).doesNotContain(MARKER);
            assertThat(published).as(seed.getKey() + ": no paragraph twice").doesNotHaveDuplicates();
            for (String paragraph : sourceParagraphs(seed.getKey())) {
                if (!paragraph.equals(seed.getValue().title())) {
                    assertThat(whole).as(seed.getKey() + ": a paragraph of the source").contains(paragraph);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("feedwright.testing.Formats#xmlFileNames")
    void titlesAreRepairedAndNotRepeatedAsTheFirstParagraphAndTheArticleEndsWhereItsWriterEndedIt(String feed) {
        for (Map.Entry<String, Article> seed : ARTICLES.entrySet()) {
            Article article = seed.getValue();
            List<String> published = publishedBlocks(item(feed, article.title()).content());

            assertThat(published.get(0)).as(seed.getKey()).startsWith(article.firstParagraphStart())
                    .isNotEqualTo(article.title());
            assertThat(published.get(published.size() - 1)).as(seed.getKey()).endsWith(article.lastParagraphEnd());
        }
    }

    @Test
    void sentencesCutAtAChunkBoundaryArePublishedOnceAndComplete() {
        List<String> panasonic = publishedBlocks(item("atom.xml", ARTICLES.get("000_3e467a327b6b8c3d.txt").title()).content());
        List<String> doe = publishedBlocks(item("atom.xml", "米DOEの可能性とは？").content());
        List<String> microsoft = publishedBlocks(item("atom.xml", ARTICLES.get("003_4391d803cad7d9fa.txt").title()).content());

        // 000: the next chunk restarts the sentence, so the cut copy goes.
        assertThat(String.join("\n", panasonic)).containsOnlyOnce("世界のAIインフラを支える時代が")
                .contains("世界のAIインフラを支える時代が、まさに今、幕を開けようとしているのです。");
        // 002 and 003: the next chunk goes on from the cut, repeating its end; the two parts are one sentence.
        assertThat(String.join("\n", doe)).containsOnlyOnce("活用できる").contains("自然の冷却効果を最大限に活用できる。");
        assertThat(String.join("\n", microsoft)).doesNotContain("...").containsOnlyOnce(
                "そしてその恩恵が広く行き渡るのか、という問いは常に私たちの心に留めておくべきです。正直なところ");
        assertThat(Stream.of(panasonic, doe, microsoft).flatMap(List::stream))
                .noneMatch(block -> block.endsWith("時代が") || block.endsWith("活用できる") || block.endsWith("行き渡"));
    }

    @Test
    void excerptDatesCategoriesAndTagsAreUnaffected() {
        BuiltFeed.Item item = item("atom.xml", ARTICLES.get("001_823485ae9ca9c1fe.txt").title());

        assertThat(item.summary()).isEqualTo("次世代AIデータセンター構築へ共同検討について詳細に分析します。");
        assertThat(item.published()).isEqualTo("2025-11-12T08:44:30Z");
        assertThat(item.categories()).containsExactly("投資分析", "AI", "最新ニュース", "技術動向", "投資", "チップ");
        assertThat(item.id()).isEqualTo("tag:example.org,2025-11-12:posts/001_823485ae9ca9c1fe");
    }

    @Test
    void checkReportsEveryRepairAsInfoAndWarnsOfTheSentenceNothingCompletes() {
        CliRun check = CliRun.run("check", "--site", site.toString());

        assertThat(check.exitCode()).as(check.transcript()).isZero();
        assertThat(check.problems()).containsExactly(
                "posts/000_3e467a327b6b8c3d.txt:76:1: info: 3 generation chunks joined; 8 repeated paragraphs "
                        + "dropped; the sentence cut at line 74 restarted in full at line 78; the first paragraph "
                        + "(line 12) repeats the title and is left out",
                "posts/001_823485ae9ca9c1fe.txt:3:8: info: title: cut off (it ended in U+FFFD); completed from the "
                        + "body's first line",
                "posts/001_823485ae9ca9c1fe.txt:12:1: info: the first paragraph (line 12) repeats the title and is "
                        + "left out",
                "posts/002_a78bddd8b3741ad0.txt:57:1: info: 3 generation chunks joined; 2 repeated paragraphs and 1 "
                        + "repeated heading dropped; the sentence cut at line 55 completed from line 59",
                "posts/003_4391d803cad7d9fa.txt:90:1: info: 3 generation chunks joined; 11 repeated paragraphs and 3 "
                        + "repeated headings dropped; the sentence cut at line 88 completed from line 94; the first "
                        + "paragraph (line 12) repeats the title and is left out",
                "posts/004_8ca5b9b595743b3b.txt:3:8: info: title: cut off (it ended in U+FFFD); '…' marks the cut",
                "posts/004_8ca5b9b595743b3b.txt:61:1: warning: body ends mid-sentence before the end marker: "
                        + "'…Iハードウェアの性能を評価するための高度'");
        assertThat(build.problems()).isEqualTo(check.problems());
    }

    private static BuiltFeed.Item item(String feed, String title) {
        List<BuiltFeed.Item> items = BuiltFeed.read(site.resolve("public"), feed).items().stream()
                .filter(item -> item.title().equals(title)).toList();
        assertThat(items).as(feed + " entries titled " + title).hasSize(1);
        return items.get(0);
    }

    /** The text of each paragraph, heading and list item of the published HTML, in order. */
    private static List<String> publishedBlocks(String html) {
        List<String> blocks = new ArrayList<>();
        for (Element element : Jsoup.parseBodyFragment(html).select("p, h1, h2, h3, h4, h5, h6, li")) {
            if (!element.tagName().equals("li") || element.select("p").isEmpty()) {
                blocks.add(element.text());
            }
        }
        return blocks;
    }

    private static String text(String html) {
        return Jsoup.parseBodyFragment(html).text();
    }

    /**
     * The distinct paragraphs, headings and list-item paragraphs of every chunk of a seed as a reader sees their
     * text, without the leading "..." a continuing chunk starts with.
     */
    private static Set<String> sourceParagraphs(String name) {
        String file;
        try {
            file = Files.readString(SEEDS.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String body = file.substring(file.indexOf("\n---\n", 4) + 5);
        Parser parser = Parser.builder().build();
        TextContentRenderer renderer = TextContentRenderer.builder().build();
        Set<String> paragraphs = new HashSet<>();
        Stream.of(body.split("(?m)^" + MARKER + "\\s*$")).forEach(chunk -> parser.parse(chunk).accept(new AbstractVisitor() {
            @Override
            public void visit(Paragraph paragraph) {
                add(renderer.render(paragraph));
            }

            @Override
            public void visit(Heading heading) {
                add(renderer.render(heading));
            }

            @Override
            public void visit(HtmlBlock html) {
                add(Jsoup.parseBodyFragment(html.getLiteral()).text());
            }

            private void add(String text) {
                String normal = text.replaceAll("\\s+", " ").strip().replaceFirst("^(\\.{3}|…)", "");
                if (!normal.isEmpty()) {
                    paragraphs.add(normal);
                }
            }
        }));
        assertThat(paragraphs).as(name).hasSizeGreaterThan(10);
        return paragraphs;
    }
}
