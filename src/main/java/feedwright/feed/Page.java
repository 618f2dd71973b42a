package feedwright.feed;

/**
 * Which page of a feed a document is. The first is the one readers subscribe to, with the newest posts;
 * it is the only page written today. Archive pages (RFC 5005 §4) will follow it, each in a folder of its
 * own under the feed's, so every page keeps the feed's file names.
 *
 * @param number 1 for the first page, counting up towards older posts
 */
public record Page(int number) {

    public static final Page FIRST = new Page(1);

    public Page {
        if (number < 1) {
            throw new IllegalArgumentException("pages are numbered from 1: " + number);
        }
    }

    /** The page's folder relative to its feed's, ending in '/', or empty for the first page. */
    public String folder() {
        return number == 1 ? "" : "page/" + number + "/";
    }
}
