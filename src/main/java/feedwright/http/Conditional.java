package feedwright.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Evaluates the two preconditions a feed reader sends (RFC 9110 §13.1.2 and §13.1.3). Written here
 * rather than taken from Undertow because {@code ETagUtils} ignores an unquoted {@code *} and
 * {@code DateUtils} parses dates leniently, turning {@code 99 Nov 2025 99:99:99} into a real date where
 * the RFC asks for the header to be ignored. Stateless.
 */
final class Conditional {

    /** IMF-fixdate, the preferred form: {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    private static final DateTimeFormatter IMF_FIXDATE = strict("EEE, dd MMM uuuu HH:mm:ss 'GMT'");
    /** Obsolete RFC 850 form: {@code Sunday, 06-Nov-94 08:49:37 GMT}; two-digit years fall in 1970-2069. */
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-").appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
            .appendPattern(" HH:mm:ss 'GMT'").toFormatter(Locale.US).withResolverStyle(ResolverStyle.STRICT)
            .withZone(java.time.ZoneOffset.UTC);
    /** Obsolete asctime form: {@code Sun Nov  6 08:49:37 1994}. */
    private static final DateTimeFormatter ASCTIME = strict("EEE MMM ppd HH:mm:ss uuuu");

    private Conditional() {
    }

    /**
     * RFC 9110 §13.1.2: whether some member of the {@code If-None-Match} field values (a list that may be
     * split over several fields) matches {@code etag} by weak comparison, or is {@code *} (the resource
     * exists). Members that are not entity-tags match nothing.
     *
     * @param etag the current strong entity-tag, quoted
     */
    static boolean noneMatchFails(List<String> fieldValues, String etag) {
        String opaque = etag.substring(1, etag.length() - 1);
        for (String member : FieldList.members(fieldValues)) {
            if (member.equals("*")) {
                return true;
            }
            String tag = member.startsWith("W/") ? member.substring(2) : member;
            if (tag.length() >= 2 && tag.charAt(0) == '"' && tag.charAt(tag.length() - 1) == '"'
                    && tag.substring(1, tag.length() - 1).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    /**
     * RFC 9110 §13.1.3: whether the resource was not modified after the {@code If-Modified-Since} date.
     * False (serve in full) when the field is repeated or is not a valid HTTP-date.
     */
    static boolean notModifiedSince(List<String> fieldValues, Instant lastModified) {
        if (fieldValues.size() != 1) {
            return false;
        }
        return parseHttpDate(fieldValues.get(0)).map(since -> !lastModified.isAfter(since)).orElse(false);
    }

    /** RFC 9110 §5.6.7: the three forms a recipient must accept, strictly (no 30 February, no hour 99). */
    static Optional<Instant> parseHttpDate(String value) {
        String text = value.strip();
        for (DateTimeFormatter format : new DateTimeFormatter[] {IMF_FIXDATE, RFC_850, ASCTIME}) {
            try {
                return Optional.of(ZonedDateTime.parse(text, format).toInstant());
            } catch (DateTimeException notThisForm) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    private static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern, Locale.US).withResolverStyle(ResolverStyle.STRICT)
                .withZone(java.time.ZoneOffset.UTC);
    }
}
