package feedwright.post;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.config.ConfigLoader;
import feedwright.problem.Problem;
import feedwright.testing.TestSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one loader keeps from load to load: last good posts, and the rules it applies to them once. */
class PostLifecycleTest {

    static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    static final String A = "posts/2025-01-01-a.md";

    @TempDir
    Path siteDir;

    TestSite site;
    PostLoader loader;

    @BeforeEach
    void loadedOnce() throws Exception {
        site = TestSite.create(siteDir).post("2025-01-01-a.md", post("A", "2025-01-01")).post("2025-01-02-b.md",
                post("B", "2025-01-02"));
        loader = new PostLoader(ConfigLoader.load(siteDir));
        assertThat(titles(loader.load(siteDir, NOW))).containsExactly("A", "B");
    }

    @Test
    void aPostThatBreaksKeepsItsLastGoodVersionWithItsErrorsAndAWarning() {
        site.post("2025-01-01-a.md", post("A broken", "2025-99-01"));

        LoadedPosts loaded = loader.load(siteDir, NOW);

        assertThat(titles(loaded)).containsExactly("A", "B");
        assertThat(messages(loaded, A)).anySatisfy(m -> assertThat(m).contains("is not a date"))
                .contains("still serving the last good version of this post until the errors are fixed");
        assertThat(loaded.skipped()).isEmpty();
    }

    @Test
    void theLastGoodVersionLastsUntilTheFileIsFixedOrDeleted() throws Exception {
        site.post("2025-01-01-a.md", post("A broken", "2025-99-01"));
        assertThat(titles(loader.load(siteDir, NOW))).containsExactly("A", "B");
        assertThat(titles(loader.load(siteDir, NOW))).as("still broken").containsExactly("A", "B");

        site.post("2025-01-01-a.md", post("A fixed", "2025-01-01"));
        assertThat(titles(loader.load(siteDir, NOW))).containsExactly("A fixed", "B");

        Files.delete(siteDir.resolve(A));
        assertThat(titles(loader.load(siteDir, NOW))).containsExactly("B");
        site.post("2025-01-01-a.md", post("A broken", "2025-99-01"));
        assertThat(titles(loader.load(siteDir, NOW))).as("deleted, then back broken: nothing to keep")
                .containsExactly("B");
    }

    @Test
    void aPostWithdrawnOnPurposeHasNoLastGoodVersionToComeBack() {
        site.post("2025-01-01-a.md", post("A", "2025-01-01").replace("excerpt: e", "excerpt: e\npublished: false"));
        assertThat(titles(loader.load(siteDir, NOW))).containsExactly("B");

        site.post("2025-01-01-a.md", post("A broken", "2025-99-01"));
        assertThat(titles(loader.load(siteDir, NOW))).containsExactly("B");
    }

    @Test
    void aScheduledPostBrokenByAnEditStaysScheduled() {
        site.post("2027-01-01-later.md", post("Later", "2027-01-01"));
        LoadedPosts scheduled = loader.load(siteDir, NOW);
        assertThat(titles(scheduled)).containsExactly("A", "B");
        assertThat(scheduled.future()).containsExactly("posts/2027-01-01-later.md");

        site.post("2027-01-01-later.md", post("Later broken", "2027-99-01"));
        LoadedPosts broken = loader.load(siteDir, NOW);

        assertThat(titles(broken)).containsExactly("A", "B");
        assertThat(broken.future()).containsExactly("posts/2027-01-01-later.md");
        assertThat(titles(loader.load(siteDir, Instant.parse("2027-01-02T00:00:00Z")))).as("once its time has come")
                .containsExactly("A", "B", "Later");
    }

