package feedwright.post;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.config.ConfigLoader;
import feedwright.testing.TestSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading again after file events named what changed: only those paths are examined, safely. */
class PostLoaderTest {

    static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");

    @TempDir
    Path siteDir;

    TestSite site;
    PostLoader loader;

    @BeforeEach
    void loadedOnce() throws Exception {
        site = TestSite.create(siteDir).post("2025-01-01-a.md", post("A")).post("2025-01-02-b.md", post("B"));
        loader = new PostLoader(ConfigLoader.load(siteDir));
        assertThat(titles(loader.load(siteDir, NOW))).containsExactly("A", "B");
    }

    @Test
    void anEditedNewOrDeletedPostNamedByEventsIsSeen() throws IOException {
        site.post("2025-01-01-a.md", post("A edited")).post("2025-01-03-c.md", post("C"));
        Files.delete(siteDir.resolve("posts/2025-01-02-b.md"));

        LoadedPosts loaded = loader.load(siteDir, NOW, changed("2025-01-01-a.md", "2025-01-02-b.md", "2025-01-03-c.md"));

        assertThat(titles(loaded)).containsExactly("A edited", "C");
    }

    @Test
    void filesNoEventNamedAreTakenFromTheLastLoadUntilAFullLoad() {
        site.post("2025-01-02-b.md", post("B edited"));

        assertThat(titles(loader.load(siteDir, NOW, changed("2025-01-01-a.md")))).containsExactly("A", "B");
        assertThat(titles(loader.load(siteDir, NOW))).containsExactly("A", "B edited");
    }

    @Test
    void aNewFolderOfPostsMakesAFullLoad() {
        site.post("2025/2025-01-04-d.md", post("D"));

        assertThat(titles(loader.load(siteDir, NOW, changed("2025")))).containsExactly("A", "B", "D");
    }

    @Test
    void aDeletedPathThatWasNoPostMakesAFullLoad() throws IOException {
        site.post("old/2025-01-05-e.md", post("E"));
        assertThat(titles(loader.load(siteDir, NOW))).containsExactly("A", "B", "E");
        Files.delete(siteDir.resolve("posts/old/2025-01-05-e.md"));
        Files.delete(siteDir.resolve("posts/old"));

        assertThat(titles(loader.load(siteDir, NOW, changed("old")))).containsExactly("A", "B");
    }

    @Test
    void editorTemporaryFilesAndPathsOutsidePostsAreHandled() {
        site.post(".2025-01-01-a.md.swp", "not a post").post("2025-01-03-c.md", post("C"));

        assertThat(titles(loader.load(siteDir, NOW, changed(".2025-01-01-a.md.swp")))).containsExactly("A", "B");
        Optional<Set<Path>> outside = Optional.of(Set.of(siteDir.resolve("feeds-config/site.yml")));
        assertThat(titles(loader.load(siteDir, NOW, outside))).containsExactly("A", "B", "C");
    }

    @Test
    void aDeletedFolderNamedLikeAPostTakesItsPostsWithIt() throws IOException {
        site.post("notes.md/2025-01-06-f.md", post("F"));
        assertThat(titles(loader.load(siteDir, NOW))).containsExactly("A", "B", "F");
        Files.delete(siteDir.resolve("posts/notes.md/2025-01-06-f.md"));
        Files.delete(siteDir.resolve("posts/notes.md"));

        assertThat(titles(loader.load(siteDir, NOW, changed("notes.md")))).containsExactly("A", "B");
    }

    @Test
    void aPostReachedThroughALinkedFolderIsNotRead(@TempDir Path elsewhere) throws IOException {
        Files.writeString(elsewhere.resolve("2025-01-07-outside.md"), post("Outside"));
        Files.createSymbolicLink(siteDir.resolve("posts/linked"), elsewhere);

        assertThat(titles(loader.load(siteDir, NOW, changed("linked/2025-01-07-outside.md")))).containsExactly("A", "B");
        assertThat(titles(loader.load(siteDir, NOW))).containsExactly("A", "B");
    }

    @Test
    void aFileAnEventNamedIsReadAgainEvenWithTheSameSizeAndTime() throws IOException {
        Path a = siteDir.resolve("posts/2025-01-01-a.md");
        FileTime before = Files.getLastModifiedTime(a);
        Files.writeString(a, post("Z")); // "Z" for "A": the same size
        Files.setLastModifiedTime(a, before);

        assertThat(titles(loader.load(siteDir, NOW))).as("unnamed: size and time say unchanged").containsExactly("A", "B");
        assertThat(titles(loader.load(siteDir, NOW, changed("2025-01-01-a.md")))).containsExactly("Z", "B");
    }

