package feedwright.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import feedwright.text.CharBlocks;
import feedwright.text.FeedDates;
import feedwright.text.Surrogates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), written with Jackson's streaming generator.
 * An item's {@code id} is the Atom entry's id and its dates are the Atom entry's, with the post's own
 * offset. Members are always written in the same order, pretty-printed with two spaces and LF as the XML
 * feeds are, so equal feeds give equal bytes on every machine. Strings are safe whatever a post holds:
 * Jackson escapes the C0 controls, {@link #separatorsEscaped} escapes U+2028 and U+2029 (line breaks to JavaScript
 * before ES2019, which evaluated JSON as script), and {@link Surrogates#replaceLone} replaces a lone surrogate,
 * which has no UTF-8 form, with U+FFFD. Stateless and thread-safe.
 */
public final class JsonFeedWriter extends FeedFormat {

    private static final String FILE_NAME = "feed.json";
    private static final String MEDIA_TYPE = "application/feed+json";

    static final String VERSION = "https://jsonfeed.org/version/1.1";

    private static final JsonFactory JSON = new JsonFactoryBuilder()
            // A pair is written as the character's four UTF-8 bytes, not as two \\u escapes.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private static final DefaultPrettyPrinter PRETTY = prettyPrinter();

    public JsonFeedWriter() {
        super("JSON Feed", "1.1", FILE_NAME, MEDIA_TYPE);
    }

    @Override
    public byte[] write(Feed feed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096 + feed.entries().stream()
                .mapToInt(entry -> entry.contentHtml().length() * 3 / 2 + 1024).sum());
        Document document;
        try (JsonGenerator json = JSON.createGenerator(out)) {
            // Each generator gets its own copy: a pretty printer keeps the nesting level as it writes.
            json.setPrettyPrinter(PRETTY.createInstance());
            document = new Document(json);
            document.feed(feed);
            json.writeRaw('\n');
        } catch (IOException e) {
            // A ByteArrayOutputStream does not fail, and every string is made writable first.
            throw new UncheckedIOException(e);
        }
        // Rare in posts, so the bytes are only looked through when a string had one.
        return document.hasSeparator ? separatorsEscaped(out.toByteArray()) : out.toByteArray();
    }

    /**
     * {@code json} with U+2028 and U+2029 written as the escapes {@code \u2028} and {@code \u2029}. Done on the
     * bytes, since Jackson's own hook for extra escapes (character escapes) sends every string through a slow path
     * (a third of the time a JSON Feed took); in UTF-8 the three bytes of either character are that character and
     * nothing else, and outside strings JSON has none.
     */
    static byte[] separatorsEscaped(byte[] json) {
        int found = 0;
        for (int i = 0; i + 2 < json.length; i++) {
            if (isSeparatorAt(json, i)) {
                found++;
            }
        }
        if (found == 0) {
            return json;
        }
        byte[] escaped = new byte[json.length + found * 3];
        int to = 0;
        for (int i = 0; i < json.length; i++) {
            if (i + 2 < json.length && isSeparatorAt(json, i)) {
                String escape = json[i + 2] == (byte) 0xA8 ? "\\u2028" : "\\u2029";
                for (int k = 0; k < escape.length(); k++) {
                    escaped[to++] = (byte) escape.charAt(k);
                }
                i += 2;
            } else {
                escaped[to++] = json[i];
            }
        }
        return escaped;
    }

    /** Whether U+2028 (E2 80 A8) or U+2029 (E2 80 A9) begins at {@code i}. */
    private static boolean isSeparatorAt(byte[] json, int i) {
        return json[i] == (byte) 0xE2 && json[i + 1] == (byte) 0x80
                && (json[i + 2] == (byte) 0xA8 || json[i + 2] == (byte) 0xA9);
    }

    /**
     * One document being written: its generator, and whether a string it wrote holds U+2028 or U+2029, found by the
     * same look at each string that finds a lone surrogate.
     */
    private static final class Document {

        private final JsonGenerator json;
        private boolean hasSeparator;

        Document(JsonGenerator json) {
            this.json = json;
        }

        void feed(Feed feed) throws IOException {
            json.writeStartObject();
            json.writeStringField("version", VERSION);
            string("title", feed.title());
            string("home_page_url", feed.siteUrl());
            string("feed_url", feed.selfUrl(FILE_NAME));
            // JSON Feed 1.1 next_url, "the URL of a feed that provides the next n items": walking back in time,
            // the subscription document's names the newest archive page, and each page's the one before it.
            Optional<String> older = feed.history().previousUrl(FILE_NAME);
            if (older.isPresent()) {
                string("next_url", older.get());
            }
            string("description", feed.description());
            // icon: "for the feed … much the way an avatar might be used", square and large; favicon: "for the
            // feed … in a source list", square and small. One square image (the site's icon) serves as both.
            if (!feed.icon().isEmpty()) {
                string("icon", feed.icon());
                string("favicon", feed.icon());
            }
            string("language", feed.language());
            authors(feed.author());
            hubs(feed.hubs());
            json.writeArrayFieldStart("items");
            for (Entry entry : feed.entries()) {
                item(entry);
            }
            json.writeEndArray();
            json.writeEndObject();
        }

        /**
         * JSON Feed 1.1 {@code hubs}: "endpoints that can be used to subscribe to real-time notifications"; none, none
         * written.
         */
        private void hubs(List<String> hubs) throws IOException {
            if (hubs.isEmpty()) {
                return;
            }
            json.writeArrayFieldStart("hubs");
            for (String hub : hubs) {
                json.writeStartObject();
                string("type", "WebSub");
                string("url", hub);
                json.writeEndObject();
            }
            json.writeEndArray();
        }

        private void item(Entry entry) throws IOException {
            json.writeStartObject();
            string("id", entry.id());
            string("url", entry.link());
            string("title", entry.title());
            // §Items: an item has content_html or content_text. A summary-only site publishes no HTML body,
            // and its summary is plain text (Atom writes it as type="text"), so it becomes content_text.
            if (entry.content().isEmpty()) {
                string("content_text", entry.summary());
            } else {
                string("content_html", entry.contentHtml());
            }
            if (!entry.summary().isEmpty()) {
                string("summary", entry.summary());
            }
            if (!entry.image().isEmpty()) {
                string("image", entry.image());
            }
            json.writeStringField("date_published", FeedDates.rfc3339(entry.published()));
            json.writeStringField("date_modified", FeedDates.rfc3339(entry.updated()));
            authors(entry.author());
            tags(entry);
            json.writeEndObject();
        }

        /** §Authors: an author object has at least one member, so an empty name writes no {@code authors}. */
        private void authors(String name) throws IOException {
            if (name.isEmpty()) {
                return;
            }
            json.writeArrayFieldStart("authors");
            json.writeStartObject();
            string("name", name);
            json.writeEndObject();
            json.writeEndArray();
        }

        /**
         * Categories, then tags, each name once. Atom and RSS tell a category from a tag of the same name by
         * its scheme (the folder of its feeds); a JSON Feed tag is a bare string, so a second copy would say
         * nothing more.
         */
        private void tags(Entry entry) throws IOException {
            if (entry.categories().isEmpty() && entry.tags().isEmpty()) {
                return;
            }
            Set<String> names = new LinkedHashSet<>();
            entry.categories().forEach(category -> names.add(category.name()));
            entry.tags().forEach(tag -> names.add(tag.name()));
            json.writeArrayFieldStart("tags");
            for (String name : names) {
                json.writeString(writable(name));
            }
            json.writeEndArray();
        }

        private void string(String name, String value) throws IOException {
            json.writeStringField(name, writable(value));
        }

        /**
         * {@code text} with every lone surrogate replaced by U+FFFD ({@link Surrogates#replaceLone}), noting whether
         * it holds a line or paragraph separator. Jackson would write a lone surrogate as a {@code \\uD800} escape,
         * which RFC 8259 §8.2 leaves to each parser.
         */
        private String writable(String text) {
            int found = firstToLookAt(text);
            if (found < 0) {
                return text;
            }
            hasSeparator |= text.indexOf('\u2028', found) >= 0 || text.indexOf('\u2029', found) >= 0;
            return Surrogates.replaceLone(text);
        }
    }

    /**
     * Index of the first char of {@code text} that {@link Surrogates#replaceLone} or {@link #separatorsEscaped} may
     * change (a surrogate, U+2028 or U+2029), or -1; read a block of chars at a time ({@link CharBlocks}), since
     * every string of every document goes through here (a look at each char through {@code charAt} was a fifth of
     * writing a JSON Feed).
     */
    static int firstToLookAt(String text) {
        int length = text.length();
        char[] block = CharBlocks.buffer();
        for (int start = 0; start < length; start += block.length) {
            int end = Math.min(length, start + block.length);
            text.getChars(start, end, block, 0);
            for (int i = 0; i < end - start; i++) {
                char c = block[i];
                if (c >= '\u2028' && (c <= '\u2029' || c >= '\uD800' && c <= '\uDFFF')) {
                    return start + i;
                }
            }
        }
        return -1;
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        // LF on every platform: Jackson's default indenter uses the system's line separator.
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }
}
