package feedwright.feed;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One feed in no particular format: the model every registered {@link FeedFormat} renders.
 * Immutable.
 *
 * @param siteUrl   the alternate (HTML) link
 * @param folderUrl absolute URL of the folder holding this feed's files, percent-encoded, ending in '/'
 * @param updated   the newest entry's update time; empty when the feed has no entries
 * @param polling   how often readers should fetch it; empty when the server asks them to revalidate every time
 * @param icon      absolute URL of the site's small square image, or empty
 * @param logo      absolute URL of the site's larger, wide image, or empty
 * @param hubs      the WebSub hubs a reader may subscribe at (absolute URLs), in the order offered; usually none
 * @param history   where this document stands in the feed's history, and its archive links (RFC 5005)
 */
public record Feed(
        FeedSpec spec,
        String title,
        String description,
        String language,
        String siteUrl,
        String folderUrl,
        String author,
        String generator,
        Optional<OffsetDateTime> updated,
        List<Entry> entries,
        Optional<PollingHint> polling,
        String icon,
        String logo,
        List<String> hubs,
        History history) {

    public Feed {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(siteUrl, "siteUrl");
        Objects.requireNonNull(folderUrl, "folderUrl");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(updated, "updated");
        entries = List.copyOf(entries);
        Objects.requireNonNull(polling, "polling");
        Objects.requireNonNull(icon, "icon");
        Objects.requireNonNull(logo, "logo");
        hubs = List.copyOf(hubs);
        Objects.requireNonNull(history, "history");
    }

    /** A feed with archives off. */
    public Feed(FeedSpec spec, String title, String description, String language, String siteUrl, String folderUrl,
                String author, String generator, Optional<OffsetDateTime> updated, List<Entry> entries,
                Optional<PollingHint> polling, String icon, String logo, List<String> hubs) {
        this(spec, title, description, language, siteUrl, folderUrl, author, generator, updated, entries, polling,
                icon, logo, hubs, History.NONE);
    }

    /** A feed that names no hub. */
    public Feed(FeedSpec spec, String title, String description, String language, String siteUrl, String folderUrl,
                String author, String generator, Optional<OffsetDateTime> updated, List<Entry> entries,
                Optional<PollingHint> polling, String icon, String logo) {
        this(spec, title, description, language, siteUrl, folderUrl, author, generator, updated, entries, polling,
                icon, logo, List.of());
    }

    /** A feed with no polling hint and no images: that of a site with {@code server.max_age: 0}, no icon and no logo. */
    public Feed(FeedSpec spec, String title, String description, String language, String siteUrl, String folderUrl,
                String author, String generator, Optional<OffsetDateTime> updated, List<Entry> entries) {
        this(spec, title, description, language, siteUrl, folderUrl, author, generator, updated, entries,
                Optional.empty(), "", "");
    }

    /** Absolute URL of this feed's file in a format, {@code fileName} being that format's. */
    public String selfUrl(String fileName) {
        return listing().selfUrl(fileName);
    }

    /** What a list of feeds says of this one. */
    public FeedListing listing() {
        return new FeedListing(spec, title, folderUrl, entries.size(), updated);
    }
}
