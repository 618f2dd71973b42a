package feedwright.feed;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One feed in no particular format: the model every writer (RSS, Atom, and later JSON Feed) renders.
 * Immutable.
 *
 * @param siteUrl  the alternate (HTML) link
 * @param selfUrls absolute URL of this feed in each format
 * @param updated  the newest entry's update time; empty when the feed has no entries
 */
public record Feed(
        FeedSpec spec,
        String title,
        String description,
        String language,
        String siteUrl,
        Map<FeedFormat, String> selfUrls,
        String author,
        String generator,
        Optional<OffsetDateTime> updated,
        List<Entry> entries) {

    public Feed {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(siteUrl, "siteUrl");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(updated, "updated");
        selfUrls = Map.copyOf(selfUrls);
        entries = List.copyOf(entries);
        for (FeedFormat format : FeedFormat.values()) {
            if (!selfUrls.containsKey(format)) {
                throw new IllegalArgumentException("no self URL for " + format);
            }
        }
    }

    public String selfUrl(FeedFormat format) {
        return selfUrls.get(format);
    }
}
