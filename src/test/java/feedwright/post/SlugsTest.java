package feedwright.post;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void postSlugDropsJekyllDateAndExtension() {
        assertThat(Slugs.ofPostFile("2025-10-03-hokkaido-datacenter.md")).isEqualTo("hokkaido-datacenter");
        assertThat(Slugs.ofPostFile("2025-07-22-edge-inference.markdown")).isEqualTo("edge-inference");
        assertThat(Slugs.ofPostFile("about.txt")).isEqualTo("about");
        assertThat(Slugs.ofPostFile("2025-10-03.md")).isEqualTo("2025-10-03");
        assertThat(Slugs.ofPostFile("2025-10-03-.md")).isEqualTo("2025-10-03-");
    }
}
