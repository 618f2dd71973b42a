package feedwright.post;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.config.ConfigException;
import feedwright.config.ConfigLoader;
import feedwright.config.SiteConfig;
import feedwright.problem.Problem;
import feedwright.problem.Severity;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Front matter fields as {@link PostReader} understands them, one behaviour per test. */
class PostReaderTest {

    static final String CONFIG = "title: T\nbase_url: https://example.org/blog/\ntimezone: Asia/Tokyo\n"
            + "author: Site Author\n";

    @Test
    void readsEveryUnderstoodFieldAndIgnoresUnknownOnes() {
        Post post = published("2025-10-03-hokkaido.md", """
                ---
                layout: post
                title: "北海道の構想"
                date: 2025-10-03 21:14:09 +0000
                categories: ["投資分析"]
                tags: ["AI", "最新ニュース"]
                author: "編集部"
                excerpt: "要約です。"
                reading_time: 7
                image: /blog/images/a.jpg
                ---
                Body.
                """);

        assertThat(post.title()).isEqualTo("北海道の構想");
        assertThat(post.slug()).isEqualTo("hokkaido");
        assertThat(post.published()).isEqualTo(OffsetDateTime.parse("2025-10-03T21:14:09Z"));
        assertThat(post.updated()).isEqualTo(post.published());
        assertThat(post.categories()).extracting(Term::name).containsExactly("投資分析");
        assertThat(post.tags()).extracting(Term::slug).containsExactly("ai", "最新ニュース");
        assertThat(post.author()).isEqualTo("編集部");
        assertThat(post.summary()).isEqualTo("要約です。");
        assertThat(post.image()).isEqualTo("https://example.org/blog/images/a.jpg");
        assertThat(post.link()).isEqualTo("https://example.org/blog/2025/10/04/hokkaido/");
        assertThat(post.id()).isEqualTo("tag:example.org,2025-10-03:posts/hokkaido");
        assertThat(post.body()).isEqualTo("Body.\n");
    }

    @Test
    void singleStringOfTermsIsSplitOnSpaces() {
        Post post = published("x.md", "---\ntitle: X\ndate: 2025-01-01\ncategories: 投資分析 テクノロジー\n"
                + "tags: edge   computing\n---\n");

        assertThat(post.categories()).extracting(Term::name).containsExactly("投資分析", "テクノロジー");
        assertThat(post.tags()).extracting(Term::name).containsExactly("edge", "computing");
    }

    @Test
    void singularKeysAddToThePluralOnesWithoutDuplicates() {
        Post post = published("x.md", "---\ntitle: X\ndate: 2025-01-01\ncategory: Engineering\n"
                + "categories: [Markets, engineering]\ntag: AI\ntags: [ai, edge]\n---\n");

        assertThat(post.categories()).extracting(Term::name).containsExactly("Markets", "engineering");
        assertThat(post.tags()).extracting(Term::name).containsExactly("ai", "edge");
    }

