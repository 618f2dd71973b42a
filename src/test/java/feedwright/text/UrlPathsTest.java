package feedwright.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlPathsTest {

    @Test
    void percentEncodesUtf8BytesAndKeepsSlashes() {
        assertThat(UrlPaths.encodePath("tags/投資/rss.xml")).isEqualTo("tags/%E6%8A%95%E8%B3%87/rss.xml");
    }

    @Test
    void encodesReservedCharactersButNotUnreservedOnes() {
        assertThat(UrlPaths.encodePath("a b?c#d%e&f")).isEqualTo("a%20b%3Fc%23d%25e%26f");
        assertThat(UrlPaths.encodePath("A-z_0.9~")).isEqualTo("A-z_0.9~");
    }

    @Test
    void resolvesDotSegmentsWithinTheRoot() {
        assertThat(UrlPaths.withinRoot("///evil.example/x")).isEqualTo("evil.example/x");
        assertThat(UrlPaths.withinRoot("../../x/")).isEqualTo("x/");
        assertThat(UrlPaths.withinRoot("/a/./b/../c")).isEqualTo("a/c");
        assertThat(UrlPaths.withinRoot("/a/b/..")).isEqualTo("a/");
        assertThat(UrlPaths.withinRoot("/")).isEmpty();
    }

    @Test
    void encodesAQueryKeepingItsDelimitersAndValidEscapes() {
        assertThat(UrlPaths.encodeQuery("q=a b&x=日/?:@")).isEqualTo("q=a%20b&x=%E6%97%A5/?:@");
        assertThat(UrlPaths.encodeQuery("100%25 50% %zz #")).isEqualTo("100%25%2050%25%20%25zz%20%23");
    }
}
