package feedwright.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlugsTest {

    @Test
    void keepsUnicodeLettersAndDigits() {
        assertThat(Slugs.ofTerm("投資分析")).isEqualTo("投資分析");
        assertThat(Slugs.ofTerm("最新ニュース")).isEqualTo("最新ニュース");
        assertThat(Slugs.ofTerm("Café 2025")).isEqualTo("café-2025");
    }

    @Test
    void foldsCaseAndWidthSoSpellingsAreOneTerm() {
        assertThat(Slugs.ofTerm("AI")).isEqualTo(Slugs.ofTerm("ai")).isEqualTo(Slugs.ofTerm("ＡＩ")).isEqualTo("ai");
        assertThat(Term.of("AI").slug()).isEqualTo(Term.of("ai").slug());
    }

    @Test
    void turnsEveryOtherRunIntoOneDash() {
        assertThat(Slugs.ofTerm("Q&A")).isEqualTo("q-a");
        assertThat(Slugs.ofTerm("  edge / computing!! ")).isEqualTo("edge-computing");
        assertThat(Slugs.ofTerm("a\u0000b\u001Fc")).isEqualTo("a-b-c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "/", "\\", "../..", "\u0000", "\u202E", "!!!", "---", "C++", " "})
    void givesUnsafeOrEmptyTermsASafeSlug(String term) {
        String slug = Slugs.ofTerm(term);

        assertThat(slug).isNotEmpty().isNotEqualTo(".").isNotEqualTo("..").doesNotContain("/", "\\")
                .matches("[\\p{L}\\p{M}\\p{Nd}-]+").doesNotStartWith("-").doesNotEndWith("-");
    }

    @Test
    void punctuationOnlyTermsGetDistinctStableSlugs() {
        assertThat(Slugs.ofTerm("..")).startsWith("term-").isEqualTo(Slugs.ofTerm(".."))
                .isNotEqualTo(Slugs.ofTerm("/"));
    }

    @Test
    void keepsSlugsShort() {
        assertThat(Slugs.ofTerm("長".repeat(500)).codePointCount(0, 80)).isEqualTo(80);
        assertThat(Slugs.ofTerm("長".repeat(500))).hasSize(80);
    }

    /** Issue #11, item 11: the symbols that tell programming languages apart are spelt, not dropped. */
    @Test
    void spellsTheSymbolsThatTellTermsApart() {
        assertThat(List.of("C", "C#", "C++", "F#", ".NET", "C＃", "C♯", "Google+", "Notepad++"))
                .extracting(Slugs::ofTerm)
                .containsExactly("c", "c-sharp", "c-plus-plus", "f-sharp", "dot-net", "c-sharp", "c-sharp",
                        "google-plus", "notepad-plus-plus");
    }

    /** Only terms with such a symbol in a name change: everything else keeps the slug it always had. */
    @Test
    void keepsTheSlugsOfTermsWithoutSuchSymbols() {
        assertThat(List.of("#hashtag", "Q&A", "Node.js", "ASP.NET", "AI", "投資分析", "..", "+", "C/C++ interop"))
                .extracting(Slugs::ofTerm)
                .containsExactly("hashtag", "q-a", "node-js", "asp-net", "ai", "投資分析", Slugs.ofTerm(".."),
                        Slugs.ofTerm("+"), "c-c-plus-plus-interop");
        assertThat(Slugs.ofTerm("+")).startsWith("term-");
    }

    /** Issue #11, item 6: a slug is a folder name, and file systems count a name's bytes, not its characters. */
    @Test
    void keepsSlugsWithinTheFileNameLimitInBytes() {
        String fourBytes = "𠮷"; // U+20BB7
        assertThat(Slugs.ofTerm(fourBytes.repeat(64))).isEqualTo(fourBytes.repeat(60));
        assertThat(Slugs.ofTerm(fourBytes.repeat(300) + "x")).isEqualTo(fourBytes.repeat(60));
        assertThat(Slugs.ofTerm("é".repeat(200)).getBytes(StandardCharsets.UTF_8)).hasSize(160);
        assertThat(Slugs.ofTerm("a".repeat(10) + " " + fourBytes.repeat(100))).isEqualTo("a".repeat(10) + "-"
                + fourBytes.repeat(57));
        assertThat(Slugs.ofTerm("a".repeat(59) + " " + fourBytes.repeat(60))).isEqualTo("a".repeat(59) + "-"
                + fourBytes.repeat(20)); // 80 characters come first here
        // No dash is left at the end of a cut slug.
        assertThat(Slugs.ofTerm(fourBytes.repeat(59) + " " + fourBytes)).isEqualTo(fourBytes.repeat(59));
        assertThat(Slugs.ofTerm("長".repeat(80)).getBytes(StandardCharsets.UTF_8))
                .hasSize(Slugs.MAX_BYTES);
    }

    @Test
    void postSlugDropsJekyllDateAndExtension() {
        assertThat(Slugs.ofPostFile("2025-10-03-hokkaido-datacenter.md")).isEqualTo("hokkaido-datacenter");
        assertThat(Slugs.ofPostFile("2025-07-22-edge-inference.markdown")).isEqualTo("edge-inference");
        assertThat(Slugs.ofPostFile("about.txt")).isEqualTo("about");
        assertThat(Slugs.ofPostFile("2025-10-03.md")).isEqualTo("2025-10-03");
        assertThat(Slugs.ofPostFile("2025-10-03-.md")).isEqualTo("2025-10-03-");
    }
}
