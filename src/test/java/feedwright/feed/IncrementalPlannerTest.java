package feedwright.feed;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.config.ArchiveSettings;
import feedwright.post.Post;
import feedwright.post.Term;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The planner a live reload uses always plans as {@link FeedPlanner} does, and keeps what an edit did not touch. */
class IncrementalPlannerTest {

    private static final OffsetDateTime START = OffsetDateTime.parse("2025-01-01T00:00:00Z");
    private static final List<String> TAGS = List.of("AI", "ai", "電力", "markets", "chips", "ＡＩ");

    @Test
    void everyKindOfEditPlansAsAFreshPlanWould() {
        for (ArchiveSettings archives : List.of(ArchiveSettings.OFF, new ArchiveSettings(true, 4, false))) {
            IncrementalPlanner planner = new IncrementalPlanner(5, archives);
            Random random = new Random(7);
            List<Post> posts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                posts.add(post(i, "Post " + i, START.plusHours(i % 17), List.of(TAGS.get(i % TAGS.size()))));
            }
            assertThat(planner.plan(posts)).isEqualTo(FeedPlanner.plan(posts, 5, archives));
            List<UnaryOperator<Post>> edits = List.of(
                    p -> retitled(p, p.title() + " edited"),
                    p -> post(number(p), p.title(), p.published().plusDays(3), names(p.tags())),
                    p -> post(number(p), p.title(), p.published(), List.of("brand-new")),
                    p -> post(number(p), p.title(), p.published(), List.of(TAGS.get(random.nextInt(TAGS.size())))),
                    // The same instant at another offset: the same place in every feed.
                    p -> post(number(p), p.title() + " again",
                            p.published().withOffsetSameInstant(ZoneOffset.ofHours(9)), names(p.tags())));
            for (int round = 0; round < 60; round++) {
                int at = random.nextInt(posts.size());
                posts.set(at, edits.get(random.nextInt(edits.size())).apply(posts.get(at)));
                if (round % 10 == 9) {
                    posts.remove(random.nextInt(posts.size()));
                }
                assertThat(planner.plan(posts)).as("round %d", round).isEqualTo(FeedPlanner.plan(posts, 5, archives));
            }
        }
    }

    @Test
    void aBodyEditKeepsEveryFeedThatDoesNotShowThePostAndSwapsItIntoThoseThatDo() {
        IncrementalPlanner planner = new IncrementalPlanner(3, ArchiveSettings.OFF);
        List<Post> posts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            posts.add(post(i, "Post " + i, START.plusHours(i), List.of(i % 2 == 0 ? "even" : "odd")));
        }
        List<PlannedFeed> before = planner.plan(posts);
        Post edited = retitled(posts.get(5), "Post 5, edited");
        posts.set(5, edited);

        List<PlannedFeed> after = planner.plan(posts);

        assertThat(after).isEqualTo(FeedPlanner.plan(posts, 3, ArchiveSettings.OFF));
        for (int i = 0; i < after.size(); i++) {
            boolean shows = after.get(i).posts().stream().anyMatch(post -> post == edited);
            if (shows) {
                assertThat(after.get(i)).isNotSameAs(before.get(i));
            } else {
                assertThat(after.get(i)).isSameAs(before.get(i));
            }
        }
        assertThat(after).filteredOn(planned -> planned.posts().contains(edited)).hasSize(2); // site-wide, "odd"
        assertThat(planner.plan(posts)).isSameAs(after);
    }

    @Test
    void oneObjectAtTwoPlacesReplacedAtOnlyOneIsPlannedAfresh() {
        IncrementalPlanner planner = new IncrementalPlanner(5, ArchiveSettings.OFF);
        Post twice = post(1, "Post 1", START, List.of("ai"));
        List<Post> posts = new ArrayList<>(List.of(twice, post(2, "Post 2", START.plusHours(1), List.of("ai")), twice));
        planner.plan(posts);
        posts.set(2, retitled(twice, "Post 1, edited"));

        assertThat(planner.plan(posts)).isEqualTo(FeedPlanner.plan(posts, 5, ArchiveSettings.OFF));
    }

    private static Post post(int number, String title, OffsetDateTime date, List<String> tags) {
        String file = "posts/p" + number + ".md";
        List<Term> terms = tags.stream().map(Term::of).toList();
        return new Post(file, "p" + number, "tag:example.org,2025:" + file, title, date, date, "A", List.of(), terms,
                "s", "https://example.org/p" + number + "/", "", "Body of " + title, "hash-" + title,
                new Post.Spellings(List.of(), tags));
    }

    private static Post retitled(Post post, String title) {
        return post(number(post), title, post.published(), names(post.tags()));
    }

    private static int number(Post post) {
        return Integer.parseInt(post.slug().substring(1));
    }

    private static List<String> names(List<Term> terms) {
        return terms.stream().map(Term::name).toList();
    }
}
