package feedwright.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feedwright.config.ConfigLoader;
import feedwright.config.SiteConfig;
import feedwright.problem.Problem;
import feedwright.testing.TestSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loader whose post cache vouches for files by their size and time opens none of them: each post's body stays
 * in its file until first needed. What a server does with that: {@link PostLoader#readBodies} reads them all
 * right after the start, a file changed meanwhile is told and read again by the next load, and a post broken
 * before its body was read has no last good version to fall back on (there is none left to publish).
 */
class BodiesLeftInTheirFilesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    private static final String A = "2025-01-01-a.md";
    /** Long enough to be kept in the cache as its place in the file ({@link PostResultCodec#MIN_PLACED_BODY}). */
    private static final String BODY = "The first paragraph of the post, long enough to stay in its file.\n\n"
            + "A second paragraph, so that the body is well over the length the cache writes out.\n";

    @TempDir
    Path siteDir;

    @TempDir
    Path cacheDir;

    private TestSite site;
    private SiteConfig config;
    private Path a;

    /** Two posts written an hour ago (their time then vouches for them), read once into the post cache. */
    @BeforeEach
    void cachedOnce() throws Exception {
        site = TestSite.create(siteDir).post(A, TestSite.taggedPost("A", "2025-01-01", "[x]", BODY))
                .post("2025-01-02-b.md", TestSite.taggedPost("B", "2025-01-02", "[x]", BODY));
        a = siteDir.resolve("posts").resolve(A);
        TestSite.settlePosts(siteDir);
        config = ConfigLoader.load(siteDir);
        PostLoader filling = new PostLoader(config, PostCache.open(cacheDir, config));
        filling.load(siteDir, NOW);
        assertThat(filling.saveCache()).get().extracting(PostCache.Saved::written).isEqualTo(true);
    }

    private PostLoader vouchingByLook() {
        PostCache cache = PostCache.open(cacheDir, config).vouchedByLook();
        PostLoader loader = new PostLoader(config, cache);
        LoadedPosts loaded = loader.load(siteDir, NOW);
        assertThat(cache.reused()).as("taken from the cache").isEqualTo(2);
        assertThat(loaded.posts()).hasSize(2);
        return loader;
    }

    private Post postA(LoadedPosts loaded) {
        return loaded.posts().stream().filter(post -> post.file().equals("posts/" + A)).findFirst().orElseThrow();
    }

    /** Same size and time, other bytes: only reading the file tells. */
    private void changeBehindItsLook() throws Exception {
        FileTime time = Files.getLastModifiedTime(a);
        String text = Files.readString(a);
        String changed = text.replace("first paragraph", "fIrst paragraph");
        assertThat(changed.getBytes(StandardCharsets.UTF_8)).hasSameSizeAs(text.getBytes(StandardCharsets.UTF_8));
        Files.writeString(a, changed);
        Files.setLastModifiedTime(a, time);
    }

    @Test
    void bodiesReadRightAfterTheLoadAreTheOnesLoadedWhateverTheFilesBecomeThen() throws Exception {
        PostLoader loader = vouchingByLook();
        LoadedPosts loaded = loader.load(siteDir, NOW);

        assertThat(loader.readBodies()).isEqualTo(new PostLoader.BodiesRead(Set.of(), false));
        Files.writeString(a, "gone\n");

        assertThat(postA(loaded).body()).isEqualTo(BODY + "\n");
    }

    @Test
    void aBodyNotReadBeforeItsFileChangedIsNotTakenFromTheNewBytes() throws Exception {
        PostLoader loader = vouchingByLook();
        LoadedPosts loaded = loader.load(siteDir, NOW);
        Files.writeString(a, TestSite.taggedPost("A", "2025-01-01", "[x]", BODY + "An added line.\n"));

        assertThatThrownBy(() -> postA(loaded).body()).isInstanceOf(PostFileChanged.class)
                .hasMessageContaining("posts/" + A);
    }

    @Test
    void aFileChangedBehindItsLookIsToldReadAgainAndTheCacheDropped() throws Exception {
        PostLoader loader = vouchingByLook();
        changeBehindItsLook();

        assertThat(loader.readBodies()).isEqualTo(new PostLoader.BodiesRead(Set.of(a), true));

        assertThat(cacheDir.resolve(PostCache.FILE.fileName())).as("dropped").doesNotExist();
        assertThat(postA(loader.load(siteDir, NOW)).body()).as("read again").contains("fIrst paragraph");
        assertThat(loader.saveCache()).as("nothing saved: no look is trusted any more").isEmpty();
    }

    @Test
    void onceOneFileChangedBehindItsLookEveryFileTakenOnItsLookIsReadAgainEvenOneWhoseBodyTheCacheHeld()
            throws Exception {
        // A body this short is kept whole in the cache: reading the bodies never opens its file.
        Path b = siteDir.resolve("posts/2025-01-02-b.md");
        site.post("2025-01-02-b.md", TestSite.taggedPost("B", "2025-01-02", "[x]", "Short."));
        TestSite.settlePosts(siteDir);
        PostLoader filling = new PostLoader(config, PostCache.open(cacheDir, config));
        filling.load(siteDir, NOW);
        filling.saveCache();
        PostLoader loader = vouchingByLook();
        FileTime time = Files.getLastModifiedTime(b);
        site.post("2025-01-02-b.md", TestSite.taggedPost("B", "2025-01-02", "[x]", "Shorn."));
        Files.setLastModifiedTime(b, time);
        changeBehindItsLook();

        assertThat(loader.readBodies()).isEqualTo(new PostLoader.BodiesRead(Set.of(a), true));

        LoadedPosts again = loader.load(siteDir, NOW);
        assertThat(again.posts()).filteredOn(post -> post.title().equals("B")).singleElement()
                .satisfies(post -> assertThat(post.body()).contains("Shorn."));
    }

    @Test
    void aFileChangedWithANewTimeIsToldButTheCacheKept() throws Exception {
        PostLoader loader = vouchingByLook();
        Files.writeString(a, TestSite.taggedPost("A", "2025-01-01", "[x]", BODY + "An added line.\n"));

        assertThat(loader.readBodies()).isEqualTo(new PostLoader.BodiesRead(Set.of(a), false));

        assertThat(cacheDir.resolve(PostCache.FILE.fileName())).as("its looks told the truth").exists();
        assertThat(postA(loader.load(siteDir, NOW)).body()).contains("An added line.");
    }

    @Test
    void aPostBrokenBeforeItsBodyWasReadHasNoLastGoodVersionToServe() throws Exception {
        PostLoader loader = vouchingByLook();
        site.post(A, TestSite.taggedPost("A", "2025-99-01", "[x]", BODY));

        LoadedPosts loaded = loader.load(siteDir, NOW, Optional.of(Set.of(a)));

        assertThat(loaded.posts()).extracting(Post::title).containsExactly("B");
        assertThat(loaded.problems()).extracting(Problem::message).contains(
                "its last good version cannot be served: its body was still to be read from the file, which no longer"
                        + " holds it");
    }

    @Test
    void aPostBrokenAfterItsBodyWasReadKeepsItsLastGoodVersion() throws Exception {
        PostLoader loader = vouchingByLook();
        assertThat(loader.readBodies()).isEqualTo(new PostLoader.BodiesRead(Set.of(), false));
        site.post(A, TestSite.taggedPost("A", "2025-99-01", "[x]", BODY));

        LoadedPosts loaded = loader.load(siteDir, NOW, Optional.of(Set.of(a)));

        assertThat(loaded.posts()).extracting(Post::title).containsExactly("A", "B");
        assertThat(postA(loaded).body()).isEqualTo(BODY + "\n");
    }
}
