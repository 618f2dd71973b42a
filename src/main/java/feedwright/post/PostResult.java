package feedwright.post;

import feedwright.problem.Problem;
import java.util.List;
import java.util.Optional;

/**
 * What reading one file gave: the post (absent when an error or {@code published: false} keeps it
 * out), every problem found, and why it was skipped when it was. Immutable.
 */
public record PostResult(String file, Optional<Post> post, List<Problem> problems, Optional<String> skipReason) {

    public PostResult {
        problems = List.copyOf(problems);
    }

    static PostResult published(Post post, List<Problem> problems) {
        return new PostResult(post.file(), Optional.of(post), problems, Optional.empty());
    }

    static PostResult skipped(String file, List<Problem> problems, String reason) {
        return new PostResult(file, Optional.empty(), problems, Optional.of(reason));
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }
}
