package feedwright.config;

import java.util.Objects;

/**
 * What goes into each feed. Immutable.
 *
 * @param limit           most entries in one feed
 * @param content         whether entries carry the whole body or only the summary
 * @param future          whether posts dated after the build time are published
 * @param maxTermsPerPost a post with more categories and tags than this (together) is refused: each term
 *                        makes a feed that repeats the post
 * @param idScheme        how an entry's id is made when the post names none
 * @param archives        whether each feed keeps its whole history in archive pages
 */
public record FeedSettings(int limit, ContentMode content, boolean future, int maxTermsPerPost, IdScheme idScheme,
                           ArchiveSettings archives) {

    public FeedSettings {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(idScheme, "idScheme");
        Objects.requireNonNull(archives, "archives");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1");
        }
        if (maxTermsPerPost < 1) {
            throw new IllegalArgumentException("maxTermsPerPost must be >= 1");
        }
    }

    /** Settings with archives off. */
    public FeedSettings(int limit, ContentMode content, boolean future, int maxTermsPerPost, IdScheme idScheme) {
        this(limit, content, future, maxTermsPerPost, idScheme, ArchiveSettings.OFF);
    }

    static FeedSettings from(ConfigValues values) {
        return new FeedSettings(values.get(ConfigKeys.LIMIT), values.get(ConfigKeys.CONTENT),
                values.get(ConfigKeys.FUTURE), values.get(ConfigKeys.MAX_TERMS_PER_POST),
                values.get(ConfigKeys.ID_SCHEME), new ArchiveSettings(values.get(ConfigKeys.ARCHIVES),
                        values.get(ConfigKeys.ARCHIVE_PAGE_SIZE), values.get(ConfigKeys.COMPLETE)));
    }
}
