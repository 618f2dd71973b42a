package feedwright.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A subscriber's callback: the JDK's HTTP server on 127.0.0.1, answering the hub's verification GETs (with
 * the challenge, or with something else) and recording every request, deliveries with their headers and
 * bodies. It can hold deliveries unanswered, as a callback that never answers does, until released.
 */
public final class CallbackServer implements AutoCloseable {

    /** How the callback answers a verification. */
    public enum Confirms { WITH_THE_CHALLENGE, WITH_ANOTHER_BODY }

    /** A request the hub made: its query's parameters, headers and body. */
    public record Request(String method, Map<String, String> query, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> String.join(", ", e.getValue())).orElse(null);
        }

        /** The body as form fields ({@code application/x-www-form-urlencoded}), decoded, in order. */
        public Map<String, String> form() {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
                int equals = pair.indexOf('=');
                fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
            return fields;
        }

        public List<String> all(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(Map.Entry::getValue).orElse(List.of());
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Confirms confirms;
    private final BlockingQueue<Request> verifications = new LinkedBlockingQueue<>();
    private final BlockingQueue<Request> deliveries = new LinkedBlockingQueue<>();
    private final BlockingQueue<Request> heldDeliveries = new LinkedBlockingQueue<>();
    private volatile int deliveryStatus = 204;
    private volatile CountDownLatch hold;

    private CallbackServer(Confirms confirms) throws IOException {
        this.confirms = confirms;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static CallbackServer start() throws IOException {
        return new CallbackServer(Confirms.WITH_THE_CHALLENGE);
    }

    public static CallbackServer start(Confirms confirms) throws IOException {
        return new CallbackServer(confirms);
    }

    /** The callback's address, with a query of its own that the hub must keep. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/callback?subscriber=1");
    }

    /** Answers deliveries with {@code status} from now on. */
    public void answerDeliveriesWith(int status) {
        deliveryStatus = status;
    }

    /** Leaves deliveries unanswered until {@link #release()}. */
    public void holdDeliveries() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        if (hold != null) {
            hold.countDown();
        }
    }

    /** The next verification GET, waiting for it. */
    public Request nextVerification() throws InterruptedException {
        return next(verifications, "verification");
    }

    /** The next delivery answered, waiting for it. */
    public Request nextDelivery() throws InterruptedException {
        return next(deliveries, "delivery");
    }

    /** The next delivery received and held unanswered, waiting for it. */
    public Request nextHeldDelivery() throws InterruptedException {
        return next(heldDeliveries, "held delivery");
    }

    /**
     * The next {@code count} publish notifications a hub got (this server standing in for one), waiting for
     * each: each a form POST; their fields.
     */
    public List<Map<String, String>> nextPings(int count) throws InterruptedException {
        List<Map<String, String>> forms = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Request request = nextDelivery();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
            forms.add(request.form());
        }
        return forms;
    }

    /** The feed URLs of the next {@code count} publish notifications, each {@code hub.mode=publish&hub.url=…}. */
    public List<String> nextPublishedTopics(int count) throws InterruptedException {
        List<String> topics = new ArrayList<>();
        for (Map<String, String> form : nextPings(count)) {
            assertThat(form.keySet()).containsExactly("hub.mode", "hub.url");
            assertThat(form).containsEntry("hub.mode", "publish");
            topics.add(form.get("hub.url"));
        }
        return topics;
    }

    /** Deliveries answered so far and not taken. */
    public List<Request> deliveriesSoFar() {
        return List.copyOf(deliveries);
    }

    public int verificationsSoFar() {
        return verifications.size();
    }

    private static Request next(BlockingQueue<Request> queue, String what) throws InterruptedException {
        Request request = queue.poll(LiveSite.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        if (request == null) {
            throw new AssertionError("no " + what + " within " + LiveSite.DEADLINE);
        }
        return request;
    }

    private void handle(HttpExchange exchange) throws IOException {
        int status = deliveryStatus; // as it was when the request came, whatever a test sets once it has seen it
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Request request = new Request(exchange.getRequestMethod(), query(exchange.getRequestURI().getRawQuery()),
                Map.copyOf(exchange.getRequestHeaders()), body);
        if (request.method().equals("GET")) {
            String challenge = request.query().getOrDefault("hub.challenge", "");
            byte[] answer = (confirms == Confirms.WITH_THE_CHALLENGE ? challenge : "not " + challenge)
                    .getBytes(StandardCharsets.UTF_8);
            verifications.add(request);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
            return;
        }
        CountDownLatch held = hold;
        if (held != null) {
            heldDeliveries.add(request);
            try {
                held.await(LiveSite.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deliveries.add(request);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
