package feedwright.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The preconditions on their own (the dates they hold: {@code HttpDatesTest}); {@link ConditionalGetTest} checks it through the server. */
class ConditionalTest {

    private static final Instant NOV_6_1994 = Instant.parse("1994-11-06T08:49:37Z");

    @Test
    void aRepeatedIfModifiedSinceIsIgnored() {
        String date = "Sun, 06 Nov 1994 08:49:37 GMT";
        assertThat(Conditional.notModifiedSince(List.of(date), NOV_6_1994)).isTrue();
        assertThat(Conditional.notModifiedSince(List.of(date, date), NOV_6_1994)).isFalse();
    }

    @Test
    void ifNoneMatchMembersMaySpanSeveralFields() {
        assertThat(Conditional.noneMatchFails(List.of("\"a\"", "W/\"b\", \"abc\""), "\"abc\"")).isTrue();
        assertThat(Conditional.noneMatchFails(List.of("\"a\"", "abc", "\"abc"), "\"abc\"")).isFalse();
    }
}
