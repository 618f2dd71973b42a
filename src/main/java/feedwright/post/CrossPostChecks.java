package feedwright.post;

import feedwright.problem.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Problems visible only when posts are compared with each other. They depend on each post's file, id, link and
 * terms alone, so the last answer is kept: a live reload after an edit of a post's body or title asks again about
 * 10,000 posts of which none changed in those, and comparing them with the last ones costs a fraction of checking
 * them. One per loader; thread-safe.
 */
final class CrossPostChecks {

    private List<Post> lastPosts = List.of();
    private List<Problem> lastProblems = List.of();

    /** The problems of {@code posts}, in this order (which decides which of two files is named first). */
    synchronized List<Problem> check(List<Post> posts) {
        if (!sameFacts(posts, lastPosts)) {
            lastProblems = List.copyOf(checkAll(posts));
        }
        lastPosts = List.copyOf(posts);
        return lastProblems;
    }

    /** Whether the two lists name the same files, ids, links and terms, in the same order. */
    private static boolean sameFacts(List<Post> posts, List<Post> earlier) {
        if (posts.size() != earlier.size()) {
            return false;
        }
        for (int i = 0; i < posts.size(); i++) {
            Post post = posts.get(i);
            Post before = earlier.get(i);
            if (post != before && !(post.file().equals(before.file()) && post.id().equals(before.id())
                    && post.link().equals(before.link()) && post.categories().equals(before.categories())
                    && post.tags().equals(before.tags()))) {
                return false;
            }
        }
        return true;
    }

    private static List<Problem> checkAll(List<Post> posts) {
        List<Problem> problems = new ArrayList<>();
        duplicates(posts, Post::id, "id", problems);
        duplicates(posts, Post::link, "permalink", problems);
        spellings(posts, TermKind.CATEGORY, Post::categories, problems);
        spellings(posts, TermKind.TAG, Post::tags, problems);
        return problems;
    }

    /**
     * One warning per further spelling of a term across posts (within one post, the reader warns).
     * Grouped by slug, not by lower case: the slug is what merges two spellings into one feed, and it
     * also folds width (ＡＩ) and punctuation, which lower-casing alone would miss. This runs on every
     * reload over every post: one map operation per term, and the grouping below only over the few
     * hundred distinct spellings.
     */
    private static void spellings(List<Post> posts, TermKind kind, Function<Post, List<Term>> terms,
                                  List<Problem> problems) {
        Map<Term, String> firstFile = new LinkedHashMap<>();
        for (Post post : posts) {
            for (Term term : terms.apply(post)) {
                firstFile.putIfAbsent(term, post.file());
            }
        }
        Map<String, Set<String>> spellings = new LinkedHashMap<>();
        firstFile.keySet().forEach(term ->
                spellings.computeIfAbsent(term.slug(), k -> new TreeSet<>()).add(term.name()));
        for (Map.Entry<String, Set<String>> entry : spellings.entrySet()) {
            List<String> names = List.copyOf(entry.getValue());
            String first = names.get(0);
            for (String other : names.subList(1, names.size())) {
                String file = firstFile.get(new Term(other, entry.getKey()));
                problems.add(Problem.warning(file,
                        kind.noun() + " " + kind.mergedMessage(other, first, entry.getKey())));
            }
        }
    }

    private static void duplicates(List<Post> posts, Function<Post, String> key,
                                   String what, List<Problem> problems) {
        Map<String, String> firstFile = new HashMap<>(posts.size() * 2);
        for (Post post : posts) {
            String earlier = firstFile.putIfAbsent(key.apply(post), post.file());
            if (earlier != null) {
                problems.add(Problem.warning(post.file(), "same " + what + " as " + earlier + " ("
                        + key.apply(post) + "); feed readers will show only one of them"));
            }
        }
    }
}
