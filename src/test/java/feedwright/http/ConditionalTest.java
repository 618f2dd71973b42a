package feedwright.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The precondition parsing on its own; {@link ConditionalGetTest} checks it through the server. */
class ConditionalTest {

    private static final Instant NOV_6_1994 = Instant.parse("1994-11-06T08:49:37Z");

    @ParameterizedTest
    @ValueSource(strings = {"Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994", "  Sun, 06 Nov 1994 08:49:37 GMT "})
    void acceptsTheThreeHttpDateForms(String date) {
        assertThat(Conditional.parseHttpDate(date)).contains(NOV_6_1994);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mon, 99 Nov 2025 99:99:99 GMT", "Sun, 31 Feb 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 PST", "1994-11-06T08:49:37Z", "", "Sun, 06 Nov 1994", "yesterday"})
    void rejectsAnythingElse(String date) {
        assertThat(Conditional.parseHttpDate(date)).isEmpty();
    }

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
