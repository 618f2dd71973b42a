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
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Jekyll site's {@code _config.yml}, read in place so that a Jekyll site needs no second copy of what it
 * already says: the values it gives for site.yml's keys (used where site.yml gives none) and what only a
 * Jekyll site has ({@link JekyllSite}). Of Jekyll's settings only those listed in the README are read; the
 * rest (themes, collections, Sass...) mean nothing to feeds and are left alone, never refused. Immutable.
 */
final class JekyllConfig {

    /** Jekyll's configuration file names, in the order Jekyll 4 looks for them. */
    static final List<String> FILES = List.of("_config.yml", "_config.yaml");
    static final String AUTHORS_FILE = "_data/authors.yml";

    /**
     * The posts Jekyll reads with its own converters (Markdown, HTML) and the text files it publishes as
     * they are; Feedwright reads every one as Markdown, which passes HTML through its sanitiser.
     */
    static final List<String> POST_PATTERNS = List.of("*.md", "*.markdown", "*.mkdown", "*.mkdn", "*.mkd",
            "*.html", "*.htm", "*.txt");

    /** A defaults scope's {@code type} for posts: Jekyll's name, and the older one it still takes. */
    private static final List<String> POSTS_TYPES = List.of("posts", "post");

    /** jekyll-feed's default number of entries, which its subscribers are used to. */
    static final int JEKYLL_FEED_LIMIT = 10;

    /** Jekyll's built-in permalink styles (Jekyll 4.3), by name. */
    private static final Map<String, String> STYLES = Map.of(
            "date", "/:categories/:year/:month/:day/:title:output_ext",
            "pretty", "/:categories/:year/:month/:day/:title/",
            "ordinal", "/:categories/:year/:y_day/:title:output_ext",
            "weekdate", "/:categories/:year/W:week/:short_day/:title:output_ext",
            "none", "/:categories/:title:output_ext");

    private static final int MAX_CHARS = 1 << 20;

    /** The _config.yml key that gives each required site.yml key, for the message when neither file does. */
    private static final Map<ConfigKey<?>, String> REQUIRED = Map.of(ConfigKeys.TITLE, "title",
            ConfigKeys.BASE_URL, "url (with baseurl)");

    private final String file;
    private final Map<ConfigKey<?>, Object> inherited;
    private final JekyllSite site;
    private final List<Problem> warnings;

    private JekyllConfig(String file, Map<ConfigKey<?>, Object> inherited, JekyllSite site, List<Problem> warnings) {
        this.file = file;
        this.inherited = inherited;
        this.site = site;
        this.warnings = List.copyOf(warnings);
    }

    /** What _config.yml holds that Feedwright cannot use, each left out. */
    List<Problem> warnings() {
        return warnings;
    }

    /** That neither _config.yml nor site.yml gives a required key, naming what to write where. */
    Problem missing(ConfigKey<?> key) {
        return Problem.error(file, 1, 1, key.path() + ": required: write " + REQUIRED.getOrDefault(key, key.name())
                + " in " + file + ", or " + key.path() + " in " + ConfigLoader.CONFIG_FILE);
    }

    /** The Jekyll configuration of the site in {@code siteDir}; empty when it is not a Jekyll site. */
    static Optional<JekyllConfig> read(Path siteDir) throws ConfigException {
        for (String name : FILES) {
            Optional<String> text = readText(siteDir, name);
            if (text.isPresent()) {
                return Optional.of(parse(siteDir, name, text.get()));
            }
        }
        return Optional.empty();
    }

    /** The value {@code _config.yml} gives for a site.yml key, if any. */
    @SuppressWarnings("unchecked") // parse() stores only each key's own type
    <T> Optional<T> valueOf(ConfigKey<T> key) {
        return Optional.ofNullable((T) inherited.get(key));
    }

    JekyllSite site() {
        return site;
    }

