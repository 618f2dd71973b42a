package feedwright.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.post.Post;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The newest update a reload finds from the replaced posts alone is the one a look at every post finds. */
class NewestUpdateTest {

    private static final OffsetDateTime START = OffsetDateTime.parse("2025-01-01T00:00:00Z");

    @Test
    void editsThatMoveTheNewestUpdateEitherWayAreFollowed() {
        NewestUpdate newest = new NewestUpdate();
        Random random = new Random(11);
        List<Post> posts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            posts.add(post(i, random.nextInt(100)));
        }
        for (int round = 0; round < 300; round++) {
            assertThat(newest.of(List.copyOf(posts))).as("round %d", round).isEqualTo(everyPost(posts));
            int at = random.nextInt(posts.size());
            // Often the newest post itself, moved back or forward; sometimes one post fewer or more.
            int edited = round % 3 == 0 ? newestIndex(posts) : at;
            posts.set(edited, post(edited, random.nextInt(120)));
            if (round % 25 == 24) {
                posts.remove(at);
            } else if (round % 25 == 12) {
                posts.add(post(100 + round, random.nextInt(120)));
            }
        }
        assertThat(newest.of(List.of())).isEmpty();
    }

    private static Optional<Instant> everyPost(List<Post> posts) {
        return posts.stream().map(post -> post.updated().toInstant()).max(Instant::compareTo);
    }

    private static int newestIndex(List<Post> posts) {
        int best = 0;
        for (int i = 1; i < posts.size(); i++) {
            if (posts.get(i).updated().isAfter(posts.get(best).updated())) {
                best = i;
            }
        }
        return best;
    }

    private static Post post(int number, int hours) {
        String file = "posts/p" + number + ".md";
        return new Post(file, "p" + number, "tag:example.org,2025:" + file, "T", START, START.plusHours(hours), "A",
                List.of(), List.of(), "s", "https://example.org/p" + number + "/", "", "Body.", "hash-" + hours,
                new Post.Spellings(List.of(), List.of()));
    }
}
