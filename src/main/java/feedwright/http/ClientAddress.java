package feedwright.http;

import feedwright.config.IpRange;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Who the client of a request is: the address of the connection, unless that is a trusted proxy
 * ({@code server.trusted_proxies}), in which case {@code X-Forwarded-For} is read from its right-most hop
 * leftwards, past every trusted address, to the first one that is not trusted. Hops further left were written
 * by the client or by proxies nobody vouches for, so they are never believed; a hop that is not an address
 * literal (with a port or without) ends the walk at the trusted proxy that passed it on. Without trusted proxies the header is never
 * read. Immutable and thread-safe.
 */
final class ClientAddress {

    private static final HttpString X_FORWARDED_FOR = new HttpString("X-Forwarded-For");
    /** Hops read at most; a longer chain ends at the last one read (the header is bounded anyway). */
    private static final int MAX_HOPS = 32;

    private final List<IpRange> trusted;

    ClientAddress(List<IpRange> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    InetAddress of(HttpServerExchange exchange) {
        InetAddress peer = exchange.getSourceAddress().getAddress();
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        HeaderValues forwarded = exchange.getRequestHeaders().get(X_FORWARDED_FOR);
        if (forwarded == null) {
            return peer;
        }
        InetAddress client = peer;
        int hops = 0;
        for (int line = forwarded.size() - 1; line >= 0; line--) {
            String[] written = forwarded.get(line).split(",");
            for (int i = written.length - 1; i >= 0; i--) {
                Optional<InetAddress> hop = IpRange.literal(withoutPort(written[i].strip()));
                if (hop.isEmpty() || ++hops > MAX_HOPS) {
                    return client;
                }
                client = hop.get();
                if (!isTrusted(client)) {
                    return client;
                }
            }
        }
        return client; // every hop is a trusted proxy: the left-most is as near the client as we know
    }

    /**
     * Some proxies add the client's port ({@code 203.0.113.7:5123}, {@code [2001:db8::7]:5123}); the address
     * is what names the client. A bare IPv6 address has more than one colon and is left as it is.
     */
    static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close < 0 ? hop : hop.substring(1, close);
        }
        int colon = hop.indexOf(':');
        return colon >= 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    private boolean isTrusted(InetAddress address) {
        for (IpRange range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
