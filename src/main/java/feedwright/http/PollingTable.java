package feedwright.http;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server remembers of how clients poll: for each (client address, {@code User-Agent}, path) when it
 * last asked, was last answered, and last got the full bytes, and for each {@link UserAgentFamily} the counts
 * of the report ({@code /stats}).
 *
 * <p>Memory is bounded twice. Clients are kept in an LRU of at most {@code maxClients} entries, each a few
 * dozen bytes besides its key, whose {@code User-Agent} is cut to {@link #MAX_AGENT_CHARS}; the least
 * recently seen is forgotten first. Forgetting a client only ever lets it in sooner, so a flood of new
 * clients can push others out of the table but never lock anyone out. Families are at most
 * {@link #MAX_FAMILIES} besides {@link UserAgentFamily#OTHER}, which counts every later one, each with the last
 * {@link #INTERVAL_SAMPLE} intervals for its median.
 *
 * <p>Thread-safe: one lock, held only to read and update a few numbers.
 */
final class PollingTable {

    static final int MAX_AGENT_CHARS = 256;
    static final int MAX_FAMILIES = 32;
    static final int INTERVAL_SAMPLE = 512;

    /** One client's requests for one path. */
    record Key(InetAddress client, String userAgent, String path) {

        static Key of(InetAddress client, String userAgent, String path) {
            String agent = userAgent == null ? "" : userAgent;
            return new Key(client, agent.length() > MAX_AGENT_CHARS ? agent.substring(0, MAX_AGENT_CHARS) : agent,
                    path);
        }
    }

    /** A request as the limit and the report see it. */
    record Request(boolean limited, boolean conditional, boolean notModified, int fullTag) {
    }

    /** One family's line of the report; {@code medianIntervalMillis} is -1 before any interval was seen. */
    record FamilyCounts(String family, long requests, long conditional, long notModified, long tooMany,
                        long medianIntervalMillis) {
    }

    private static final class Visits {
        final Family family;
        long lastSeen = -1;
        long lastAnswered = -1;
        long lastFull = -1;
        int fullTag;

        Visits(Family family) {
            this.family = family;
        }
    }

    private static final class Family {
        final String name;
        long requests;
        long conditional;
        long notModified;
        long tooMany;
        final int[] intervals = new int[INTERVAL_SAMPLE];
        long intervalsSeen;

        Family(String name) {
            this.name = name;
        }

        void interval(long millis) {
            intervals[(int) (intervalsSeen++ % INTERVAL_SAMPLE)] = (int) Math.min(millis, Integer.MAX_VALUE);
        }

        FamilyCounts counts() {
            int[] sample = Arrays.copyOf(intervals, (int) Math.min(intervalsSeen, INTERVAL_SAMPLE));
            Arrays.sort(sample);
            long median = sample.length == 0 ? -1
                    : sample.length % 2 == 1 ? sample[sample.length / 2]
                    : ((long) sample[sample.length / 2 - 1] + sample[sample.length / 2]) / 2;
            return new FamilyCounts(name, requests, conditional, notModified, tooMany, median);
        }
    }

    private final int maxClients;
    private final Clock clock;
    private final long minIntervalMillis;
    private final long minConditionalIntervalMillis;
    private final Map<Key, Visits> clients;
    private final Map<String, Family> families = new LinkedHashMap<>();

    PollingTable(int maxClients, int minIntervalSeconds, int minConditionalIntervalSeconds, Clock clock) {
        this.maxClients = maxClients;
        this.clock = clock;
        this.minIntervalMillis = minIntervalSeconds * 1000L;
        this.minConditionalIntervalMillis = minConditionalIntervalSeconds * 1000L;
        this.clients = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Visits> eldest) {
                return size() > PollingTable.this.maxClients;
            }
        };
    }

    /**
     * Records a request and decides it. A request that would be answered {@code 304} waits the conditional
     * interval after the client's last answered request; one that would send the full bytes waits the full
     * interval after the client last got those same bytes ({@code fullTag}), so a changed feed is never held
     * back. Refused requests move no clock: a client that waits as told gets in.
     *
     * @return 0 when the request may go on, else the seconds the client should wait ({@code Retry-After})
     */
    synchronized long visit(Key key, Request request) {
        long nowMillis = clock.millis(); // read under the lock, so that no thread sees the time run backwards
        Visits visits = clients.get(key);
        if (visits == null) {
            visits = new Visits(family(UserAgentFamily.of(key.userAgent())));
            clients.put(key, visits);
        }
        if (nowMillis < visits.lastSeen) {
            // The wall clock was set back: what was remembered lies in the future and would refuse the client
            // for as long as the clock jumped. Forget it, which only lets the client in sooner.
            visits.lastSeen = visits.lastAnswered = visits.lastFull = -1;
        }
        Family family = visits.family;
        family.requests++;
        if (request.conditional()) {
            family.conditional++;
        }
        if (visits.lastSeen >= 0) {
            family.interval(Math.max(0, nowMillis - visits.lastSeen));
        }
        visits.lastSeen = nowMillis;
        long allowedAt = !request.limited() ? Long.MIN_VALUE
                : request.notModified() ? (visits.lastAnswered < 0 ? Long.MIN_VALUE
                        : visits.lastAnswered + minConditionalIntervalMillis)
                : (visits.lastFull < 0 || visits.fullTag != request.fullTag() ? Long.MIN_VALUE
                        : visits.lastFull + minIntervalMillis);
        if (nowMillis < allowedAt) {
            family.tooMany++;
            return (allowedAt - nowMillis + 999) / 1000;
        }
        if (request.notModified()) {
            family.notModified++;
        }
        // Only a GET the limit judges says what the client got: a HEAD got no body, so the GET after it is
        // judged as if the HEAD had not been.
        if (request.limited()) {
            visits.lastAnswered = nowMillis;
            if (!request.notModified()) {
                visits.lastFull = nowMillis;
                visits.fullTag = request.fullTag();
            }
        }
        return 0;
    }

    private Family family(String name) {
        Family family = families.get(name);
        if (family == null) {
            String kept = families.size() - (families.containsKey(UserAgentFamily.OTHER) ? 1 : 0) < MAX_FAMILIES
                    ? name : UserAgentFamily.OTHER;
            family = families.computeIfAbsent(kept, Family::new);
        }
        return family;
    }

    synchronized int clients() {
        return clients.size();
    }

    int maxClients() {
        return maxClients;
    }

    /** Every family seen, the busiest first. */
    List<FamilyCounts> families() {
        List<FamilyCounts> counts = new ArrayList<>();
        synchronized (this) {
            for (Family family : families.values()) {
                counts.add(family.counts());
            }
        }
        counts.sort(Comparator.comparingLong(FamilyCounts::requests).reversed().thenComparing(FamilyCounts::family));
        return counts;
    }
}
