package feedwright.feed;

import feedwright.text.UrlPaths;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one feed document stands in its feed's history (RFC 5005), and the documents it links to: the
 * links are to folders (absolute, percent-encoded, ending in '/'), each format adding its own file name, so
 * an RSS page links to RSS pages and a JSON one to JSON pages. Immutable.
 *
 * @param kind     what the document is
 * @param current  the subscription document's folder; present on archive pages only
 * @param previous the next older document's folder ({@code prev-archive}): on the subscription document the
 *                 newest archive page, on an archive page the one before it; absent on the oldest page
 * @param next     the next newer archive page's folder ({@code next-archive}); absent on the newest page and
 *                 on the subscription document
 */
public record History(Kind kind, Optional<String> current, Optional<String> previous, Optional<String> next) {

    /** RFC 5005's namespace, for {@code fh:archive} and {@code fh:complete}. */
    public static final String NAMESPACE = "http://purl.org/syndication/history/1.0";

    /** A feed with archives off: no links and no mark, as before archives existed. */
    public static final History NONE = new History(Kind.PLAIN, Optional.empty(), Optional.empty(), Optional.empty());

    /** What a feed document is in its feed's history. */
    public enum Kind {
        /** Archives are off: the document says nothing of its history. */
        PLAIN,
        /** The subscription document holds every post of the feed: {@code <fh:complete/>} (RFC 5005 §2). */
        COMPLETE,
        /** The subscription document of a feed with archive pages (RFC 5005 §4). */
        SUBSCRIPTION,
        /** An archive page: {@code <fh:archive/>}. */
        ARCHIVE
    }

    public History {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(next, "next");
    }

    /** The {@code rel="current"} URL of a format's file; present on archive pages. */
    public Optional<String> currentUrl(String fileName) {
        return current.map(folder -> folder + UrlPaths.encodePath(fileName));
    }

    /** The {@code rel="prev-archive"} URL of a format's file. */
    public Optional<String> previousUrl(String fileName) {
        return previous.map(folder -> folder + UrlPaths.encodePath(fileName));
    }

    /** The {@code rel="next-archive"} URL of a format's file. */
    public Optional<String> nextUrl(String fileName) {
        return next.map(folder -> folder + UrlPaths.encodePath(fileName));
    }
}
