package feedwright.feed;

import feedwright.text.UrlPaths;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * What a list of feeds (the index page, an OPML list) says of one subscription document: its name, title,
 * address and how many entries it shows. Known from the plan alone, so listing a feed never needs its posts
 * rendered. Immutable.
 *
 * @param folderUrl absolute URL of the folder holding the feed's files, percent-encoded, ending in '/'
 * @param entries   how many entries the document shows
 * @param updated   the newest entry's update time; empty when the feed has no entries
 */
public record FeedListing(FeedSpec spec, String title, String folderUrl, int entries, Optional<OffsetDateTime> updated) {

    public FeedListing {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(folderUrl, "folderUrl");
        Objects.requireNonNull(updated, "updated");
    }

    /** Absolute URL of this feed's file in a format, {@code fileName} being that format's. */
    public String selfUrl(String fileName) {
        return folderUrl + UrlPaths.encodePath(fileName);
    }
}
