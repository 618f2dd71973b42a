package feedwright.yaml;

import feedwright.problem.Problem;
import feedwright.text.XmlChars;
import java.util.List;
import java.util.Optional;

/**
 * Reads typed fields out of a {@link YamlMap}, adding a located problem for every value of the wrong
 * shape instead of throwing, so one pass reports everything wrong with a file. Scalars of another
 * scalar type (a number where text is expected) are taken as their text with a warning; lists or
 * mappings where a scalar is expected are errors. Not thread-safe: it appends to the caller's list.
 */
public final class FieldReader {

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

    public YamlMap map() {
        return map;
    }

    /** The list problems are added to, for problems not tied to one value. */
    public List<Problem> problems() {
        return problems;
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
                error(value, keyPrefix + key + ": expected text, found " + value.kind().description());
                return Optional.empty();
            case NUMBER:
            case BOOLEAN:
                warning(value, keyPrefix + key + ": expected text, found " + value.kind().description()
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
        String expected = keyPrefix + key + ": expected a whole number from " + min + " to " + max;
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
            String text = value.text().toLowerCase(java.util.Locale.ROOT);
            return Optional.of(text.equals("true") || text.equals("yes") || text.equals("on") || text.equals("y"));
        }
        error(value, keyPrefix + key + ": expected true or false, found "
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
            error(value, keyPrefix + key + ": expected a list, found a mapping");
            return Optional.empty();
        }
        java.util.ArrayList<String> items = new java.util.ArrayList<>();
        for (YamlValue item : value.items()) {
            if (item.isScalar() && item.kind() != YamlValue.Kind.NULL) {
                items.add(xmlSafe(item, key));
            } else if (!item.isScalar()) {
                error(item, keyPrefix + key + ": expected text items, found " + item.kind().description());
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
        warning(value, keyPrefix + key + ": " + XmlChars.describeRemoval(text, clean, illegal));
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
