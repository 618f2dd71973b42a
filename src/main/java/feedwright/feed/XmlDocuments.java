package feedwright.feed;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Locale;
import org.jdom2.Document;
import org.jdom2.output.Format;
import org.jdom2.output.LineSeparator;
import org.jdom2.output.XMLOutputter;

/**
 * What the ROME-based writers share: turning a ROME feed into a JDOM document, serialising it to
 * deterministic UTF-8 bytes, and the two date forms feeds use. ROME writes every date in UTC; the
 * writers put the post's own offset back with these formatters.
 */
final class XmlDocuments {

    /** RFC 822 as RSS 2.0 wants it, with the post's own offset: {@code Fri, 03 Oct 2025 21:14:09 +0000}. */
    static final DateTimeFormatter RFC_822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss xx", Locale.US);
    /** RFC 3339 as Atom wants it, always with seconds: {@code 2025-10-03T21:14:09+09:00}. */
    static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.US);

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
        Format format = Format.getPrettyFormat()
                .setEncoding("UTF-8")
                .setLineSeparator(LineSeparator.UNIX)
                .setIndent("  ")
                .setTextMode(Format.TextMode.TRIM_FULL_WHITE);
        // Serialising to a String and encoding it once is several times faster than JDOM's
        // OutputStreamWriter path, which encodes in small chunks.
        return new XMLOutputter(format).outputString(document).getBytes(StandardCharsets.UTF_8);
    }

    static Date date(OffsetDateTime time) {
        return Date.from(time.toInstant());
    }

    static String rfc822(OffsetDateTime time) {
        return RFC_822.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    static String rfc3339(OffsetDateTime time) {
        return RFC_3339.format(time.truncatedTo(ChronoUnit.SECONDS));
    }
}
