package feedwright.config;

import feedwright.problem.IoReason;
import feedwright.problem.Problem;
import feedwright.text.PlainText;
import feedwright.yaml.FieldReader;
import feedwright.yaml.YamlMap;
import feedwright.yaml.YamlParser;
import feedwright.yaml.YamlSyntaxException;
import feedwright.yaml.YamlValue;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and validates {@code feeds-config/site.yml}. Every key is checked here, once, with a message
 * naming file, line and key; an unknown key is an error too, because a misspelt option silently
 * ignored is worse than a refusal.
 */
public final class ConfigLoader {

    /** Where the configuration lives, relative to the site folder. */
    public static final String CONFIG_FILE = "feeds-config/site.yml";

    private static final Set<String> TOP_LEVEL_KEYS = Set.of("title", "description", "base_url", "feed_base_url",
            "language", "author", "timezone", "limit", "content", "permalink", "end_marker", "end_marker_mode",
            "drop_repeated_paragraphs", "future", "post_patterns", "max_post_bytes", "max_terms_per_post", "server");
    private static final Set<String> SERVER_KEYS = Set.of("host", "port", "max_age");
    private static final int MAX_CONFIG_CHARS = 1 << 20;
    private static final Set<String> ISO_LANGUAGES = Set.of(Locale.getISOLanguages());

    private ConfigLoader() {
    }