    @Test
    void theNextScheduledTimeIsTheEarliestWaitingDateOrUpdateNotUsedYet() {
        site.post("2027-01-01-later.md", post("Later", "2027-01-01"));
        site.post("2025-01-01-a.md", post("A", "2025-01-01").replace("excerpt: e", "excerpt: e\nupdated: 2026-12-01 09:00:00 +0000"));

        assertThat(loader.load(siteDir, NOW).nextScheduled()).contains(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(loader.load(siteDir, Instant.parse("2026-12-01T09:00:00Z")).nextScheduled()).as("the update is used")
                .contains(Instant.parse("2027-01-01T09:00:00Z"));
        LoadedPosts allOut = loader.load(siteDir, Instant.parse("2027-01-01T09:00:00Z"));
        assertThat(titles(allOut)).containsExactly("A", "B", "Later");
        assertThat(allOut.nextScheduled()).isEmpty();
    }

    @Test
    void aPostDatedAheadAndPublishedAnywayWaitsOnlyForItsDateWhenItClaimsALaterUpdate() throws Exception {
        TestSite.create(siteDir, TestSite.CONFIG + "future: true\n").post("2027-01-01-later.md", post("Later", "2027-01-01"))
                .post("2027-02-01-claims.md", post("Claims", "2027-02-01").replace("excerpt: e",
                        "excerpt: e\nupdated: 2027-03-01 09:00:00 +0000"));
        PostLoader publishing = new PostLoader(ConfigLoader.load(siteDir));

        LoadedPosts loaded = publishing.load(siteDir, NOW);

        assertThat(titles(loaded)).containsExactly("A", "B", "Later", "Claims");
        // Its dates are published as written until its date comes; from then its update is withheld until due.
        assertThat(loaded.nextScheduled()).contains(Instant.parse("2027-02-01T09:00:00Z"));
        assertThat(publishing.load(siteDir, Instant.parse("2027-02-01T09:00:00Z")).nextScheduled())
                .contains(Instant.parse("2027-03-01T09:00:00Z"));
        assertThat(publishing.load(siteDir, Instant.parse("2027-03-01T09:00:00Z")).nextScheduled()).isEmpty();
    }

    @Test
    void aLoaderForAChangedConfigurationKeepsTheLastGoodVersions() {
        site.post("2025-01-01-a.md", post("A broken", "2025-99-01"));
        PostLoader reopened = loader.reopened(loader.config());

        assertThat(titles(reopened.load(siteDir, NOW))).containsExactly("A", "B");
        assertThat(titles(new PostLoader(loader.config()).load(siteDir, NOW))).as("a new loader knows none")
                .containsExactly("B");
    }

    @Test
    void aPostsFolderThatIsGoneGivesOnlyThatProblemAndForgetsNothing() throws Exception {
        Path away = siteDir.resolve("away");
        Files.move(siteDir.resolve("posts"), away);

        LoadedPosts gone = loader.load(siteDir, NOW);

        assertThat(gone.results()).isEmpty();
        assertThat(gone.folderProblem()).map(Problem::toString).contains("posts/:0:0: error: folder not found");
        Files.move(away, siteDir.resolve("posts"));
        site.post("2025-01-01-a.md", post("A broken", "2025-99-01"));
        assertThat(titles(loader.load(siteDir, NOW))).as("the last good version outlived the outage")
                .containsExactly("A", "B");
        assertThat(loader.load(siteDir, NOW).folderProblem()).isEmpty();
    }

    @Test
    void theFoldersToWatchAreNamedAsTheirFilesAreEvenThroughALinkedPostsFolder(@TempDir Path content)
            throws Exception {
        site.post("2025/2025-01-03-c.md", post("C", "2025-01-03"));
        Files.move(siteDir.resolve("posts"), content.resolve("posts"));
        Files.createSymbolicLink(siteDir.resolve("posts"), content.resolve("posts"));

        Map<Path, Path> folders = PostFinder.folders(siteDir, "posts");

        Path real = content.resolve("posts").toRealPath();
        assertThat(folders).containsExactly(Map.entry(siteDir.resolve("posts"), real),
                Map.entry(siteDir.resolve("posts/2025"), real.resolve("2025")));
        Files.delete(siteDir.resolve("posts"));
        assertThat(PostFinder.folders(siteDir, "posts")).isEmpty();
    }

    private static List<String> titles(LoadedPosts loaded) {
        return loaded.posts().stream().map(Post::title).toList();
    }

    private static List<String> messages(LoadedPosts loaded, String file) {
        return loaded.problems().stream().filter(p -> p.file().equals(file)).map(Problem::message).toList();
    }

    private static String post(String title, String date) {
        return "---\ntitle: " + title + "\ndate: " + date + " 09:00:00 +0000\nexcerpt: e\n---\nBody of " + title + ".\n";
    }
}