    @Test
    void publishedFalseSkipsThePostWithoutAProblem() {
        PostResult result = read("x.md", "---\ntitle: X\ndate: 2025-01-01\npublished: false\n---\n");

        assertThat(result.post()).isEmpty();
        assertThat(result.skipReason()).hasValue("published: false");
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void idAndPermalinkFromFrontMatterWin() {
        Post post = published("x.md", "---\ntitle: X\ndate: 2025-01-01\nid: urn:uuid:1234\n"
                + "permalink: /special/日本/\n---\n");

        assertThat(post.id()).isEqualTo("urn:uuid:1234");
        assertThat(post.link()).isEqualTo("https://example.org/blog/special/%E6%97%A5%E6%9C%AC/");
    }

    @Test
    void descriptionIsTheSummaryWhenThereIsNoExcerpt() {
        assertThat(published("x.md", "---\ntitle: X\ndate: 2025-01-01\ndescription: From description\n---\n")
                .summary()).isEqualTo("From description");
        assertThat(published("x.md", "---\ntitle: X\ndate: 2025-01-01\ndescription: D\nexcerpt: E\n---\n")
                .summary()).isEqualTo("E");
    }

    @Test
    void updatedOrLastModifiedAtSetsTheUpdateTime() {
        assertThat(published("x.md", "---\ntitle: X\ndate: 2025-01-01 10:00:00 +0000\n"
                + "updated: 2025-02-01 10:00:00 +0000\n---\n").updated())
                .isEqualTo(OffsetDateTime.parse("2025-02-01T10:00:00Z"));
        assertThat(published("x.md", "---\ntitle: X\ndate: 2025-01-01 10:00:00 +0000\n"
                + "last_modified_at: 2025-03-01T10:00:00+09:00\n---\n").updated())
                .isEqualTo(OffsetDateTime.parse("2025-03-01T10:00:00+09:00"));
    }

    @Test
    void authorFallsBackToTheSiteAuthor() {
        assertThat(published("x.md", "---\ntitle: X\ndate: 2025-01-01\n---\n").author()).isEqualTo("Site Author");
    }

    @Test
    void takesJekyllFeedsOtherFormsOfTheAuthor() {
        assertThat(published("x.md", "---\ntitle: X\ndate: 2025-01-01\nauthor:\n  name: Hana\n  email: h@example.org\n---\n")
                .author()).isEqualTo("Hana");
        assertThat(published("x.md", "---\ntitle: X\ndate: 2025-01-01\nauthors: [Ken, Hana]\n---\n").author())
                .isEqualTo("Ken");
    }

    @Test
    void takesAnImageWrittenAsAMappingWithItsPath() {
        assertThat(published("x.md", "---\ntitle: X\ndate: 2025-01-01\nimage:\n  path: https://cdn.example.org/a.png\n---\n")
                .image()).isEqualTo("https://cdn.example.org/a.png");
    }

    @Test
    void dateFallsBackToTheFileNameDayInTheSiteZone() {
        assertThat(published("2025-05-06-x.md", "---\ntitle: X\n---\n").published())
                .isEqualTo(OffsetDateTime.parse("2025-05-06T00:00:00+09:00"));
    }

    @Test
    void missingDateWithoutADatedFileNameIsAnError() {
        assertThat(problems("undated.md", "---\ntitle: X\n---\nBody.\n")).containsExactly(
                "posts/undated.md:1:1: error: date: missing; add 'date: YYYY-MM-DD HH:MM:SS +ZZZZ' or start the file "
                        + "name with YYYY-MM-DD-",
                "posts/undated.md:1:1: warning: no excerpt or description; the summary is taken from the body's "
                        + "first paragraph");
    }

    @Test
    void impossibleDayIsAnErrorNamingFileLineColumnAndValue() {
        assertThat(problems("x.md", "---\ntitle: X\nexcerpt: e\ndate: 2025-13-40 10:00:00 +0000\n---\n"))
                .containsExactly("posts/x.md:4:7: error: date: '2025-13-40 10:00:00 +0000' is not a date (Invalid "
                        + "value for MonthOfYear (valid values 1 - 12): 13; expected YYYY-MM-DD HH:MM:SS +ZZZZ)");
    }

    @Test
    void cutModeCutsTheBodyAtTheFirstEndMarker() {
        assertThat(withEndMarker("cut", "Last paragraph.\n\n---END---\nGenerator junk\n")).isEqualTo("Last paragraph.\n");
        assertThat(withEndMarker("cut", "Last paragraph.\n---END---\nGenerator junk\n")).isEqualTo("Last paragraph.\n");
    }

    @Test
    void joinModePublishesEveryChunkWithoutTheMarkers() {
        assertThat(withEndMarker("join", "First chunk.\n---END---\nSecond chunk.\n---END---\n"))
                .isEqualTo("First chunk.\n\nSecond chunk.\n");
    }

    @Test
    void keepsBodyAsWrittenWithoutAnEndMarker() {
        Post post = published("x.md", "---\ntitle: X\ndate: 2025-01-01\n---\nText.\n---END---\nMore.\n");

        assertThat(post.body()).isEqualTo("Text.\n---END---\nMore.\n");
    }

    @Test
    void warnsWhenTheEndMarkerCutsMidSentence() {
        PostResult result = new PostReader(config(CONFIG + "end_marker: \"---END---\"\n")).read("posts/x.md", "x.md",
                "---\ntitle: X\ndate: 2025-01-01\nexcerpt: e\n---\nand the reason is that\n---END---\n"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(result.problems()).map(Problem::toString).containsExactly(
                "posts/x.md:7:1: warning: body ends mid-sentence before the end marker: '…d the reason is that'");
    }

    @Test
    void moreTermsThanMaxTermsPerPostIsAnErrorAtTheKeyThatHoldsMostOfThem() {
        PostResult result = new PostReader(config(CONFIG + "max_terms_per_post: 3\n")).read("posts/x.md", "x.md",
                "---\ntitle: X\ndate: 2025-01-01\nexcerpt: e\ncategories: [a]\ntags: [b, c, d]\n---\nBody.\n"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(result.post()).isEmpty();
        assertThat(result.problems()).map(Problem::toString).containsExactly(
                "posts/x.md:6:1: error: tags: 4 categories and tags, more than max_terms_per_post (3) allows; "
                        + "the post is left out");
    }

    @Test
    void theDefaultBoundIsAHundredCategoriesAndTagsTogether() {
        String hundred = String.join(", ", IntStream.range(0, 99).mapToObj(i -> "t" + i).toList());

        assertThat(published("x.md", "---\ntitle: X\ndate: 2025-01-01\nexcerpt: e\ncategory: c\ntags: ["
                + hundred + "]\n---\n").tags()).hasSize(99);
        assertThat(problems("x.md", "---\ntitle: X\ndate: 2025-01-01\nexcerpt: e\ncategory: c\ntags: ["
                + hundred + ", t99]\n---\n")).containsExactly("posts/x.md:6:1: error: tags: 101 categories and "
                + "tags, more than max_terms_per_post (100) allows; the post is left out");
    }

    private static String withEndMarker(String mode, String body) {
        PostResult result = new PostReader(config(CONFIG + "end_marker: \"---END---\"\nend_marker_mode: " + mode + "\n"))
                .read("posts/x.md", "x.md", ("---\ntitle: X\ndate: 2025-01-01\nexcerpt: e\n---\n" + body)
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(result.problems()).noneMatch(problem -> problem.severity() != Severity.INFO);
        return result.post().orElseThrow().body();
    }

    static Post published(String fileName, String text) {
        PostResult result = read(fileName, text);
        assertThat(result.problems()).noneMatch(Problem::isError);
        return result.post().orElseThrow(() -> new AssertionError("not published: " + result));
    }

    static PostResult read(String fileName, String text) {
        return new PostReader(config(CONFIG)).read("posts/" + fileName, fileName, text.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> problems(String fileName, String text) {
        return read(fileName, text).problems().stream().map(Problem::toString).toList();
    }

    static SiteConfig config(String yaml) {
        try {
            return ConfigLoader.parse(yaml);
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
