package feedwright.http;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.ServedSample;
import feedwright.text.Digests;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Preview pages are served by the feeds' rules: type, ETag of the bytes, the feed's Last-Modified, 304, gzip, HEAD. */
@Timeout(60)
class PreviewServedTest extends ServedSample {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/categories/%E6%8A%95%E8%B3%87%E5%88%86%E6%9E%90/", "/tags/%E6%8A%95%E8%B3%87/"})
    void aPreviewIsServedAsHtmlWithTheValidatorsOfItsFeed(String folder) throws Exception {
        String path = folder + "feed.html";
        HttpResponse<byte[]> page = site.bytes(path);
        HttpResponse<byte[]> atom = site.bytes(folder + "atom.xml");

        assertThat(page.statusCode()).as(path).isEqualTo(200);
        assertThat(page.headers().allValues("Content-Type")).containsExactly("text/html; charset=utf-8");
        assertThat(page.headers().allValues("ETag")).containsExactly("\"" + hash(page.body()) + "\"");
        assertThat(page.headers().allValues("Last-Modified")).isEqualTo(atom.headers().allValues("Last-Modified"))
                .hasSize(1);
        assertThat(page.headers().allValues("Cache-Control")).isEqualTo(atom.headers().allValues("Cache-Control"))
                .hasSize(1);
        assertThat(page.headers().allValues("Vary")).containsExactly("Accept-Encoding");
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>")
                .contains("href=\"atom.xml\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/feed.html", "/tags/%E6%8A%95%E8%B3%87/feed.html"})
    void aPreviewRevalidatesAndComesGzipped(String path) throws IOException {
        HttpResponse<byte[]> plain = site.bytes(path);
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        String lastModified = plain.headers().firstValue("Last-Modified").orElseThrow();

        HttpResponse<byte[]> byEtag = site.bytes(path, "If-None-Match", etag);
        HttpResponse<byte[]> byDate = site.bytes(path, "If-Modified-Since", lastModified);
        HttpResponse<byte[]> gzip = site.bytes(path, "Accept-Encoding", "gzip");
        HttpResponse<byte[]> gzipAgain = site.bytes(path, "Accept-Encoding", "gzip",
                "If-None-Match", gzip.headers().firstValue("ETag").orElseThrow());
        HttpResponse<byte[]> head = site.send(HttpRequest.newBuilder(site.uri(path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(byEtag.statusCode()).isEqualTo(304);
        assertThat(byEtag.body()).isEmpty();
        assertThat(byEtag.headers().allValues("ETag")).containsExactly(etag);
        assertThat(byDate.statusCode()).isEqualTo(304);
        assertThat(gzip.headers().allValues("Content-Encoding")).containsExactly("gzip");
        assertThat(gzip.headers().allValues("ETag")).containsExactly(etag.replaceFirst("\"$", "-gzip\""));
        assertThat(ContentEncodingTest.inflate(gzip.body())).isEqualTo(plain.body());
        assertThat(gzipAgain.statusCode()).isEqualTo(304);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(plain.body().length);
        assertThat(head.headers().allValues("ETag")).containsExactly(etag);
    }

    private static String hash(byte[] bytes) {
        return Digests.fingerprint(bytes);
    }
}
