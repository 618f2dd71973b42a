package feedwright.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void removesTagsAndScriptContents() {
        assertThat(PlainText.of("<script>alert(1)</script>Safe <b>title</b>")).isEqualTo("Safe title");
    }

    @Test
    void markupWrittenAsEntitiesIsRemovedToo() {
        assertThat(PlainText.of("&lt;img src=x onerror=alert(1)&gt;Ed")).isEqualTo("Ed");
        assertThat(PlainText.of("&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;x")).isEqualTo("x");
        assertThat(PlainText.of("&#60;b&#62;bold&#60;/b&#62;")).isEqualTo("bold");
    }

    @Test
    void keepsAngleBracketsAndAmpersandsThatAreNoMarkup() {
        assertThat(PlainText.of("AT&T: 1 < 2 > 0")).isEqualTo("AT&T: 1 < 2 > 0");
        assertThat(PlainText.of("R&amp;D")).isEqualTo("R&D");
    }

    @Test
    void keepsTextThatOnlyLooksLikeATagAndRemovesWhatCouldCarryBehaviour() {
        assertThat(PlainText.of("Vec<String>, Map<K, List<V>>, Box<dyn Error>")).isEqualTo(
                "Vec<String>, Map<K, List<V>>, Box<dyn Error>");
        assertThat(PlainText.of("Vec&lt;String&gt;")).isEqualTo("Vec<String>");
        assertThat(PlainText.of("a<x onmouseover=alert(1)>b</x> <svg/onload=alert(1)>c")).isEqualTo("ab c");
        assertThat(PlainText.of("<b>bold</b> Vec<T>")).isEqualTo("bold Vec<T>");
    }

    @Test
    void tellsRemovedMarkupFromADecodedEntity() {
        assertThat(PlainText.removesMarkup("<b>x</b>", PlainText.of("<b>x</b>"))).isTrue();
        assertThat(PlainText.removesMarkup("&lt;b&gt;x", PlainText.of("&lt;b&gt;x"))).isTrue();
        assertThat(PlainText.removesMarkup("R&amp;D", PlainText.of("R&amp;D"))).isFalse();
        assertThat(PlainText.removesMarkup("1 < 2", PlainText.of("1 < 2"))).isFalse();
    }
}
