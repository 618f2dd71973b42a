package feedwright.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Small, fixed responses: errors and refusals, always with a short plain-text body. */
final class Responses {

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
