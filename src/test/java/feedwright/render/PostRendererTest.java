package feedwright.render;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.post.Post;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostRendererTest {

    static final String LINK = "https://example.org/blog/2025/10/03/post/";

    final PostRenderer renderer = new PostRenderer();

    @Test
    void rendersTheMarkdownTheRealPostsUse() {
        String html = html("**見出し風の太字**\n\n### 見出し\n\n1.  **名前**: 説明。\n2.  **Other**: text\n\n"
                + "| a | b |\n|---|--:|\n| 1 | 2 |\n\n~~old~~ new\n");

        assertThat(html).contains("<p><strong>見出し風の太字</strong></p>", "<h3>見出し</h3>",
                "<ol>\n<li><strong>名前</strong>: 説明。</li>", "<table>", "<td align=\"right\">2</td>",
                "<del>old</del> new");
    }

    @Test
    void removesScriptsEventHandlersAndJavascriptUrls() {
        String html = html("<script>alert(1)</script>\n\n<img src=\"x.png\" onerror=\"alert(2)\">\n\n"
                + "<a href=\"javascript:alert(3)\" onmouseover=\"alert(4)\">a</a> [b](javascript:alert(5)) "
                + "<a href=\"JaVaScRiPt:alert(6)\">c</a>\n\n<style>body{}</style><iframe src=\"https://x\"></iframe>\n");

        assertThat(html).doesNotContainIgnoringCase("script").doesNotContain("alert", "onerror", "onmouseover",
                "<style", "<iframe");
        assertThat(html).contains("<img src=\"" + LINK + "x.png\">");
    }

    @Test
    void makesRelativeLinksAndImagesAbsoluteAgainstThePost() {
        String html = html("[next](../next/) ![chart](img/chart.png) [abs](https://other.example/x) "
                + "[site](/about/)\n");

        assertThat(html).contains("href=\"https://example.org/blog/2025/10/03/next/\"",
                "src=\"" + LINK + "img/chart.png\"", "href=\"https://other.example/x\"",
                "href=\"https://example.org/about/\"");
    }

    @Test
    void dropsMarkdownLinksAndImagesWhoseSchemeCouldRunCode() {
        String html = html("[a](javascript:alert(1)) [b](JAVASCRIPT:alert(2)) [c](vbscript:x) "
                + "![d](data:image/svg+xml;base64,PHN2Zz4=) <javascript:alert(3)> [e](mailto:ed@example.org)\n");

        assertThat(html).isEqualTo("<p>a b c d javascript:alert(3) "
                + "<a href=\"mailto:ed@example.org\">e</a></p>\n");
    }

    @Test
    void markdownWithoutRawHtmlIsStillEscaped() {
        String html = html("5 < 6 & \"quotes\" [x](https://example.org/?a=1&b=\"2\")\n");

        assertThat(html).isEqualTo("<p>5 &lt; 6 &amp; &quot;quotes&quot; "
                + "<a href=\"https://example.org/?a=1&amp;b=%222%22\">x</a></p>\n");
    }

    @Test
    void encodesSpacesAndUnicodeInRelativeDestinations() {
        String html = html("[memo](<notes/メモ 1.html>) [pct](a%20b/)\n");

        assertThat(html).contains("href=\"" + LINK + "notes/%E3%83%A1%E3%83%A2%201.html\"",
                "href=\"" + LINK + "a%20b/\"");
    }

    @Test
    void removesCharactersXmlForbidsEvenWhenWrittenAsEntities() {
        String html = html("a &#1; b &#xFFFE; c\n");

        assertThat(html).isEqualTo("<p>a  b  c</p>\n");
    }

    @Test
    void summaryIsTheExcerptAsPlainText() {
        assertThat(render("Body.\n", "An <em>excerpt</em> &amp; more").summary()).isEqualTo("An excerpt & more");
    }

    @Test
    void summaryWithoutExcerptIsTheFirstParagraphShortened() {
        assertThat(render("### Heading\n\nFirst **bold** paragraph.\n\nSecond.\n", "").summary())
                .isEqualTo("First bold paragraph.");
        String longJapanese = "あ".repeat(400);
        assertThat(render(longJapanese + "\n", "").summary()).isEqualTo("あ".repeat(280) + "…");
    }

    private String html(String markdown) {
        return render(markdown, "x").html();
    }

    private RenderedPost render(String markdown, String summary) {
        OffsetDateTime now = OffsetDateTime.parse("2025-10-03T00:00:00Z");
        return renderer.render(new Post("posts/post.md", "post", "id", "Title", now, now, "A", List.of(), List.of(),
                summary, LINK, "", markdown, "hash", Post.Spellings.of(List.of(), List.of())));
    }
}
