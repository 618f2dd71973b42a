package feedwright.feed;

/** The formats every feed is written in; each has its file name and media type. */
public enum FeedFormat {
    RSS("rss.xml", "application/rss+xml"),
    ATOM("atom.xml", "application/atom+xml");

    private final String fileName;
    private final String mediaType;

    FeedFormat(String fileName, String mediaType) {
        this.fileName = fileName;
        this.mediaType = mediaType;
    }

    public String fileName() {
        return fileName;
    }

    /** The media type without parameters, as {@code <link type>} and OPML want it. */
    public String mediaType() {
        return mediaType;
    }
}
