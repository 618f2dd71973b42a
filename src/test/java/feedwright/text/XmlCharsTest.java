package feedwright.text;

import static org.assertj.core.api.Assertions.assertThat;

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
}
