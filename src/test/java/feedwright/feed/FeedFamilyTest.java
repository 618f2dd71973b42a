package feedwright.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feedwright.config.ConfigException;
import feedwright.config.ConfigLoader;
import feedwright.post.Post;
import feedwright.post.Term;
import feedwright.render.RenderedPost;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Families as data: what a family declares is all the planner and the assembler need of it. */
class FeedFamilyTest {

    /** The family the issue names next, declared here the way it would be registered. */
    private static final FeedFamily AUTHORS = FeedFamily.perTerm("Authors", "authors/",
            "{site} · Author: {term}", "Posts by {term} — {about}", post -> List.of(Term.of(post.author())));

    private static final OffsetDateTime DATE = OffsetDateTime.parse("2025-01-01T00:00:00Z");

    @Test
    void aFamilyDeclaredAsDataIsPlannedAndTitledWithoutTheCodeKnowingIt() throws ConfigException {
        Post byAda = post("a", "Ada Lovelace", List.of("notes"));
        Post byBob = post("b", "Bob", List.of());
        List<FeedFamily> families = new ArrayList<>(FeedFamilies.all());
        families.add(AUTHORS);

        List<PlannedFeed> plan = FeedPlanner.plan(List.of(byAda, byBob), 20, families);

        assertThat(plan).extracting(planned -> planned.spec().path(new RssWriter())).containsExactly(
                "rss.xml", "categories/notes/rss.xml", "authors/ada-lovelace/rss.xml", "authors/bob/rss.xml");
        assertThat(plan).extracting(planned -> planned.spec().page()).containsOnly(Page.CURRENT);
        FeedAssembler assembler = new FeedAssembler(
                ConfigLoader.parse("title: Site\ndescription: About\nbase_url: https://example.org/\n"));
        Feed ada = assembler.assemble(plan.get(2), post -> assembler.prepare(post, new RenderedPost("<p>x</p>", "s")));
        assertThat(ada.title()).isEqualTo("Site · Author: Ada Lovelace");
        assertThat(ada.description()).isEqualTo("Posts by Ada Lovelace — About");
        assertThat(ada.selfUrl("atom.xml")).isEqualTo("https://example.org/authors/ada-lovelace/atom.xml");
        assertThat(ada.entries()).extracting(Entry::title).containsExactly("a");
    }

    @Test
    void theRegisteredFamiliesGiveTodaysTitlesAndDescriptions() {
        Term ai = Term.of("AI");
        assertThat(FeedFamilies.SITE.title().fill("Site", "About", "")).isEqualTo("Site");
        assertThat(FeedFamilies.SITE.description().fill("Site", "About", "")).isEqualTo("About");
        assertThat(FeedFamilies.CATEGORY.title().fill("Site", "About", ai.name())).isEqualTo("Site · Category: AI");
        assertThat(FeedFamilies.CATEGORY.description().fill("Site", "About", ai.name()))
                .isEqualTo("Posts in the category AI — About");
        assertThat(FeedFamilies.TAG.title().fill("Site", "About", ai.name())).isEqualTo("Site · Tag: AI");
        assertThat(FeedFamilies.TAG.description().fill("Site", "About", ai.name())).isEqualTo("Posts tagged AI — About");
    }

    @Test
    void aTemplateIsFilledInOnePassSoANameHoldingAPlaceholderStaysAsWritten() {
        TextTemplate title = new TextTemplate("{site} · Tag: {term}");

        assertThat(title.fill("Price $1 \\ {term}", "About", "{site} and $2")).isEqualTo("Price $1 \\ {term} · Tag: {site} and $2");
    }

    @Test
    void aSpecHasATermExactlyWhenItsFamilyHasTerms() {
        assertThatThrownBy(() -> new FeedSpec(FeedFamilies.SITE, Optional.of(Term.of("x")), Page.CURRENT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Site: the feed has no term");
        assertThatThrownBy(() -> new FeedSpec(FeedFamilies.TAG, Optional.empty(), Page.CURRENT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Tags: each feed has a term");
    }

    @Test
    void theSubscriptionDocumentIsTheFeedItselfAndArchivePagesHaveNumberedFoldersOfTheirOwn() {
        Term ai = Term.of("AI");

        assertThat(FeedSpec.of(FeedFamilies.TAG, ai).folder()).isEqualTo("tags/ai/");
        assertThat(new FeedSpec(FeedFamilies.TAG, Optional.of(ai), Page.archive(2)).folder())
                .isEqualTo("tags/ai/archive/2/");
        assertThat(new FeedSpec(FeedFamilies.SITE, Optional.empty(), Page.archive(3)).path(new AtomWriter()))
                .isEqualTo("archive/3/atom.xml");
        assertThatThrownBy(() -> Page.archive(0)).hasMessage("archive pages are numbered from 1: 0");
        assertThatThrownBy(() -> new Page(-1)).hasMessage("archive pages are numbered from 1: -1");
    }

    private static Post post(String title, String author, List<String> categories) {
        return new Post("posts/" + title + ".md", title, "tag:example.org,2025-01-01:posts/" + title, title, DATE, DATE,
                author, categories.stream().map(Term::of).toList(), List.of(), "s", "https://example.org/" + title + "/",
                "", "Body.", "hash-" + title, new Post.Spellings(categories, List.of()));
    }
}
