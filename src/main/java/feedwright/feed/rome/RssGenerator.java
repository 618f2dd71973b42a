package feedwright.feed.rome;

import com.rometools.modules.atom.modules.AtomLinkModule;
import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.impl.RSS20Generator;
import feedwright.text.FeedDates;
import org.jdom2.Document;
import org.jdom2.Element;

/**
 * ROME's RSS 2.0 generator with what Feedwright's RSS adds: the channel's {@code atom:link rel="self"}
 * and {@code rel="hub"} (from an {@link AtomLinkModule}) right after its description, and dates with the post's own offset
 * (from {@link PostTimes}). Item extensions ({@code dc:creator}, {@code atom:updated},
 * {@code content:encoded}, media) come from the module generators registered for {@link #TYPE}, in the
 * order of the item's modules. Like ROME's own subclasses, it completes the element it is populating:
 * ROME writes a date from a {@link java.util.Date} in UTC, and this writes the same instant in the
 * post's offset. Stateless and thread-safe, as ROME's generators are.
 */
public final class RssGenerator extends RSS20Generator {

    public static final String TYPE = "feedwright_rss_2.0";

    public RssGenerator() {
        super(TYPE, "2.0");
    }

    @Override
    public Document generate(WireFeed feed) throws FeedException {
        Document document = super.generate(feed);
        // ROME drops declarations no element uses; Feedwright's RSS has always declared content:, so a
        // summary-only feed keeps the bytes it always had.
        document.getRootElement().addNamespaceDeclaration(XmlNamespaces.CONTENT);
        return document;
    }

    @Override
    protected void populateChannel(Channel channel, Element eChannel) {
        super.populateChannel(channel, eChannel);
        if (channel.getModule(AtomLinkModule.URI) instanceof AtomLinkModule links) {
            int afterDescription = eChannel.indexOf(eChannel.getChild("description", getFeedNamespace())) + 1;
            for (Link link : links.getLinks()) {
                eChannel.addContent(afterDescription++, atomLink(link));
            }
        }
        PostTimes.in(channel.getModules()).ifPresent(times ->
                eChannel.getChild("lastBuildDate", getFeedNamespace()).setText(FeedDates.rfc822(times.getUpdated())));
    }

    @Override
    public void populateItem(Item item, Element eItem, int index) {
        super.populateItem(item, eItem, index);
        PostTimes.in(item.getModules()).flatMap(PostTimes::getPublished).ifPresent(published ->
                eItem.getChild("pubDate", getFeedNamespace()).setText(FeedDates.rfc822(published)));
    }

    /** An {@code atom:link}; a hub's has no {@code type} (WebSub §4 names none). */
    private static Element atomLink(Link link) {
        Element element = new Element("link", XmlNamespaces.ATOM)
                .setAttribute("href", link.getHref())
                .setAttribute("rel", link.getRel());
        if (link.getType() != null) {
            element.setAttribute("type", link.getType());
        }
        return element;
    }
}
