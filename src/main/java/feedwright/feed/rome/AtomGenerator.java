package feedwright.feed.rome;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.impl.Atom10Generator;
import feedwright.text.FeedDates;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * ROME's Atom 1.0 generator with the feed's language as {@code xml:lang} and dates with the post's own
 * offset (from {@link PostTimes}). Entry extensions (media) come from the module generators registered
 * for {@link #TYPE}. Like ROME's own subclasses, it completes the element it is populating: ROME writes
 * a date from a {@link java.util.Date} in UTC, and this writes the same instant in the post's offset.
 * Stateless and thread-safe, as ROME's generators are.
 */
public final class AtomGenerator extends Atom10Generator {

    public static final String TYPE = "feedwright_atom_1.0";

    public AtomGenerator() {
        super(TYPE, "1.0");
    }

    @Override
    protected Element createRootElement(Feed feed) {
        Element root = super.createRootElement(feed);
        // ROME's Atom 1.0 generator drops the feed's language; RFC 4287 §2 carries it as xml:lang.
        if (feed.getLanguage() != null) {
            root.setAttribute("lang", feed.getLanguage(), Namespace.XML_NAMESPACE);
        }
        return root;
    }

    @Override
    protected void populateFeedHeader(Feed feed, Element eFeed) throws FeedException {
        super.populateFeedHeader(feed, eFeed);
        PostTimes.in(feed.getModules()).ifPresent(times -> writeTimes(times, eFeed));
    }

    @Override
    protected void populateEntry(Entry entry, Element eEntry) throws FeedException {
        super.populateEntry(entry, eEntry);
        PostTimes.in(entry.getModules()).ifPresent(times -> writeTimes(times, eEntry));
    }

    private void writeTimes(PostTimes times, Element element) {
        element.getChild("updated", getFeedNamespace()).setText(FeedDates.rfc3339(times.getUpdated()));
        times.getPublished().ifPresent(published ->
                element.getChild("published", getFeedNamespace()).setText(FeedDates.rfc3339(published)));
    }
}
