package feedwright.post;

import java.util.Locale;

/**
 * Categories or tags, as problems name them. The folder is the one their feeds are published in
 * ({@code feedwright.feed.FeedFamilies} owns the layout; this package may not depend on it, so the two
 * names are repeated here for messages only).
 */
enum TermKind {
    CATEGORY("category", "categories/"), TAG("tag", "tags/");

    private final String noun;
    private final String folder;

    TermKind(String noun, String folder) {
        this.noun = noun;
        this.folder = folder;
    }

    String noun() {
        return noun;
    }

    /** Why {@code other} is published under {@code first}'s feed: the one wording of every such warning. */
    String mergedMessage(String other, String first, String slug) {
        return other.toLowerCase(Locale.ROOT).equals(first.toLowerCase(Locale.ROOT))
                ? "'" + other + "' differs from '" + first + "' only by case; they are published as one " + noun
                : "'" + other + "' and '" + first + "' have the same address (" + folder + slug + "/); they are "
                        + "published as one " + noun;
    }
}
