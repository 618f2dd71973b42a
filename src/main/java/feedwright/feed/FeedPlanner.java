package feedwright.feed;

import feedwright.config.ArchiveSettings;
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
     * family sorted by slug, with archives off. Each is the subscription document: the newest {@code limit} posts.
     */
    public static List<PlannedFeed> plan(List<Post> posts, int limit) {
        return plan(posts, limit, ArchiveSettings.OFF, FeedFamilies.all());
    }

    /**
     * As {@link #plan(List, int)}, each feed's subscription document followed, when archives are on, by its
     * archive pages, oldest first (see {@link #documents}).
     */
    public static List<PlannedFeed> plan(List<Post> posts, int limit, ArchiveSettings archives) {
        return plan(posts, limit, archives, FeedFamilies.all());
    }

    /** The plan for the given families, in their order: how a family can be tried before it is registered. */
    static List<PlannedFeed> plan(List<Post> posts, int limit, List<FeedFamily> families) {
        return plan(posts, limit, ArchiveSettings.OFF, families);
    }

    private static List<PlannedFeed> plan(List<Post> posts, int limit, ArchiveSettings archives,
                                          List<FeedFamily> families) {
        List<Post> sorted = posts.stream().sorted(NEWEST_FIRST).toList();
        // With archives, a feed keeps every post: its archive pages hold them all.
        int kept = archives.enabled() ? Integer.MAX_VALUE : limit;
        List<PlannedFeed> plan = new ArrayList<>();
        for (FeedFamily family : families) {
            if (family.hasTerms()) {
                group(sorted, family.terms().orElseThrow(), kept).forEach((term, group) ->
                        documents(FeedSpec.of(family, term), group.members, group.mixed, limit, archives, plan));
            } else {
                documents(new FeedSpec(family, Optional.empty(), Page.CURRENT), sorted, false, limit, archives, plan);
            }
        }
        return List.copyOf(plan);
    }

    /**
     * One feed's documents, added to {@code plan}: the subscription document (the newest {@code limit}
     * posts), then, with archives on, either nothing more (a complete feed, when every post fits and complete
     * feeds are marked) or its archive pages. Archive page {@code k} holds the posts {@code (k-1)·N+1} to
     * {@code k·N} counted from the oldest (N the page size), so every post is on exactly one page and a page's
     * posts change only when one of them is edited, deleted or re-dated; the newest page fills up as posts
     * are added, and repeats posts the subscription document shows (RFC 5005 §4 lets them be in both).
     *
     * @param all the feed's posts, newest first
     */
    private static void documents(FeedSpec current, List<Post> all, boolean respelled, int limit,
                                  ArchiveSettings archives, List<PlannedFeed> plan) {
        List<Post> newest = all.size() <= limit ? all : all.subList(0, limit);
        if (!archives.enabled()) {
            plan.add(new PlannedFeed(current, newest, respelled));
            return;
        }
        if (archives.complete() && all.size() <= limit) {
            plan.add(new PlannedFeed(current, newest, respelled, History.Kind.COMPLETE, 0));
            return;
        }
        int size = archives.pageSize();
        int pages = (all.size() + size - 1) / size;
        plan.add(new PlannedFeed(current, newest, respelled, History.Kind.SUBSCRIPTION, pages));
        for (int number = 1; number <= pages; number++) {
            // Counted from the oldest: the page's posts are these positions of the newest-first list.
            int from = Math.max(0, all.size() - number * size);
            int to = all.size() - (number - 1) * size;
            plan.add(new PlannedFeed(new FeedSpec(current.family(), current.term(), Page.archive(number)),
                    all.subList(from, to), respelled, History.Kind.ARCHIVE, pages));
        }
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
