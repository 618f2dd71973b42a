package feedwright.post;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A title repaired where a byte limit cut it. Such a title ends in U+FFFD, the remains of a character
 * whose bytes were split, which every reader shows as a broken character. The body's first line often
 * holds the whole title: when it starts with the title's text before the cut, it is the title;
 * otherwise an ellipsis marks the cut. A U+FFFD anywhere else is removed. Stateless.
 */
final class CutTitle {

    private static final char REPLACEMENT = '\uFFFD';

    private CutTitle() {
    }

    /** The title and what was done to it; nothing when it holds no U+FFFD. */
    record Repair(String title, String note) {
    }

    /**
     * @param title    the front matter title, plain text on one line
     * @param leadLine the body's first line as plain text, or empty; asked only for a cut title
     */
    static Optional<Repair> repair(String title, Supplier<String> leadLine) {
        if (title.indexOf(REPLACEMENT) < 0) {
            return Optional.empty();
        }
        String stripped = title.stripTrailing();
        boolean cutOff = stripped.charAt(stripped.length() - 1) == REPLACEMENT;
        String kept = stripped.replace(String.valueOf(REPLACEMENT), "").replaceAll("\\s{2,}", " ").strip();
        if (kept.isEmpty()) {
            return Optional.of(new Repair(kept, "title: nothing but U+FFFD replacement characters; using the file name"));
        }
        if (!cutOff) {
            return Optional.of(new Repair(kept, "title: removed U+FFFD, the replacement character"));
        }
        String lead = leadLine.get();
        if (lead.length() > kept.length() && lead.startsWith(kept)) {
            return Optional.of(new Repair(lead,
                    "title: cut off (it ended in U+FFFD); completed from the body's first line"));
        }
        return Optional.of(new Repair(kept + "…",
                "title: cut off (it ended in U+FFFD); '…' marks the cut"));
    }
}
