package feedwright.websub;

import static feedwright.websub.HubSite.ALPHA_POST;
import static feedwright.websub.HubSite.ALPHA_TOPIC;
import static feedwright.websub.HubSite.BETA_POST;
import static feedwright.websub.HubSite.BETA_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.CallbackServer;
import feedwright.testing.LiveSite;
import feedwright.testing.ManualClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in hub end to end on 127.0.0.1: subscription requests to the real server's {@code /hub},
 * intent verified by real callbacks (the JDK's HTTP server), and each changed feed delivered to them after
 * a reload. With one delivery and one verification at a time, what the hub does happens in the order it was
 * asked, so "nothing was delivered" is shown by what a later delivery finds before it, never by waiting.
 */
@Timeout(120)
class BuiltInHubTest {

    @TempDir
    Path dir;

    @Test
    void aConfirmedSubscriberGetsEachNewVersionOfItsFeedSignedAndNothingElse() throws Exception {
        HubSite.write(dir);
        try (HubSite site = HubSite.serve(dir, Clock.systemUTC(), HubSite.ONE_AT_A_TIME);
             CallbackServer alpha = CallbackServer.start(); CallbackServer beta = CallbackServer.start()) {
            site.subscribe(alpha, ALPHA_TOPIC, "hub.secret", "s3cret, 秘密");
            CallbackServer.Request verification = alpha.nextVerification();
            assertThat(verification.query()).containsEntry("subscriber", "1").containsEntry("hub.mode", "subscribe")
                    .containsEntry("hub.topic", ALPHA_TOPIC).containsEntry("hub.lease_seconds", "864000")
                    .containsKey("hub.challenge");
            site.subscribe(beta, BETA_TOPIC);

            site.edit(ALPHA_POST, "A second paragraph for alpha.");
            CallbackServer.Request delivered = alpha.nextDelivery();
            assertThat(delivered.body()).isEqualTo(site.served("/tags/alpha/rss.xml"));
            assertThat(new String(delivered.body(), StandardCharsets.UTF_8)).contains("A second paragraph for alpha.");
            assertThat(delivered.header("Content-Type")).isEqualTo("application/rss+xml; charset=utf-8");
            assertThat(delivered.header("X-Hub-Signature")).isEqualTo(hmac("s3cret, 秘密", delivered.body()));
            assertThat(String.join(", ", delivered.all("Link"))).contains("<" + ALPHA_TOPIC + ">; rel=\"self\"")
                    .contains("<" + HubSite.FEED_BASE + "hub>; rel=\"hub\"");

            site.edit(BETA_POST, "A second paragraph for beta.");
            CallbackServer.Request toBeta = beta.nextDelivery();
            assertThat(toBeta.header("Content-Type")).isEqualTo("application/atom+xml; charset=utf-8");
            assertThat(toBeta.header("X-Hub-Signature")).as("no secret, no signature").isNull();
            assertThat(toBeta.body()).isEqualTo(site.served("/tags/beta/atom.xml"));

            site.edit(ALPHA_POST, "A third paragraph for alpha.");
            CallbackServer.Request next = alpha.nextDelivery();
            assertThat(new String(next.body(), StandardCharsets.UTF_8)).as("the edit of beta sent alpha nothing")
                    .contains("A third paragraph for alpha.");
            assertThat(beta.deliveriesSoFar()).as("the edits of alpha sent beta nothing").isEmpty();
        }
    }

    @Test
    void unsubscribingIsVerifiedAndStopsDeliveries() throws Exception {
        HubSite.write(dir);
        try (HubSite site = HubSite.serve(dir, Clock.systemUTC(), HubSite.ONE_AT_A_TIME);
             CallbackServer leaving = CallbackServer.start(); CallbackServer staying = CallbackServer.start()) {
            site.subscribe(leaving, ALPHA_TOPIC);
            site.subscribe(staying, ALPHA_TOPIC);
            leaving.nextVerification();

            assertThat(site.hubRequest("hub.mode", "unsubscribe", "hub.callback", leaving.uri().toString(),
                    "hub.topic", ALPHA_TOPIC).statusCode()).isEqualTo(202);
            assertThat(leaving.nextVerification().query()).containsEntry("hub.mode", "unsubscribe")
                    .containsEntry("hub.topic", ALPHA_TOPIC).doesNotContainKey("hub.lease_seconds");
            LiveSite.await(() -> site.hub().subscriptions().all().size() == 1, "one subscription left");

            site.edit(ALPHA_POST, "Words after the unsubscription.");
            staying.nextDelivery();
            // The leaving callback subscribed first: had it still been subscribed, its delivery came first.
            assertThat(leaving.deliveriesSoFar()).isEmpty();
        }
    }

    @Test
    void aCallbackThatDoesNotEchoTheChallengeIsNotSubscribed() throws Exception {
        HubSite.write(dir);
        try (HubSite site = HubSite.serve(dir, Clock.systemUTC(), HubSite.ONE_AT_A_TIME);
             CallbackServer wrong = CallbackServer.start(CallbackServer.Confirms.WITH_ANOTHER_BODY);
             CallbackServer right = CallbackServer.start()) {
            assertThat(site.hubRequest("hub.mode", "subscribe", "hub.callback", wrong.uri().toString(),
                    "hub.topic", ALPHA_TOPIC).statusCode()).isEqualTo(202);
            wrong.nextVerification();
            // Verified one at a time: once the next request is stored, the first was decided.
            site.subscribe(right, ALPHA_TOPIC);

            assertThat(site.hub().subscriptions().all()).extracting(Subscription::callback)
                    .containsExactly(right.uri());
        }
    }

    @Test
    void refusesCallbacksTopicsAndSecretsItCannotTakeAndAsksNoCallback() throws Exception {
        HubSite.write(dir);
        try (HubSite site = HubSite.serve(dir, Clock.systemUTC(), HubSite.ONE_AT_A_TIME);
             CallbackServer callback = CallbackServer.start()) {
            String good = callback.uri().toString();
            assertRefused(site.hubRequest("hub.mode", "subscribe", "hub.callback", "ftp://127.0.0.1/x",
                    "hub.topic", ALPHA_TOPIC), 400, "hub.callback must be an absolute http(s) URL");
            assertRefused(site.hubRequest("hub.mode", "subscribe", "hub.callback", "/relative",
                    "hub.topic", ALPHA_TOPIC), 400, "hub.callback must be an absolute http(s) URL");
            assertRefused(site.hubRequest("hub.mode", "subscribe", "hub.callback", good + "#x",
                    "hub.topic", ALPHA_TOPIC), 400, "hub.callback must be an absolute http(s) URL");
            assertRefused(site.hubRequest("hub.mode", "subscribe", "hub.callback", good,
                    "hub.topic", "https://elsewhere.example/blog/tags/alpha/rss.xml"), 400,
                    "hub.topic must be the URL of a feed of this site, under " + HubSite.FEED_BASE);
            for (String notAFeed : List.of("tags/gamma/rss.xml", "feeds.opml", "index.html", "tags/alpha/feed.html")) {
                assertRefused(site.hubRequest("hub.mode", "subscribe", "hub.callback", good,
                        "hub.topic", HubSite.FEED_BASE + notAFeed), 404, "hub.topic: this site serves no feed at");
            }
            assertRefused(site.hubRequest("hub.mode", "subscribe", "hub.callback", good, "hub.topic", ALPHA_TOPIC,
                    "hub.secret", "x".repeat(200)), 400, "hub.secret must be less than 200 bytes");
            assertRefused(site.hubRequest("hub.mode", "subscribe", "hub.callback", good, "hub.topic", ALPHA_TOPIC,
                    "hub.lease_seconds", "soon"), 400, "hub.lease_seconds must be a whole number");
            assertRefused(site.hubRequest("hub.mode", "publish", "hub.url", ALPHA_TOPIC), 400,
                    "hub.mode must be subscribe or unsubscribe (this hub publishes its own feeds' changes by itself)");
            assertRefused(site.send(site.request("/hub")), 405, "the hub takes subscription requests");
            assertThat(site.send(site.request("/hub")).headers().firstValue("Allow")).hasValue("POST");
            assertRefused(site.send(site.request("/hub").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))), 415, "expected a form");
            assertRefused(site.send(site.request("/hub").header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("hub.topic=" + "x".repeat(20_000)))), 413,
                    "a subscription request is at most 16384 bytes");
            assertThat(callback.verificationsSoFar()).as("no callback is asked about a refused request").isZero();

            // A secret of 199 bytes, the most the spec allows, is taken.
            site.subscribe(callback, ALPHA_TOPIC, "hub.secret", "x".repeat(199));
        }
    }

    @Test
    void theCapRefusesTheNextNewSubscriptionButRenewsOneItHolds() throws Exception {
        HubSite.write(dir, "max_subscriptions: 2");
        try (HubSite site = HubSite.serve(dir, Clock.systemUTC(), HubSite.ONE_AT_A_TIME);
             CallbackServer first = CallbackServer.start(); CallbackServer second = CallbackServer.start();
             CallbackServer third = CallbackServer.start()) {
            site.subscribe(first, ALPHA_TOPIC);
            site.subscribe(second, BETA_TOPIC);

            assertRefused(site.hubRequest("hub.mode", "subscribe", "hub.callback", third.uri().toString(),
                    "hub.topic", ALPHA_TOPIC), 503, "the hub holds as many subscriptions as it may");
            assertThat(site.hubRequest("hub.mode", "subscribe", "hub.callback", first.uri().toString(),
                    "hub.topic", ALPHA_TOPIC, "hub.lease_seconds", "600").statusCode()).as("a renewal").isEqualTo(202);
            assertThat(third.verificationsSoFar()).isZero();
        }
    }

    @Test
    void aShorterLeaseIsKeptALongerOneCutToTheLongestAllowed() throws Exception {
        HubSite.write(dir, "max_lease_seconds: 3600");
        try (HubSite site = HubSite.serve(dir, Clock.systemUTC(), HubSite.ONE_AT_A_TIME);
             CallbackServer callback = CallbackServer.start()) {
            site.subscribe(callback, ALPHA_TOPIC, "hub.lease_seconds", "120");
            assertThat(callback.nextVerification().query()).containsEntry("hub.lease_seconds", "120");
            site.subscribe(callback, ALPHA_TOPIC, "hub.lease_seconds", "999999");
            assertThat(callback.nextVerification().query()).containsEntry("hub.lease_seconds", "3600");
            site.subscribe(callback, ALPHA_TOPIC);
            assertThat(callback.nextVerification().query()).containsEntry("hub.lease_seconds", "3600");
        }
    }

    @Test
    void subscriptionsSurviveARestartInAFileOnlyItsOwnerReads() throws Exception {
        HubSite.write(dir);
        try (CallbackServer callback = CallbackServer.start()) {
            try (HubSite site = HubSite.serve(dir, Clock.systemUTC(), HubSite.ONE_AT_A_TIME)) {
                site.subscribe(callback, ALPHA_TOPIC, "hub.secret", "kept");
            }
            Path file = dir.resolve(SubscriptionStore.FILE_NAME);
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(file)).contains("\"topic\" : \"/tags/alpha/rss.xml\"");

            try (HubSite again = HubSite.serve(dir, Clock.systemUTC(), HubSite.ONE_AT_A_TIME)) {
                again.edit(ALPHA_POST, "Words after the restart.");
                CallbackServer.Request delivered = callback.nextDelivery();
                assertThat(new String(delivered.body(), StandardCharsets.UTF_8)).contains("Words after the restart.");
                assertThat(delivered.header("X-Hub-Signature")).isEqualTo(hmac("kept", delivered.body()));
            }
        }
    }

    @Test
    void anExpiredLeaseGetsNothing() throws Exception {
        HubSite.write(dir, "max_lease_seconds: 3600");
        ManualClock hubClock = new ManualClock(Instant.now());
        try (HubSite site = HubSite.serve(dir, hubClock, HubSite.ONE_AT_A_TIME);
             CallbackServer expiring = CallbackServer.start(); CallbackServer lasting = CallbackServer.start()) {
            site.subscribe(expiring, ALPHA_TOPIC, "hub.lease_seconds", "60");
            site.subscribe(lasting, ALPHA_TOPIC);
            hubClock.advance(Duration.ofSeconds(61));

            site.edit(ALPHA_POST, "Words after the lease.");
            lasting.nextDelivery();
            assertThat(expiring.deliveriesSoFar()).as("subscribed first, so it would have come first").isEmpty();
            assertThat(site.hub().subscriptions().all()).extracting(Subscription::callback)
                    .containsExactly(lasting.uri());
        }
    }

    @Test
    void aFailedDeliveryIsTriedAgainAndGoneEndsTheSubscription() throws Exception {
        HubSite.write(dir);
        try (HubSite site = HubSite.serve(dir, Clock.systemUTC(), HubSite.ONE_AT_A_TIME);
             CallbackServer callback = CallbackServer.start()) {
            site.subscribe(callback, ALPHA_TOPIC);
            callback.answerDeliveriesWith(500);
            site.edit(ALPHA_POST, "Words delivered three times.");
            List<byte[]> bodies = List.of(callback.nextDelivery().body(), callback.nextDelivery().body(),
                    callback.nextDelivery().body());
            assertThat(bodies).allSatisfy(body -> assertThat(body).isEqualTo(bodies.get(0)));

            callback.answerDeliveriesWith(410);
            site.edit(ALPHA_POST, "Words the callback no longer wants.");
            callback.nextDelivery();
            LiveSite.await(() -> site.hub().subscriptions().all().isEmpty(), "the subscription ended by 410");
        }
    }

    @Test
    void aCallbackThatNeverAnswersDoesNotHoldUpAnother() throws Exception {
        HubSite.write(dir);
        HubLimits twoAtATime = new HubLimits(Duration.ofSeconds(5), Duration.ofSeconds(30), List.of(), 2, 1, 100);
        try (HubSite site = HubSite.serve(dir, Clock.systemUTC(), twoAtATime);
             CallbackServer silent = CallbackServer.start(); CallbackServer prompt = CallbackServer.start()) {
            site.subscribe(silent, ALPHA_TOPIC);
            site.subscribe(prompt, ALPHA_TOPIC);
            silent.holdDeliveries();

            site.edit(ALPHA_POST, "Words for both.");
            silent.nextHeldDelivery();
            CallbackServer.Request delivered = prompt.nextDelivery();
            assertThat(new String(delivered.body(), StandardCharsets.UTF_8)).contains("Words for both.");
            assertThat(silent.deliveriesSoFar()).as("the silent callback has not answered yet").isEmpty();
        }
    }

    private static void assertRefused(HttpResponse<String> response, int status, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).startsWith(reason);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    }

    /** What X-Hub-Signature must say, computed here rather than by the hub's code. */
    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
}
