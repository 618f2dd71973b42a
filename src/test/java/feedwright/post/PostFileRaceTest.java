package feedwright.post;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.config.ConfigLoader;
import feedwright.testing.TestSite;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A post replaced again and again, by one rename each time, by something the loader must never read
 * (a link out of {@code posts/}, a pipe) and back, while the loader loads: whatever moment a swap lands
 * in, the outside text is never loaded and no load waits for a pipe.
 */
@Timeout(120)
class PostFileRaceTest {

    static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    /** How long the swapping goes on; the race is won (before the fix) in well under this. */
    static final Duration SWAPPING = Duration.ofSeconds(4);
    /** A load of three small files that has not returned after this is blocked, not slow. */
    static final Duration HUNG = Duration.ofSeconds(30);
    static final String POST = "posts/2025-01-01-swapped.md";

    @TempDir
    Path siteDir;

    @TempDir
    Path outside;

    private final ExecutorService swapper = Executors.newSingleThreadExecutor();
    private final AtomicBoolean swapping = new AtomicBoolean(true);
    private PostLoader loader;

    @BeforeEach
    void site() throws Exception {
        TestSite.create(siteDir).withGoodNeighbour().post("2025-01-01-swapped.md", post("Inside"));
        loader = new PostLoader(ConfigLoader.load(siteDir));
    }

    @AfterEach
    void stopSwapping() throws Exception {
        swapping.set(false);
        swapper.shutdown();
        assertThat(swapper.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aPostSwappedWithALinkOutOfPostsNeverLoadsTheOutsideFile() throws Exception {
        Path secret = Files.writeString(outside.resolve("secret.md"), post("Outside secret"));
        Path link = Files.createSymbolicLink(siteDir.resolve("posts/.link"), secret);
        Future<?> swaps = swapWithPost(link);

        long deadline = System.nanoTime() + SWAPPING.toNanos();
        int loads = 0;
        while (System.nanoTime() < deadline && !swaps.isDone()) {
            LoadedPosts loaded = loader.load(siteDir, NOW);
            loads++;
            assertThat(loaded.posts()).as("load %d", loads).extracting(Post::title)
                    .doesNotContain("Outside secret").contains(TestSite.GOOD_TITLE);
        }
        swapping.set(false);
        swaps.get();
        assertThat(loads).isPositive();
    }

    @Test
    void aPostSwappedWithAPipeNeverBlocksALoad() throws Exception {
        // The pipe keeps a second name, so that a reader still waiting for a writer can be let go at the end.
        Path pipe = mkfifo(outside.resolve("pipe"));
        Path named = siteDir.resolve("posts/.pipe");
        Files.createLink(named, pipe);
        Future<?> swaps = swapWithPost(named);
        ExecutorService loading = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "test-load");
            thread.setDaemon(true); // a load blocked before the fix must not keep the JVM alive
            return thread;
        });
        PostLoader quick = new PostLoader(ConfigLoader.load(siteDir), Duration.ofMillis(200));
        try {
            long deadline = System.nanoTime() + SWAPPING.toNanos();
            int loads = 0;
            while (System.nanoTime() < deadline && !swaps.isDone()) {
                Future<LoadedPosts> load = loading.submit(() -> quick.load(siteDir, NOW));
                try {
                    assertThat(load.get(HUNG.toSeconds(), TimeUnit.SECONDS).posts()).extracting(Post::title)
                            .contains(TestSite.GOOD_TITLE);
                } catch (TimeoutException e) {
                    throw new AssertionError("load " + (loads + 1) + " is still waiting after " + HUNG, e);
                }
                loads++;
            }
            swapping.set(false);
            swaps.get();
            assertThat(loads).isPositive();
        } finally {
            swapping.set(false);
            release(pipe);
            loading.shutdownNow();
        }
    }

    /**
     * Puts {@code hostile} in the post's place, then one of two good versions of it (of different sizes, so
     * that the loader's cache never spares it a read), and so on, each by one rename of a new name for it.
     */
    private Future<?> swapWithPost(Path hostile) throws IOException {
        Path post = siteDir.resolve(POST);
        Path[] good = {
            Files.writeString(siteDir.resolve("posts/.good-1"), post("Inside")),
            Files.writeString(siteDir.resolve("posts/.good-2"), post("Inside, edited")),
        };
        Path incoming = siteDir.resolve("posts/.incoming");
        return swapper.submit(() -> {
            for (int turn = 0; swapping.get(); turn++) {
                Files.createLink(incoming, turn % 2 == 0 ? hostile : good[turn / 2 % 2]); // link(2) names a link itself
                Files.move(incoming, post, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return null;
        });
    }

    /** Opens the pipe for reading and writing, which never waits, and so lets every waiting reader go. */
    private static void release(Path pipe) throws IOException {
        try (FileChannel channel = FileChannel.open(pipe, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            assertThat(channel.isOpen()).isTrue();
        }
    }

    static Path mkfifo(Path path) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).as("mkfifo").isZero();
        return path;
    }

    private static String post(String title) {
        return "---\ntitle: " + title + "\ndate: 2025-01-01 09:00:00 +0000\nexcerpt: e\n---\nBody of " + title + ".\n";
    }
}
