package feedwright.post;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.problem.Problem;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The clock's rules remember which posts were past, and never let that outlast a change of post or clock. */
class ClockRulesTest {

    private static final Instant JAN = Instant.parse("2026-01-15T00:00:00Z");
    private static final Instant MAR = Instant.parse("2026-03-15T00:00:00Z");

    private final ClockRules rules = new ClockRules(false);

    @Test
    void aPostPastOnceIsLeftOutAgainWhenTheClockIsSetBack() {
        List<PostResult> read = List.of(result("a", "2025-12-01"), result("b", "2026-02-01"), result("c", "2026-02-02"));

        assertThat(files(rules.apply(read, MAR))).containsExactly("a", "b", "c");
        ClockRules.Applied earlier = rules.apply(read, JAN);

        assertThat(files(earlier)).containsExactly("a");
        assertThat(earlier.future()).containsExactly("posts/b.md", "posts/c.md");
        assertThat(earlier.warnings()).extracting(Problem::file).containsExactly("posts/b.md", "posts/c.md");
        assertThat(earlier.nextScheduled()).contains(Instant.parse("2026-02-01T09:00:00Z"));
    }

    @Test
    void anEditedOrMovedPostIsLookedAtAgain() {
        List<PostResult> read = new ArrayList<>(List.of(result("a", "2025-12-01"), result("b", "2025-12-02")));
        assertThat(files(rules.apply(List.copyOf(read), JAN))).containsExactly("a", "b");

        read.set(1, result("b", "2026-06-01")); // re-dated ahead, at the same place
        assertThat(files(rules.apply(List.copyOf(read), JAN))).containsExactly("a");

        read.set(1, result("b", "2025-12-02"));
        assertThat(files(rules.apply(List.copyOf(read), JAN))).containsExactly("a", "b");
        read.add(0, result("0", "2026-06-01")); // every place shifts
        ClockRules.Applied shifted = rules.apply(List.copyOf(read), JAN);
        assertThat(files(shifted)).containsExactly("a", "b");
        assertThat(shifted.future()).containsExactly("posts/0.md");
    }

    @Test
    void anUpdateClaimedForLaterIsWithheldUntilItsTimeOnEveryLoad() {
        PostResult claims = PostResult.published(post("u", "2025-12-01", "2026-02-01"), List.of());
        List<PostResult> read = List.of(claims);

        for (int load = 0; load < 2; load++) {
            ClockRules.Applied applied = rules.apply(read, JAN);
            assertThat(applied.published()).singleElement()
                    .satisfies(post -> assertThat(post.updated()).isEqualTo(post.published()));
            assertThat(applied.nextScheduled()).contains(Instant.parse("2026-02-01T09:00:00Z"));
        }
        assertThat(rules.apply(read, MAR).published()).containsExactly(claims.post().orElseThrow());
    }

    private static List<String> files(ClockRules.Applied applied) {
        return applied.published().stream().map(Post::slug).toList();
    }

    private static PostResult result(String name, String day) {
        return PostResult.published(post(name, day, day), List.of());
    }

    private static Post post(String name, String day, String updatedDay) {
        OffsetDateTime date = OffsetDateTime.parse(day + "T09:00:00Z");
        OffsetDateTime updated = OffsetDateTime.parse(updatedDay + "T09:00:00Z");
        String file = "posts/" + name + ".md";
        return new Post(file, name, "tag:example.org,2025:" + file, name, date, updated, "A", List.of(), List.of(),
                "s", "https://example.org/" + name + "/", "", "Body.", "hash-" + name + day,
                new Post.Spellings(List.of(), List.of()));
    }
}
