package feedwright.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.config.SiteConfig;
import feedwright.post.LoadedPosts;
import feedwright.post.Post;
import feedwright.post.PostReader;
import feedwright.post.PostResult;
import feedwright.testing.TestSite;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue #11, item 3(b): no exception from one post's rendering may escape that post. The reader now
 * refuses every link the renderer cannot take, so the failing post here is handed to the real builder
 * directly, as a reader bug would hand it over: its link is not a URI, and the real renderer throws on it.
 */
class PostFailureContainmentTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aPostWhoseRenderingThrowsBecomesALocatedErrorAndTheOthersPublish() throws Exception {
        SiteConfig config = TestSite.config();
        PostResult good = new PostReader(config).read("posts/2025-03-01-good.md",
                "2025-03-01-good.md", ("---\ntitle: Good\ndate: 2025-03-01 10:00:00 +0000\nexcerpt: e\n"
                        + "tags: [shared]\n---\nA [relative](x/) link.\n").getBytes(StandardCharsets.UTF_8));
        Post broken = new Post("posts/2025-03-02-broken.md", "broken", "tag:example.org,2025-03-02:broken", "Broken",
                good.post().orElseThrow().published().plusDays(1), good.post().orElseThrow().published().plusDays(1),
                "A", List.of(), good.post().orElseThrow().tags(), "e", "https://example.org/a b/", "", "Body.", "hash",
                Post.Spellings.of(List.of(), good.post().orElseThrow().tags()));
        LoadedPosts loaded = new LoadedPosts(List.of(good,
                new PostResult(broken.file(), Optional.of(broken), List.of(), Optional.empty())), List.of(), List.of(), Optional.empty());

        Snapshot snapshot = new SnapshotBuilder(config, false).build(loaded, NOW);

        assertThat(snapshot.problems()).extracting(Object::toString).containsExactly(
                "posts/2025-03-02-broken.md:0:0: error: could not be rendered: unexpected IllegalArgumentException "
                        + "(Illegal character in path at index 21: https://example.org/a b/); left out");
        assertThat(snapshot.posts()).isEqualTo(1);
        assertThat(snapshot.skipped()).containsExactly(
                new LoadedPosts.Skipped("posts/2025-03-02-broken.md", "could not be rendered"));
        for (String feed : List.of("/rss.xml", "/tags/shared/atom.xml")) {
            String xml = new String(snapshot.find(feed).orElseThrow().bytes(), StandardCharsets.UTF_8);
            assertThat(xml).as(feed).contains("Good", "https://example.org/blog/2025/03/01/good/x/")
                    .doesNotContain("Broken");
        }
    }
}
