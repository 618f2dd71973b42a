package feedwright.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The members of a list-valued header field (RFC 9110 §5.6.1), which a client may send as one field
 * line or split over several: {@code Accept-Encoding: gzip} and {@code Accept-Encoding: br} mean the same
 * as {@code Accept-Encoding: gzip, br} (§5.3). Reading only the first line would let the split change the
 * answer, so every list header is read through here. Stateless.
 */
final class FieldList {

    private FieldList() {
    }

    /**
     * Every member of every field line, in order, stripped of surrounding whitespace; empty members
     * ({@code a, , b}) are left out, as the RFC asks.
     *
     * @param fieldLines the values of all field lines with one name; null when the field is absent
     */
    static List<String> members(Iterable<String> fieldLines) {
        List<String> members = new ArrayList<>();
        if (fieldLines == null) {
            return members;
        }
        for (String line : fieldLines) {
            for (String member : line.split(",")) {
                String stripped = member.strip();
                if (!stripped.isEmpty()) {
                    members.add(stripped);
                }
            }
        }
        return members;
    }
}
