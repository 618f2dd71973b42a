package feedwright.yaml;

import feedwright.problem.Problem;
import feedwright.text.XmlChars;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Reads typed fields out of a {@link YamlMap}, adding a located problem for every value of the wrong
 * shape instead of throwing, so one pass reports everything wrong with a file. Scalars of another
 * scalar type (a number where text is expected) are taken as their text with a warning; lists or
 * mappings where a scalar is expected are errors. Not thread-safe: it appends to the caller's list.
 */
public final class FieldReader {

    private static final Set<String> ISO_LANGUAGES = Set.of(Locale.getISOLanguages());

    private final YamlMap map;
    private final String file;
    private final List<Problem> problems;
    private final String keyPrefix;

    public FieldReader(YamlMap map, String file, List<Problem> problems) {
        this(map, file, problems, "");
    }

    /** A reader for a nested mapping whose keys are named {@code keyPrefix + key} in messages. */
    public FieldReader(YamlMap map, String file, List<Problem> problems, String keyPrefix) {
        this.map = map;
        this.file = file;
        this.problems = problems;
        this.keyPrefix = keyPrefix;
    }

    /** The file the mapping was read from, as problems name it. */
    public String file() {
        return file;
    }

    public YamlMap map() {
        return map;
    }

    /** The list problems are added to, for problems not tied to one value. */
    public List<Problem> problems() {
        return problems;
    }

    /** The key as messages name it: with the prefix of a nested mapping ({@code server.port}). */
    public String path(String key) {
        return keyPrefix + key;
    }

    /** A text field; empty when absent, null, blank, or of an unusable shape (reported). */
    public Optional<String> text(String key) {
        Optional<YamlValue> found = map.get(key);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        YamlValue value = found.get();
        switch (value.kind()) {
            case NULL:
                return Optional.empty();
            case LIST:
            case MAP:
                error(value, path(key) + ": expected text, found " + value.kind().description());
                return Optional.empty();
            case NUMBER:
            case BOOLEAN:
                warning(value, path(key) + ": expected text, found " + value.kind().description()
                        + "; using '" + value.text() + "' as text");
                return Optional.of(value.text());
            default:
                String text = xmlSafe(value, key);
                return text.isBlank() ? Optional.empty() : Optional.of(text);
        }
    }

    /** A whole number within [min, max]; empty when absent or wrong (reported). */
    public Optional<Long> number(String key, long min, long max) {
        Optional<YamlValue> found = map.get(key).filter(v -> v.kind() != YamlValue.Kind.NULL);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        YamlValue value = found.get();
        String expected = path(key) + ": expected a whole number from " + min + " to " + max;
        if (!value.isScalar()) {
            error(value, expected + ", found " + value.kind().description());
            return Optional.empty();
        }
        try {
            long parsed = Long.parseLong(value.text().strip().replace("_", ""));
            if (parsed >= min && parsed <= max) {
                return Optional.of(parsed);
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the value as written
        }
        error(value, expected + ", found '" + value.text() + "'");
        return Optional.empty();
    }

    /** true/false (YAML 1.1 spellings such as yes/no too); empty when absent or wrong (reported). */
    public Optional<Boolean> bool(String key) {
        Optional<YamlValue> found = map.get(key).filter(v -> v.kind() != YamlValue.Kind.NULL);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        YamlValue value = found.get();
        if (value.kind() == YamlValue.Kind.BOOLEAN) {
            String text = value.text().toLowerCase(Locale.ROOT);
            return Optional.of(text.equals("true") || text.equals("yes") || text.equals("on") || text.equals("y"));
        }
        error(value, path(key) + ": expected true or false, found "
                + (value.isScalar() ? "'" + value.text() + "'" : value.kind().description()));
        return Optional.empty();
    }

    /** A list of text items; a single scalar counts as a one-item list. Wrong items are reported and skipped. */
    public Optional<List<String>> textList(String key) {
        Optional<YamlValue> found = map.get(key).filter(v -> v.kind() != YamlValue.Kind.NULL);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        YamlValue value = found.get();
        if (value.isScalar()) {
            return Optional.of(List.of(xmlSafe(value, key)));
        }
        if (value.kind() == YamlValue.Kind.MAP) {
            error(value, path(key) + ": expected a list, found a mapping");
            return Optional.empty();
        }
        ArrayList<String> items = new ArrayList<>();
        for (YamlValue item : value.items()) {
            if (item.isScalar() && item.kind() != YamlValue.Kind.NULL) {
                items.add(xmlSafe(item, key));
            } else if (!item.isScalar()) {
                error(item, path(key) + ": expected text items, found " + item.kind().description());
            }
        }
        return Optional.of(List.copyOf(items));
    }

    /**
     * Where each item {@link #textList} returns was written, in the same order, to locate a problem of
     * one item: a single scalar is its own item; empty when {@code textList} gives nothing.
     */
    public List<YamlValue> textListItems(String key) {
        Optional<YamlValue> found = map.get(key).filter(v -> v.kind() != YamlValue.Kind.NULL);
        if (found.isEmpty() || found.get().kind() == YamlValue.Kind.MAP) {
            return List.of();
        }
        return found.get().isScalar() ? List.of(found.get())
                : found.get().items().stream().filter(item -> item.isScalar() && item.kind() != YamlValue.Kind.NULL)
                        .toList();
    }

    /**
     * An absolute http(s) URL without query or fragment, to resolve other URLs against: its scheme is
     * lower-cased and its path ends in '/' (added when missing), so that a relative path lands under it
     * rather than beside it. Empty when absent, blank or wrong (reported).
     */
    public Optional<URI> url(String key) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        YamlValue at = map.get(key).orElseThrow();
        try {
            Optional<URI> folder = folderUrl(text.get());
            if (folder.isEmpty()) {
                error(at, path(key) + ": expected an absolute http(s) URL without query or fragment, found '"
                        + text.get() + "'");
            }
            return folder;
        } catch (URISyntaxException e) {
            error(at, path(key) + ": '" + text.get() + "' is not a URL (" + e.getReason() + ")");
            return Optional.empty();
        }
    }

