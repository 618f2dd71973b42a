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
}
