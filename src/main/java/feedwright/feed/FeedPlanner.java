package feedwright.feed;

import feedwright.post.Post;
import feedwright.post.Term;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Decides which feeds exist and which posts each shows: for each family, its one feed or one feed per
 * term (the site-wide feed, one per category, one per tag). Terms are grouped by slug, so {@code AI} and {@code ai} make one feed, named by the spelling
 * most posts use (ties go to the alphabetically first); the plan says which feeds' terms posts spell
 * otherwise ({@link PlannedFeed#respelled}), so that their entries can be spelt as the feed is. A pure
 * function: the same posts always give the same plan, in the same order.
 */
public final class FeedPlanner {

    /** Newest first; equal dates are ordered by id, then file, so the order never depends on input order. */
    public static final Comparator<Post> NEWEST_FIRST = Comparator
            .comparing(Post::published, OffsetDateTime.timeLineOrder().reversed())
            .thenComparing(Post::id)
            .thenComparing(Post::file);

    private FeedPlanner() {
    }

    /**
     * The feeds of every family in {@link FeedFamilies#all()} order (site, categories, tags), those of one
     * family sorted by slug. Each is the subscription document: the newest {@code limit} posts.
     */
    public static List<PlannedFeed> plan(List<Post> posts, int limit) {
        return plan(posts, limit, FeedFamilies.all());
    }

    /** The plan for the given families, in their order: how a family can be tried before it is registered. */
    static List<PlannedFeed> plan(List<Post> posts, int limit, List<FeedFamily> families) {
        List<Post> sorted = posts.stream().sorted(NEWEST_FIRST).toList();
        List<PlannedFeed> plan = new ArrayList<>();
        for (FeedFamily family : families) {
            if (family.hasTerms()) {
                group(sorted, family.terms().orElseThrow(), limit).forEach((term, group) ->
                        plan.add(new PlannedFeed(FeedSpec.of(family, term), group.members, group.mixed)));
            } else {
                plan.add(new PlannedFeed(new FeedSpec(family, Optional.empty(), Page.CURRENT),
                        sorted.size() <= limit ? sorted : sorted.subList(0, limit)));
            }
        }
        return List.copyOf(plan);
    }

    /**
     * The newest {@code limit} posts of each term, keyed by the term's display spelling and sorted by
     * slug; the posts keep the given order. Every post still counts towards the display spelling, but
     * spellings are counted only for the rare terms that have more than one.
     */
    private static Map<Term, Group> group(List<Post> sorted, Function<Post, List<Term>> terms, int limit) {
        Map<String, Group> bySlug = new HashMap<>();
        boolean anyMixed = false;
        for (Post post : sorted) {
            for (Term term : terms.apply(post)) {
                Group group = bySlug.computeIfAbsent(term.slug(), k -> new Group(term.name()));
                if (group.members.size() < limit) {
                    group.members.add(post);
                }
                if (!group.mixed && !group.firstName.equals(term.name())) {
                    group.mixed = true;
                    anyMixed = true;
                }
            }
        }
        Map<String, Map<String, Integer>> spellings = anyMixed ? countSpellings(sorted, terms, bySlug) : Map.of();
        Map<Term, Group> grouped = new LinkedHashMap<>();
        new TreeMap<>(bySlug).forEach((slug, group) -> grouped.put(
                new Term(group.mixed ? displayName(spellings.get(slug)) : group.firstName, slug), group));
        return grouped;
    }

    private static Map<String, Map<String, Integer>> countSpellings(List<Post> posts, Function<Post, List<Term>> terms,
                                                                   Map<String, Group> bySlug) {
        Map<String, Map<String, Integer>> spellings = new HashMap<>();
        for (Post post : posts) {
            for (Term term : terms.apply(post)) {
                if (bySlug.get(term.slug()).mixed) {
                    spellings.computeIfAbsent(term.slug(), k -> new HashMap<>()).merge(term.name(), 1, Integer::sum);
                }
            }
        }
        return spellings;
    }

    /** One term's posts while grouping, and whether it was written in more than one way. */
    private static final class Group {
        final String firstName;
        final List<Post> members = new ArrayList<>();
        boolean mixed;

        Group(String firstName) {
            this.firstName = firstName;
        }
    }

    /** The most used spelling; among equally common ones, the first in {@link String#compareTo} order. */
    private static String displayName(Map<String, Integer> counts) {
        String best = null;
        int bestCount = 0;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            int count = entry.getValue();
            if (count > bestCount || (count == bestCount && entry.getKey().compareTo(best) < 0)) {
                best = entry.getKey();
                bestCount = count;
            }
        }
        return best;
    }
}
