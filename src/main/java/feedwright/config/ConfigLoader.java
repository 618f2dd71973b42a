package feedwright.config;

import feedwright.config.ConfigKey.Fallback;
import feedwright.problem.IoReason;
import feedwright.problem.Problem;
import feedwright.text.Digests;
import feedwright.yaml.FieldReader;
import feedwright.yaml.YamlMap;
import feedwright.yaml.YamlParser;
import feedwright.yaml.YamlSyntaxException;
import feedwright.yaml.YamlValue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads and validates {@code feeds-config/site.yml}, key by key as {@link ConfigKeys} declares them, with a
 * message naming file, line and key for every wrong value; an unknown key is an error too, because a
 * misspelt option silently ignored is worse than a refusal. Stateless.
 */
public final class ConfigLoader {

    /** Where the configuration lives, relative to the site folder. */
    public static final String CONFIG_FILE = "feeds-config/site.yml";

    private static final int MAX_CONFIG_CHARS = 1 << 20;

    private ConfigLoader() {
    }

    /** Loads the configuration of the site in {@code siteDir}. */
    public static SiteConfig load(Path siteDir) throws ConfigException {
        return read(siteDir).config();
    }

    /**
     * A fingerprint of {@code site.yml}'s bytes as they are now ({@link Digests#fingerprint}), to compare with the
     * one of the bytes a configuration was read from ({@link LoadedConfig#fingerprint}); empty when it is missing
     * or cannot be read (which differs from any real one).
     */
    public static String fingerprint(Path siteDir) {
        try {
            return Digests.fingerprint(Files.readAllBytes(siteDir.resolve(CONFIG_FILE)));
        } catch (IOException e) {
            return NO_FILE;
        }
    }

    /** The fingerprint of a site.yml that is missing or cannot be read. */
    private static final String NO_FILE = "";

    /** Validates configuration text; exposed for tests that need no files. */
    public static SiteConfig parse(String yaml) throws ConfigException {
        return readText(yaml).config();
    }

