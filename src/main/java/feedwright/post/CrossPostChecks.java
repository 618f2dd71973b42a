package feedwright.post;

import feedwright.problem.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Problems visible only when posts are compared with each other. */
final class CrossPostChecks {

    private CrossPostChecks() {
    }

    static List<Problem> check(List<Post> posts) {
        List<Problem> problems = new ArrayList<>();
        duplicates(posts, Post::id, "id", problems);
        duplicates(posts, Post::link, "permalink", problems);
        Map<String, Set<String>> spellings = new LinkedHashMap<>();
        Map<String, String> firstFile = new LinkedHashMap<>();
        for (Post post : posts) {
            for (Term tag : post.tags()) {
                String folded = tag.name().toLowerCase(Locale.ROOT);
                spellings.computeIfAbsent(folded, k -> new TreeSet<>()).add(tag.name());
                firstFile.putIfAbsent(folded + "\0" + tag.name(), post.file());
            }
        }
        for (Map.Entry<String, Set<String>> entry : spellings.entrySet()) {
            if (entry.getValue().size() > 1) {
                List<String> names = List.copyOf(entry.getValue());
                String file = firstFile.get(entry.getKey() + "\0" + names.get(1));
                problems.add(Problem.warning(file, 0, 0, "tag '" + names.get(1) + "' differs from '"
                        + names.get(0) + "' only by case; they are published as one tag"));
            }
        }
        return problems;
    }

    private static void duplicates(List<Post> posts, Function<Post, String> key,
                                   String what, List<Problem> problems) {
        Map<String, String> firstFile = new LinkedHashMap<>();
        for (Post post : posts) {
            String earlier = firstFile.putIfAbsent(key.apply(post), post.file());
            if (earlier != null) {
                problems.add(Problem.warning(post.file(), 0, 0, "same " + what + " as " + earlier + " ("
                        + key.apply(post) + "); feed readers will show only one of them"));
            }
        }
    }
}
