package feedwright.websub;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.ManualClock;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The subscriptions on disk: read back at start without ended leases, capped, and a broken file replaced. */
class SubscriptionStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");

    @TempDir
    Path site;

    private final ManualClock clock = new ManualClock(NOW);

    @Test
    void aStoreOpenedAgainHasTheSubscriptionsWhoseLeasesStillRunInTheirOrder() {
        SubscriptionStore store = SubscriptionStore.open(site, 10, clock);
        assertThat(store.put(subscription("/a.xml", "http://127.0.0.1:1/x", 60))).isEqualTo(SubscriptionStore.Outcome.ADDED);
        assertThat(store.put(subscription("/b.xml", "http://127.0.0.1:1/y?q=1", 600))).isEqualTo(SubscriptionStore.Outcome.ADDED);
        assertThat(store.put(subscription("/c.xml", "https://127.0.0.1:1/z", 600))).isEqualTo(SubscriptionStore.Outcome.ADDED);
        assertThat(store.put(subscription("/a.xml", "http://127.0.0.1:1/x", 30))).isEqualTo(SubscriptionStore.Outcome.RENEWED);
        clock.advance(Duration.ofSeconds(45));

        SubscriptionStore reopened = SubscriptionStore.open(site, 10, clock);
        assertThat(reopened.all()).containsExactly(subscription("/b.xml", "http://127.0.0.1:1/y?q=1", 600),
                subscription("/c.xml", "https://127.0.0.1:1/z", 600));
    }

    @Test
    void aStoreHoldsNoMoreThanItsMostAndRenewsWhatItHolds() {
        SubscriptionStore store = SubscriptionStore.open(site, 2, clock);
        store.put(subscription("/a.xml", "http://127.0.0.1:1/x", 60));
        store.put(subscription("/b.xml", "http://127.0.0.1:1/x", 60));
        assertThat(store.put(subscription("/c.xml", "http://127.0.0.1:1/x", 60))).isEqualTo(SubscriptionStore.Outcome.FULL);
        assertThat(store.put(subscription("/a.xml", "http://127.0.0.1:1/x", 90))).isEqualTo(SubscriptionStore.Outcome.RENEWED);

        assertThat(SubscriptionStore.open(site, 1, clock).all()).extracting(Subscription::topic).containsExactly("/a.xml");
    }

    @Test
    void aBrokenFileLeavesTheHubWithoutSubscriptionsUntilTheNextIsMade() throws Exception {
        Path file = site.resolve(SubscriptionStore.FILE_NAME);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"feedwrightWebSub\": 1, \"subscriptions\": [{\"topic\": \"/a.xml\"}]}");
        SubscriptionStore store = SubscriptionStore.open(site, 10, clock);
        assertThat(store.all()).isEmpty();

        store.put(subscription("/b.xml", "http://127.0.0.1:1/x", 60));
        assertThat(SubscriptionStore.open(site, 10, clock).all()).extracting(Subscription::topic).containsExactly("/b.xml");
    }

    @Test
    void aFileIsRefusedWhenAnEntryCouldNotHaveBeenMade() {
        assertThat(invalid("{\"feedwrightWebSub\": 2, \"subscriptions\": []}")).isEqualTo("layout version 2, this version reads 1");
        assertThat(invalid("{\"feedwrightWebSub\": 1, \"subscriptions\": [{\"topic\": \"/a.xml\", \"callback\":"
                + " \"file:///etc/passwd\", \"expires\": \"2027-01-01T00:00:00Z\"}]}"))
                .isEqualTo("'file:///etc/passwd' is not an http(s) callback");
        assertThat(invalid("[]")).isEqualTo("not a JSON object");
    }

    private static String invalid(String json) {
        try {
            SubscriptionFile.parse(json.getBytes());
            throw new AssertionError("taken: " + json);
        } catch (SubscriptionFile.Invalid e) {
            return e.getMessage();
        }
    }

    private static Subscription subscription(String topic, String callback, long seconds) {
        return new Subscription(topic, URI.create(callback), Optional.of("secret of " + topic), NOW.plusSeconds(seconds));
    }
}
