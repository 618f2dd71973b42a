package feedwright.websub;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One verified subscription of the built-in hub: a subscriber's callback gets every new version of one
 * feed until its lease ends. A callback subscribes to a feed once; subscribing again renews the lease and
 * replaces the secret (WebSub §5.1). Immutable.
 *
 * @param topic    the feed's path as {@code serve} answers it ({@code /tags/投資/rss.xml}: decoded)
 * @param callback where deliveries are POSTed, as the subscriber gave it (its query included)
 * @param secret   the key deliveries are signed with ({@code X-Hub-Signature}), when the subscriber gave one
 * @param expires  when the lease ends; from then on nothing is delivered
 */
public record Subscription(String topic, URI callback, Optional<String> secret, Instant expires) {

    public Subscription {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(expires, "expires");
    }

    /** What tells subscriptions apart: one feed, one callback. */
    public record Key(String topic, URI callback) {
        public Key {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(callback, "callback");
        }
    }

    public Key key() {
        return new Key(topic, callback);
    }

    /** Whether the lease still runs at {@code now}. */
    public boolean activeAt(Instant now) {
        return expires.isAfter(now);
    }

    /** The secret is left out: a log line or a failed assertion must not show it. */
    @Override
    public String toString() {
        return "Subscription[" + topic + " → " + callback + (secret.isPresent() ? ", signed" : "") + ", until "
                + expires + "]";
    }
}
