package feedwright.post;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the date spellings found in Jekyll-style front matter:
 * {@code 2025-11-26 20:35:16 +0000} (Jekyll's own), {@code 2025-11-26}, {@code 2025-11-26 20:35[:16]}
 * (zone from the site configuration) and ISO 8601 with {@code T} and {@code Z} or {@code ±hh:mm}.
 * Stateless and thread-safe.
 */
public final class PostDates {

    /** The form named in error messages, the one Jekyll writes. */
    public static final String EXPECTED = "YYYY-MM-DD HH:MM:SS +ZZZZ";

    private static final Pattern DATE = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})"
                    + "(?:[T ]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
                    + "\\s*(Z|z|UTC|GMT|[+-]\\d{2}:?\\d{2}|[+-]\\d{2})?");
    /**
     * Dates a feed can carry. RSS and Atom can spell other years, but readers do not agree on them: year
     * 0 came out as year 0001 with a wrong weekday (java.util.Date switches to the Julian calendar before
     * 1582), and many readers keep Unix time, which starts in 1970. Nothing published on the web is older.
     */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private static final Pattern FILE_NAME_DATE = Pattern.compile("^(\\d{4})-(\\d{2})-(\\d{2})-");

    private PostDates() {
    }

    /**
     * Reads {@code text} as a date; a date without a zone is taken in {@code zone}.
     *
     * @throws DateTimeException with a reason when the text is not one of the accepted forms or names
     *                           a day or time that does not exist (2025-13-40); {@link OutOfRange} when
     *                           it is a real date that feeds cannot carry
     */
    public static OffsetDateTime parse(String text, ZoneId zone) {
        return inRange(parseAnyYear(text, zone));
    }

    private static OffsetDateTime parseAnyYear(String text, ZoneId zone) {
        Matcher m = DATE.matcher(text.strip());
        if (!m.matches()) {
            throw new DateTimeException("expected " + EXPECTED);
        }
        LocalDate day = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
        LocalTime time = LocalTime.MIDNIGHT;
        if (m.group(4) != null) {
            int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000000").substring(0, 9));
            time = LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
        }
        LocalDateTime local = LocalDateTime.of(day, time);
        String offset = m.group(8);
        if (offset == null) {
            return local.atZone(zone).toOffsetDateTime();
        }
        return local.atOffset(offset(offset));
    }

    /** The day a Jekyll file name starts with ({@code 2025-10-03-title.md}), at midnight in {@code zone}. */
    public static Optional<OffsetDateTime> fromFileName(String fileName, ZoneId zone) {
        Matcher m = FILE_NAME_DATE.matcher(fileName);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(inRange(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))).atStartOfDay(zone).toOffsetDateTime()));
        } catch (DateTimeException notADay) {
            return Optional.empty();
        }
    }

    private static OffsetDateTime inRange(OffsetDateTime date) {
        Instant instant = date.toInstant();
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new OutOfRange();
        }
        return date;
    }

    /** A real date outside {@link #EARLIEST}..{@link #LATEST}. */
    public static final class OutOfRange extends DateTimeException {

        OutOfRange() {
            super("feeds carry dates from 1970-01-01 to 9999-12-31 (UTC)");
        }
    }

    private static ZoneOffset offset(String text) {
        switch (text.toUpperCase(Locale.ROOT)) {
            case "Z":
            case "UTC":
            case "GMT":
                return ZoneOffset.UTC;
            default:
                String digits = text.replace(":", "");
                int hours = Integer.parseInt(digits.substring(1, 3));
                int minutes = digits.length() > 3 ? Integer.parseInt(digits.substring(3, 5)) : 0;
                int sign = digits.charAt(0) == '-' ? -1 : 1;
                return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        }
    }
}
