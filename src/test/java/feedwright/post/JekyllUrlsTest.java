package feedwright.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Jekyll's post URLs and jekyll-feed's ids. The expected values are what Debian's jekyll 4.3.1 with
 * ruby-jekyll-feed 0.17.0 wrote for the sample posts (url https://example.org, baseurl /blog, permalink
 * left at "date"); the end-to-end group jekyll-switch compares with the real thing on every run.
 */
class JekyllUrlsTest {

    private static final String DATE_STYLE = "/:categories/:year/:month/:day/:title:output_ext";
    private static final URI BASE = URI.create("https://example.org/blog/");

    @Test
    void makesTheUrlOfTheDateStyleWithJapaneseCategoriesPercentEncoded() {
        String url = JekyllUrls.url(DATE_STYLE, "semiconductor-supply", "2025-07-09-semiconductor-supply.md",
                List.of("投資分析", "テクノロジー"), OffsetDateTime.parse("2025-07-09T06:00:00Z"));

        assertThat(JekyllUrls.link(BASE, url)).isEqualTo("https://example.org/blog/%E6%8A%95%E8%B3%87%E5%88%86%E6%9E%90/"
                + "%E3%83%86%E3%82%AF%E3%83%8E%E3%83%AD%E3%82%B8%E3%83%BC/2025/07/09/semiconductor-supply.html");
        assertThat(JekyllUrls.feedId(BASE, JekyllUrls.link(BASE, url), "semiconductor-supply")).isEqualTo(
                "https://example.org/blog/%E6%8A%95%E8%B3%87%E5%88%86%E6%9E%90/"
                        + "%E3%83%86%E3%82%AF%E3%83%8E%E3%83%AD%E3%82%B8%E3%83%BC/2025/07/09/semiconductor-supply");
    }

    @Test
    void lowerCasesCategoriesOnceAndKeepsTheExtensionOfAFileMarkdownDoesNotConvert() {
        String url = JekyllUrls.url(DATE_STYLE, "battery-storage", "2025-08-19-battery-storage.txt",
                List.of("Markets", "Energy", "markets"), OffsetDateTime.parse("2025-08-19T01:00:00Z"));

        assertThat(url).isEqualTo("/markets/energy/2025/08/19/battery-storage.txt");
        assertThat(JekyllUrls.feedId(BASE, JekyllUrls.link(BASE, url), "battery-storage"))
                .isEqualTo("https://example.org/blog/markets/energy/2025/08/19/battery-storage");
    }

    @Test
    void takesTheIdFromTheFolderOfAPostsOwnPermalinkAndItsSlug() {
        String url = JekyllUrls.url("/special/custom-page/", "special-page", "2025-09-30-special-page.md",
                List.of("お知らせ"), OffsetDateTime.parse("2025-09-30T01:00:00Z"));

        assertThat(JekyllUrls.link(BASE, url)).isEqualTo("https://example.org/blog/special/custom-page/");
        assertThat(JekyllUrls.feedId(BASE, JekyllUrls.link(BASE, url), "special-page"))
                .isEqualTo("https://example.org/blog/special/special-page");
    }

    @Test
    void expandsThePrettyAndOtherPlaceholdersAsJekyllDoes() {
        OffsetDateTime date = OffsetDateTime.parse("2025-03-04T05:06:07Z");

        assertThat(JekyllUrls.url("/:categories/:year/:month/:day/:title/", "Hello World!", "2025-03-04-x.md",
                List.of(), date)).isEqualTo("/2025/03/04/Hello-World!/");
        assertThat(JekyllUrls.url("/:year/:i_month/:i_day/:slug:output_ext", "Hello World!", "2025-03-04-x.md",
                List.of(), date)).isEqualTo("/2025/3/4/hello-world.html");
        assertThat(JekyllUrls.url("/:categories/:year/W:week/:short_day/:title:output_ext", "x", "2025-03-04-x.md",
                List.of("C# Notes"), date)).isEqualTo("/c%23%20notes/2025/W10/Tue/x.html");
        assertThat(JekyllUrls.url("/:year/:y_day/:short_month-:long_month/", "x", "x.md", List.of(), date))
                .isEqualTo("/2025/063/Mar-March/");
    }

    @Test
    void keepsAJekyllUrlUnderTheSiteWhateverItsDots() {
        assertThat(JekyllUrls.url("/../:title/./", "x", "x.md", List.of(), OffsetDateTime.parse("2025-01-01T00:00:00Z")))
                .isEqualTo("/x/");
    }

    @Test
    void normalisesTheIdsPercentEncodingAsAddressableDoes() {
        URI root = URI.create("https://example.org/");
        assertThat(JekyllUrls.feedId(root, "https://example.org/a%7eb/%e6%8a%95/x.html", "日本 語"))
                .isEqualTo("https://example.org/a~b/%E6%8A%95/%E6%97%A5%E6%9C%AC%20%E8%AA%9E");
        assertThat(JekyllUrls.feedId(root, "https://example.org/", "slug")).isEqualTo("https://example.org/slug");
    }
}
