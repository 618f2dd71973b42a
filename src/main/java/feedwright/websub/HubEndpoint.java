package feedwright.websub;

import feedwright.feed.FeedFormats;
import feedwright.snapshot.Representation;
import feedwright.snapshot.Snapshot;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /hub}: subscription requests (WebSub §5.1), a form ({@code application/x-www-form-urlencoded})
 * of {@code hub.mode} ({@code subscribe} or {@code unsubscribe}), {@code hub.callback}, {@code hub.topic}
 * and, to subscribe, optionally {@code hub.lease_seconds} and {@code hub.secret}. A request that cannot be
 * met gets a {@code 4xx} with the reason in a sentence, and {@code 503} when the hub is full; one that can
 * gets {@code 202 Accepted}, and the callback is asked to confirm it ({@link IntentVerifier}). The topic
 * must be the URL of a feed the site serves at that moment (an unsubscription may name one that went
 * away). The body is read up to {@value #MAX_BODY_BYTES} bytes, without blocking the IO thread.
 * Other methods get {@code 405}. Thread-safe.
 */
public final class HubEndpoint implements HttpHandler {

    /** Enough for a callback and a topic of 2,048 characters each, a secret and a lease, percent-encoded. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    /** Longest callback and topic taken, as the server takes paths: a longer one is no address anyone uses. */
    static final int MAX_URL_CHARS = 2048;
    /** WebSub §5.1: "This parameter MUST be less than 200 bytes in length." */
    static final int MAX_SECRET_BYTES = 199;
    private static final String FORM = "application/x-www-form-urlencoded";

    private final Supplier<Snapshot> snapshots;
    private final Topics topics;
    private final SubscriptionStore store;
    private final IntentVerifier verifier;
    private final long maxLeaseSeconds;

    HubEndpoint(Supplier<Snapshot> snapshots, Topics topics, SubscriptionStore store, IntentVerifier verifier,
                long maxLeaseSeconds) {
        this.snapshots = snapshots;
        this.topics = topics;
        this.store = store;
        this.verifier = verifier;
        this.maxLeaseSeconds = maxLeaseSeconds;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (!exchange.getRequestMethod().equals(Methods.POST)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "POST");
            answer(exchange, StatusCodes.METHOD_NOT_ALLOWED, "the hub takes subscription requests: POST a form");
            return;
        }
        String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(Locale.ROOT).strip().startsWith(FORM)) {
            answer(exchange, StatusCodes.UNSUPPORTED_MEDIA_TYPE, "expected a form (" + FORM + ")");
            return;
        }
        if (exchange.getRequestContentLength() > MAX_BODY_BYTES) {
            answer(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE, "a subscription request is at most "
                    + MAX_BODY_BYTES + " bytes");
            return;
        }
        exchange.setMaxEntitySize(MAX_BODY_BYTES); // the server's own limit is no body at all
        exchange.getRequestReceiver().setMaxBufferSize(MAX_BODY_BYTES);
        exchange.getRequestReceiver().receiveFullBytes((done, body) -> handleForm(done, body),
                (failed, e) -> answer(failed, e instanceof RequestTooBigException ? StatusCodes.REQUEST_ENTITY_TOO_LARGE
                        : StatusCodes.BAD_REQUEST, "the request's body could not be read"));
    }

    private void handleForm(HttpServerExchange exchange, byte[] body) {
        Map<String, String> form;
        try {
            form = Form.parse(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            answer(exchange, StatusCodes.BAD_REQUEST, "the form is not well encoded: " + e.getMessage());
            return;
        }
        Decision decision = decide(form);
        if (decision.status() == StatusCodes.ACCEPTED && !verifier.submit(decision.request())) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "60");
            answer(exchange, StatusCodes.SERVICE_UNAVAILABLE, "too many subscription requests are waiting for their"
                    + " callbacks; try again in a minute");
            return;
        }
        answer(exchange, decision.status(), decision.reason());
    }

    /** What to answer, and the request to verify when it is {@code 202}. */
    private record Decision(int status, String reason, IntentVerifier.Request request) {
        static Decision refused(int status, String reason) {
            return new Decision(status, reason, null);
        }
    }

    private Decision decide(Map<String, String> form) {
        String mode = form.getOrDefault("hub.mode", "");
        if (!mode.equals("subscribe") && !mode.equals("unsubscribe")) {
            return Decision.refused(StatusCodes.BAD_REQUEST, "hub.mode must be subscribe or unsubscribe"
                    + (mode.equals("publish") ? " (this hub publishes its own feeds' changes by itself)" : ""));
        }
        Optional<URI> callback = callback(form.getOrDefault("hub.callback", ""));
        if (callback.isEmpty()) {
            return Decision.refused(StatusCodes.BAD_REQUEST, "hub.callback must be an absolute http(s) URL"
                    + " without a fragment, at most " + MAX_URL_CHARS + " characters");
        }
        String topic = form.getOrDefault("hub.topic", "");
        Optional<String> path = topic.length() > MAX_URL_CHARS ? Optional.empty() : topics.path(topic);
        if (path.isEmpty()) {
            return Decision.refused(StatusCodes.BAD_REQUEST, "hub.topic must be the URL of a feed of this site,"
                    + " under " + topics.url("/"));
        }
        Subscription.Key key = new Subscription.Key(path.get(), callback.get());
        if (mode.equals("unsubscribe")) {
            return accepted(new IntentVerifier.Request(IntentVerifier.Mode.UNSUBSCRIBE, key, topic, Optional.empty(), 0));
        }
        Optional<Representation> feed = snapshots.get().find(path.get());
        if (feed.isEmpty() || !FeedFormats.isFeed(feed.get().contentType())) {
            return Decision.refused(StatusCodes.NOT_FOUND, "hub.topic: this site serves no feed at " + topic);
        }
        String secret = form.getOrDefault("hub.secret", "");
        if (secret.getBytes(StandardCharsets.UTF_8).length > MAX_SECRET_BYTES) {
            return Decision.refused(StatusCodes.BAD_REQUEST, "hub.secret must be less than 200 bytes");
        }
        String lease = form.getOrDefault("hub.lease_seconds", "");
        long granted = maxLeaseSeconds;
        if (!lease.isEmpty()) {
            if (!lease.matches("[0-9]{1,12}") || Long.parseLong(lease) == 0) {
                return Decision.refused(StatusCodes.BAD_REQUEST, "hub.lease_seconds must be a whole number of seconds"
                        + " from 1 (this hub grants at most " + maxLeaseSeconds + ")");
            }
            granted = Math.min(Long.parseLong(lease), maxLeaseSeconds);
        }
        if (!store.hasRoomFor(key)) {
            return Decision.refused(StatusCodes.SERVICE_UNAVAILABLE, "the hub holds as many subscriptions as it may;"
                    + " try again when some have ended");
        }
        return accepted(new IntentVerifier.Request(IntentVerifier.Mode.SUBSCRIBE, key, topic,
                secret.isEmpty() ? Optional.empty() : Optional.of(secret), granted));
    }

    private static Decision accepted(IntentVerifier.Request request) {
        return new Decision(StatusCodes.ACCEPTED, "accepted: the callback will be asked to confirm", request);
    }

    private static Optional<URI> callback(String text) {
        if (text.isEmpty() || text.length() > MAX_URL_CHARS) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text);
            return Topics.isCallback(uri) ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static void answer(HttpServerExchange exchange, int status, String reason) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(reason + "\n", StandardCharsets.UTF_8);
    }
}
