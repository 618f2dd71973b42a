package feedwright.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feedwright.config.ConfigLoader;
import feedwright.config.SiteConfig;
import feedwright.testing.TestSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A load from a listing taken before it: the files that listing found, as a load that lists them would. */
class PostListingTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path siteDir;

    private SiteConfig config;

    @BeforeEach
    void twoPosts() throws Exception {
        TestSite.create(siteDir)
                .post("2025-01-01-one.md", TestSite.taggedPost("One", "2025-01-01", "[a]", "Body one."))
                .post("2025-01-02-two.md", TestSite.taggedPost("Two", "2025-01-02", "[b]", "Body two."));
        TestSite.settlePosts(siteDir);
        config = ConfigLoader.load(siteDir);
    }

    private static List<String> files(LoadedPosts loaded) {
        return loaded.results().stream().map(PostResult::file).toList();
    }

    @Test
    void loadsTheFilesTheListingFoundWithoutListingThemAgain() throws IOException {
        PostListing listed = PostListing.of(siteDir, config.posts());
        Files.writeString(siteDir.resolve("posts/2025-01-03-three.md"),
                TestSite.taggedPost("Three", "2025-01-03", "[c]", "Body three."));

        LoadedPosts loaded = new PostLoader(config).load(listed, NOW);

        assertThat(files(loaded)).containsExactly("posts/2025-01-01-one.md", "posts/2025-01-02-two.md");
        assertThat(files(new PostLoader(config).load(siteDir, NOW))).hasSize(3);
    }

    @Test
    void givesWhatALoadThatListsGivesWithTheSameLook() {
        LoadedPosts listing = new PostLoader(config).load(PostListing.of(siteDir, config.posts()), NOW);
        LoadedPosts walking = new PostLoader(config).load(siteDir, NOW);

        assertThat(listing.results()).isEqualTo(walking.results());
        assertThat(listing.look()).isPresent();
        assertThat(listing.look().map(PostFolderLook.Look::fingerprint))
                .isEqualTo(walking.look().map(PostFolderLook.Look::fingerprint));
        assertThat(PostFolderLook.of(PostListing.of(siteDir, config.posts()), Set.of(), Instant.now())
                .map(PostFolderLook.Look::fingerprint)).isEqualTo(listing.look().map(PostFolderLook.Look::fingerprint));
    }

    @Test
    void aLaterLoadOfTheSameLoaderUpdatesTheListingItWasGivenFromEvents() throws IOException {
        PostLoader loader = new PostLoader(config);
        loader.load(PostListing.of(siteDir, config.posts()), NOW);
        Path three = siteDir.resolve("posts/2025-01-03-three.md");
        Files.writeString(three, TestSite.taggedPost("Three", "2025-01-03", "[c]", "Body three."));
        // Not named by an event: only a walk of the folder would find it.
        Files.writeString(siteDir.resolve("posts/2025-01-04-four.md"),
                TestSite.taggedPost("Four", "2025-01-04", "[d]", "Body four."));

        assertThat(files(loader.load(siteDir, NOW, Optional.of(Set.of(three)))))
                .containsExactly("posts/2025-01-01-one.md", "posts/2025-01-02-two.md", "posts/2025-01-03-three.md");
    }

    @Test
    void aFolderThatCouldNotBeListedLoadsNoPostAndSaysWhy() throws IOException {
        PostListing listed = PostListing.of(siteDir.resolve("elsewhere"), config.posts());
        Files.createDirectories(siteDir.resolve("elsewhere/posts"));

        LoadedPosts loaded = new PostLoader(config).load(listed, NOW);

        assertThat(loaded.results()).isEmpty();
        assertThat(loaded.problems()).anySatisfy(problem -> assertThat(problem.toString()).contains("posts/")
                .contains("folder not found"));
    }

    @Test
    void aListingUnderOtherPostSettingsIsRefused() throws Exception {
        TestSite.create(siteDir, TestSite.CONFIG + "post_patterns: [\"*.markdown\"]\n");
        SiteConfig other = ConfigLoader.load(siteDir);

        assertThatThrownBy(() -> new PostLoader(other).load(PostListing.of(siteDir, config.posts()), NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PostListing.of(siteDir, config.posts()).isOf(siteDir, config.posts())).isTrue();
        assertThat(PostListing.of(siteDir, config.posts()).isOf(siteDir.resolve("elsewhere"), config.posts()))
                .isFalse();
    }
}
