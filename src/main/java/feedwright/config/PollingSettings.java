package feedwright.config;

import java.util.List;
import java.util.Objects;

/**
 * How {@code serve} treats readers that poll too often, who may read the report of who polls how, and which
 * connections may say who the client is ({@code X-Forwarded-For}). Everything is off by default. Immutable.
 *
 * @param limited                whether a too-fast request for a feed gets {@code 429 Too Many Requests}
 * @param minInterval            seconds a client must wait before it fetches the same bytes of a feed again
 * @param minConditionalInterval seconds a client must wait between two requests for a feed that end in
 *                               {@code 304}; {@code 0}: such requests are never limited
 * @param maxClients             most (client, feed) pairs remembered; the least recently seen is forgotten
 * @param trustedProxies         connections whose {@code X-Forwarded-For} names the client
 * @param stats                  who gets {@code /stats}
 */
public record PollingSettings(boolean limited, int minInterval, int minConditionalInterval, int maxClients,
                              List<IpRange> trustedProxies, StatsAccess stats) {

    public static final int DEFAULT_MIN_INTERVAL = 60;
    public static final int DEFAULT_MIN_CONDITIONAL_INTERVAL = 5;
    public static final int DEFAULT_MAX_CLIENTS = 10_000;
    /** Everything off, as when site.yml says nothing. */
    public static final PollingSettings OFF = new PollingSettings(false, DEFAULT_MIN_INTERVAL,
            DEFAULT_MIN_CONDITIONAL_INTERVAL, DEFAULT_MAX_CLIENTS, List.of(), StatsAccess.NONE);

    /** Who may read {@code /stats}. */
    public enum StatsAccess {
        /** Nobody: the path is not answered ({@code 404}). */
        NONE,
        /** Clients on a loopback address (after {@code X-Forwarded-For} from a trusted proxy); others get 403. */
        LOOPBACK,
        /** Anyone who can reach the server. */
        ANYONE
    }

    public PollingSettings {
        trustedProxies = List.copyOf(trustedProxies);
        Objects.requireNonNull(stats, "stats");
        if (minInterval < 1) {
            throw new IllegalArgumentException("minInterval must be >= 1");
        }
        if (minConditionalInterval < 0) {
            throw new IllegalArgumentException("minConditionalInterval must be >= 0");
        }
        if (maxClients < 1) {
            throw new IllegalArgumentException("maxClients must be >= 1");
        }
    }

    /** Whether the server watches how clients poll at all: to limit them, or to report on them. */
    public boolean watched() {
        return limited || stats != StatsAccess.NONE;
    }

    static PollingSettings from(ConfigValues values) {
        return new PollingSettings(values.get(ConfigKeys.POLITE_POLLING), values.get(ConfigKeys.MIN_POLL_INTERVAL),
                values.get(ConfigKeys.MIN_CONDITIONAL_POLL_INTERVAL), values.get(ConfigKeys.POLL_CLIENTS),
                values.get(ConfigKeys.TRUSTED_PROXIES), values.get(ConfigKeys.STATS));
    }
}
