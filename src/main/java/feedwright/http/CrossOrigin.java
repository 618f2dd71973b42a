package feedwright.http;

import feedwright.config.CorsOrigin;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

/**
 * The CORS fields (Fetch standard, "HTTP extensions") that let a feed reader running in a web page of
 * another origin read a feed, poll it with {@code If-None-Match} or {@code If-Modified-Since}, and see
 * the validators it needs for that. Credentials are never allowed: {@code Access-Control-Allow-Credentials}
 * is never sent, so a browser sends no cookies and reads nothing a cookie would have unlocked.
 *
 * <p>The allowed origin is the configured value whatever the request's {@code Origin} (it is not echoed),
 * so an answer does not depend on who asks and needs no {@code Vary: Origin}. Stateless.
 */
final class CrossOrigin {

    private static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
    private static final HttpString EXPOSE_HEADERS = new HttpString("Access-Control-Expose-Headers");
    private static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
    private static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
    private static final HttpString MAX_AGE = new HttpString("Access-Control-Max-Age");
    private static final HttpString REQUEST_METHOD = new HttpString("Access-Control-Request-Method");

    /**
     * The response fields a script may read besides the always-readable ones ({@code Last-Modified} is one
     * of those, {@code ETag} is not; listed anyway so the list reads as what a poller needs).
     */
    private static final String EXPOSED = "ETag, Last-Modified, Link";
    private static final String METHODS = "GET, HEAD";
    /**
     * The request fields a script may set: the two preconditions a poller sends. They are not
     * CORS-safelisted, so a fetch that sets one is preceded by a preflight that must allow it.
     */
    private static final String REQUEST_HEADERS = "If-None-Match, If-Modified-Since";
    /**
     * How long a browser may reuse a preflight's answer, in seconds: a day, Firefox's limit (Chromium keeps
     * one at most two hours). Fixed rather than configured: the answer only changes with the server's code.
     */
    private static final String PREFLIGHT_MAX_AGE = "86400";

    private CrossOrigin() {
    }

    /** The fields of every answer about a resource: who may read it, and which fields it may read. */
    static void addTo(HeaderMap headers, CorsOrigin cors) {
        cors.header().ifPresent(origin -> {
            headers.put(ALLOW_ORIGIN, origin);
            headers.put(EXPOSE_HEADERS, EXPOSED);
        });
    }

    /**
     * Whether the request is a CORS preflight: {@code OPTIONS} with {@code Origin} and
     * {@code Access-Control-Request-Method}, which is what a browser sends before a fetch that needs one.
     */
    static boolean isPreflight(HttpServerExchange exchange) {
        return exchange.getRequestMethod().equals(Methods.OPTIONS)
                && exchange.getRequestHeaders().contains(Headers.ORIGIN)
                && exchange.getRequestHeaders().contains(REQUEST_METHOD);
    }

    /**
     * The answer to a preflight: the methods and request fields allowed, for how long. The allowed methods
     * and fields are the same whatever the preflight asks, and the browser decides whether its fetch is
     * among them; without CORS nothing is added, and the browser refuses the fetch.
     */
    static void addPreflight(HeaderMap headers, CorsOrigin cors) {
        if (cors.header().isPresent()) {
            headers.put(ALLOW_METHODS, METHODS);
            headers.put(ALLOW_HEADERS, REQUEST_HEADERS);
            headers.put(MAX_AGE, PREFLIGHT_MAX_AGE);
        }
    }
}
