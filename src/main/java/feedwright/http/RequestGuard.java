package feedwright.http;

import feedwright.text.UrlPaths;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.util.Locale;

/**
 * Refuses what a feed server never needs before any lookup happens: methods other than GET, HEAD and
 * OPTIONS (405 with {@code Allow}, as RFC 9110 §15.5.6 asks), request bodies, and paths with dot segments,
 * encoded slashes, NUL or control characters, or absurd length (400). Resources live in a map, so such
 * paths could not reach a file anyway; refusing them says so plainly. Answers {@code OPTIONS *}, which
 * asks about the server rather than a resource (RFC 9110 §9.3.7). Then merges runs of slashes in the path
 * ({@link UrlPaths#mergeSlashes}): merging adds no dot segment, encoded slash or control character. Stateless.
 */
final class RequestGuard implements HttpHandler {

    static final int MAX_PATH_LENGTH = 2048;

    private static final Responses.Text METHOD = Responses.Text.of("only GET, HEAD and OPTIONS are allowed");
    private static final Responses.Text BODY = Responses.Text.of("a GET, HEAD or OPTIONS request must not have a body");
    private static final Responses.Text TOO_LONG = Responses.Text.of("path too long");
    private static final Responses.Text ENCODED_SLASH = Responses.Text.of("encoded slashes are not allowed in paths");
    private static final Responses.Text CONTROL = Responses.Text.of("control characters are not allowed in paths");
    private static final Responses.Text DOT_SEGMENT = Responses.Text.of("dot segments are not allowed in paths");

    private final HttpHandler next;

    RequestGuard(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        HttpString method = exchange.getRequestMethod();
        if (!method.equals(Methods.GET) && !method.equals(Methods.HEAD) && !method.equals(Methods.OPTIONS)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, Responses.ALLOW);
            Responses.send(exchange, StatusCodes.METHOD_NOT_ALLOWED, METHOD);
            return;
        }
        if (hasBody(exchange)) {
            Responses.send(exchange, StatusCodes.BAD_REQUEST, BODY);
            return;
        }
        if (method.equals(Methods.OPTIONS) && exchange.getRequestURI().equals("*")) {
            Responses.options(exchange);
            return;
        }
        Responses.Text problem = pathProblem(exchange.getRequestURI(), exchange.getRelativePath());
        if (problem != null) {
            Responses.send(exchange, StatusCodes.BAD_REQUEST, problem);
            return;
        }
        exchange.setRelativePath(UrlPaths.mergeSlashes(exchange.getRelativePath()));
        next.handleRequest(exchange);
    }

    private static boolean hasBody(HttpServerExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
        return exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING)
                || (length != null && !length.strip().equals("0"));
    }

    /** Why the path is refused, or null when it is fine. */
    static Responses.Text pathProblem(String rawPath, String decodedPath) {
        if (rawPath.length() > MAX_PATH_LENGTH) {
            return TOO_LONG;
        }
        if (rawPath.toLowerCase(Locale.ROOT).contains("%2f") || rawPath.contains("\\")
                || rawPath.toLowerCase(Locale.ROOT).contains("%5c")) {
            return ENCODED_SLASH;
        }
        for (int i = 0; i < decodedPath.length(); i++) {
            char c = decodedPath.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return CONTROL;
            }
        }
        for (String segment : decodedPath.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return DOT_SEGMENT;
            }
        }
        return null;
    }
}
