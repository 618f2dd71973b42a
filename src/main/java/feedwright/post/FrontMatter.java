package feedwright.post;

import feedwright.problem.Problem;
import java.util.Optional;

/**
 * A post split into its YAML front matter and its Markdown body. The block is opened by a first line
 * of {@code ---} and closed by the next line of {@code ---} (or YAML's {@code ...}); trailing spaces
 * are allowed on both.
 *
 * @param yaml          the text between the two lines
 * @param yamlLineIndex 0-based index of the first YAML line in the file (always 1)
 * @param body          everything after the closing line
 * @param bodyLine      1-based line of the file where the body starts
 */
record FrontMatter(String yaml, int yamlLineIndex, String body, int bodyLine) {

    /** Splits {@code text} (already with {@code \n} line ends), or says why it cannot. */
    static Result split(String file, String text) {
        int firstEnd = lineEnd(text, 0);
        if (!isFence(text.substring(0, firstEnd), false)) {
            return new Result(Optional.empty(), Optional.of(Problem.error(file, 1, 1,
                    "no front matter: a post must start with a '---' line, then YAML, then another '---' line")));
        }
        int line = 2;
        int start = Math.min(firstEnd + 1, text.length());
        for (int pos = start; pos < text.length(); line++) {
            int end = lineEnd(text, pos);
            if (isFence(text.substring(pos, end), true)) {
                String body = end < text.length() ? text.substring(end + 1) : "";
                return new Result(Optional.of(new FrontMatter(text.substring(start, pos), 1, body, line + 1)),
                        Optional.empty());
            }
            pos = end + 1;
        }
        return new Result(Optional.empty(), Optional.of(Problem.error(file, 1, 1,
                "front matter is never closed: add a '---' line after the YAML")));
    }

    private static int lineEnd(String text, int from) {
        int newline = text.indexOf('\n', from);
        return newline < 0 ? text.length() : newline;
    }

    private static boolean isFence(String line, boolean closing) {
        String trimmed = line.stripTrailing();
        return trimmed.equals("---") || (closing && trimmed.equals("..."));
    }

    /** Either the split post or the problem that prevents it. */
    record Result(Optional<FrontMatter> frontMatter, Optional<Problem> problem) {
    }
}
