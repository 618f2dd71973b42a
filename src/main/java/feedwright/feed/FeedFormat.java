package feedwright.feed;

/**
 * One format every feed is written in, as a plug-in: its writer, and what the rest of the program needs to
 * know about it (the file name beside the feed's other formats, the media type, the label people read).
 * Everything that handles formats (the snapshot, the index page, the OPML list, the command line) loops over
 * {@link FeedFormats#all()}, so a new format is one class and one line there.
 *
 * <p>Implementations are pure and thread-safe: the same feed always gives the same bytes (UTF-8), and they
 * keep whatever mutable library objects they use inside one call.
 */
public abstract class FeedFormat {

    private final String label;
    private final String version;
    private final String fileName;
    private final String mediaType;

    /**
     * @param label     what people call it, as the index page's links and the command line say it: {@code RSS}
     * @param version   the version written, shown after the label where it matters: {@code 2.0}
     * @param fileName  the file each feed is written to in this format, in the feed's folder: {@code rss.xml}
     * @param mediaType the media type without parameters, as {@code <link type>} and OPML want it
     */
    protected FeedFormat(String label, String version, String fileName, String mediaType) {
        this.label = label;
        this.version = version;
        this.fileName = fileName;
        this.mediaType = mediaType;
    }

    public final String label() {
        return label;
    }

    public final String version() {
        return version;
    }

    public final String fileName() {
        return fileName;
    }

    public final String mediaType() {
        return mediaType;
    }

    /** The media type a response carries: every format is written in UTF-8. */
    public final String contentType() {
        return mediaType + "; charset=utf-8";
    }

    public abstract byte[] write(Feed feed);
}