    /**
     * {@code text} as {@link #url} takes it: an absolute http(s) URL without query or fragment, its scheme in
     * lower case, its path ending in '/'. Empty when it is a URL of another kind.
     *
     * @throws URISyntaxException when it is no URL at all
     */
    public static Optional<URI> folderUrl(String text) throws URISyntaxException {
        URI uri = new URI(text.strip());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getQuery() != null || uri.getFragment() != null) {
            return Optional.empty();
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String folder = path.endsWith("/") ? path : path + "/";
        return Optional.of(new URI(scheme + "://" + uri.getRawAuthority() + folder));
    }

    /**
     * One of the constants of {@code type}, written in any case ({@code full}, {@code Full}); the message
     * of a wrong value lists them in lower case, in declaration order. Empty when absent or wrong (reported).
     */
    public <E extends Enum<E>> Optional<E> choice(String key, Class<E> type) {
        return text(key).flatMap(value -> {
            String wanted = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            List<E> constants = Arrays.asList(type.getEnumConstants());
            Optional<E> chosen = constants.stream()
                    .filter(constant -> spelling(constant).equals(wanted)).findFirst();
            if (chosen.isEmpty()) {
                List<String> names = constants.stream()
                        .map(constant -> "'" + spelling(constant) + "'").toList();
                String expected = names.size() == 1 ? names.get(0)
                        : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
                error(map.get(key).orElseThrow(), path(key) + ": expected " + expected + ", found '" + value + "'");
            }
            return chosen;
        });
    }

    /** How a choice is written: lower case, words joined by '-' ({@code JEKYLL_FEED} is {@code jekyll-feed}). */
    private static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A time zone: a name such as Asia/Tokyo or an offset such as +09:00. Empty when absent or wrong (reported). */
    public Optional<ZoneId> zone(String key) {
        return text(key).flatMap(name -> {
            try {
                return Optional.of(ZoneId.of(name.strip()));
            } catch (DateTimeException e) {
                error(map.get(key).orElseThrow(), path(key) + ": '" + name
                        + "' is not a time zone (expected a name such as Asia/Tokyo or an offset such as +09:00)");
                return Optional.empty();
            }
        });
    }

    /**
     * A well-formed BCP 47 tag whose language is a real one: ISO 639-1 (two letters) or a three-letter code,
     * returned as written. Locale.forLanguageTag would accept anything, turning what it cannot read into "und".
     */
    public Optional<String> languageTag(String key) {
        return text(key).map(String::strip).flatMap(tag -> {
            try {
                String language = new Locale.Builder().setLanguageTag(tag).build().getLanguage();
                if (language.length() == 3 || (language.length() == 2 && ISO_LANGUAGES.contains(language))) {
                    return Optional.of(tag);
                }
            } catch (IllformedLocaleException illFormed) {
                // reported below, as a tag that is not one
            }
            error(map.get(key).orElseThrow(), path(key) + ": '" + tag
                    + "' is not a BCP 47 language tag (such as en, ja or en-US)");
            return Optional.empty();
        });
    }

    /**
     * A list of file-name globs ({@code *.md}), matched against a name without folders. Each is compiled
     * here, as its user will compile it, so that a broken one is a located problem of this file rather than
     * an exception later. Empty when absent, empty, or when any item is wrong (each reported).
     */
    public Optional<List<String>> fileNameGlobs(String key) {
        return textList(key).flatMap(globs -> {
            List<YamlValue> items = textListItems(key);
            boolean valid = true;
            for (int i = 0; i < globs.size(); i++) {
                valid &= validGlob(key, items.get(i), globs.get(i));
            }
            return !valid || globs.isEmpty() ? Optional.empty() : Optional.of(globs);
        });
    }

    private boolean validGlob(String key, YamlValue at, String glob) {
        if (glob.isBlank() || glob.contains("/") || glob.contains("\\")) {
            error(at, path(key) + ": '" + glob + "' must be a file-name pattern such as *.md, without folders");
            return false;
        }
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + glob);
            return true;
        } catch (PatternSyntaxException e) {
            error(at, path(key) + ": '" + glob + "' is not a file-name pattern (" + e.getDescription()
                    + " near index " + e.getIndex() + ")");
            return false;
        }
    }

    /**
     * The value's text without the characters XML forbids. A raw control character never gets this far
     * (the file's text is cleaned first), but YAML escapes such as {@code "\\a"} or {@code "\\u0007"}
     * make one only when parsed.
     */
    private String xmlSafe(YamlValue value, String key) {
        String text = value.text();
        int illegal = XmlChars.firstIllegal(text);
        if (illegal < 0) {
            return text;
        }
        String clean = XmlChars.removeIllegal(text);
        warning(value, path(key) + ": " + XmlChars.describeRemoval(text, clean, illegal));
        return clean;
    }

    public void error(YamlValue at, String message) {
        problems.add(Problem.error(file, at.line(), at.column(), message));
    }

    public void warning(YamlValue at, String message) {
        problems.add(Problem.warning(file, at.line(), at.column(), message));
    }

    public void info(YamlValue at, String message) {
        problems.add(Problem.info(file, at.line(), at.column(), message));
    }
}
