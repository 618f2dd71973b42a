package feedwright.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where jekyll-feed 0.17 published a site's feeds (its {@code feed:} settings in {@code _config.yml}), so
 * that each of those addresses can be redirected to the feed that replaces it. All paths are from the site's
 * root, as jekyll-feed writes them. Immutable.
 *
 * @param path       the site-wide feed ({@code /feed.xml})
 * @param categories the categories that had a feed at {@code /feed/<category>.xml}; empty: every category
 *                   (a site not read from {@code _config.yml}, where any of them may have been configured)
 * @param tags       whether tag feeds were published ({@code feed.tags})
 * @param tagsPath   the folder of the tag feeds, {@code /feed/by_tag/} by default
 * @param tagsOnly   the tags that had a feed ({@code feed.tags.only}); empty: every tag
 * @param tagsExcept the tags that had none ({@code feed.tags.except})
 */
public record JekyllFeedLayout(String path, Optional<List<String>> categories, boolean tags, String tagsPath,
                               Optional<List<String>> tagsOnly, List<String> tagsExcept) {

    /** jekyll-feed makes a tag feed only for a tag of these characters, to keep its path simple. */
    private static final Pattern FEEDABLE_TAG = Pattern.compile("[a-zA-Z0-9_]+");

    /** Every feed jekyll-feed could have published for a site whose settings are unknown. */
    public static final JekyllFeedLayout EVERY_FEED =
            new JekyllFeedLayout("/feed.xml", Optional.empty(), true, "/feed/by_tag/", Optional.empty(), List.of());

    public JekyllFeedLayout {
        Objects.requireNonNull(path, "path");
        categories = categories.map(List::copyOf);
        Objects.requireNonNull(tagsPath, "tagsPath");
        tagsOnly = tagsOnly.map(List::copyOf);
        tagsExcept = List.copyOf(tagsExcept);
    }

    /** The path of a category's feed, if jekyll-feed published one for {@code category} as spelt. */
    public Optional<String> categoryPath(String category) {
        return categories.map(list -> list.contains(category)).orElse(true)
                ? Optional.of("/feed/" + category + ".xml") : Optional.empty();
    }

    /** The path of a tag's feed, if jekyll-feed published one for {@code tag} as spelt. */
    public Optional<String> tagPath(String tag) {
        boolean published = tags && FEEDABLE_TAG.matcher(tag).matches() && !tagsExcept.contains(tag)
                && tagsOnly.map(list -> list.contains(tag)).orElse(true);
        return published ? Optional.of(tagsPath + tag + ".xml") : Optional.empty();
    }
}
