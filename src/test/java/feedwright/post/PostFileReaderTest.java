package feedwright.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader asked for a file whatever the listing said of it, as after a swap: it opens no link below
 * {@code posts/} except one to a file inside it, no pipe, and no more than the limit.
 */
@Timeout(30)
class PostFileReaderTest {

    @TempDir
    Path posts;

    @TempDir
    Path outside;

    private PostFileReader reader;

    @BeforeEach
    void reader() throws IOException {
        reader = new PostFileReader(posts.getParent(), posts.toRealPath(), 100, Duration.ofSeconds(5));
    }

    @Test
    void aRegularFileIsRead() throws IOException {
        Files.writeString(posts.resolve("a.md"), "text");

        assertThat(text(reader.read(Path.of("a.md")))).isEqualTo("text");
    }

    @Test
    void aLinkOutOfPostsIsNotRead() throws IOException {
        Files.createSymbolicLink(posts.resolve("a.md"), Files.writeString(outside.resolve("secret"), "secret"));

        assertThat(reader.read(Path.of("a.md"))).isEqualTo(
                new PostFileReader.Refused(PostFileReader.LINK_OUTSIDE, "link outside posts/"));
    }

    @Test
    void aFileBehindAFolderThatBecameALinkIsNotRead() throws IOException {
        Files.writeString(outside.resolve("a.md"), "secret");
        Files.createSymbolicLink(posts.resolve("2025"), outside);

        PostFileReader.Outcome outcome = reader.read(Path.of("2025/a.md"));

        assertThat(outcome).isInstanceOf(PostFileReader.Refused.class);
        assertThat(((PostFileReader.Refused) outcome).message()).contains("replaced");
    }

    @Test
    void aLinkToAFileInsidePostsReadsThatFile() throws IOException {
        Files.createDirectories(posts.resolve("2025"));
        Files.writeString(posts.resolve("2025/a.md"), "inside");
        Files.createSymbolicLink(posts.resolve("latest.md"), Path.of("2025/a.md"));

        assertThat(text(reader.read(Path.of("latest.md")))).isEqualTo("inside");
    }

    @Test
    void aPipeIsRefusedWithoutWaitingForAWriter() throws Exception {
        PostFileRaceTest.mkfifo(posts.resolve("a.md"));

        assertThat(reader.read(Path.of("a.md"))).isEqualTo(
                new PostFileReader.Refused(PostFileReader.NOT_REGULAR, "not a regular file"));
    }

    @Test
    void aFileOverTheLimitIsNotRead() throws IOException {
        Files.write(posts.resolve("a.md"), new byte[101]);

        assertThat(reader.read(Path.of("a.md"))).isEqualTo(new PostFileReader.Refused(
                "file is 101 bytes, over the limit of 100 bytes (max_post_bytes)", "too large"));
    }

    private static String text(PostFileReader.Outcome outcome) {
        assertThat(outcome).isInstanceOf(PostFileReader.Read.class);
        return new String(((PostFileReader.Read) outcome).bytes(), StandardCharsets.UTF_8);
    }
}
