package feedwright.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class XmlCharsTest {

    @Test
    void removesEveryCharacterXml10Forbids() {
        String dirty = "a\u0000b\u0008c\u000Bd\u000Ce\u001Ff\uFFFEg\uFFFFh\uD800i";

        assertThat(XmlChars.removeIllegal(dirty)).isEqualTo("abcdefghi");
    }

    @Test
    void keepsTabsNewlinesSupplementaryCharactersAndTheReplacementCharacter() {
        String clean = "a\tb\nc\rd 😀 \uFFFD 投資";

        assertThat(XmlChars.removeIllegal(clean)).isSameAs(clean);
    }

    @Test
    void keepsSupplementaryCharactersWhoseLowBitsLookLikeASurrogate() {
        // U+2D800 (CJK Extension F) and U+1D800 (SignWriting): (char) of them is in the surrogate range.
        String clean = "漢" + new String(Character.toChars(0x2D800)) + new String(Character.toChars(0x1D800));

        assertThat(XmlChars.firstIllegal(clean)).isEqualTo(-1);
        assertThat(XmlChars.removeIllegal(clean)).isSameAs(clean);
        assertThat(XmlChars.removeIllegal(clean + "\uDC00")).isEqualTo(clean);
    }

    @Test
    void removesBidiEmbeddingsOverridesAndIsolates() {
        assertThat(XmlChars.removeBidiControls("a\u202Ab\u202Ec\u2066d\u2069e\u200Ff"))
                .isEqualTo("abcde\u200Ff");
    }

    @Test
    void findsTheFirstForbiddenCharacterOfAStringWhereAWalkByCodePointDoes() {
        // Strings are scanned a block of chars at a time; every tricky char, often, at every place: a pair cut by
        // a block's end, a lone half at either side of it, controls, U+FFFE and U+FFFF.
        String[] pieces = {"a", "漢", "\t", "\n", "\r", "\u0001", "\u001F", "\uD7FF", "\uE000", "\uFFFD", "\uFFFE", "\uFFFF",
            "\uD83D", "\uDE00", "😀", new String(Character.toChars(0x10FFFF))};
        Random random = new Random(18);
        for (int round = 0; round < 3000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(3 * CharBlocks.SIZE);
            while (text.length() < length) {
                // Mostly plain text, as posts are, so that the first forbidden char is often far in.
                text.append(random.nextInt(50) == 0 ? pieces[random.nextInt(pieces.length)] : "a");
            }
            String string = text.toString();

            assertThat(XmlChars.firstIllegal(string)).as("round %d", round).isEqualTo(byCodePoint(string));
        }
    }

    @Test
    void aPairCutByTheEndOfABlockIsOneLegalCharacterAndALoneHalfThereIsNot() {
        String before = "a".repeat(CharBlocks.SIZE - 1);

        assertThat(XmlChars.firstIllegal(before + "😀" + "a".repeat(10))).isEqualTo(-1);
        assertThat(XmlChars.firstIllegal(before + "\uD83D" + "a")).isEqualTo(CharBlocks.SIZE - 1);
        assertThat(XmlChars.firstIllegal(before + "a" + "\uDE00")).isEqualTo(CharBlocks.SIZE);
        assertThat(XmlChars.firstIllegal(before + "\uD83D")).isEqualTo(CharBlocks.SIZE - 1);
    }

    /** XML 1.0's rule applied by code point, a lone surrogate taken as itself. */
    private static int byCodePoint(String text) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            boolean legal = codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD
                    || codePoint >= 0x20 && codePoint <= 0xD7FF || codePoint >= 0xE000 && codePoint <= 0xFFFD
                    || codePoint >= 0x10000;
            if (!legal) {
                return i;
            }
            i += Character.charCount(codePoint);
        }
        return -1;
    }
}
