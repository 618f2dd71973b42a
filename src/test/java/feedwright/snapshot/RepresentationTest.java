package feedwright.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class RepresentationTest {

    private static final byte[] FEED = "<rss>a feed, a feed, a feed, a feed</rss>".getBytes(StandardCharsets.UTF_8);
    private static final Optional<Instant> WHEN = Optional.of(Instant.parse("2025-11-10T22:10:00.750Z"));

    @Test
    void aRepresentationForServingSendsDirectReadOnlyViewsThatDoNotShareAPosition() {
        Representation served = Representation.of("application/rss+xml", FEED, WHEN, true);
        ByteBuffer first = served.body(false);
        ByteBuffer second = served.body(false);
        assertThat(first.isDirect()).isTrue();
        assertThat(first.isReadOnly()).isTrue();
        assertThat(served.body(true).isDirect()).isTrue();
        first.get(new byte[10]);
        assertThat(second.position()).isZero();
        assertThat(served.body(false).remaining()).isEqualTo(FEED.length);
        assertThat(served.bytes()).isEqualTo(FEED);
    }

    @Test
    void theGzipFormInflatesToThePlainBytes() throws IOException {
        Representation served = Representation.of("application/rss+xml", FEED, WHEN, true);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(served.gzipBytes()))) {
            assertThat(in.readAllBytes()).isEqualTo(FEED);
        }
        assertThat(served.body(true).remaining()).isEqualTo(served.gzipBytes().length);
    }

    @Test
    void aRepresentationForBuildKeepsItsArrayAndHasNoGzipForm() {
        Representation built = Representation.of("application/rss+xml", FEED, WHEN, false);
        assertThat(built.bytes()).isSameAs(FEED);
        assertThat(built.hasGzip()).isFalse();
        assertThat(built.gzipBytes()).isEmpty();
        assertThatThrownBy(() -> built.body(true)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void validatorsDependOnTheBytesOnlyAndLastModifiedIsWholeSeconds() {
        Representation a = Representation.of("application/rss+xml", FEED, WHEN, true);
        Representation b = Representation.of("text/plain", FEED.clone(), Optional.empty(), false);
        assertThat(a.etag()).isEqualTo(b.etag()).matches("\"[A-Za-z0-9_-]{32}\"");
        assertThat(a.gzipEtag()).isEqualTo(a.etag().replace("\"", "").transform(t -> "\"" + t + "-gzip\""));
        assertThat(a.lastModified()).contains(Instant.parse("2025-11-10T22:10:00Z"));
        assertThat(a.lastModifiedHeader()).contains("Mon, 10 Nov 2025 22:10:00 GMT");
        assertThat(a.withLastModified(Instant.parse("2025-11-01T00:00:00.9Z")).lastModifiedHeader())
                .contains("Sat, 01 Nov 2025 00:00:00 GMT");
    }
}
