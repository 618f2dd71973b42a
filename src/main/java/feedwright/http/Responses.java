package feedwright.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.ConduitFactory;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.xnio.conduits.StreamSinkConduit;

/**
 * Small, fixed responses: errors and refusals, always with a short plain-text body; the answer to
 * {@code OPTIONS}; and the framing every answer without content (204, 304) needs.
 */
final class Responses {

    /** The methods every path answers (RFC 9110 §10.2.1), for {@code Allow} on OPTIONS and on a 405. */
    static final String ALLOW = "GET, HEAD, OPTIONS";

    private Responses() {
    }

    /** A plain-text body encoded once, into a direct buffer, so sending it copies nothing. */
    record Text(ByteBuffer bytes) {

        static Text of(String line) {
            byte[] encoded = (line + "\n").getBytes(StandardCharsets.UTF_8);
            return new Text(ByteBuffer.allocateDirect(encoded.length).put(encoded).flip().asReadOnlyBuffer());
        }
    }

    static void send(HttpServerExchange exchange, int status, Text body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        sendContent(exchange, body.bytes().duplicate());
    }

    /**
     * The answer to {@code OPTIONS} (RFC 9110 §9.3.7): {@code 204} and the methods allowed, no content and
     * so no {@code Content-Length} (§8.6). The caller adds what else the answer says (CORS).
     */
    static void options(HttpServerExchange exchange) {
        exchange.setStatusCode(StatusCodes.NO_CONTENT);
        exchange.getResponseHeaders().put(Headers.ALLOW, ALLOW);
        exchange.addResponseWrapper(Responses::bodilessFraming);
        exchange.endExchange();
    }

    /**
     * A 304 or a 204 has no content whatever the method, so it announces no framing (RFC 9112 §6.1, §6.3),
     * and a 304 to HEAD carries exactly the fields of a 304 to GET. Undertow gets neither right by itself: it
     * frames a HEAD response without a length as chunked (HTTP/1.1) or closes its connection (HTTP/1.0),
     * and for GET it leaves out every {@code Connection} field, also the {@code close} a client should be
     * told (RFC 9112 §9.6) and the {@code keep-alive} an HTTP/1.0 client needs to keep the connection.
     * The fields are set here, after Undertow chose its bodiless conduit and before the header block is
     * written.
     */
    static StreamSinkConduit bodilessFraming(ConduitFactory<StreamSinkConduit> factory,
                                             HttpServerExchange exchange) {
        StreamSinkConduit conduit = factory.create();
        HeaderMap headers = exchange.getResponseHeaders();
        headers.remove(Headers.TRANSFER_ENCODING);
        headers.remove(Headers.CONTENT_LENGTH);
        if (!exchange.isPersistent()) {
            headers.put(Headers.CONNECTION, "close");
        } else if (exchange.isHttp11()) {
            headers.remove(Headers.CONNECTION); // persistence is HTTP/1.1's default
        } else {
            headers.put(Headers.CONNECTION, "keep-alive"); // an HTTP/1.0 client keeps it only when told
        }
        return conduit;
    }

    /**
     * Sends {@code content} with its length; a response to HEAD announces the same length and ends there,
     * with no content (RFC 9110 §9.3.2). The one place that tells the two methods apart.
     */
    static void sendContent(HttpServerExchange exchange, ByteBuffer content) {
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, content.remaining());
        if (exchange.getRequestMethod().equals(Methods.HEAD)) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(content);
        }
    }
}
