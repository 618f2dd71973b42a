package feedwright.http;

import feedwright.text.HttpDates;
import java.time.Instant;
import java.util.List;

/**
 * Evaluates the two preconditions a feed reader sends (RFC 9110 §13.1.2 and §13.1.3). Written here
 * rather than taken from Undertow because {@code ETagUtils} ignores an unquoted {@code *}, and its
 * {@code DateUtils} reads dates leniently ({@link HttpDates} says why that matters). Stateless.
 */
final class Conditional {

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
        return HttpDates.parse(fieldValues.get(0)).map(since -> !lastModified.isAfter(since)).orElse(false);
    }
}
