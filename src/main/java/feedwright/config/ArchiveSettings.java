package feedwright.config;

/**
 * Whether and how every feed keeps its whole history as RFC 5005 archive pages. Immutable.
 *
 * @param enabled  whether feeds get archive pages (and, when {@code complete}, the mark of a complete feed)
 * @param pageSize how many entries each archive page holds, counted from the oldest post
 * @param complete whether a feed whose every post fits in its subscription document is marked complete
 *                 (RFC 5005 §2) instead of getting archive pages
 */
public record ArchiveSettings(boolean enabled, int pageSize, boolean complete) {

    /** Archives off: each feed is its subscription document alone, as before archives existed. */
    public static final ArchiveSettings OFF = new ArchiveSettings(false, 50, true);

    public ArchiveSettings {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be >= 1");
        }
    }
}
