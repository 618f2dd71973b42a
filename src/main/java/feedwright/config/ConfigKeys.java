package feedwright.config;

import static feedwright.config.ConfigKey.Fallback.required;
import static feedwright.config.ConfigKey.Fallback.sameAs;
import static feedwright.config.ConfigKey.Fallback.value;
import static feedwright.config.Section.DEPLOY;
import static feedwright.config.Section.FEEDS;
import static feedwright.config.Section.POSTS;
import static feedwright.config.Section.SERVER;
import static feedwright.config.Section.SITE;
import static feedwright.config.Section.WEBSUB;

import feedwright.config.BodyRules.MarkerMode;
import feedwright.config.ConfigKey.Fallback;
import feedwright.config.ConfigKey.Reader;
import feedwright.text.PlainText;
import feedwright.text.UrlPaths;
import feedwright.yaml.FieldReader;
import feedwright.yaml.YamlValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every key of site.yml, each declared once with its section, reader and default. The README's key table
 * lists the same keys with the same defaults ({@code ReadmeKeyTableTest} compares them). A key that
 * defaults to another must come after it in {@link #ALL}.
 */
final class ConfigKeys {

    static final ConfigKey<String> TITLE = key(SITE, "title", ConfigKeys::plainText, required());
    static final ConfigKey<String> DESCRIPTION = key(SITE, "description", ConfigKeys::plainText, value(""));
    static final ConfigKey<URI> BASE_URL = key(SITE, "base_url", FieldReader::url,
            required("the absolute URL of the site (for example https://example.org/)"));
    static final ConfigKey<URI> FEED_BASE_URL = key(SITE, "feed_base_url", FieldReader::url, sameAs(BASE_URL));
    static final ConfigKey<String> LANGUAGE = key(SITE, "language", FieldReader::languageTag, value("en"));
    static final ConfigKey<String> AUTHOR = key(SITE, "author", ConfigKeys::plainText, sameAs(TITLE));
    static final ConfigKey<ZoneId> TIMEZONE = key(SITE, "timezone", FieldReader::zone, value(ZoneId.of("UTC")));
    static final ConfigKey<String> PERMALINK = key(SITE, "permalink", ConfigKeys::permalink,
            value("/:year/:month/:day/:slug/"));
    static final ConfigKey<String> ICON = key(SITE, "icon", ConfigKeys::sitePathOrUrl, value(""));
    static final ConfigKey<String> LOGO = key(SITE, "logo", ConfigKeys::sitePathOrUrl, value(""));

    static final ConfigKey<Integer> LIMIT = key(FEEDS, "limit", wholeNumber(1, 10_000), value(20));
    static final ConfigKey<ContentMode> CONTENT = key(FEEDS, "content", choice(ContentMode.class),
            value(ContentMode.FULL));
    static final ConfigKey<Boolean> FUTURE = key(FEEDS, "future", FieldReader::bool, value(false));
    static final ConfigKey<Integer> MAX_TERMS_PER_POST = key(FEEDS, "max_terms_per_post",
            wholeNumber(1, 10_000), value(100));
    static final ConfigKey<IdScheme> ID_SCHEME = key(FEEDS, "id_scheme", choice(IdScheme.class), value(IdScheme.TAG));
    static final ConfigKey<List<AliasSettings.Alias>> ALIASES = key(FEEDS, "aliases", ConfigKeys::aliasPaths,
            value(List.of()));
    static final ConfigKey<Boolean> ARCHIVES = key(FEEDS, "archives", FieldReader::bool, value(false));
    static final ConfigKey<Integer> ARCHIVE_PAGE_SIZE = key(FEEDS, "archive_page_size", wholeNumber(1, 10_000),
            value(ArchiveSettings.OFF.pageSize()));
    static final ConfigKey<Boolean> COMPLETE = key(FEEDS, "complete", FieldReader::bool,
            value(ArchiveSettings.OFF.complete()));
    static final ConfigKey<Boolean> JEKYLL_FEED_ALIASES = key(FEEDS, "jekyll_feed_aliases", FieldReader::bool,
            value(false));
    static final ConfigKey<Boolean> ALIAS_COPIES = key(FEEDS, "alias_copies", FieldReader::bool, value(false));

    static final ConfigKey<List<String>> POST_PATTERNS = key(POSTS, "post_patterns",
            FieldReader::fileNameGlobs, value(List.of("*.md", "*.markdown", "*.txt")));
    static final ConfigKey<Long> MAX_POST_BYTES = key(POSTS, "max_post_bytes",
            (fields, key) -> fields.number(key, 1, 1L << 30), value(1024L * 1024));
    static final ConfigKey<String> END_MARKER = key(POSTS, "end_marker", ConfigKeys::strippedText, value(""));
    static final ConfigKey<MarkerMode> END_MARKER_MODE = key(POSTS, "end_marker_mode",
            choice(MarkerMode.class), value(MarkerMode.JOIN));
    static final ConfigKey<Boolean> DROP_REPEATED_PARAGRAPHS = key(POSTS, "drop_repeated_paragraphs",
            FieldReader::bool, value(false));

    static final ConfigKey<String> HOST = key(SERVER, "host", ConfigKeys::strippedText, value("127.0.0.1"));
    static final ConfigKey<Integer> PORT = key(SERVER, "port", wholeNumber(0, 65_535), value(8080));
    static final ConfigKey<Integer> MAX_AGE = key(SERVER, "max_age", wholeNumber(0, 31_536_000), value(300));
    static final ConfigKey<Integer> S_MAXAGE = key(SERVER, "s_maxage", wholeNumber(0, 31_536_000), sameAs(MAX_AGE));
    static final ConfigKey<Integer> STALE_WHILE_REVALIDATE = key(SERVER, "stale_while_revalidate",
            wholeNumber(0, 31_536_000), value(60));
    static final ConfigKey<Integer> STALE_IF_ERROR = key(SERVER, "stale_if_error", wholeNumber(0, 31_536_000),
            value(86_400));
    static final ConfigKey<CorsOrigin> CORS_ORIGIN = key(SERVER, "cors_origin", ConfigKeys::corsOrigin,
            value(CorsOrigin.ANY));
    static final ConfigKey<Boolean> NOINDEX = key(SERVER, "noindex", FieldReader::bool, value(false));
    static final ConfigKey<Boolean> POLITE_POLLING = key(SERVER, "polite_polling", FieldReader::bool, value(false));
    static final ConfigKey<Integer> MIN_POLL_INTERVAL = key(SERVER, "min_poll_interval", wholeNumber(1, 86_400),
            value(PollingSettings.DEFAULT_MIN_INTERVAL));
    static final ConfigKey<Integer> MIN_CONDITIONAL_POLL_INTERVAL = key(SERVER, "min_conditional_poll_interval",
            wholeNumber(0, 86_400), value(PollingSettings.DEFAULT_MIN_CONDITIONAL_INTERVAL));
    static final ConfigKey<Integer> POLL_CLIENTS = key(SERVER, "poll_clients", wholeNumber(1, 1_000_000),
            value(PollingSettings.DEFAULT_MAX_CLIENTS));
    static final ConfigKey<List<IpRange>> TRUSTED_PROXIES = key(SERVER, "trusted_proxies", ConfigKeys::ipRanges,
            value(List.of()));
    static final ConfigKey<PollingSettings.StatsAccess> STATS = key(SERVER, "stats",
            choice(PollingSettings.StatsAccess.class), value(PollingSettings.StatsAccess.NONE));

    static final ConfigKey<String> BUCKET = key(DEPLOY, "bucket", ConfigKeys::bucket, value(""));
    static final ConfigKey<String> PREFIX = key(DEPLOY, "prefix", ConfigKeys::keyPrefix, value(""));
    static final ConfigKey<String> ENDPOINT = key(DEPLOY, "endpoint", (fields, key) -> fields.url(key).map(URI::toString),
            value(""));
    static final ConfigKey<String> REGION = key(DEPLOY, "region", ConfigKeys::strippedText, value(""));
    static final ConfigKey<Boolean> PATH_STYLE = key(DEPLOY, "path_style", FieldReader::bool, value(false));
    static final ConfigKey<Integer> MAX_DELETIONS = key(DEPLOY, "max_deletions", wholeNumber(0, 1_000_000),
            value(DeploySettings.DEFAULT_MAX_DELETIONS));

    static final ConfigKey<List<URI>> HUBS = key(WEBSUB, "hubs", ConfigKeys::hubUrls, value(List.of()));
    static final ConfigKey<Boolean> BUILTIN_HUB = key(WEBSUB, "builtin_hub", FieldReader::bool, value(false));
    static final ConfigKey<Integer> MAX_SUBSCRIPTIONS = key(WEBSUB, "max_subscriptions", wholeNumber(1, 1_000_000),
            value(WebSubSettings.DEFAULT_MAX_SUBSCRIPTIONS));
    static final ConfigKey<Integer> MAX_LEASE_SECONDS = key(WEBSUB, "max_lease_seconds",
            wholeNumber(WebSubSettings.MIN_LEASE_SECONDS, 31_536_000), value(WebSubSettings.DEFAULT_MAX_LEASE_SECONDS));
    static final ConfigKey<Integer> MAX_PENDING_DELIVERIES = key(WEBSUB, "max_pending_deliveries",
            wholeNumber(1, 1_000_000), value(WebSubSettings.DEFAULT_MAX_PENDING_DELIVERIES));

    /** Every key, in the order they are read (and, within a section, listed in messages). */
    static final List<ConfigKey<?>> ALL = List.of(TITLE, DESCRIPTION, BASE_URL, FEED_BASE_URL, LANGUAGE, AUTHOR,
            TIMEZONE, PERMALINK, ICON, LOGO, LIMIT, CONTENT, FUTURE, MAX_TERMS_PER_POST, ID_SCHEME, ARCHIVES,
            ARCHIVE_PAGE_SIZE, COMPLETE, ALIASES,
            JEKYLL_FEED_ALIASES, ALIAS_COPIES, POST_PATTERNS, MAX_POST_BYTES,
            END_MARKER, END_MARKER_MODE, DROP_REPEATED_PARAGRAPHS, HOST, PORT, MAX_AGE, S_MAXAGE,
            STALE_WHILE_REVALIDATE, STALE_IF_ERROR, CORS_ORIGIN, NOINDEX, POLITE_POLLING, MIN_POLL_INTERVAL,
            MIN_CONDITIONAL_POLL_INTERVAL, POLL_CLIENTS, TRUSTED_PROXIES, STATS, BUCKET, PREFIX, ENDPOINT, REGION, PATH_STYLE,
            MAX_DELETIONS, HUBS, BUILTIN_HUB, MAX_SUBSCRIPTIONS, MAX_LEASE_SECONDS, MAX_PENDING_DELIVERIES);

    /**
     * serve's own paths beside the feeds (the health check, the WebSub hub, the polling report), which an
     * alias would never reach.
     */
    private static final Set<String> SERVE_PATHS = Set.of("/healthz", "/hub", "/stats");
    /**
     * What the names of build's own files start with (its manifest, its pending list, the nginx redirects):
     * an alias copy there would overwrite one, and removing the alias would delete it.
     */
    private static final String OWN_FILES = "/feedwright-";

    /** A URI scheme (RFC 3986 §3.1) and its colon: what tells an absolute URL from a site path. */
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");

    private ConfigKeys() {
    }

    /** The keys of one section, in declaration order. */
    static List<ConfigKey<?>> of(Section section) {
        return ALL.stream().filter(key -> key.section() == section).toList();
    }

    private static <T> ConfigKey<T> key(Section section, String name, Reader<T> reader, Fallback<T> fallback) {
        return new ConfigKey<>(section, name, reader, fallback);
    }

    private static Reader<Integer> wholeNumber(int min, int max) {
        return (fields, key) -> fields.number(key, min, max).map(Long::intValue);
    }

    private static <E extends Enum<E>> Reader<E> choice(Class<E> type) {
        return (fields, key) -> fields.choice(key, type);
    }

    private static Optional<String> strippedText(FieldReader fields, String key) {
        return fields.text(key).map(String::strip);
    }

    /**
     * The site's own text fields go into every feed as plain text, as a post's do ({@link PlainText}). A
     * post's markup is removed with a warning; here it is an error, like every other doubtful value of this
     * file: the fix (the plain text it names) takes a moment.
     */
    private static Optional<String> plainText(FieldReader fields, String key) {
        return fields.text(key).map(text -> {
            String plain = PlainText.of(text);
            if (PlainText.removesMarkup(text, plain)) {
                fields.error(fields.map().get(key).orElseThrow(), fields.path(key) + ": HTML markup is not allowed ('"
                        + text.strip() + "'); feeds show this as plain text: write '" + plain + "'");
            }
            return plain;
        });
    }

    /**
     * An absolute http(s) URL, or a path under {@code base_url} (resolved by {@link SiteSettings}, as a post's
     * image path is). Any other scheme ({@code data:}, {@code ftp:}) is an error: feed readers fetch these.
     */
    private static Optional<String> sitePathOrUrl(FieldReader fields, String key) {
        return fields.text(key).map(String::strip).flatMap(text -> {
            YamlValue at = fields.map().get(key).orElseThrow();
            if (!SCHEME.matcher(text).lookingAt()) {
                if (text.startsWith("//")) {
                    // In a page "//host/x" names another host; a site path stays under base_url (UrlPaths.underBase).
                    fields.warning(at, fields.path(key) + ": '" + text + "' is taken as a path under base_url, not as"
                            + " another host; for another host write its https:// URL");
                }
                return Optional.of(text);
            }
            String scheme = text.substring(0, text.indexOf(':')).toLowerCase(Locale.ROOT);
            try {
                URI uri = UrlPaths.parseLeniently(text);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getRawAuthority() != null
                        && !uri.getRawAuthority().isEmpty()) {
                    return Optional.of(uri.toString());
                }
            } catch (URISyntaxException e) {
                fields.error(at, fields.path(key) + ": '" + text + "' is not a URL (" + e.getReason() + ")");
                return Optional.empty();
            }
            fields.error(at, fields.path(key) + ": expected an absolute http(s) URL or a path under base_url, found '"
                    + text + "'");
            return Optional.empty();
        });
    }

    /**
     * A list of hub addresses, each an absolute http(s) URL without a fragment, kept as written (a hub's
     * address is its own: {@code https://hub.example/} and {@code https://hub.example} may be two). A wrong
     * item is an error at its place.
     */
    private static Optional<List<URI>> hubUrls(FieldReader fields, String key) {
        Optional<List<String>> items = fields.textList(key);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        List<YamlValue> places = fields.textListItems(key);
        List<URI> hubs = new ArrayList<>();
        for (int i = 0; i < items.get().size(); i++) {
            String text = items.get().get(i).strip();
            Optional<URI> hub = WebSubSettings.hubUrl(text);
            if (hub.isEmpty()) {
                fields.error(places.get(i), fields.path(key) + ": expected an absolute http(s) URL of a hub, found '"
                        + text + "'");
            } else if (!hubs.contains(hub.get())) {
                hubs.add(hub.get());
            }
        }
        return Optional.of(List.copyOf(hubs));
    }

    /**
     * A list of addresses and address blocks ({@code 10.0.0.0/8}), each written as a literal: a host name
     * would make the answer depend on a resolver. A wrong item is an error at its place.
     */
    private static Optional<List<IpRange>> ipRanges(FieldReader fields, String key) {
        Optional<List<String>> items = fields.textList(key);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        List<YamlValue> places = fields.textListItems(key);
        List<IpRange> ranges = new ArrayList<>();
        for (int i = 0; i < items.get().size(); i++) {
            String text = items.get().get(i).strip();
            Optional<IpRange> range = IpRange.parse(text);
            if (range.isEmpty()) {
                fields.error(places.get(i), fields.path(key) + ": expected an IP address or a block such as"
                        + " 10.0.0.0/8 (no host bits past the prefix), found '" + text + "'");
            } else if (!ranges.contains(range.get())) {
                ranges.add(range.get());
            }
        }
        return Optional.of(List.copyOf(ranges));
    }

    /** A bucket name as {@link DeploySettings#isBucketName} allows it. */
    private static Optional<String> bucket(FieldReader fields, String key) {
        return fields.text(key).map(String::strip).filter(name -> {
            if (!DeploySettings.isBucketName(name)) {
                fields.error(fields.map().get(key).orElseThrow(), fields.path(key) + ": " + DeploySettings.BUCKET_RULE
                        + ", found '" + name + "'");
                return false;
            }
            return true;
        });
    }

    /** A key prefix, kept as {@link DeploySettings#normalPrefix} writes it ({@code blog/}). */
    private static Optional<String> keyPrefix(FieldReader fields, String key) {
        return fields.text(key).flatMap(text -> {
            Optional<String> prefix = DeploySettings.normalPrefix(text);
            if (prefix.isEmpty()) {
                fields.error(fields.map().get(key).orElseThrow(), fields.path(key) + ": " + DeploySettings.PREFIX_RULE
                        + ", found '" + text + "'");
            }
            return prefix;
        });
    }

    /**
     * A mapping of old paths to new ones under the output root, each written from the root
     * ({@code /feed.xml: /atom.xml}) and kept decoded ({@code /feed/投資.xml}), as requests are matched. A
     * path with {@code ..}, a query or a fragment cannot be one a feed is served at: an error at its place.
     */
    private static Optional<List<AliasSettings.Alias>> aliasPaths(FieldReader fields, String key) {
        Optional<YamlValue> value = fields.map().get(key).filter(v -> v.kind() != YamlValue.Kind.NULL);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get().kind() != YamlValue.Kind.MAP) {
            fields.error(value.get(), fields.path(key) + ": expected a mapping of old paths to new ones "
                    + "(/feed.xml: /atom.xml), found " + value.get().kind().description());
            return Optional.empty();
        }
        FieldReader paths = new FieldReader(value.get().asMap(), fields.file(), fields.problems(), fields.path(key) + ".");
        List<AliasSettings.Alias> aliases = new ArrayList<>();
        for (String from : paths.map().keys()) {
            Optional<String> to = paths.text(from).map(String::strip);
            Optional<String> oldPath = aliasPath(paths, key, paths.map().keyAt(from), from.strip());
            Optional<String> newPath = to.flatMap(target ->
                    aliasPath(paths, key, paths.map().get(from).orElseThrow(), target));
            if (to.isEmpty() && paths.map().get(from).filter(v -> v.kind() == YamlValue.Kind.NULL
                    || (v.isScalar() && v.text().isBlank())).isPresent()) {
                paths.error(paths.map().keyAt(from), paths.path(from) + ": expected the new path, such as /atom.xml");
            }
            if (oldPath.isPresent() && newPath.isPresent()) {
                YamlValue at = paths.map().keyAt(from);
                aliases.add(new AliasSettings.Alias(oldPath.get(), newPath.get(), at.line(), at.column()));
            }
        }
        return Optional.of(List.copyOf(aliases));
    }

    private static Optional<String> aliasPath(FieldReader fields, String key, YamlValue at, String written) {
        String path = UrlPaths.decodePath(written);
        if (SERVE_PATHS.contains(path)) {
            fields.error(at, key + ": " + path + " is a path serve answers itself, which no redirect may take");
            return Optional.empty();
        }
        if (path.startsWith(OWN_FILES) || path.endsWith(".gz")) {
            fields.error(at, key + ": '" + written + "' is a name Feedwright keeps for its own files ("
                    + OWN_FILES + "…, a .gz twin), which no redirect or copy may take");
            return Optional.empty();
        }
        if (!path.startsWith("/") || path.contains("?") || path.contains("#") || path.contains("\\")
                || !("/" + UrlPaths.withinRoot(path)).equals(path) || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            fields.error(at, key + ": '" + written + "' is not a path from the root of the feeds "
                    + "(expected one such as /feed.xml: starting with '/', without '..', '//', a query or a fragment)");
            return Optional.empty();
        }
        return Optional.of(path);
    }

    private static Optional<String> permalink(FieldReader fields, String key) {
        return fields.text(key).map(String::strip).flatMap(pattern -> {
            YamlValue at = fields.map().get(key).orElseThrow();
            if (!pattern.startsWith("/")) {
                fields.error(at, fields.path(key) + ": must start with '/', found '" + pattern + "'");
                return Optional.empty();
            }
            Optional<String> unknown = PermalinkPattern.unknownPlaceholder(pattern);
            unknown.ifPresent(reason -> fields.error(at, fields.path(key) + ": " + reason));
            return unknown.isPresent() ? Optional.empty() : Optional.of(pattern);
        });
    }

    /**
     * {@code "*"}, one origin as a browser serialises it in {@code Origin} (lower-case scheme and host, the
     * port only when it is not the scheme's default, no path), or {@code false} for none. The browser
     * compares the header with its origin character for character, so anything else could never match
     * and is refused with the form to write.
     */
    private static Optional<CorsOrigin> corsOrigin(FieldReader fields, String key) {
        YamlValue at = fields.map().get(key).orElse(null);
        if (at == null || at.kind() == YamlValue.Kind.NULL) {
            return Optional.empty();
        }
        String expected = "expected \"*\" (any origin), one origin such as https://reader.example, or false";
        if (at.kind() == YamlValue.Kind.BOOLEAN) {
            Optional<Boolean> on = fields.bool(key);
            if (on.orElse(true)) {
                fields.error(at, fields.path(key) + ": " + expected + ", found '" + at.text() + "'");
                return Optional.empty();
            }
            return Optional.of(CorsOrigin.NONE);
        }
        return fields.text(key).map(String::strip).flatMap(text -> {
            if (text.equals("*")) {
                return Optional.of(CorsOrigin.ANY);
            }
            Optional<String> origin = CorsOrigin.serialised(text);
            if (origin.isEmpty()) {
                fields.error(at, fields.path(key) + ": " + expected + ", found '" + text + "'");
            } else if (!origin.get().equals(text)) {
                fields.error(at, fields.path(key) + ": '" + text
                        + "' is not written as browsers send an origin: write '" + origin.get() + "'");
            }
            return origin.filter(text::equals).map(CorsOrigin::new);
        });
    }
}