    /** Loads the configuration of the site in {@code siteDir}. */
    public static SiteConfig load(Path siteDir) throws ConfigException {
        Path file = siteDir.resolve(CONFIG_FILE);
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(Problem.error(CONFIG_FILE, 0, 0,
                    "not found: every site needs " + CONFIG_FILE + " (see README)")));
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(Problem.error(CONFIG_FILE, 0, 0, "not valid UTF-8")));
        } catch (IOException e) {
            throw new ConfigException(List.of(Problem.error(CONFIG_FILE, 0, 0,
                    "cannot be read: " + IoReason.of(e, siteDir))));
        }
        return parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    /** Validates configuration text; exposed for tests that need no files. */
    public static SiteConfig parse(String yaml) throws ConfigException {
        YamlMap map;
        try {
            map = YamlParser.parseMapping(yaml, CONFIG_FILE, 0, MAX_CONFIG_CHARS);
        } catch (YamlSyntaxException e) {
            throw new ConfigException(List.of(e.problem()));
        }
        List<Problem> problems = new ArrayList<>();
        FieldReader fields = new FieldReader(map, CONFIG_FILE, problems);
        rejectUnknownKeys(fields, TOP_LEVEL_KEYS, "");

        String title = plainText(fields, "title", required(fields, "title"));
        URI baseUrl = url(fields, "base_url").orElse(null);
        // Absent, null and blank all mean "not given"; a list or a bad URL was already reported by url().
        if (baseUrl == null && map.get("base_url").map(ConfigLoader::isBlank).orElse(true)) {
            YamlValue key = map.get("base_url").isPresent() ? map.keyAt("base_url") : null;
            problems.add(Problem.error(CONFIG_FILE, key == null ? map.line() : key.line(),
                    key == null ? map.column() : key.column(),
                    "base_url: required, the absolute URL of the site (for example https://example.org/)"));
        }
        URI feedBaseUrl = url(fields, "feed_base_url").orElse(baseUrl);
        String description = fields.text("description").map(text -> plainText(fields, "description", text)).orElse("");
        String language = language(fields).orElse("en");
        String author = fields.text("author").map(text -> plainText(fields, "author", text))
                .orElse(title == null ? "" : title);
        ZoneId zone = zone(fields).orElse(ZoneId.of("UTC"));
        int limit = fields.number("limit", 1, 10_000).orElse((long) SiteConfig.DEFAULT_LIMIT).intValue();
        ContentMode content = contentMode(fields).orElse(ContentMode.FULL);
        String permalink = permalink(fields).orElse(SiteConfig.DEFAULT_PERMALINK);
        BodyRules body = bodyRules(fields);
        boolean future = fields.bool("future").orElse(false);
        List<String> patterns = patterns(fields).orElse(SiteConfig.DEFAULT_POST_PATTERNS);
        long maxPostBytes = fields.number("max_post_bytes", 1, 1L << 30).orElse(SiteConfig.DEFAULT_MAX_POST_BYTES);
        int maxTermsPerPost = fields.number("max_terms_per_post", 1, 10_000)
                .orElse((long) SiteConfig.DEFAULT_MAX_TERMS_PER_POST).intValue();
        ServerSettings server = server(fields, problems);

        if (problems.stream().anyMatch(Problem::isError) || title == null || baseUrl == null) {
            throw new ConfigException(problems.stream().filter(Problem::isError).sorted(Problem.ORDER).toList());
        }
        return new SiteConfig(title, description, baseUrl, feedBaseUrl, language, author, zone, limit, content,
                permalink, body, future, patterns, maxPostBytes, maxTermsPerPost, server);
    }

    private static void rejectUnknownKeys(FieldReader fields, Set<String> known, String prefix) {
        for (String key : fields.map().keys()) {
            if (!known.contains(key)) {
                fields.error(fields.map().keyAt(key), prefix + key + ": unknown key (known keys: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String required(FieldReader fields, String key) {
        Optional<String> value = fields.text(key);
        if (value.isEmpty() && fields.map().get(key).filter(v -> !v.isScalar()).isEmpty()) {
            YamlValue at = fields.map().get(key).orElse(null);
            if (at != null) {
                fields.error(at, key + ": must not be empty");
            } else if (rootPosition(fields.map()) != null) {
                fields.error(rootPosition(fields.map()), key + ": required");
            } else {
                // An empty file has no key to point at; its start will do.
                fields.problems().add(Problem.error(CONFIG_FILE, fields.map().line(), fields.map().column(),
                        key + ": required"));
            }
        }
        return value.orElse(null);
    }

    /**
     * The site's own text fields go into every feed as plain text, as a post's do ({@link PlainText}). A
     * post's markup is removed with a warning; here it is an error, like every other doubtful value of this
     * file: this loader reports errors only, and the fix (the plain text it names) takes a moment.
     */
    private static String plainText(FieldReader fields, String key, String text) {
        if (text == null) {
            return null;
        }
        String plain = PlainText.of(text);
        if (PlainText.removesMarkup(text, plain)) {
            fields.error(fields.map().get(key).orElseThrow(), key + ": HTML markup is not allowed ('" + text.strip()
                    + "'); feeds show this as plain text: write '" + plain + "'");
        }
        return plain;
    }

    /**
     * A well-formed BCP 47 tag whose language is a real one: ISO 639-1 (two letters) or a three-letter code.
     * Locale.forLanguageTag would accept anything, turning what it cannot read into "und".
     */
    private static Optional<String> language(FieldReader fields) {
        return fields.text("language").map(String::strip).flatMap(tag -> {
            try {
                String language = new Locale.Builder().setLanguageTag(tag).build().getLanguage();
                if (language.length() == 3 || (language.length() == 2 && ISO_LANGUAGES.contains(language))) {
                    return Optional.of(tag);
                }
            } catch (IllformedLocaleException illFormed) {
                // reported below, as a tag that is not one
            }
            fields.error(fields.map().get("language").orElseThrow(), "language: '" + tag
                    + "' is not a BCP 47 language tag (such as en, ja or en-US)");
            return Optional.empty();
        });
    }

    private static boolean isBlank(YamlValue value) {
        return value.kind() == YamlValue.Kind.NULL || (value.isScalar() && value.text().isBlank());
    }

    private static YamlValue rootPosition(YamlMap map) {
        // The mapping has no YamlValue of its own; its first key is a fine place to point at.
        return map.keys().stream().findFirst().map(map::keyAt).orElse(null);
    }

    private static Optional<URI> url(FieldReader fields, String key) {
        Optional<String> text = fields.text(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        YamlValue at = fields.map().get(key).orElseThrow();
        try {
            URI uri = new URI(text.get().strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                fields.error(at, key + ": expected an absolute http(s) URL without query or fragment, found '"
                        + text.get() + "'");
                return Optional.empty();
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return Optional.of(new URI(scheme + "://" + uri.getRawAuthority() + (path.endsWith("/") ? path : path + "/")));
        } catch (URISyntaxException e) {
            fields.error(at, key + ": '" + text.get() + "' is not a URL (" + e.getReason() + ")");
            return Optional.empty();
        }
    }

    private static Optional<ZoneId> zone(FieldReader fields) {
        return fields.text("timezone").flatMap(name -> {
            try {
                return Optional.of(ZoneId.of(name.strip()));
            } catch (DateTimeException e) {
                fields.error(fields.map().get("timezone").orElseThrow(), "timezone: '" + name
                        + "' is not a time zone (expected a name such as Asia/Tokyo or an offset such as +09:00)");
                return Optional.empty();
            }
        });
    }

    private static Optional<ContentMode> contentMode(FieldReader fields) {
        return fields.text("content").flatMap(value -> {
            switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "full":
                    return Optional.of(ContentMode.FULL);
                case "summary":
                    return Optional.of(ContentMode.SUMMARY);
                default:
                    fields.error(fields.map().get("content").orElseThrow(),
                            "content: expected 'full' or 'summary', found '" + value + "'");
                    return Optional.empty();
            }
        });
    }

    private static BodyRules bodyRules(FieldReader fields) {
        String marker = fields.text("end_marker").map(String::strip).orElse("");
        BodyRules.MarkerMode mode = fields.text("end_marker_mode").flatMap(value -> {
            switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "join":
                    return Optional.of(BodyRules.MarkerMode.JOIN);
                case "cut":
                    return Optional.of(BodyRules.MarkerMode.CUT);
                default:
                    fields.error(fields.map().get("end_marker_mode").orElseThrow(),
                            "end_marker_mode: expected 'join' or 'cut', found '" + value + "'");
                    return Optional.empty();
            }
        }).orElse(BodyRules.MarkerMode.JOIN);
        boolean dropRepeats = fields.bool("drop_repeated_paragraphs").orElse(false);
        return new BodyRules(marker, mode, dropRepeats);
    }

    private static Optional<String> permalink(FieldReader fields) {
        return fields.text("permalink").map(String::strip).flatMap(pattern -> {
            YamlValue at = fields.map().get("permalink").orElseThrow();
            if (!pattern.startsWith("/")) {
                fields.error(at, "permalink: must start with '/', found '" + pattern + "'");
                return Optional.empty();
            }
            Optional<String> unknown = PermalinkPattern.unknownPlaceholder(pattern);
            unknown.ifPresent(reason -> fields.error(at, "permalink: " + reason));
            return unknown.isPresent() ? Optional.empty() : Optional.of(pattern);
        });
    }

    private static Optional<List<String>> patterns(FieldReader fields) {
        return fields.textList("post_patterns").flatMap(patterns -> {
            List<YamlValue> items = fields.textListItems("post_patterns");
            boolean valid = true;
            for (int i = 0; i < patterns.size(); i++) {
                valid &= validPattern(fields, items.get(i), patterns.get(i));
            }
            return !valid || patterns.isEmpty() ? Optional.empty() : Optional.of(patterns);
        });
    }

    /**
     * Whether {@code pattern} is a glob the post loader can use. It is compiled here, as the loader will
     * compile it, so that a broken one is this file's located error, not an exception in every load.
     */
    private static boolean validPattern(FieldReader fields, YamlValue at, String pattern) {
        if (pattern.isBlank() || pattern.contains("/") || pattern.contains("\\")) {
            fields.error(at, "post_patterns: '" + pattern
                    + "' must be a file-name pattern such as *.md, without folders");
            return false;
        }
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            return true;
        } catch (PatternSyntaxException e) {
            fields.error(at, "post_patterns: '" + pattern + "' is not a file-name pattern (" + e.getDescription()
                    + " near index " + e.getIndex() + ")");
            return false;
        }
    }

    private static ServerSettings server(FieldReader top, List<Problem> problems) {
        Optional<YamlValue> section = top.map().get("server");
        if (section.isEmpty() || section.get().kind() == YamlValue.Kind.NULL) {
            return ServerSettings.DEFAULTS;
        }
        if (section.get().kind() != YamlValue.Kind.MAP) {
            top.error(section.get(), "server: expected a mapping with host, port and max_age, found "
                    + section.get().kind().description());
            return ServerSettings.DEFAULTS;
        }
        FieldReader fields = new FieldReader(section.get().asMap(), CONFIG_FILE, problems, "server.");
        rejectUnknownKeys(fields, SERVER_KEYS, "server.");
        ServerSettings defaults = ServerSettings.DEFAULTS;
        return new ServerSettings(
                fields.text("host").map(String::strip).orElse(defaults.host()),
                fields.number("port", 0, 65_535).orElse((long) defaults.port()).intValue(),
                fields.number("max_age", 0, 31_536_000).orElse((long) defaults.maxAge()).intValue());
    }
}
