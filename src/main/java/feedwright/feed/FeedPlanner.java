package feedwright.feed;

import feedwright.post.Post;
import feedwright.post.Term;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Decides which feeds exist and which posts each shows: the site-wide feed, one per category, one per
 * tag. Terms are grouped by slug, so {@code AI} and {@code ai} make one feed, named by the spelling
 * most posts use (ties go to the alphabetically first). A pure function: the same posts always give the
 * same plan, in the same order.
 */
public final class FeedPlanner {

    /** Newest first; equal dates are ordered by id, then file, so the order never depends on input order. */
    public static final Comparator<Post> NEWEST_FIRST = Comparator
            .comparing((Post p) -> p.published().toInstant()).reversed()
            .thenComparing(Post::id)
            .thenComparing(Post::file);

    private FeedPlanner() {
    }

    /** Site feed first, then categories, then tags, each group sorted by slug. */
    public static List<PlannedFeed> plan(List<Post> posts, int limit) {
        List<Post> sorted = posts.stream().sorted(NEWEST_FIRST).toList();
        List<PlannedFeed> plan = new ArrayList<>();
        plan.add(new PlannedFeed(FeedSpec.SITE, first(sorted, limit)));
        group(sorted, Post::categories).forEach((term, members) ->
                plan.add(new PlannedFeed(FeedSpec.category(term), first(members, limit))));
        group(sorted, Post::tags).forEach((term, members) ->
                plan.add(new PlannedFeed(FeedSpec.tag(term), first(members, limit))));
        return List.copyOf(plan);
    }

    private static List<Post> first(List<Post> posts, int limit) {
        return posts.size() <= limit ? posts : posts.subList(0, limit);
    }

    /** Posts by term, keyed by the term's display spelling; the posts keep the given order. */
    private static Map<Term, List<Post>> group(List<Post> sorted, Function<Post, List<Term>> terms) {
        Map<String, List<Post>> bySlug = new TreeMap<>();
        Map<String, Map<String, Integer>> spellings = new HashMap<>();
        for (Post post : sorted) {
            for (Term term : terms.apply(post)) {
                bySlug.computeIfAbsent(term.slug(), k -> new ArrayList<>()).add(post);
                spellings.computeIfAbsent(term.slug(), k -> new TreeMap<>()).merge(term.name(), 1, Integer::sum);
            }
        }
        Map<Term, List<Post>> grouped = new java.util.LinkedHashMap<>();
        bySlug.forEach((slug, members) -> grouped.put(new Term(displayName(spellings.get(slug)), slug), members));
        return grouped;
    }

    private static String displayName(Map<String, Integer> counts) {
        // counts is a TreeMap, so among equally common spellings the first in order wins.
        String best = null;
        int bestCount = 0;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            if (entry.getValue() > bestCount) {
                best = entry.getKey();
                bestCount = entry.getValue();
            }
        }
        return best;
    }
}
