package feedwright.post;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.config.PostSettings;
import feedwright.testing.TestSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The look of the post files: what changes it, what does not, and when it vouches for nothing. */
class PostFolderLookTest {

    private static final PostSettings POSTS = TestSite.config().posts();
    private static final FileTime AN_HOUR_AGO = FileTime.from(Instant.now().minusSeconds(3600));

    @TempDir
    Path site;

    private Path posts;

    @BeforeEach
    void twoPostsWrittenAnHourAgo() throws IOException {
        posts = Files.createDirectories(site.resolve("posts"));
        for (String name : new String[] {"2025-01-01-one.md", "2025-01-02-two.md"}) {
            Files.writeString(posts.resolve(name), TestSite.taggedPost(name, "2025-01-01", "[a]", "Body."));
            Files.setLastModifiedTime(posts.resolve(name), AN_HOUR_AGO);
        }
    }

    private PostListing listed() {
        return PostListing.of(site, POSTS);
    }

    private Optional<String> look() {
        return PostFolderLook.of(listed(), Set.of(), Instant.now()).map(PostFolderLook.Look::fingerprint);
    }

    @Test
    void theSameFilesLookTheSameAndAnyChangeOfAPostFileChangesTheLook() throws IOException {
        Optional<String> first = look();
        assertThat(first).isPresent();
        assertThat(look()).isEqualTo(first);

        Path one = posts.resolve("2025-01-01-one.md");
        Files.setLastModifiedTime(one, FileTime.from(AN_HOUR_AGO.toInstant().plusNanos(1000)));
        Optional<String> touched = look();
        assertThat(touched).isPresent().isNotEqualTo(first);

        Files.writeString(one, Files.readString(one) + "More.\n");
        Files.setLastModifiedTime(one, AN_HOUR_AGO);
        assertThat(look()).isPresent().isNotEqualTo(first).isNotEqualTo(touched);

        Files.move(one, posts.resolve("2025-01-01-renamed.md"));
        assertThat(look()).isPresent().isNotEqualTo(first);
    }

    @Test
    void filesThatAreNotPostsDoNotCount() throws IOException {
        Optional<String> first = look();
        assertThat(first).isPresent();
        Files.writeString(posts.resolve("picture.png"), "not a post");
        Files.writeString(posts.resolve(".2025-01-03-draft.md.swp"), "an editor's file");
        assertThat(look()).isEqualTo(first);
    }

    @Test
    void aFileModifiedMomentsAgoIsVouchedForByItsBytes() throws IOException {
        Path recent = posts.resolve("2025-01-03-recent.md");
        Files.writeString(recent, TestSite.taggedPost("Recent", "2025-01-03", "[a]", "Body."));
        FileTime time = Files.getLastModifiedTime(recent);
        Optional<PostFolderLook.Look> first = PostFolderLook.of(listed(), Set.of(), Instant.now());
        assertThat(first).isPresent();
        assertThat(first.get().byBytes()).containsExactly("posts/2025-01-03-recent.md");

        Files.writeString(recent, TestSite.taggedPost("Recent", "2025-01-03", "[a]", "BodY."));
        Files.setLastModifiedTime(recent, time);
        Optional<PostFolderLook.Look> again = PostFolderLook.of(listed(), first.get().byBytes(), Instant.now());
        assertThat(again.map(PostFolderLook.Look::fingerprint)).isPresent().isNotEqualTo(
                first.map(PostFolderLook.Look::fingerprint));

        // Settled since: still read when an earlier look vouched for it by its bytes, so the two compare.
        Files.setLastModifiedTime(recent, AN_HOUR_AGO);
        Set<String> byBytes = Set.of("posts/2025-01-03-recent.md");
        assertThat(PostFolderLook.of(listed(), byBytes, Instant.now()).get().byBytes()).isEqualTo(byBytes);
        assertThat(PostFolderLook.of(listed(), Set.of(), Instant.now()).get().byBytes()).isEmpty();
    }

    @Test
    void aLinkOrAMissingFolderVouchesForNothing() throws IOException {
        Path elsewhere = Files.writeString(site.resolve("elsewhere.md"), "a post kept outside");
        Files.setLastModifiedTime(elsewhere, AN_HOUR_AGO);
        Files.createSymbolicLink(posts.resolve("2025-01-04-linked.md"), elsewhere);
        assertThat(look()).as("a link, whose target's changes do not show in it").isEmpty();

        Files.delete(posts.resolve("2025-01-04-linked.md"));
        assertThat(look()).isPresent();
        PostListing nowhere = PostListing.of(site.resolve("nowhere"), POSTS);
        assertThat(PostFolderLook.of(nowhere, Set.of(), Instant.now())).isEmpty();
    }
}
