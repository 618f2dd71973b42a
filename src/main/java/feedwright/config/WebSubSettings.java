package feedwright.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * WebSub (W3C Recommendation, https://www.w3.org/TR/websub/): the external hubs the site names, and whether
 * {@code serve} is a hub for its own feeds, with the limits that keep its subscribers from costing it more
 * than the operator allows. Immutable.
 *
 * @param hubs                 absolute http(s) URLs of external hubs, in the order written
 * @param builtinHub           whether {@code serve} takes subscriptions at {@code /hub} and delivers each
 *                             changed feed to its subscribers
 * @param maxSubscriptions     most subscriptions the built-in hub holds; the next is refused
 * @param maxLeaseSeconds      longest lease it grants; a subscriber asking for none or for more gets this
 * @param maxPendingDeliveries most deliveries waiting at once (queued or waiting to be retried)
 */
public record WebSubSettings(List<URI> hubs, boolean builtinHub, int maxSubscriptions, int maxLeaseSeconds,
                             int maxPendingDeliveries) {

    public static final int DEFAULT_MAX_SUBSCRIPTIONS = 1000;
    /** Ten days: a subscriber renews every few days, and one that went away stops costing deliveries soon. */
    public static final int DEFAULT_MAX_LEASE_SECONDS = 864_000;
    public static final int DEFAULT_MAX_PENDING_DELIVERIES = 1000;
    /** Where {@code serve}'s built-in hub answers, relative to the feed root ({@code feed_base_url + hub}). */
    public static final String BUILTIN_HUB_PATH = "hub";
    /** A shorter longest lease would have subscribers renewing more often than readers poll. */
    static final int MIN_LEASE_SECONDS = 60;

    public WebSubSettings {
        hubs = List.copyOf(hubs);
        if (maxSubscriptions < 1) {
            throw new IllegalArgumentException("maxSubscriptions must be >= 1");
        }
        if (maxLeaseSeconds < 1) {
            throw new IllegalArgumentException("maxLeaseSeconds must be >= 1");
        }
        if (maxPendingDeliveries < 1) {
            throw new IllegalArgumentException("maxPendingDeliveries must be >= 1");
        }
    }

    /** These settings without the built-in hub: for documents no {@code serve} with a hub answers for. */
    public WebSubSettings withoutBuiltInHub() {
        return new WebSubSettings(hubs, false, maxSubscriptions, maxLeaseSeconds, maxPendingDeliveries);
    }

    /**
     * The hubs the feeds name, each once (a feed response's {@code Link: <hub>; rel="hub"}, the documents' hub
     * links): the built-in one first when it is on (it delivers the feed itself, within seconds), then each
     * of {@code hubs} in the order written. Empty for a site without a hub.
     */
    public List<String> advertised(SiteSettings site) {
        LinkedHashSet<String> urls = new LinkedHashSet<>();
        if (builtinHub) {
            urls.add(site.feedUrl(BUILTIN_HUB_PATH));
        }
        hubs.forEach(hub -> urls.add(hub.toString()));
        return List.copyOf(new ArrayList<>(urls));
    }

    /** {@code text} as a hub's address: an absolute http(s) URL with a host and without a fragment. */
    public static Optional<URI> hubUrl(String text) {
        Objects.requireNonNull(text, "text");
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawFragment() == null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // not a URL at all: as wrong as one of another kind
        }
        return Optional.empty();
    }

    static WebSubSettings from(ConfigValues values) {
        return new WebSubSettings(values.get(ConfigKeys.HUBS), values.get(ConfigKeys.BUILTIN_HUB),
                values.get(ConfigKeys.MAX_SUBSCRIPTIONS), values.get(ConfigKeys.MAX_LEASE_SECONDS),
                values.get(ConfigKeys.MAX_PENDING_DELIVERIES));
    }
}
