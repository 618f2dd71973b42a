package feedwright.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
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
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.bytes().capacity());
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        if (exchange.getRequestMethod().equalToString("HEAD")) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(body.bytes().duplicate());
        }
    }
}