    @Test
    void aPostsFolderThatIsALinkIsFollowed(@TempDir Path content) throws Exception {
        Files.move(siteDir.resolve("posts"), content.resolve("posts"));
        Files.createSymbolicLink(siteDir.resolve("posts"), content.resolve("posts"));

        LoadedPosts loaded = new PostLoader(ConfigLoader.load(siteDir)).load(siteDir, NOW);

        assertThat(titles(loaded)).containsExactly("A", "B");
        assertThat(loaded.results()).extracting(PostResult::file)
                .containsExactly("posts/2025-01-01-a.md", "posts/2025-01-02-b.md");
    }

    @Test
    void filesWhoseNamesAreNotUtf8AreRefusedAndNeverTakenForOneAnother() throws Exception {
        // Latin-1 names from an old archive: 0xE9 and 0xE8 are not UTF-8, and Java shows both as U+FFFD, so
        // both files read as "posts/2025-01-09-caf\uFFFD.md". The shell makes them: Java can only name a
        // file by text.
        Path posts = siteDir.resolve("posts");
        for (String name : new String[] {"caf\\351", "caf\\350"}) {
            String title = name.endsWith("1") ? "Acute" : "Grave";
            Process make = new ProcessBuilder("sh", "-c", "printf '%s' \"$2\" > \"$1/$(printf '2025-01-09-" + name + ".md')\"",
                    "sh", posts.toString(), post(title)).inheritIO().start();
            assertThat(make.waitFor()).isZero();
        }
        FileTime sameTime = FileTime.from(NOW.minusSeconds(3600));
        try (Stream<Path> files = Files.list(posts)) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, sameTime); // equal size and time: the cache cannot tell them apart
            }
        }

        for (int load = 1; load <= 2; load++) {
            LoadedPosts loaded = loader.load(siteDir, NOW);

            assertThat(titles(loaded)).as("load " + load).containsExactly("A", "B");
            assertThat(loaded.problems()).as("load " + load).filteredOn(p -> p.message().contains("not valid UTF-8"))
                    .hasSize(2).allSatisfy(p -> assertThat(p.isError()).isTrue());
        }
    }

    private Optional<Set<Path>> changed(String... names) {
        return Optional.of(Arrays.stream(names).map(n -> siteDir.resolve("posts").resolve(n))
                .collect(Collectors.toSet()));
    }

    private static List<String> titles(LoadedPosts loaded) {
        return loaded.posts().stream().map(Post::title).toList();
    }

    @Test
    void checksAcrossPostsFollowEveryLoadNamedByEvents() {
        site.post("2025-01-01-a.md", tagged("A", "AI")).post("2025-01-02-b.md", tagged("B", "ai"));
        List<String> warned = messages(loader.load(siteDir, NOW, changed("2025-01-01-a.md", "2025-01-02-b.md")));
        assertThat(warned).containsExactly("tag 'ai' differs from 'AI' only by case; they are published as one tag");

        // Only the body changed: the same warning, for the same files.
        site.post("2025-01-02-b.md", tagged("B", "ai").replace("Body of", "New body of"));
        assertThat(messages(loader.load(siteDir, NOW, changed("2025-01-02-b.md")))).isEqualTo(warned);

        site.post("2025-01-02-b.md", tagged("B", "ml"));
        assertThat(messages(loader.load(siteDir, NOW, changed("2025-01-02-b.md")))).isEmpty();
        site.post("2025-01-01-a.md", tagged("A", "ML"));
        assertThat(messages(loader.load(siteDir, NOW, changed("2025-01-01-a.md"))))
                .containsExactly("tag 'ml' differs from 'ML' only by case; they are published as one tag");
    }

    private static List<String> messages(LoadedPosts loaded) {
        return loaded.sitewide().stream().map(problem -> problem.message()).toList();
    }

    private static String tagged(String title, String tag) {
        return post(title).replace("excerpt: e\n", "excerpt: e\ntags: [" + tag + "]\n");
    }

    private static String post(String title) {
        return "---\ntitle: " + title + "\ndate: 2025-01-01 09:00:00 +0000\nexcerpt: e\n---\nBody of " + title + ".\n";
    }
}
