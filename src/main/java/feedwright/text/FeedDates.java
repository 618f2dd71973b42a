package feedwright.text;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The two date forms feeds use, always with the time's own offset and to the second: RSS's RFC 822 and
 * the RFC 3339 of Atom and JSON Feed. ROME formats a {@link java.util.Date}, which has no offset, in UTC;
 * its generators write these instead. Thread-safe.
 */
public final class FeedDates {

    /** RFC 822 as RSS 2.0 wants it: {@code Fri, 03 Oct 2025 21:14:09 +0900}. */
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss xx", Locale.US);
    /** RFC 3339 as Atom and JSON Feed want it, always with seconds: {@code 2025-10-03T21:14:09+09:00}, {@code …Z} for UTC. */
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.US);

    private FeedDates() {
    }

    public static String rfc822(OffsetDateTime time) {
        return RFC_822.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    public static String rfc3339(OffsetDateTime time) {
        return RFC_3339.format(time.truncatedTo(ChronoUnit.SECONDS));
    }
}
