package feedwright.feed;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import feedwright.text.FeedDates;
import feedwright.text.Characters;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdom2.Document;
import org.jdom2.output.Format;
import org.jdom2.output.LineSeparator;
import org.jdom2.output.XMLOutputter;

/**
 * What the ROME-based writers share: turning a ROME feed into a JDOM document and serialising it to
 * deterministic UTF-8 bytes, with each entry's HTML copied in already escaped ({@link #write}).
 */
final class XmlDocuments {

    private XmlDocuments() {
    }

    static Document toJdom(WireFeed feed) {
        try {
            return new WireFeedOutput().outputJDom(feed);
        } catch (FeedException e) {
            // Our model always fills the fields ROME requires; reaching this is a bug, not bad input.
            throw new IllegalStateException("ROME refused the feed: " + e.getMessage(), e);
        }
    }

    static byte[] toBytes(Document document) {
        return serialise(document).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes a feed whose entries carry HTML content. Most of a feed's bytes are that HTML, and each post
     * appears in several feeds, so running it through JDOM (which verifies and escapes it character by
     * character, every time) was most of the cost of writing. Instead the document is built with a short
     * placeholder ({@link #content}) where entry {@code i}'s HTML goes, serialised, and the entry's
     * {@link EntryContent#xmlText()}, escaped once per post, is copied in. When some other field of the
     * feed already holds the placeholder's private-use character, the document is simply built with the
     * HTML in place (the same text; characters outside the Basic Multilingual Plane are then written as
     * JDOM writes them, as character references).
     *
     * <p>This is the one step that stays outside ROME, behind the writers. ROME's generators (ours
     * included) produce a JDOM tree, JDOM has no content type for text that is already escaped, and its
     * outputter writes characters: even an output processor letting such text through would encode the
     * HTML again for every feed. The splice copies bytes escaped and encoded once per post. On the 10,000-post corpus, building with the HTML
     * in place instead took about 0.8 s more CPU of some 11.7 s (7 %; median of seven interleaved
     * pairs of runs on the shared 2-core machine).
     *
     * @param document builds the document, with placeholders (true) or with the HTML itself (false)
     */
    static byte[] write(Feed feed, Function<Boolean, Document> document) {
        List<Entry> entries = feed.entries();
        long expected = entries.stream().filter(entry -> !entry.content().isEmpty()).count();
        String skeleton = serialise(document.apply(true));
        if (Characters.count(skeleton, PLACEHOLDER_START) != expected) {
            return toBytes(document.apply(false));
        }
        int size = skeleton.length() * 3 + entries.stream().mapToInt(e -> e.content().xmlText().length).sum();
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        int from = 0;
        for (int start = skeleton.indexOf(PLACEHOLDER_START); start >= 0;
                start = skeleton.indexOf(PLACEHOLDER_START, from)) {
            int end = skeleton.indexOf(PLACEHOLDER_END, start);
            out.writeBytes(skeleton.substring(from, start).getBytes(StandardCharsets.UTF_8));
            out.writeBytes(entries.get(Integer.parseInt(skeleton, start + 1, end, 10)).content().xmlText());
            from = end + 1;
        }
        out.writeBytes(skeleton.substring(from).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /**
     * The text of entry {@code index}'s content element, when it has content: its HTML, or the stand-in
     * {@link #write} replaces. The one place that decides both, so the splice finds what it expects.
     */
    static Optional<String> content(Entry entry, int index, boolean placeholders) {
        if (entry.content().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(placeholders ? PLACEHOLDER_START + Integer.toString(index) + PLACEHOLDER_END
                : entry.contentHtml());
    }

    private static final char PLACEHOLDER_START = '\uE000';
    private static final char PLACEHOLDER_END = '\uE001';

    private static String serialise(Document document) {
        Format format = Format.getPrettyFormat()
                .setEncoding("UTF-8")
                .setLineSeparator(LineSeparator.UNIX)
                .setIndent("  ")
                .setTextMode(Format.TextMode.TRIM_FULL_WHITE);
        // Serialising to a String and encoding it once is several times faster than JDOM's
        // OutputStreamWriter path, which encodes in small chunks.
        return new XMLOutputter(format).outputString(document);
    }

}
