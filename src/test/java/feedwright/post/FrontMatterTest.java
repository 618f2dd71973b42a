package feedwright.post;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.problem.Problem;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrontMatterTest {

    @Test
    void splitsYamlFromBodyAndSaysWhereTheBodyStarts() {
        FrontMatter split = split("---\ntitle: X\ndate: 2025-01-01\n---\nBody\n");

        assertThat(split.yaml()).isEqualTo("title: X\ndate: 2025-01-01\n");
        assertThat(split.body()).isEqualTo("Body\n");
        assertThat(split.bodyLine()).isEqualTo(5);
    }

    @Test
    void fencesMayHaveTrailingSpacesAndTheCloseMayBeDots() {
        assertThat(split("---  \ntitle: X\n...\nBody\n").body()).isEqualTo("Body\n");
        assertThat(split("---\ntitle: X\n--- \t\nBody\n").yaml()).isEqualTo("title: X\n");
    }

    @Test
    void aLongerDashLineOrIndentedDashesDoNotCloseTheBlock() {
        FrontMatter split = split("---\ntitle: X\n  ---\n----\n---\nBody\n");

        assertThat(split.yaml()).isEqualTo("title: X\n  ---\n----\n");
    }

    @Test
    void onlyTheFirstClosingFenceCounts() {
        assertThat(split("---\ntitle: X\n---\nText\n---\nMore\n").body()).isEqualTo("Text\n---\nMore\n");
    }

    @Test
    void emptyFrontMatterIsAllowed() {
        assertThat(split("---\n---\nBody").yaml()).isEmpty();
    }

    @Test
    void fileNotStartingWithAFenceHasNoFrontMatter() {
        assertThat(problem(" ---\ntitle: X\n---\n")).isEqualTo("posts/x.md:1:1: error: no front matter: a post must "
                + "start with a '---' line, then YAML, then another '---' line");
        assertThat(problem("")).startsWith("posts/x.md:1:1: error: no front matter");
    }

    @Test
    void unclosedBlockIsReported() {
        assertThat(problem("---\ntitle: X\n")).isEqualTo(
                "posts/x.md:1:1: error: front matter is never closed: add a '---' line after the YAML");
    }

    @Test
    void byteOrderMarkAndCrlfAreGoneBeforeSplitting() {
        SourceText source = SourceText.decode("posts/x.md",
                "\uFEFF---\r\ntitle: X\r\n---\r\nBody\r\nline\r".getBytes(StandardCharsets.UTF_8));

        assertThat(source.problems()).isEmpty();
        FrontMatter split = FrontMatter.split("posts/x.md", source.text()).frontMatter().orElseThrow();
        assertThat(split.yaml()).isEqualTo("title: X\n");
        assertThat(split.body()).isEqualTo("Body\nline\n");
    }

    private static FrontMatter split(String text) {
        FrontMatter.Result result = FrontMatter.split("posts/x.md", text);
        assertThat(result.problem()).isEmpty();
        return result.frontMatter().orElseThrow();
    }

    private static String problem(String text) {
        return FrontMatter.split("posts/x.md", text).problem().map(Problem::toString).orElseThrow();
    }
}
