package feedwright.feed;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.config.SiteConfig;
import feedwright.post.Post;
import feedwright.post.Term;
import feedwright.problem.Problem;
import feedwright.testing.TestSite;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which old feed addresses redirect where, and which are dropped with what warning. */
class FeedAliasesTest {

    private static final String BASE = "https://example.org/blog/";

    private static final List<Post> POSTS = List.of(
            // One post spells a tag two ways: one term, but jekyll-feed made a feed of each spelling.
            post("posts/a.md", List.of("投資分析"), List.of("AI", "ai", "機械学習")),
            post("posts/b.md", List.of("notes"), List.of()),
            post("posts/c.md", List.of(), List.of("rust")));

    @Test
    void anAliasRedirectsToTheAbsoluteUrlOfAFeedTheSiteServes() {
        FeedAliases.Planned planned = plan(TestSite.config("aliases:", "  /feed.xml: /atom.xml",
                "  /feed/投資.xml: /categories/投資分析/rss.xml"));

        assertThat(planned.problems()).isEmpty();
        assertThat(planned.redirects().byPath()).containsExactly(
                Map.entry("/feed.xml", new Redirect("/atom.xml", BASE + "atom.xml")),
                Map.entry("/feed/投資.xml", new Redirect("/categories/投資分析/rss.xml",
                        BASE + "categories/%E6%8A%95%E8%B3%87%E5%88%86%E6%9E%90/rss.xml")));
        assertThat(planned.redirects().copies()).isFalse();
    }

    @Test
    void jekyllFeedAddressesOfEverySpellingRedirectToTheOneAtomFeedOfTheirTerm() {
        FeedAliases.Planned planned = plan(TestSite.config("jekyll_feed_aliases: true"));

        assertThat(planned.problems()).isEmpty();
        assertThat(planned.redirects().byPath()).containsExactly(
                Map.entry("/feed.xml", new Redirect("/atom.xml", BASE + "atom.xml")),
                // Tag feeds: jekyll-feed made one for each ASCII spelling, so AI and ai both had one, and
                // none for 機械学習.
                Map.entry("/feed/by_tag/AI.xml", new Redirect("/tags/ai/atom.xml", BASE + "tags/ai/atom.xml")),
                Map.entry("/feed/by_tag/ai.xml", new Redirect("/tags/ai/atom.xml", BASE + "tags/ai/atom.xml")),
                Map.entry("/feed/by_tag/rust.xml", new Redirect("/tags/rust/atom.xml", BASE + "tags/rust/atom.xml")),
                Map.entry("/feed/notes.xml", new Redirect("/categories/notes/atom.xml",
                        BASE + "categories/notes/atom.xml")),
                Map.entry("/feed/投資分析.xml", new Redirect("/categories/投資分析/atom.xml",
                        BASE + "categories/%E6%8A%95%E8%B3%87%E5%88%86%E6%9E%90/atom.xml")));
    }

    @Test
    void aWrittenAliasWinsOverJekyllFeedsAddressOfTheSamePath() {
        FeedAliases.Planned planned = plan(TestSite.config("jekyll_feed_aliases: true", "alias_copies: true",
                "aliases:", "  /feed.xml: /rss.xml"));

        assertThat(planned.redirects().byPath().get("/feed.xml")).isEqualTo(new Redirect("/rss.xml", BASE + "rss.xml"));
        assertThat(planned.redirects().copies()).isTrue();
    }

    @Test
    void anAliasOfAnAliasRedirectsToTheFinalTargetInOneStep() {
        FeedAliases.Planned planned = plan(TestSite.config("aliases:", "  /oldest.xml: /older.xml",
                "  /older.xml: /old.xml", "  /old.xml: /tags/rust/rss.xml"));

        assertThat(planned.problems()).isEmpty();
        assertThat(planned.redirects().byPath()).containsOnlyKeys("/oldest.xml", "/older.xml", "/old.xml")
                .allSatisfy((from, redirect) -> assertThat(redirect)
                        .isEqualTo(new Redirect("/tags/rust/rss.xml", BASE + "tags/rust/rss.xml")));
    }

