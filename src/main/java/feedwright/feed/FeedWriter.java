package feedwright.feed;

/**
 * Renders the {@link Feed} model in one format. Implementations are pure and thread-safe: the same
 * feed always gives the same bytes (UTF-8), and they keep whatever mutable library objects they use
 * inside one call.
 */
public interface FeedWriter {

    FeedFormat format();

    byte[] write(Feed feed);
}
