package feedwright.reload;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.problem.Problem;
import feedwright.testing.Formats;
import feedwright.testing.WatchedSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A post replaced again and again by a link to a private file outside {@code posts/} and back, while the
 * real server reloads: the file's text never reaches a feed, and never becomes the post's "last good
 * version" kept while the post is broken.
 */
@Timeout(120)
class SwappedPostLiveTest extends WatchedSample {

    /** How long the swapping goes on; before the fix the outside text was served within 2-3 s. */
    private static final Duration SWAPPING = Duration.ofSeconds(5);
    /** Several posts swapped at once: every reload then reads several files, each a chance for the race. */
    private static final int POSTS = 12;
    private static final String POST = "posts/2025-11-15-swapped-%02d.md";
    private static final String SECRET = "TOP SECRET outside posts";

    @TempDir
    Path outside;

    @Test
    void aPostSwappedWithALinkToAPrivateFileOutsidePostsNeverPublishesIt() throws Exception {
        Path secret = outside.resolve("private.md");
        Files.writeString(secret, post(SECRET));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        for (int i = 0; i < POSTS; i++) {
            site.save(POST.formatted(i), post("Inside, first"));
        }
        site.awaitResponse("/rss.xml", r -> r.body().split("Inside, first", -1).length > POSTS);

        Path link = Files.createSymbolicLink(dir.resolve("posts/.link"), secret);
        Path[] good = {
            Files.writeString(dir.resolve("posts/.good-1"), post("Inside, first")),
            Files.writeString(dir.resolve("posts/.good-2"), post("Inside, edited again")),
        };
        AtomicBoolean swapping = new AtomicBoolean(true);
        ExecutorService swapper = Executors.newSingleThreadExecutor();
        Future<?> swaps = swapper.submit(() -> {
            for (int turn = 0; swapping.get(); turn++) {
                for (int i = 0; i < POSTS; i++) {
                    swapIn(turn % 2 == 0 ? link : good[turn / 2 % 2], POST.formatted(i));
                }
            }
            return null;
        });
        try {
            long deadline = System.nanoTime() + SWAPPING.toNanos();
            int reads = 0;
            while (System.nanoTime() < deadline && !swaps.isDone()) {
                for (String feed : Formats.paths("/")) {
                    assertThat(site.get(feed).body()).as("%s, read %d", feed, ++reads).doesNotContain(SECRET);
                }
            }
        } finally {
            swapping.set(false);
            swapper.shutdown();
            assertThat(swapper.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        swaps.get();

        // Left as the link: the post is broken, and what stays served is a version read from inside posts/.
        for (int i = 0; i < POSTS; i++) {
            swapIn(link, POST.formatted(i));
        }
        site.awaitResponse("/healthz", r -> site.current().get().problems().containsAll(IntStream.range(0, POSTS)
                .mapToObj(i -> Problem.error(POST.formatted(i), "is a link to a file outside posts/; not read"))
                .toList()));
        String rss = site.get("/rss.xml").body();
        assertThat(rss).doesNotContain(SECRET).containsAnyOf("Inside, first", "Inside, edited again");
        assertThat(site.get("/atom.xml").body()).doesNotContain(SECRET);
    }

    /** Puts {@code source} in the post's place by one rename of a new name for it (for a link, the link). */
    private void swapIn(Path source, String post) throws Exception {
        Path incoming = dir.resolve("posts/.incoming");
        Files.deleteIfExists(incoming); // renaming a name over another name of the same file leaves both
        Files.createLink(incoming, source);
        Files.move(incoming, dir.resolve(post), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String post(String title) {
        return "---\ntitle: \"" + title + "\"\ndate: 2025-11-15 09:00:00 +0000\nexcerpt: \"e\"\n---\n"
                + "Body of " + title + ".\n";
    }
}
