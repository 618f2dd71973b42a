package feedwright.snapshot;

import feedwright.config.SiteConfig;
import feedwright.config.SiteSettings;
import feedwright.feed.FeedFormats;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code Link} header fields of a feed response (WebSub §4): {@code <hub>; rel="hub"} for each hub the
 * site advertises and exactly one {@code <feed URL>; rel="self"}, the URL being the one the document's own
 * self link gives. Written once per representation when a snapshot is built, so a request only copies them.
 * A site without a hub sends none: the self link alone tells a reader nothing it lacks. Immutable.
 */
public final class FeedLinks {

    /** No {@code Link} fields at all: a site without a hub, and every resource that is not a feed. */
    public static final FeedLinks NONE = new FeedLinks(null, List.of());

    private final SiteSettings site;
    private final List<String> hubFields;

    private FeedLinks(SiteSettings site, List<String> hubs) {
        this.site = site;
        this.hubFields = hubs.stream().map(hub -> "<" + hub + ">; rel=\"hub\"").toList();
    }

    /** The links of the site {@code config} describes: its advertised hubs ({@code websub.*}). */
    public static FeedLinks of(SiteConfig config) {
        List<String> hubs = config.websub().advertised(config.site());
        return hubs.isEmpty() ? NONE : new FeedLinks(Objects.requireNonNull(config.site()), hubs);
    }

    /** The fields for the resource at {@code path} ({@code /tags/ai/rss.xml}): none unless it is a feed. */
    List<String> forResource(String path, String contentType) {
        if (hubFields.isEmpty() || !FeedFormats.isFeed(contentType)) {
            return List.of();
        }
        List<String> fields = new ArrayList<>(hubFields);
        fields.add("<" + site.feedUrl(path.substring(1)) + ">; rel=\"self\"");
        return List.copyOf(fields);
    }
}
