package feedwright.http;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.ManualClock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The client table's decisions on their own, where the clock can do what a server's rarely does. */
class PollingTableTest {

    private static final PollingTable.Request FULL = new PollingTable.Request(true, false, false, 7);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final PollingTable table = new PollingTable(10, 60, 5, clock);
    private final PollingTable.Key key = PollingTable.Key.of(InetAddress.getLoopbackAddress(), "curl/8", "/rss.xml");

    @Test
    void aClockSetBackDoesNotLockAClientOut() {
        assertThat(table.visit(key, FULL)).isZero();
        clock.advance(Duration.ofHours(-1));
        assertThat(table.visit(key, FULL)).as("allowed: what was remembered is forgotten").isZero();
        assertThat(table.visit(key, FULL)).isEqualTo(60);
    }

    @Test
    void aRetryAfterRoundsUpToTheNextWholeSecond() {
        table.visit(key, FULL);
        clock.advance(Duration.ofMillis(59_001));
        assertThat(table.visit(key, FULL)).isEqualTo(1);
        clock.advance(Duration.ofMillis(999));
        assertThat(table.visit(key, FULL)).isZero();
    }

    @Test
    void aLongAgentIsKeptToItsFirstCharactersOnly() {
        String agent = "x".repeat(10_000);
        assertThat(PollingTable.Key.of(InetAddress.getLoopbackAddress(), agent, "/rss.xml").userAgent())
                .hasSize(PollingTable.MAX_AGENT_CHARS);
    }
}
