package feedwright.http;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.Formats;
import feedwright.testing.RawHttp;
import feedwright.testing.ServedSample;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** gzip for clients that accept it, plain bytes for everyone else, with the right length and ETag. */
@Timeout(60)
class ContentEncodingTest extends ServedSample {

    private static final List<String> PATHS = Stream.of(Formats.paths("/"), Formats.paths("/tags/%E6%8A%95%E8%B3%87/"),
            List.of("/feeds.opml", "/index.html")).flatMap(List::stream).toList();

    @Test
    void gzipBodiesInflateToExactlyThePlainBodies() throws IOException {
        for (String path : PATHS) {
            HttpResponse<byte[]> plain = site.bytes(path);
            HttpResponse<byte[]> gzip = site.bytes(path, "Accept-Encoding", "gzip");
            assertThat(gzip.statusCode()).isEqualTo(200);
            assertThat(gzip.headers().allValues("Content-Encoding")).as(path).containsExactly("gzip");
            assertThat(gzip.headers().firstValueAsLong("Content-Length")).as(path).hasValue(gzip.body().length);
            assertThat(gzip.body().length).as(path).isLessThan(plain.body().length);
            assertThat(inflate(gzip.body())).as(path).isEqualTo(plain.body());
            assertThat(gzip.headers().firstValue("Content-Type")).isEqualTo(plain.headers().firstValue("Content-Type"));
        }
    }

    @Test
    void aDocumentsGzipFormIsMadeByTheFirstRequestForItWhateverItAsks() throws IOException {
        String plainFirst = "/categories/markets/rss.xml";
        assertThat(site.current().get().find(plainFirst).orElseThrow().isReady()).isFalse();
        HttpResponse<byte[]> plain = site.bytes(plainFirst);
        assertThat(site.current().get().find(plainFirst).orElseThrow().isReady()).isTrue();
        assertThat(inflate(site.bytes(plainFirst, "Accept-Encoding", "gzip").body())).isEqualTo(plain.body());

        String gzipFirst = "/categories/markets/atom.xml";
        HttpResponse<byte[]> gzip = site.bytes(gzipFirst, "Accept-Encoding", "gzip");
        assertThat(gzip.headers().firstValueAsLong("Content-Length")).hasValue(gzip.body().length);
        assertThat(inflate(gzip.body())).isEqualTo(site.bytes(gzipFirst).body());
    }

    @Test
    void theGzipVariantHasItsOwnStrongETagAndTheSameLastModified() {
        for (String path : PATHS) {
            HttpResponse<byte[]> plain = site.bytes(path);
            HttpResponse<byte[]> gzip = site.bytes(path, "Accept-Encoding", "gzip");
            String gzipEtag = gzip.headers().firstValue("ETag").orElseThrow();
            assertThat(gzipEtag).as(path).startsWith("\"").isNotEqualTo(plain.headers().firstValue("ETag").orElseThrow());
            assertThat(gzip.headers().firstValue("Last-Modified")).isEqualTo(plain.headers().firstValue("Last-Modified"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", "gzip;q=0", "GZIP; q=0.0", "deflate, br", "*;q=0", "gzip;q=0, *", "gzip;q=abc"})
    void clientsThatDoNotAcceptGzipGetThePlainBytes(String acceptEncoding) {
        HttpResponse<byte[]> response = site.bytes("/rss.xml", "Accept-Encoding", acceptEncoding);
        assertPlain(response);
    }

    @Test
    void aRequestWithoutAcceptEncodingGetsThePlainBytes() {
        assertPlain(site.bytes("/rss.xml"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8", "*", "x-gzip", "GZip"})
    void clientsThatAcceptGzipGetTheGzipBytes(String acceptEncoding) throws IOException {
        HttpResponse<byte[]> response = site.bytes("/rss.xml", "Accept-Encoding", acceptEncoding);
        assertThat(response.headers().allValues("Content-Encoding")).containsExactly("gzip");
        assertThat(inflate(response.body())).isEqualTo(site.bytes("/rss.xml").body());
    }

    /**
     * RFC 9110 §5.3: a list split over several field lines means the same as one line joining them, so
     * a later line can accept gzip, or refuse it after a {@code *}.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "identity | gzip | true", "br | * | true", "deflate | x-gzip;q=0.5 | true",
        "* | gzip;q=0 | false", "gzip;q=0 | identity | false"})
    void acceptEncodingSplitOverSeveralFieldLinesIsReadWhole(String first, String second, boolean gzip)
            throws IOException {
        RawHttp.Response response = RawHttp.exchange(site.port(), "GET /rss.xml HTTP/1.1\r\nHost: x\r\n"
                + "Accept-Encoding: " + first + "\r\nAccept-Encoding: " + second + "\r\nConnection: close\r\n\r\n");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Encoding")).as(first + " + " + second)
                .isEqualTo(gzip ? Optional.of("gzip") : Optional.empty());
        byte[] plain = site.bytes("/rss.xml").body();
        assertThat(gzip ? inflate(response.body()) : response.body()).isEqualTo(plain);
    }

    private static void assertPlain(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(response.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("<?xml");
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length);
        assertThat(response.headers().allValues("Vary")).containsExactly("Accept-Encoding");
    }

    static byte[] inflate(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }
}
