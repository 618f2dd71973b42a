package feedwright.feed;

import java.util.List;
import java.util.function.Function;

/** The registry of formats: every feed is written in each, in this order. */
public final class FeedFormats {

    private static final List<FeedFormat> ALL = List.of(new RssWriter(), new AtomWriter(), new JsonFeedWriter());

    private FeedFormats() {
    }

    /** Every format, RSS first: OPML subscribes to the first, and pages list them in this order. */
    public static List<FeedFormat> all() {
        return ALL;
    }

    /**
     * Whether a resource of this {@code Content-Type} is a feed, in one of the formats, rather than a page
     * for people or an OPML list.
     */
    public static boolean isFeed(String contentType) {
        return ALL.stream().anyMatch(format -> format.contentType().equals(contentType));
    }

    /** The formats' names joined for a sentence, in registry order: {@code RSS and Atom}. */
    public static String listed(Function<FeedFormat, String> name) {
        return joined(ALL.stream().map(name).toList());
    }

    static String joined(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
