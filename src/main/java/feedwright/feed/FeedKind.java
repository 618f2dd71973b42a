package feedwright.feed;

/** Which posts a feed holds: all of them, one category's, or one tag's. */
public enum FeedKind {
    SITE(""), CATEGORY("categories/"), TAG("tags/");

    private final String folder;

    FeedKind(String folder) {
        this.folder = folder;
    }

    /** The folder that holds this kind's feeds, relative to the feed root, ending in '/' (or empty). */
    public String folder() {
        return folder;
    }
}