    /** Loads the configuration of the site in {@code siteDir}, with the warnings {@link #load} leaves out. */
    public static LoadedConfig read(Path siteDir) throws ConfigException {
        Optional<JekyllConfig> jekyll = JekyllConfig.read(siteDir);
        Path file = siteDir.resolve(CONFIG_FILE);
        byte[] bytes;
        String text;
        try {
            bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            if (jekyll.isPresent()) {
                return readText("", jekyll, NO_FILE); // a Jekyll site: _config.yml says it all
            }
            throw new ConfigException(List.of(Problem.error(CONFIG_FILE,
                    "not found: every site needs " + CONFIG_FILE + " (see README), or a Jekyll site's _config.yml")));
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(Problem.error(CONFIG_FILE, "not valid UTF-8")));
        } catch (IOException e) {
            throw new ConfigException(List.of(Problem.error(CONFIG_FILE,
                    "cannot be read: " + IoReason.of(e, siteDir))));
        }
        return readText(text.startsWith("\uFEFF") ? text.substring(1) : text, jekyll, Digests.fingerprint(bytes));
    }

    /** Validates configuration text, with the warnings {@link #parse} leaves out. */
    public static LoadedConfig readText(String yaml) throws ConfigException {
        return readText(yaml, Optional.empty(), Digests.fingerprint(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Validates configuration text; a key it does not give takes the value a Jekyll site's _config.yml gives,
     * if any, before its default.
     */
    private static LoadedConfig readText(String yaml, Optional<JekyllConfig> jekyll, String fingerprint)
            throws ConfigException {
        YamlMap map;
        try {
            map = YamlParser.parseMapping(yaml, CONFIG_FILE, 0, MAX_CONFIG_CHARS);
        } catch (YamlSyntaxException e) {
            throw new ConfigException(List.of(e.problem()));
        }
        List<Problem> problems = new ArrayList<>();
        jekyll.ifPresent(site -> problems.addAll(site.warnings()));
        FieldReader top = new FieldReader(map, CONFIG_FILE, problems);
        rejectUnknownKeys(top, topLevelKeys());
        Map<Section, Optional<FieldReader>> sections = new EnumMap<>(Section.class);
        for (Section section : Section.values()) {
            sections.put(section, section.isNested() ? nested(top, section) : Optional.of(top));
        }
        ConfigValues values = new ConfigValues();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            read(key, sections.get(key.section()), jekyll, values, problems);
        }
        if (problems.stream().anyMatch(Problem::isError) || values.anyMissing()) {
            throw new ConfigException(problems.stream().filter(Problem::isError).sorted(Problem.ORDER).toList());
        }
        return new LoadedConfig(SiteConfig.from(values, jekyll.map(JekyllConfig::site)),
                problems.stream().filter(problem -> !problem.isError()).sorted(Problem.ORDER).toList(), fingerprint);
    }

    /** The keys written at the top level: those of the top-level sections, and the nested sections' names. */
    private static List<String> topLevelKeys() {
        return Stream.of(Section.values()).flatMap(section -> section.isNested() ? Stream.of(section.mapping())
                : ConfigKeys.of(section).stream().map(ConfigKey::name)).toList();
    }

    private static void rejectUnknownKeys(FieldReader fields, List<String> known) {
        String list = String.join(", ", known.stream().sorted().toList());
        for (String key : fields.map().keys()) {
            if (!known.contains(key)) {
                fields.error(fields.map().keyAt(key), fields.path(key) + ": unknown key (known keys: " + list + ")");
            }
        }
    }

    /**
     * A reader for the mapping of a nested section, after checking its unknown keys; empty when the section
     * is absent, null (every key takes its default) or not a mapping (reported).
     */
    private static Optional<FieldReader> nested(FieldReader top, Section section) {
        Optional<YamlValue> value = top.map().get(section.mapping());
        if (value.isEmpty() || value.get().kind() == YamlValue.Kind.NULL) {
            return Optional.empty();
        }
        List<String> names = ConfigKeys.of(section).stream().map(ConfigKey::name).toList();
        if (value.get().kind() != YamlValue.Kind.MAP) {
            String expected = names.size() == 1 ? names.get(0)
                    : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
            top.error(value.get(), section.mapping() + ": expected a mapping with " + expected + ", found "
                    + value.get().kind().description());
            return Optional.empty();
        }
        FieldReader fields = new FieldReader(value.get().asMap(), CONFIG_FILE, top.problems(), section.prefix());
        rejectUnknownKeys(fields, names);
        return Optional.of(fields);
    }

    private static <T> void read(ConfigKey<T> key, Optional<FieldReader> fields, Optional<JekyllConfig> jekyll,
                                 ConfigValues values, List<Problem> problems) {
        Optional<T> given = fields.flatMap(reader -> key.reader().read(reader, key.name()))
                .or(() -> fields.flatMap(reader -> reader.map().get(key.name())).isPresent() ? Optional.empty()
                        : jekyll.flatMap(site -> site.valueOf(key)));
        if (given.isPresent()) {
            values.put(key, given.get());
            return;
        }
        Fallback<T> fallback = key.fallback();
        if (fallback instanceof Fallback.Value<T> fixed) {
            values.put(key, fixed.value());
        } else if (fallback instanceof Fallback.SameAs<T> same) {
            values.put(key, values.get(same.key()));
        } else if (fallback instanceof Fallback.Required<T> required) {
            boolean written = fields.flatMap(reader -> reader.map().get(key.name())).isPresent();
            if (jekyll.isPresent() && !written) {
                problems.add(jekyll.get().missing(key));
            } else {
                fields.ifPresent(reader -> reportMissing(reader, key, required.hint()));
            }
            values.put(key, null);
        }
    }

    /**
     * Says that a required key has no value, unless its reader already said what is wrong with the one it
     * has. Where: at the key written without a value, else at the start of the file's mapping.
     */
    private static void reportMissing(FieldReader fields, ConfigKey<?> key, String hint) {
        YamlMap map = fields.map();
        Optional<YamlValue> written = map.get(key.name());
        if (hint.isEmpty()) {
            if (written.filter(value -> !value.isScalar()).isPresent()) {
                return;
            }
            if (written.isPresent()) {
                fields.error(written.get(), key.path() + ": must not be empty");
            } else if (!map.keys().isEmpty()) {
                // The mapping has no YamlValue of its own; its first key is a fine place to point at.
                fields.error(map.keyAt(map.keys().iterator().next()), key.path() + ": required");
            } else {
                // An empty file has no key to point at; its start will do.
                fields.problems().add(Problem.error(CONFIG_FILE, map.line(), map.column(), key.path() + ": required"));
            }
            return;
        }
        // Absent, null and blank all mean "not given"; anything else was reported by the reader.
        if (written.map(ConfigLoader::isBlank).orElse(true)) {
            YamlValue at = written.isPresent() ? map.keyAt(key.name()) : null;
            fields.problems().add(Problem.error(CONFIG_FILE, at == null ? map.line() : at.line(),
                    at == null ? map.column() : at.column(), key.path() + ": required, " + hint));
        }
    }

    private static boolean isBlank(YamlValue value) {
        return value.kind() == YamlValue.Kind.NULL || (value.isScalar() && value.text().isBlank());
    }
}
