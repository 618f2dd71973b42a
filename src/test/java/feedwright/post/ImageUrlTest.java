package feedwright.post;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.render.PostRenderer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One rule for a URL written in a post: the front matter {@code image} and a body link or image are all
 * resolved against the post's URL, as a browser showing the post resolves them.
 */
class ImageUrlTest {

    /** The post's URL is https://example.org/blog/2025/01/01/x/ (base_url https://example.org/blog/). */
    @ParameterizedTest
    @CsvSource({
            "/blog/images/a.png,    https://example.org/blog/images/a.png",
            "/images/a.png,         https://example.org/images/a.png",
            "a.png,                 https://example.org/blog/2025/01/01/x/a.png",
            "../../../../images/a.png, https://example.org/blog/images/a.png",
            "//cdn.example.net/a.png, https://cdn.example.net/a.png",
            "https://cdn.example.net/a.png, https://cdn.example.net/a.png",
            "/blog/画像/a b.png,     https://example.org/blog/%E7%94%BB%E5%83%8F/a%20b.png",
    })
    void theFrontMatterImageAndABodyImageWithTheSameReferenceGetTheSameUrl(String reference, String expected) {
        Post post = PostReaderTest.published("2025-01-01-x.md",
                "---\ntitle: X\ndate: 2025-01-01 12:00:00 +0900\nexcerpt: e\nimage: \"" + reference + "\"\n---\n"
                        + "![chart](<" + reference + ">)\n");

        String html = new PostRenderer().render(post).html();

        assertThat(post.link()).isEqualTo("https://example.org/blog/2025/01/01/x/");
        assertThat(post.image()).isEqualTo(expected);
        assertThat(html).contains("src=\"" + expected + "\"");
    }

    @Test
    void aPathFromTheHostRootThatLeavesBaseUrlIsWarnedAboutWithThePathThatStaysUnderIt() {
        List<String> problems = PostReaderTest.problems("2025-01-01-x.md",
                "---\ntitle: X\ndate: 2025-01-01\nexcerpt: e\nimage: /images/a.png\n---\nBody.\n");

        assertThat(problems).containsExactly("posts/2025-01-01-x.md:5:8: warning: image: '/images/a.png' is "
                + "https://example.org/images/a.png, outside base_url https://example.org/blog/ (a path in a post is "
                + "resolved as a browser showing the post resolves it); write '/blog/images/a.png' for a file under "
                + "base_url");
    }

    @Test
    void aBaseUrlWhosePathIsTwoSlashesHasTheHostRootUnderItAndNoWarning() {
        PostResult result = new PostReader(PostReaderTest.config("title: T\nbase_url: https://example.org//\n"))
                .read("posts/2025-01-01-x.md", "2025-01-01-x.md",
                        "---\ntitle: X\ndate: 2025-01-01\nexcerpt: e\nimage: /images/a.png\n---\nBody.\n"
                                .getBytes(StandardCharsets.UTF_8));

        assertThat(result.problems()).isEmpty();
        assertThat(result.post()).hasValueSatisfying(post ->
                assertThat(post.image()).isEqualTo("https://example.org/images/a.png"));
    }

    @Test
    void anImageWithAnotherSchemeIsLeftOutWithAWarningAndThePostPublished() {
        PostResult result = PostReaderTest.read("2025-01-01-x.md",
                "---\ntitle: X\ndate: 2025-01-01\nexcerpt: e\nimage: \"javascript:alert(1)\"\n---\nBody.\n");

        assertThat(result.post()).hasValueSatisfying(post -> assertThat(post.image()).isEmpty());
        assertThat(result.problems()).map(Object::toString).containsExactly("posts/2025-01-01-x.md:5:8: warning: image: "
                + "'javascript:alert(1)' is not a URL or a path (only http and https URLs, or paths, are images); "
                + "published without an image");
    }
}
