package feedwright.feed;

import com.rometools.modules.mediarss.MediaEntryModuleImpl;
import com.rometools.modules.mediarss.types.MediaContent;
import com.rometools.modules.mediarss.types.Metadata;
import com.rometools.modules.mediarss.types.Thumbnail;
import com.rometools.modules.mediarss.types.UrlReference;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.module.SyModuleImpl;
import feedwright.feed.rome.PostTimes;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * What the RSS and Atom writers map alike: the one loop over a feed's entries, each entry's terms,
 * times and image, and the feed's polling hint, as ROME wants them. Stateless.
 */
final class XmlEntries {

    private static final Namespace HISTORY = Namespace.getNamespace("fh", History.NAMESPACE);

    private XmlEntries() {
    }

    /**
     * Marks an archive page {@code <fh:archive/>} and a complete feed {@code <fh:complete/>} (RFC 5005),
     * before the first of {@code container}'s entries ({@code item} or {@code entry}), the namespace declared
     * on the root; a feed without archives is left as it is.
     */
    static Document markHistory(Feed feed, Document document, Element container, String entryName) {
        String mark = switch (feed.history().kind()) {
            case ARCHIVE -> "archive";
            case COMPLETE -> "complete";
            case PLAIN, SUBSCRIPTION -> null;
        };
        if (mark != null) {
            document.getRootElement().addNamespaceDeclaration(HISTORY);
            Element first = container.getChild(entryName, container.getNamespace());
            int at = first == null ? container.getContentSize() : container.indexOf(first);
            container.addContent(at, new Element(mark, HISTORY));
        }
        return document;
    }

    /** One RFC 5005 link of a feed document. */
    record HistoryLink(String rel, String url) {
    }

    /** The document's RFC 5005 links to a format's files, in order: current, prev-archive, next-archive. */
    static List<HistoryLink> historyLinks(Feed feed, String fileName) {
        List<HistoryLink> links = new ArrayList<>();
        History history = feed.history();
        history.currentUrl(fileName).ifPresent(url -> links.add(new HistoryLink("current", url)));
        history.previousUrl(fileName).ifPresent(url -> links.add(new HistoryLink("prev-archive", url)));
        history.nextUrl(fileName).ifPresent(url -> links.add(new HistoryLink("next-archive", url)));
        return links;
    }

    /** Maps one entry, given the text of its content element when it has content. */
    @FunctionalInterface
    interface EntryMapper<T> {
        T map(Entry entry, Optional<String> content);
    }

    /**
     * The feed's entries mapped in order.
     *
     * @param placeholders whether content is written as placeholders ({@link XmlDocuments#content})
     */
    static <T> List<T> map(Feed feed, boolean placeholders, EntryMapper<T> mapper) {
        List<Entry> entries = feed.entries();
        List<T> mapped = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            mapped.add(mapper.map(entry, XmlDocuments.content(entry, i, placeholders)));
        }
        return mapped;
    }

    /** The entry's categories, then its tags: both formats list them as categories. */
    static List<Entry.Category> terms(Entry entry) {
        List<Entry.Category> all = new ArrayList<>(entry.categories().size() + entry.tags().size());
        all.addAll(entry.categories());
        all.addAll(entry.tags());
        return all;
    }

    /**
     * The feed's polling hint as the Syndication module ({@code sy:updatePeriod}, {@code sy:updateFrequency});
     * empty when it has none. RSS also writes the hint's minutes as {@code ttl}.
     */
    static Optional<Module> syndication(Feed feed) {
        return feed.polling().map(hint -> {
            SyModuleImpl sy = new SyModuleImpl();
            sy.setUpdatePeriod(hint.period().word());
            sy.setUpdateFrequency(hint.frequency());
            return sy;
        });
    }

    static PostTimes times(Entry entry) {
        return PostTimes.of(entry.published(), entry.updated());
    }

    static Date date(OffsetDateTime time) {
        return Date.from(time.toInstant());
    }

    /**
     * The post's image as Media RSS, which jekyll-feed and many readers use in RSS and Atom alike:
     * {@code media:thumbnail} and {@code media:content medium="image"}. Empty when it has none.
     */
    static Optional<Module> image(Entry entry) {
        if (entry.image().isEmpty()) {
            return Optional.empty();
        }
        URI url = uri(entry.image());
        Metadata metadata = new Metadata();
        metadata.setThumbnail(new Thumbnail[] {new Thumbnail(url)});
        MediaContent content = new MediaContent(new UrlReference(url));
        content.setMedium("image");
        MediaEntryModuleImpl media = new MediaEntryModuleImpl();
        media.setMetadata(metadata);
        media.setMediaContents(new MediaContent[] {content});
        return Optional.of(media);
    }

    /** The post loader gives only URLs it parsed or percent-encoded itself, and a URI prints as it was given. */
    private static URI uri(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("an image URL the post loader let through: " + e.getMessage(), e);
        }
    }
}