    @Test
    void aLoopIsDroppedWithAWarningForEachOfItsAliases() {
        FeedAliases.Planned planned = plan(TestSite.config("aliases:", "  /x.xml: /y.xml", "  /y.xml: /x.xml",
                "  /z.xml: /x.xml", "  /fine.xml: /rss.xml"));

        assertThat(planned.redirects().byPath()).containsOnlyKeys("/fine.xml");
        assertThat(planned.problems()).extracting(Problem::toString).containsExactly(
                "feeds-config/site.yml:8:3: warning: aliases: /x.xml redirects in a loop (/x.xml → /y.xml → /x.xml); dropped",
                "feeds-config/site.yml:9:3: warning: aliases: /y.xml redirects in a loop (/y.xml → /x.xml → /y.xml); dropped",
                "feeds-config/site.yml:10:3: warning: aliases: /z.xml redirects in a loop (/z.xml → /x.xml → /y.xml → /x.xml); dropped");
    }

    @Test
    void anAliasOfAPathTheSiteServesIsDroppedAndTheRealPathWins() {
        FeedAliases.Planned planned = plan(TestSite.config("aliases:", "  /atom.xml: /rss.xml",
                "  /old.xml: /atom.xml"));

        assertThat(planned.redirects().byPath()).containsExactly(
                Map.entry("/old.xml", new Redirect("/atom.xml", BASE + "atom.xml")));
        assertThat(planned.problems()).extracting(Problem::toString).containsExactly(
                "feeds-config/site.yml:8:3: warning: aliases: /atom.xml is a path the site serves itself, "
                        + "which wins; its redirect to /rss.xml is dropped");
    }

    @Test
    void anAliasToAPathTheSiteDoesNotServeIsDropped() {
        FeedAliases.Planned planned = plan(TestSite.config("aliases:", "  /old.xml: /tags/gone/atom.xml",
                "  /older.xml: /old.xml"));

        assertThat(planned.redirects()).isEqualTo(Redirects.NONE);
        assertThat(planned.problems()).extracting(Problem::toString).containsExactly(
                "feeds-config/site.yml:8:3: warning: aliases: /old.xml redirects to /tags/gone/atom.xml, "
                        + "which the site does not serve; dropped",
                "feeds-config/site.yml:9:3: warning: aliases: /older.xml redirects to /tags/gone/atom.xml, "
                        + "which the site does not serve; dropped");
    }

    @Test
    void aSiteWithoutAliasesHasNoRedirects() {
        assertThat(plan(TestSite.config())).isEqualTo(new FeedAliases.Planned(Redirects.NONE, List.of()));
    }

    private static FeedAliases.Planned plan(SiteConfig config) {
        FeedAssembler assembler = new FeedAssembler(config);
        return FeedAliases.plan(config, POSTS, served(FeedPlanner.plan(POSTS, 20)), assembler::feedUrl);
    }

    /** What a snapshot of the plan serves: each feed in every format and its preview page, and the index. */
    private static Set<String> served(List<PlannedFeed> plan) {
        Set<String> served = new HashSet<>(Set.of("/", "/index.html"));
        for (PlannedFeed planned : plan) {
            FeedFormats.all().forEach(format -> served.add("/" + planned.spec().path(format)));
            served.add("/" + PreviewPage.path(planned.spec()));
        }
        return served;
    }

    private static Post post(String file, List<String> categories, List<String> tags) {
        OffsetDateTime date = OffsetDateTime.parse("2025-01-01T00:00:00Z");
        return new Post(file, "x", "tag:example.org,2025-01-01:" + file, "X", date, date, "A",
                terms(categories), terms(tags), "s", "https://example.org/x/", "", "Body.", "hash",
                new Post.Spellings(categories, tags));
    }

    /** The post's terms as the reader makes them: spellings of one term are one. */
    private static List<Term> terms(List<String> names) {
        return List.copyOf(names.stream().map(Term::of)
                .collect(Collectors.toMap(Term::slug, term -> term, (first, other) -> first, LinkedHashMap::new)).values());
    }
}
