package feedwright.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code websub:} section of site.yml: its defaults, the values it takes, and the refusals. */
class WebSubConfigTest {

    private static final String SITE = "title: T\nbase_url: https://example.org/\n";

    @Test
    void withoutTheSectionNoHubIsNamedAndTheBuiltInHubIsOff() throws ConfigException {
        assertThat(ConfigLoader.parse(SITE).websub()).isEqualTo(new WebSubSettings(List.of(), false, 1000, 864_000,
                1000));
    }

    @Test
    void readsEveryKey() throws ConfigException {
        WebSubSettings websub = ConfigLoader.parse(SITE + """
                websub:
                  hubs: [https://hub.example/, "http://127.0.0.1:9000/hub?site=1", https://hub.example/]
                  builtin_hub: true
                  max_subscriptions: 5
                  max_lease_seconds: 3600
                  max_pending_deliveries: 7
                """).websub();

        assertThat(websub).isEqualTo(new WebSubSettings(List.of(URI.create("https://hub.example/"),
                URI.create("http://127.0.0.1:9000/hub?site=1")), true, 5, 3600, 7));
    }

    @Test
    void aSingleHubMayBeWrittenWithoutAList() throws ConfigException {
        assertThat(ConfigLoader.parse(SITE + "websub:\n  hubs: https://hub.example/websub\n").websub().hubs())
                .containsExactly(URI.create("https://hub.example/websub"));
    }

    @Test
    void refusesAHubThatIsNotAnHttpUrlLimitsOutOfRangeAndAnUnknownKey() {
        assertThat(ConfigLoaderTest.problems(SITE + """
                websub:
                  hubs: [https://hub.example/, ftp://hub.example/, "https://hub.example/#x", hub]
                  max_lease_seconds: 10
                  max_subscriptions: 0
                  pings: true
                """)).containsExactly(
                "feeds-config/site.yml:4:32: error: websub.hubs: expected an absolute http(s) URL of a hub, found"
                        + " 'ftp://hub.example/'",
                "feeds-config/site.yml:4:52: error: websub.hubs: expected an absolute http(s) URL of a hub, found"
                        + " 'https://hub.example/#x'",
                "feeds-config/site.yml:4:78: error: websub.hubs: expected an absolute http(s) URL of a hub, found 'hub'",
                "feeds-config/site.yml:5:22: error: websub.max_lease_seconds: expected a whole number from 60 to"
                        + " 31536000, found '10'",
                "feeds-config/site.yml:6:22: error: websub.max_subscriptions: expected a whole number from 1 to"
                        + " 1000000, found '0'",
                "feeds-config/site.yml:7:3: error: websub.pings: unknown key (known keys: builtin_hub, hubs,"
                        + " max_lease_seconds, max_pending_deliveries, max_subscriptions)");
    }
}
