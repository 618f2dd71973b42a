package feedwright.feed;

import feedwright.config.ArchiveSettings;
import feedwright.post.Post;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link FeedPlanner#plan(List, int, ArchiveSettings)} for the successive builds of one site, as live reload
 * makes them. When the posts differ from the last call's only in what does not decide the plan (a body, a
 * title, an excerpt; not a date, id, file or term), the last plan is kept, with each changed post put in
 * place of the object it replaces. Planning sorts and groups every post, a tenth of a reload at 10,000
 * posts; this compares references, and looks closer only at the posts that are new objects. A feed none of
 * whose posts changed stays the same object, so what is derived from a planned feed can be kept by identity.
 * Thread-safe.
 */
public final class IncrementalPlanner {

    private final int limit;
    private final ArchiveSettings archives;
    private List<Post> lastPosts = List.of();
    private List<PlannedFeed> lastPlan;

    public IncrementalPlanner(int limit, ArchiveSettings archives) {
        this.limit = limit;
        this.archives = archives;
    }

    /** The plan of {@code posts}: always equal to {@link FeedPlanner#plan(List, int, ArchiveSettings)}'s. */
    public synchronized List<PlannedFeed> plan(List<Post> posts) {
        Map<Post, Post> replaced = lastPlan == null ? null : replacements(lastPosts, posts);
        List<PlannedFeed> plan;
        if (replaced == null) {
            plan = FeedPlanner.plan(posts, limit, archives);
        } else if (replaced.isEmpty()) {
            plan = lastPlan;
        } else {
            plan = substituted(lastPlan, replaced);
        }
        lastPosts = List.copyOf(posts);
        lastPlan = plan;
        return plan;
    }

    /**
     * Each post of {@code earlier} replaced by another object in {@code posts}, by identity, mapped to its
     * replacement; null when the lists differ in anything that decides the plan, or when one object stood at
     * two places and was not replaced alike at both (then it is made afresh: the swap goes by object).
     */
    private static Map<Post, Post> replacements(List<Post> earlier, List<Post> posts) {
        if (earlier.size() != posts.size()) {
            return null;
        }
        Map<Post, Post> replaced = new IdentityHashMap<>();
        for (int i = 0; i < posts.size(); i++) {
            Post before = earlier.get(i);
            Post now = posts.get(i);
            if (before != now) {
                Post other = replaced.put(before, now);
                if (other != null && other != now || !samePlace(before, now)) {
                    return null;
                }
            }
        }
        if (!replaced.isEmpty()) {
            for (int i = 0; i < posts.size(); i++) {
                if (earlier.get(i) == posts.get(i) && replaced.containsKey(posts.get(i))) {
                    return null;
                }
            }
        }
        return replaced;
    }

    /**
     * Whether the two posts take the same place in every plan: the same order among the others
     * ({@link FeedPlanner#NEWEST_FIRST}: date as an instant, id, file) and the same terms in every family.
     */
    static boolean samePlace(Post before, Post now) {
        if (!before.published().toInstant().equals(now.published().toInstant()) || !before.id().equals(now.id())
                || !before.file().equals(now.file())) {
            return false;
        }
        for (FeedFamily family : FeedFamilies.all()) {
            if (family.hasTerms() && !family.terms().orElseThrow().apply(before)
                    .equals(family.terms().orElseThrow().apply(now))) {
                return false;
            }
        }
        return true;
    }

    /** {@code plan} with the replaced posts swapped in; a feed that shows none of them is kept as it is. */
    private static List<PlannedFeed> substituted(List<PlannedFeed> plan, Map<Post, Post> replaced) {
        List<PlannedFeed> swapped = new ArrayList<>(plan.size());
        for (PlannedFeed planned : plan) {
            List<Post> posts = null;
            for (int i = 0; i < planned.posts().size(); i++) {
                Post now = replaced.get(planned.posts().get(i));
                if (now != null) {
                    if (posts == null) {
                        posts = new ArrayList<>(planned.posts());
                    }
                    posts.set(i, now);
                }
            }
            swapped.add(posts == null ? planned : new PlannedFeed(planned.spec(), posts, planned.respelled(),
                    planned.kind(), planned.archivePages()));
        }
        return List.copyOf(swapped);
    }
}
