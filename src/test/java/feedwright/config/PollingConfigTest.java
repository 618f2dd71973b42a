package feedwright.config;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.config.PollingSettings.StatsAccess;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The polite-polling keys of {@code server:}: off by default, every key read, wrong values refused where written. */
class PollingConfigTest {

    private static final String SITE = "title: T\nbase_url: https://example.org/\n";

    @Test
    void withoutTheKeysNothingIsLimitedOrReported() throws ConfigException {
        PollingSettings polling = ConfigLoader.parse(SITE).server().polling();
        assertThat(polling).isEqualTo(new PollingSettings(false, 60, 5, 10_000, List.of(), StatsAccess.NONE));
        assertThat(polling.watched()).isFalse();
    }

    @Test
    void readsEveryKey() throws ConfigException {
        PollingSettings polling = ConfigLoader.parse(SITE + """
                server:
                  polite_polling: true
                  min_poll_interval: 300
                  min_conditional_poll_interval: 0
                  poll_clients: 500
                  trusted_proxies: [10.0.0.0/8, "::1", 192.0.2.7, 10.0.0.0/8]
                  stats: loopback
                """).server().polling();

        assertThat(polling).isEqualTo(new PollingSettings(true, 300, 0, 500, List.of(
                IpRange.parse("10.0.0.0/8").orElseThrow(), IpRange.parse("::1").orElseThrow(),
                IpRange.parse("192.0.2.7/32").orElseThrow()), StatsAccess.LOOPBACK));
    }

    @Test
    void refusesAHostNameABlockWithHostBitsAndAnUnknownStatsChoice() {
        assertThat(ConfigLoaderTest.problems(SITE + """
                server:
                  trusted_proxies: [proxy.example, 10.0.0.1/8, 10.0.0.0/33, 2001:db8::/32]
                  stats: everyone
                  min_poll_interval: 0
                """)).containsExactly(
                "feeds-config/site.yml:4:21: error: server.trusted_proxies: expected an IP address or a block such as"
                        + " 10.0.0.0/8 (no host bits past the prefix), found 'proxy.example'",
                "feeds-config/site.yml:4:36: error: server.trusted_proxies: expected an IP address or a block such as"
                        + " 10.0.0.0/8 (no host bits past the prefix), found '10.0.0.1/8'",
                "feeds-config/site.yml:4:48: error: server.trusted_proxies: expected an IP address or a block such as"
                        + " 10.0.0.0/8 (no host bits past the prefix), found '10.0.0.0/33'",
                "feeds-config/site.yml:5:10: error: server.stats: expected 'none', 'loopback' or 'anyone', found"
                        + " 'everyone'",
                "feeds-config/site.yml:6:22: error: server.min_poll_interval: expected a whole number from 1 to"
                        + " 86400, found '0'");
    }

    @Test
    void noOldFeedAddressMayTakeTheReportsPath() {
        assertThat(ConfigLoaderTest.problems(SITE + "aliases:\n  /stats: /atom.xml\n")).containsExactly(
                "feeds-config/site.yml:4:3: error: aliases: /stats is a path serve answers itself, which no redirect"
                        + " may take");
    }

    @Test
    void aRangeHoldsTheAddressesOfItsBlockOnly() throws Exception {
        IpRange block = IpRange.parse("192.0.2.0/25").orElseThrow();
        assertThat(block.contains(InetAddress.getByName("192.0.2.127"))).isTrue();
        assertThat(block.contains(InetAddress.getByName("192.0.2.128"))).isFalse();
        assertThat(block.contains(InetAddress.getByName("::ffff:c000:0201"))).as("IPv4-mapped is IPv4").isTrue();
        assertThat(IpRange.parse("2001:db8::/32").orElseThrow().contains(InetAddress.getByName("2001:db8:1::5")))
                .isTrue();
        assertThat(IpRange.parse("0.0.0.0/0").orElseThrow().contains(InetAddress.getByName("::1"))).isFalse();
        assertThat(IpRange.literal("localhost")).as("never resolved").isEmpty();
    }
}
