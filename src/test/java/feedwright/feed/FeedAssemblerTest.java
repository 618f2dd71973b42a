package feedwright.feed;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.config.ConfigException;
import feedwright.config.ConfigLoader;
import feedwright.config.SiteConfig;
import feedwright.post.Post;
import feedwright.post.Term;
import feedwright.render.RenderedPost;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The feed model made from posts: what each entry lists, and what feeds share. */
class FeedAssemblerTest {

    @Test
    void anEntryListsAtMostAHundredTermsAndEveryFeedShowingThePostSharesTheList() throws ConfigException {
        SiteConfig config = ConfigLoader.parse("title: T\nbase_url: https://example.org/\n");
        List<Term> tags = IntStream.range(0, 300).mapToObj(i -> Term.of("t" + i)).toList();
        OffsetDateTime date = OffsetDateTime.parse("2025-01-01T00:00:00Z");
        Post post = new Post("posts/x.md", "x", "tag:example.org,2025-01-01:posts/x", "X", date, date, "A",
                List.of(Term.of("notes")), tags, "s", "https://example.org/x/", "", "Body.", "hash",
                Post.Spellings.of(List.of(Term.of("notes")), tags));
        FeedAssembler assembler = new FeedAssembler(config);
        FeedAssembler.Prepared prepared = assembler.prepare(post, new RenderedPost("<p>Body.</p>", "s"));

        List<Entry> entries = FeedPlanner.plan(List.of(post), 20).stream()
                .map(planned -> assembler.assemble(planned, p -> prepared).entries().get(0)).toList();

        assertThat(entries).hasSize(302);
        Entry first = entries.get(0);
        assertThat(first.categories()).containsExactly(
                new Entry.Category("notes", "https://example.org/categories/", "https://example.org/categories/notes/"));
        assertThat(first.tags()).hasSize(99).extracting(Entry.Category::name).startsWith("t0", "t1").endsWith("t98");
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.categories()).isSameAs(first.categories());
            assertThat(entry.tags()).isSameAs(first.tags());
        });
    }
}
