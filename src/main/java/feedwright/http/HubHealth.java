package feedwright.http;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code /healthz} tells of the pings to external WebSub hubs: how many wait or are under way, and for
 * each hub what it answered so far and when and why the last try failed. Small and bounded: one line per
 * configured hub, whatever the number of pings. Immutable.
 *
 * @param pending pings waiting (retries included) or under way
 */
public record HubHealth(int pending, List<Hub> hubs) {

    public HubHealth {
        hubs = List.copyOf(hubs);
    }

    /**
     * One hub.
     *
     * @param sent          pings it answered {@code 2xx}
     * @param failed        tries that failed
     * @param gaveUp        pings given up after their last try
     * @param lastFailureAt when the latest try failed
     * @param lastFailure   what happened then ({@code answered 500}); shown only with the health details, as
     *                      a connection error may name addresses of the operator's network
     */
    public record Hub(String url, long sent, long failed, long gaveUp, Optional<Instant> lastFailureAt,
                      Optional<String> lastFailure) {
        public Hub {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(lastFailureAt, "lastFailureAt");
            Objects.requireNonNull(lastFailure, "lastFailure");
        }
    }
}
