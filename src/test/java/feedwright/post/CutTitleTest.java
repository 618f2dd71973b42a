package feedwright.post;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How {@link CutTitle} repairs titles a byte limit cut, one rule per test. */
class CutTitleTest {

    @Test
    void aCutTitleTakesTheBodysFirstLineWhenItStartsWithTheTitlesText() {
        assertThat(CutTitle.repair("次世代AIデータセンター共同\uFFFD", () -> "次世代AIデータセンター共同検討：その真意とは？"))
                .hasValue(new CutTitle.Repair("次世代AIデータセンター共同検討：その真意とは？",
                        "title: cut off (it ended in U+FFFD); completed from the body's first line"));
    }

    @Test
    void aCutTitleEndsInAnEllipsisWhenTheFirstLineIsAnotherHeadline() {
        assertThat(CutTitle.repair("AIハードウェアの内製化の可\uFFFD", () -> "AIハードウェアの内製化、その真意は？"))
                .hasValue(new CutTitle.Repair("AIハードウェアの内製化の可…", "title: cut off (it ended in U+FFFD); '…' marks the cut"));
    }

    @Test
    void aReplacementCharacterElsewhereIsRemoved() {
        assertThat(CutTitle.repair("Yen \uFFFD carry trade", () -> "")).hasValue(
                new CutTitle.Repair("Yen carry trade", "title: removed U+FFFD, the replacement character"));
        assertThat(CutTitle.repair("A\uFFFDB \uFFFD\uFFFD", () -> "A body")).map(CutTitle.Repair::title).hasValue("AB…");
    }

    @Test
    void aTitleWithoutReplacementCharactersIsLeftAlone() {
        assertThat(CutTitle.repair("A whole title", () -> "A whole title, and more")).isEmpty();
    }

    @Test
    void aTitleOfOnlyReplacementCharactersIsEmpty() {
        assertThat(CutTitle.repair("\uFFFD\uFFFD", () -> "Body")).map(CutTitle.Repair::title).hasValue("");
    }
}
