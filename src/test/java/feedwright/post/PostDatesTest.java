package feedwright.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

class PostDatesTest {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2025-10-03 21:14:09 +0000     | 2025-10-03T21:14:09Z
            2025-10-03 21:14:09 -0530     | 2025-10-03T21:14:09-05:30
            2025-10-03                    | 2025-10-03T00:00:00+09:00
            2025-10-03 21:14              | 2025-10-03T21:14:00+09:00
            2025-10-03 21:14:09           | 2025-10-03T21:14:09+09:00
            2025-10-03T21:14:09Z          | 2025-10-03T21:14:09Z
            2025-10-03T21:14:09+09:00     | 2025-10-03T21:14:09+09:00
            2025-10-03T21:14:09.250-02:00 | 2025-10-03T21:14:09.250-02:00
            2025-10-03T21:14Z             | 2025-10-03T21:14:00Z
            """)
    void acceptsEveryDocumentedSpelling(String written, String expected) {
        assertThat(PostDates.parse(written, TOKYO)).isEqualTo(OffsetDateTime.parse(expected));
    }

    @Test
    void jekyllDateWithNumericOffsetStaysAStringInSnakeYaml() {
        // Why PostDates exists: SnakeYAML's timestamp rule does not cover "+0000", so the value is text.
        Object value = new Yaml().load("date: 2025-10-03 21:14:09 +0000");

        assertThat(((Map<?, ?>) value).get("date")).isEqualTo("2025-10-03 21:14:09 +0000");
    }

    @Test
    void zoneOfTheSiteAppliesOnlyToDatesWithoutOne() {
        assertThat(PostDates.parse("2025-01-01 12:00", ZoneId.of("America/New_York")))
                .isEqualTo(OffsetDateTime.parse("2025-01-01T12:00:00-05:00"));
        assertThat(PostDates.parse("2025-07-01 12:00", ZoneId.of("America/New_York")))
                .isEqualTo(OffsetDateTime.parse("2025-07-01T12:00:00-04:00"));
        assertThat(PostDates.parse("2025-07-01 12:00 +0100", ZoneId.of("America/New_York")))
                .isEqualTo(OffsetDateTime.parse("2025-07-01T12:00:00+01:00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2025/10/03", "03-10-2025", "2025-10-03 9pm", "2025-13-01",
            "2025-02-30", "2025-10-03 25:00", "2025-10-03 10:00 +2500", ""})
    void refusesWhatIsNotADate(String written) {
        assertThatThrownBy(() -> PostDates.parse(written, TOKYO)).isInstanceOf(DateTimeException.class);
    }

    @Test
    void readsTheDayOfAJekyllFileName() {
        assertThat(PostDates.fromFileName("2025-10-03-title.md", TOKYO))
                .hasValue(OffsetDateTime.parse("2025-10-03T00:00:00+09:00"));
        assertThat(PostDates.fromFileName("title.md", TOKYO)).isEmpty();
        assertThat(PostDates.fromFileName("2025-02-30-title.md", TOKYO)).isEmpty();
    }
}
