package feedwright.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SurrogatesTest {

    private static final String PAIR = "😀";

    @Test
    void findsNoLoneSurrogateInTextWithoutOrWithOnlyPairs() {
        assertThat(Surrogates.firstLone("")).isEqualTo(-1);
        assertThat(Surrogates.firstLone("投資 ascii \uD7FF\uE000\uFFFD")).isEqualTo(-1);
        assertThat(Surrogates.firstLone(PAIR.repeat(3000))).isEqualTo(-1);
    }

    @Test
    void findsALoneHighOrLowSurrogateWhereverItStands() {
        for (String lone : List.of("\uD800", "\uDBFF", "\uDC00", "\uDFFF")) {
            for (int at : List.of(0, 7, CharBlocks.SIZE - 1, CharBlocks.SIZE, 3 * CharBlocks.SIZE + 5)) {
                String text = "a".repeat(at) + lone + "b" + "\uDC00";
                assertThat(Surrogates.firstLone(text)).as("U+%04X at %d", (int) lone.charAt(0), at).isEqualTo(at);
            }
        }
        assertThat(Surrogates.firstLone("ends high \uD83D")).isEqualTo(10);
        assertThat(Surrogates.firstLone("low first \uDE00\uD83D")).isEqualTo(10);
        // Two low halves are no pair: the first is lone.
        assertThat(Surrogates.firstLone("x\uDC00\uDC00")).isEqualTo(1);
    }

    @Test
    void aPairAcrossTheEdgeOfABlockIsAPairAndWhatFollowsIsStillLookedAt() {
        // The pair's high half is the last char of the first block, its low half the first of the next.
        String text = "a".repeat(CharBlocks.SIZE - 1) + PAIR + "b".repeat(10) + "\uDC00";

        assertThat(Surrogates.firstLone(text)).isEqualTo(CharBlocks.SIZE + 11);
        assertThat(Surrogates.firstLone(text.substring(0, text.length() - 1))).isEqualTo(-1);
    }

    @Test
    void replacesEachLoneSurrogateAndKeepsPairsAndTheSameInstanceWhenThereIsNone() {
        String clean = "投資 " + PAIR;
        assertThat(Surrogates.replaceLone(clean)).isSameAs(clean);
        String hostile = "lone \uD800 high, \uDC00 low, pair " + PAIR + ", \uDBFF\uDBFF" + PAIR + "\uDFFF";
        assertThat(Surrogates.replaceLone(hostile))
                .isEqualTo("lone \uFFFD high, \uFFFD low, pair " + PAIR + ", \uFFFD\uFFFD" + PAIR + "\uFFFD");
    }
}
