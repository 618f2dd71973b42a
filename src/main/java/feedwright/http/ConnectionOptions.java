package feedwright.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Locale;

/**
 * Honours {@code close} among a request's connection options (RFC 9112 §9.6): the connection ends after
 * this response. Undertow keeps the connection open unless the first {@code Connection} field line is
 * exactly {@code close}, so {@code Connection: keep-alive, close}, or {@code close} in a second line,
 * would leave open a connection the client was told nothing about. Runs first, so every answer (a
 * refusal, a 503 while shutting down) honours it. Stateless.
 */
final class ConnectionOptions implements HttpHandler {

    private final HttpHandler next;

    ConnectionOptions(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (asksToClose(exchange.getRequestHeaders().get(Headers.CONNECTION))) {
            exchange.setPersistent(false); // Undertow then answers with Connection: close and closes
        }
        next.handleRequest(exchange);
    }

    /** @param fieldLines every {@code Connection} field line; null when there is none */
    static boolean asksToClose(Iterable<String> fieldLines) {
        return FieldList.members(fieldLines).stream()
                .anyMatch(option -> option.toLowerCase(Locale.ROOT).equals("close"));
    }
}
