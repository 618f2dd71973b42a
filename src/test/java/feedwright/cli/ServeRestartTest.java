package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.sink.ValidatorState;
import feedwright.testing.LiveSite;
import feedwright.text.HttpDates;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --site} keeps its validators across a restart: a body edited while the server was down (its
 * dates untouched) comes back with a new ETag and a later Last-Modified, so a reader that sends only
 * {@code If-Modified-Since} gets the change rather than a {@code 304}; what did not change keeps both.
 */
@Timeout(120)
class ServeRestartTest {

    @TempDir
    Path site;

    @Test
    void aBodyEditedWhileStoppedComesBackWithALaterLastModifiedAndTheRestKeepTheirs() throws Exception {
        restartAfterAnEdit();
    }

    /**
     * Without the caches, every feed document of the second start is made after the server answers (or when first
     * asked for) and dated once made, by the rule a start that knew them from the feed cache follows too; with the
     * caches, so are the documents showing the edited post, which the feed cache does not know.
     */
    @Test
    void soDoesAStartWithoutTheCachesThatMakesEachDocumentWhenAskedFor() throws Exception {
        restartAfterAnEdit("--no-cache");
    }

    private void restartAfterAnEdit(String... options) throws Exception {
        LiveSite.copySample(site);
        HttpResponse<byte[]> feedBefore;
        HttpResponse<byte[]> otherBefore;
        HttpResponse<byte[]> tagBefore;
        try (ServeRun first = serve(options)) {
            feedBefore = first.get("/rss.xml");
            otherBefore = first.get("/tags/cooling/rss.xml");
            tagBefore = first.get("/tags/ai/rss.xml");
        }
        assertThat(site.resolve(ValidatorState.FILE_NAME)).isRegularFile();
        Path post = site.resolve("posts/2025-11-10-ai-chip-earnings.md");
        Files.writeString(post, Files.readString(post, StandardCharsets.UTF_8) + "\nOne more paragraph.\n",
                StandardCharsets.UTF_8);

        try (ServeRun second = serve(options)) {
            HttpResponse<byte[]> feed = second.get("/rss.xml");
            assertThat(header(feed, "ETag")).isNotEqualTo(header(feedBefore, "ETag"));
            assertThat(lastModified(feed)).isAfter(lastModified(feedBefore));
            HttpResponse<byte[]> sinceBefore = second.get("/rss.xml", "If-Modified-Since",
                    header(feedBefore, "Last-Modified"));
            assertThat(sinceBefore.statusCode()).as("changed content under If-Modified-Since alone").isEqualTo(200);

            // A feed not at the root, which the start does not make before the server answers.
            HttpResponse<byte[]> tag = second.get("/tags/ai/rss.xml");
            assertThat(header(tag, "ETag")).isNotEqualTo(header(tagBefore, "ETag"));
            assertThat(lastModified(tag)).isAfter(lastModified(tagBefore));

            HttpResponse<byte[]> root = second.get("/");
            HttpResponse<byte[]> index = second.get("/index.html");
            assertThat(header(root, "ETag")).isEqualTo(header(index, "ETag"));
            assertThat(header(root, "Last-Modified")).as("index.html under its second name").isEqualTo(header(index,
                    "Last-Modified"));

            HttpResponse<byte[]> other = second.get("/tags/cooling/rss.xml");
            assertThat(header(other, "ETag")).isEqualTo(header(otherBefore, "ETag"));
            assertThat(header(other, "Last-Modified")).isEqualTo(header(otherBefore, "Last-Modified"));
        }
    }

    @Test
    void aBrokenStateFileIsReportedAndTheServerStartsAfresh() throws Exception {
        LiveSite.copySample(site);
        Files.createDirectories(site.resolve(ValidatorState.FILE_NAME).getParent());
        Files.writeString(site.resolve(ValidatorState.FILE_NAME), "{ not json");
        try (ServeRun server = serve()) {
            assertThat(server.get("/rss.xml").statusCode()).isEqualTo(200);
            assertThat(server.err()).contains("warning: " + site.resolve(ValidatorState.FILE_NAME)
                    + ": not read (not valid JSON: ").contains("); Last-Modified starts afresh");
        }
        assertThat(Files.readString(site.resolve(ValidatorState.FILE_NAME))).startsWith("{\n  \"feedwrightManifest\"");
    }

    private ServeRun serve(String... options) {
        return ServeRun.start(Stream.concat(Stream.of("serve", "--site", site.toString(), "--port", "0", "--no-watch"),
                Stream.of(options)).toArray(String[]::new));
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name));
    }

    private static Instant lastModified(HttpResponse<?> response) {
        return HttpDates.parse(header(response, "Last-Modified")).orElseThrow();
    }
}
