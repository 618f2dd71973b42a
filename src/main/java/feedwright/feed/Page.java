package feedwright.feed;

/**
 * Which document of a feed this is: the subscription document readers subscribe to (the newest posts), or
 * one of its archive pages (RFC 5005 §4). Archive pages are numbered from the oldest posts up, so a page's
 * number and boundaries never move when posts are added; each sits in a folder of its own under the
 * feed's ({@code archive/3/}), so every page keeps the feed's file names.
 *
 * @param number 0 for the subscription document; 1 for the archive page of the oldest posts, counting up
 *               towards newer ones
 */
public record Page(int number) {

    public static final Page CURRENT = new Page(0);

    public Page {
        if (number < 0) {
            throw new IllegalArgumentException("archive pages are numbered from 1: " + number);
        }
    }

    /** Archive page {@code number}, 1 being the one holding the oldest posts. */
    public static Page archive(int number) {
        if (number < 1) {
            throw new IllegalArgumentException("archive pages are numbered from 1: " + number);
        }
        return new Page(number);
    }

    public boolean isArchive() {
        return number > 0;
    }

    /** The page's folder relative to its feed's, ending in '/', or empty for the subscription document. */
    public String folder() {
        return isArchive() ? "archive/" + number + "/" : "";
    }
}