    private static JekyllConfig parse(Path siteDir, String name, String text) throws ConfigException {
        YamlMap map;
        try {
            map = YamlParser.parseMapping(text, name, 0, MAX_CHARS);
        } catch (YamlSyntaxException e) {
            throw new ConfigException(List.of(e.problem()));
        }
        List<Problem> problems = new ArrayList<>();
        FieldReader fields = new FieldReader(map, name, problems);
        Map<ConfigKey<?>, Object> values = new IdentityHashMap<>();
        put(values, ConfigKeys.TITLE, fields.text("title").or(() -> fields.text("name")).map(PlainText::of));
        put(values, ConfigKeys.DESCRIPTION, fields.text("description").map(PlainText::of));
        put(values, ConfigKeys.BASE_URL, baseUrl(fields));
        Map<String, String> authors = authors(siteDir, problems);
        // jekyll-feed looks the site's author up in _data/authors.yml too.
        put(values, ConfigKeys.AUTHOR, personName(fields, "author").map(key -> authors.getOrDefault(key.strip(), key)));
        put(values, ConfigKeys.LANGUAGE, fields.languageTag("lang"));
        put(values, ConfigKeys.TIMEZONE, fields.zone("timezone"));
        put(values, ConfigKeys.FUTURE, fields.bool("future"));

        Optional<FieldReader> feed = mapping(fields, "feed");
        boolean jekyllFeed = usesJekyllFeed(siteDir, fields, feed.isPresent());
        if (jekyllFeed) {
            values.put(ConfigKeys.ID_SCHEME, IdScheme.JEKYLL_FEED);
            values.put(ConfigKeys.JEKYLL_FEED_ALIASES, true);
            values.put(ConfigKeys.LIMIT, feed.flatMap(f -> f.number("posts_limit", 1, 10_000))
                    .map(Long::intValue).orElse(JEKYLL_FEED_LIMIT));
            feed.flatMap(f -> f.bool("excerpt_only")).filter(only -> only)
                    .ifPresent(only -> values.put(ConfigKeys.CONTENT, ContentMode.SUMMARY));
        }
        String permalink = fields.text("permalink").map(String::strip).orElse("date");
        values.put(ConfigKeys.PERMALINK, STYLES.getOrDefault(permalink, permalink));
        values.put(ConfigKeys.POST_PATTERNS, POST_PATTERNS);
        JekyllSite site = new JekyllSite(name, fields.text("excerpt_separator").orElse("\n\n"), authors,
                feed.map(JekyllConfig::feedLayout).orElse(new JekyllFeedLayout("/feed.xml", Optional.of(List.of()),
                        false, "/feed/by_tag/", Optional.empty(), List.of())), frontMatterDefaults(fields));
        // A value Feedwright cannot use is Jekyll's business: it built the site with it. Said, and left out.
        List<Problem> warnings = problems.stream().map(problem -> problem.isError()
                ? Problem.warning(problem.file(), problem.line(), problem.column(), problem.message()
                        + "; not used (site.yml may give the key instead)")
                : problem).sorted(Problem.ORDER).toList();
        return new JekyllConfig(name, values, site, warnings);
    }

    private static <T> void put(Map<ConfigKey<?>, Object> values, ConfigKey<T> key, Optional<T> value) {
        value.ifPresent(v -> values.put(key, v));
    }

    /** {@code url} and {@code baseurl} together, as Jekyll's {@code absolute_url} joins them. */
    private static Optional<URI> baseUrl(FieldReader fields) {
        Optional<String> url = fields.text("url").map(String::strip);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        // As Jekyll joins them, without tidying: `url: https://example.org/` gives https://example.org//...
        String baseurl = fields.text("baseurl").map(String::strip).orElse("").replaceAll("/+$", "");
        String joined = url.get() + (baseurl.isEmpty() || baseurl.startsWith("/") ? baseurl : "/" + baseurl) + "/";
        try {
            Optional<URI> folder = FieldReader.folderUrl(joined);
            if (folder.isEmpty()) {
                fields.error(fields.map().get("url").orElseThrow(), "url, baseurl: expected an absolute http(s) URL "
                        + "without query or fragment, found '" + joined + "'");
            }
            return folder;
        } catch (URISyntaxException e) {
            fields.error(fields.map().get("url").orElseThrow(), "url, baseurl: '" + joined + "' is not a URL ("
                    + e.getReason() + ")");
            return Optional.empty();
        }
    }

    /** A person written as a name or as a mapping with {@code name} (Jekyll's and jekyll-feed's two forms). */
    private static Optional<String> personName(FieldReader fields, String key) {
        Optional<YamlValue> value = fields.map().get(key);
        if (value.isPresent() && value.get().kind() == YamlValue.Kind.MAP) {
            return new FieldReader(value.get().asMap(), fields.file(), fields.problems(), key + ".").text("name")
                    .map(PlainText::of);
        }
        return fields.text(key).map(PlainText::of);
    }

    private static Optional<FieldReader> mapping(FieldReader fields, String key) {
        return fields.map().get(key).filter(value -> value.kind() == YamlValue.Kind.MAP)
                .map(value -> new FieldReader(value.asMap(), fields.file(), fields.problems(), key + "."));
    }

