package feedwright.text;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP-dates (RFC 9110 §5.6.7), written in the one form a sender may use and read in the three a
 * recipient must accept. Written here rather than taken from Undertow because its {@code DateUtils}
 * parses leniently, turning {@code 99 Nov 2025 99:99:99} into a real date where the RFC asks for the
 * field to be ignored; and not {@code RFC_1123_DATE_TIME}, which writes day 1 as "1" where HTTP wants
 * "01". Stateless and thread-safe.
 */
public final class HttpDates {

    /** IMF-fixdate, the preferred form: {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    private static final DateTimeFormatter IMF_FIXDATE = strict("EEE, dd MMM uuuu HH:mm:ss 'GMT'");
    /** Obsolete RFC 850 form: {@code Sunday, 06-Nov-94 08:49:37 GMT}; two-digit years fall in 1970-2069. */
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-").appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
            .appendPattern(" HH:mm:ss 'GMT'").toFormatter(Locale.US).withResolverStyle(ResolverStyle.STRICT)
            .withZone(ZoneOffset.UTC);
    /** Obsolete asctime form: {@code Sun Nov  6 08:49:37 1994}. */
    private static final DateTimeFormatter ASCTIME = strict("EEE MMM ppd HH:mm:ss uuuu");

    private static final List<DateTimeFormatter> ACCEPTED = List.of(IMF_FIXDATE, RFC_850, ASCTIME);

    private HttpDates() {
    }

    /** {@code time} as an IMF-fixdate; fractions of a second are dropped, as HTTP has none. */
    public static String format(Instant time) {
        return IMF_FIXDATE.format(time);
    }

    /** The instant an HTTP-date names, read strictly (no 30 February, no hour 99); empty when it is none. */
    public static Optional<Instant> parse(String value) {
        String text = value.strip();
        for (DateTimeFormatter form : ACCEPTED) {
            try {
                return Optional.of(ZonedDateTime.parse(text, form).toInstant());
            } catch (DateTimeException notThisForm) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    private static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern, Locale.US).withResolverStyle(ResolverStyle.STRICT)
                .withZone(ZoneOffset.UTC);
    }
}
