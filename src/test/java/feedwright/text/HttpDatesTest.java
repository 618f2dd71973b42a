package feedwright.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpDatesTest {

    private static final Instant NOV_6_1994 = Instant.parse("1994-11-06T08:49:37Z");

    @Test
    void writesTheImfFixdateWithTwoDigitDaysAndNoFraction() {
        assertThat(HttpDates.format(NOV_6_1994)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(HttpDates.format(Instant.parse("2026-03-01T00:00:05.999Z"))).isEqualTo("Sun, 01 Mar 2026 00:00:05 GMT");
    }

    @Test
    void readsBackWhatItWrites() {
        Instant time = Instant.parse("2025-11-26T20:35:16Z");
        assertThat(HttpDates.parse(HttpDates.format(time))).contains(time);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994", "  Sun, 06 Nov 1994 08:49:37 GMT "})
    void acceptsTheThreeHttpDateForms(String date) {
        assertThat(HttpDates.parse(date)).contains(NOV_6_1994);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mon, 99 Nov 2025 99:99:99 GMT", "Sun, 31 Feb 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 PST", "1994-11-06T08:49:37Z", "", "Sun, 06 Nov 1994", "yesterday"})
    void rejectsAnythingElse(String date) {
        assertThat(HttpDates.parse(date)).isEmpty();
    }
}