    /**
     * Whether the site published with jekyll-feed: listed in {@code plugins} (or the older {@code gems}),
     * configured under {@code feed:}, or named in the Gemfile (whose {@code jekyll_plugins} group loads a
     * plugin without _config.yml listing it).
     */
    private static boolean usesJekyllFeed(Path siteDir, FieldReader fields, boolean configured) {
        for (String key : List.of("plugins", "gems")) {
            if (fields.map().get(key).filter(v -> v.kind() == YamlValue.Kind.LIST).isPresent()
                    && fields.textList(key).orElse(List.of()).contains("jekyll-feed")) {
                return true;
            }
        }
        if (configured) {
            return true;
        }
        try {
            Path gemfile = siteDir.resolve("Gemfile");
            return Files.isRegularFile(gemfile, LinkOption.NOFOLLOW_LINKS) && Files.size(gemfile) < MAX_CHARS
                    && Files.readString(gemfile, StandardCharsets.ISO_8859_1).contains("jekyll-feed");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The entries of {@code defaults:} that may apply to posts, as Jekyll takes them: each a mapping whose
     * {@code values} is a mapping; without a {@code scope}, or with a scope whose {@code type} is absent or
     * {@code posts}. An entry of another shape is said and left out (Jekyll skips it too); one for pages,
     * drafts or another collection means nothing to feeds and is left out unsaid. A scope's {@code path}
     * that is not text applies to every file, as in Jekyll.
     */
    private static List<FrontMatterDefaults> frontMatterDefaults(FieldReader fields) {
        Optional<YamlValue> written = fields.map().get("defaults");
        if (written.isEmpty() || written.get().kind() == YamlValue.Kind.NULL) {
            return List.of();
        }
        if (written.get().kind() != YamlValue.Kind.LIST) {
            fields.warning(written.get(), "defaults: expected a list of scopes and values, found "
                    + written.get().kind().description() + "; not used");
            return List.of();
        }
        List<FrontMatterDefaults> entries = new ArrayList<>();
        for (YamlValue item : written.get().items()) {
            Optional<YamlValue> values = item.asMap().get("values");
            if (item.kind() != YamlValue.Kind.MAP || values.isEmpty() || values.get().kind() != YamlValue.Kind.MAP) {
                fields.warning(item, "defaults: expected an entry with a mapping of values (and a scope); not used");
                continue;
            }
            Optional<YamlMap> scope = item.asMap().get("scope").map(YamlValue::asMap);
            Optional<YamlValue> type = scope.flatMap(s -> s.get("type")).filter(t -> t.kind() != YamlValue.Kind.NULL);
            if (type.isPresent() && !(type.get().isScalar() && POSTS_TYPES.contains(type.get().text()))) {
                continue;
            }
            Optional<YamlValue> pathValue = scope.flatMap(s -> s.get("path"));
            String path = pathValue.filter(p -> p.kind() == YamlValue.Kind.TEXT).map(YamlValue::text).orElse("");
            if (FrontMatterDefaults.isGlob(path)) {
                try {
                    FrontMatterDefaults.matchers(path);
                } catch (IllegalArgumentException e) { // Ruby's glob would match nothing, and no post would get it
                    fields.warning(pathValue.orElseThrow(), "defaults: scope path '" + path
                            + "' is not a glob Feedwright can read (" + e.getMessage().lines().findFirst().orElse("")
                            + "); not used");
                    continue;
                }
            }
            entries.add(new FrontMatterDefaults(path, type.isPresent(), values.get().asMap()));
        }
        return List.copyOf(entries);
    }

    /** jekyll-feed's {@code feed:} settings: {@code path}, {@code categories}, {@code tags}. */
    private static JekyllFeedLayout feedLayout(FieldReader feed) {
        String path = feed.text("path").map(String::strip).map(p -> p.startsWith("/") ? p : "/" + p).orElse("/feed.xml");
        List<String> categories = feed.textList("categories").orElse(List.of());
        Optional<YamlValue> tags = feed.map().get("tags");
        boolean tagFeeds = tags.isPresent() && tags.get().kind() != YamlValue.Kind.NULL
                && !(tags.get().kind() == YamlValue.Kind.BOOLEAN && !feed.bool("tags").orElse(false));
        Optional<FieldReader> tagSettings = mapping(feed, "tags");
        String tagsPath = tagSettings.flatMap(t -> t.text("path")).map(String::strip)
                .map(p -> (p.startsWith("/") ? p : "/" + p)).orElse("/feed/by_tag/");
        return new JekyllFeedLayout(path, Optional.of(categories), tagFeeds, tagsPath,
                tagSettings.flatMap(t -> t.textList("only")), tagSettings.flatMap(t -> t.textList("except"))
                        .orElse(List.of()));
    }

    /** {@code _data/authors.yml}: each key to the name it stands for (a name, or a mapping with {@code name}). */
    private static Map<String, String> authors(Path siteDir, List<Problem> problems) throws ConfigException {
        Optional<String> text = readText(siteDir, AUTHORS_FILE);
        if (text.isEmpty()) {
            return Map.of();
        }
        YamlMap map;
        try {
            map = YamlParser.parseMapping(text.get(), AUTHORS_FILE, 0, MAX_CHARS);
        } catch (YamlSyntaxException e) {
            throw new ConfigException(List.of(e.problem()));
        }
        FieldReader fields = new FieldReader(map, AUTHORS_FILE, problems);
        Map<String, String> names = new LinkedHashMap<>();
        for (String key : map.keys()) {
            personName(fields, key).filter(name -> !name.isBlank()).ifPresent(name -> names.put(key, name));
        }
        return names;
    }

    /** A file of the site as text; empty when there is none. Never read through a link. */
    private static Optional<String> readText(Path siteDir, String name) throws ConfigException {
        Path file = siteDir.resolve(name);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_CHARS) {
                throw new ConfigException(List.of(Problem.error(name, "not a regular file of at most 1 MiB")));
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(Problem.error(name, "not valid UTF-8")));
        } catch (IOException e) {
            throw new ConfigException(List.of(Problem.error(name, "cannot be read: " + IoReason.of(e, siteDir))));
        }
    }
}
