package feedwright.reload;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.LiveSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site whose {@code posts/} is a symbolic link to its content kept elsewhere (a checkout, a shared
 * volume): the loader follows the link, so the watcher must watch where it leads, and follow it when it
 * is re-pointed, as deployments do (a new link renamed over the old one).
 */
@Timeout(120)
class LinkedPostsFolderTest {

    @TempDir
    Path site;

    @TempDir
    Path content;

    @Test
    void anEditInAPostsFolderThatIsALinkIsPublished() throws Exception {
        LiveSite.copySample(content);
        Files.move(content.resolve("feeds-config"), site.resolve("feeds-config"));
        Files.createSymbolicLink(site.resolve("posts"), content.resolve("posts"));

        try (LiveSite live = LiveSite.watch(site)) {
            live.save("posts/2025-11-20-through-the-link.md", post("Saved through the link"));
            live.awaitResponse("/rss.xml", r -> r.body().contains("Saved through the link"));

            Files.writeString(content.resolve("posts/2025-11-21-at-the-target.md"), post("Saved at the target"));
            live.awaitResponse("/rss.xml", r -> r.body().contains("Saved at the target"));
        }
    }

    @Test
    void aPostsLinkRePointedToOtherContentIsFollowedAndWatchedThere(@TempDir Path next) throws Exception {
        LiveSite.copySample(content);
        LiveSite.copySample(next);
        Files.move(content.resolve("feeds-config"), site.resolve("feeds-config"));
        Files.createSymbolicLink(site.resolve("posts"), content.resolve("posts"));
        Files.writeString(next.resolve("posts/2025-11-20-next.md"), post("Only in the next content"));

        try (LiveSite live = LiveSite.watch(site)) {
            Path newLink = Files.createSymbolicLink(site.resolve(".posts-next"), next.resolve("posts"));
            Files.move(newLink, site.resolve("posts"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            live.awaitResponse("/rss.xml", r -> r.body().contains("Only in the next content"));

            Files.writeString(next.resolve("posts/2025-11-21-next-edit.md"), post("Saved in the next content"));
            live.awaitResponse("/rss.xml", r -> r.body().contains("Saved in the next content"));
            assertThat(Files.readSymbolicLink(site.resolve("posts"))).isEqualTo(next.resolve("posts"));
        }
    }

    @Test
    void aLinkOnTheWayToThePostsRePointedOutsideTheSiteIsFollowedAtTheNextChange(@TempDir Path next) throws Exception {
        // posts/ → content/current, itself a link to a release: a deployment re-points current, outside the site.
        LiveSite.copySample(content.resolve("v1"));
        LiveSite.copySample(next);
        Files.move(content.resolve("v1/feeds-config"), site.resolve("feeds-config"));
        Files.createSymbolicLink(content.resolve("current"), content.resolve("v1"));
        Files.createSymbolicLink(site.resolve("posts"), content.resolve("current/posts"));
        Files.writeString(next.resolve("posts/2025-11-20-next.md"), post("Only in the next release"));

        try (LiveSite live = LiveSite.watch(site)) {
            // Once this is published, the watcher's start (which walks every folder) is behind it.
            live.save("posts/2025-11-19-before.md", post("Saved before the release"));
            live.awaitResponse("/rss.xml", r -> r.body().contains("Saved before the release"));
            Path newLink = Files.createSymbolicLink(content.resolve(".current-next"), next);
            Files.move(newLink, content.resolve("current"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            // Nothing watched tells of that; the next change anywhere does.
            live.save("feeds-config/site.yml", live.read("feeds-config/site.yml") + "\n");
            live.awaitResponse("/rss.xml", r -> r.body().contains("Only in the next release"));

            // Seen only if the folders of the next release are watched now.
            Files.writeString(next.resolve("posts/2025-11-21-next-edit.md"), post("Saved in the next release"));
            live.awaitResponse("/rss.xml", r -> r.body().contains("Saved in the next release"));
        }
    }

    private static String post(String title) {
        return "---\ntitle: \"" + title + "\"\ndate: 2025-11-20 09:00:00 +0000\nexcerpt: \"e\"\n---\nBody.\n";
    }
}
