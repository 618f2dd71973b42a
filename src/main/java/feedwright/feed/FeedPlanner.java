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
            .comparing(Post::published, OffsetDateTime.timeLineOrder().reversed())
            .thenComparing(Post::id)
            .thenComparing(Post::file);

    private FeedPlanner() {
    }

    /** Site feed first, then categories, then tags, each group sorted by slug. */
    public static List<PlannedFeed> plan(List<Post> posts, int limit) {
        List<Post> sorted = posts.stream().sorted(NEWEST_FIRST).toList();
        List<PlannedFeed> plan = new ArrayList<>();
        plan.add(new PlannedFeed(FeedSpec.SITE, sorted.size() <= limit ? sorted : sorted.subList(0, limit)));
        group(sorted, Post::categories, limit).forEach((term, members) ->
                plan.add(new PlannedFeed(FeedSpec.category(term), members)));
        group(sorted, Post::tags, limit).forEach((term, members) ->
                plan.add(new PlannedFeed(FeedSpec.tag(term), members)));
        return List.copyOf(plan);
    }

    /**
     * The newest {@code limit} posts of each term, keyed by the term's display spelling and sorted by
     * slug; the posts keep the given order. Every post still counts towards the display spelling.
     */
    private static Map<Term, List<Post>> group(List<Post> sorted, Function<Post, List<Term>> terms, int limit) {
        Map<String, List<Post>> bySlug = new HashMap<>();
        Map<String, Map<String, Integer>> spellings = new HashMap<>();
        for (Post post : sorted) {
            for (Term term : terms.apply(post)) {
                List<Post> members = bySlug.computeIfAbsent(term.slug(), k -> new ArrayList<>());
                if (members.size() < limit) {
                    members.add(post);
                }
                spellings.computeIfAbsent(term.slug(), k -> new HashMap<>(2)).merge(term.name(), 1, Integer::sum);
            }
        }
        Map<Term, List<Post>> grouped = new LinkedHashMap<>();
        new TreeMap<>(bySlug).forEach((slug, members) ->
                grouped.put(new Term(displayName(spellings.get(slug)), slug), members));
        return grouped;
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
