package feedwright.post;

import feedwright.config.SiteConfig;
import feedwright.text.Digests;
import feedwright.yaml.YamlMap;
import feedwright.yaml.YamlValue;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.net.URI;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A digest of a whole configuration, for the post cache and the feed cache: results read under one configuration are reused only
 * under an equal one. Every value of {@link SiteConfig} counts, not only those reading a post uses today, so a
 * key that starts to matter later cannot be forgotten here; any change of the configuration drops the cache.
 *
 * <p>The digest is of a canonical text of the value: each record component by name, in declaration order (found
 * by reflection, so a component added later is included without a change here), maps in key order (a
 * {@code Map.copyOf} iterates in an order that changes from run to run), each string with its length. A value
 * of a type it does not know is refused ({@link Undescribable}) rather than described by a {@code toString}
 * that may leave something out. Each description is made by an object of its own, which counts what it has
 * described of YAML against the budget ({@link #describeYaml}).
 */
public final class ConfigDigest {

    /** The most YAML values, and characters of their texts, one configuration's description holds. */
    private static final int YAML_NODES = 100_000;
    private static final int YAML_CHARS = 16 << 20;

    /** What is left of the YAML budget of the one description this object makes ({@link #describeYaml}). */
    private int yamlNodesLeft = YAML_NODES;
    private long yamlCharsLeft = YAML_CHARS;

    private ConfigDigest() {
    }

    /** Thrown for a value this digest cannot describe faithfully; the cache is then not used. */
    public static final class Undescribable extends Exception {
        Undescribable(String message) {
            super(message);
        }
    }

    /** SHA-256 of the canonical text of {@code config}, in hex. */
    public static String of(SiteConfig config) throws Undescribable {
        return HexFormat.of().formatHex(Digests.sha256(canonical(config)));
    }

    /** The canonical text itself: equal exactly when the configurations are equal. */
    static String canonical(Object value) throws Undescribable {
        return new ConfigDigest().text(value);
    }

    private String text(Object value) throws Undescribable {
        StringBuilder out = new StringBuilder();
        describe(value, out);
        return out.toString();
    }

    private void describe(Object value, StringBuilder out) throws Undescribable {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            out.append('"').append(text.length()).append(':').append(text);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value.getClass().getSimpleName().charAt(0)).append(value);
        } else if (value instanceof Enum<?> constant) {
            out.append(constant.getDeclaringClass().getName()).append('.').append(constant.name());
        } else if (value instanceof URI uri) {
            describeAs("uri", uri.toString(), out);
        } else if (value instanceof ZoneId zone) {
            describeAs("zone", zone.getId(), out);
        } else if (value instanceof InetAddress address) {
            describeAs("ip", address.getHostAddress(), out);
        } else if (value instanceof Optional<?> optional) {
            out.append("optional(");
            describe(optional.orElse(null), out);
            out.append(')');
        } else if (value instanceof List<?> list) {
            describeAll("list", list, out);
        } else if (value instanceof Map<?, ?> map) {
            describeMap(map, out);
        } else if (value instanceof Record record) {
            describeRecord(record, out);
        } else if (value instanceof YamlMap yaml) {
            describeYaml(yaml, out);
        } else {
            throw new Undescribable("a configuration value of type " + value.getClass().getName()
                    + " has no canonical form for the cache key");
        }
    }

    private void describeAs(String kind, String text, StringBuilder out) throws Undescribable {
        out.append(kind).append('(');
        describe(text, out);
        out.append(')');
    }

    private void describeAll(String kind, Collection<?> values, StringBuilder out) throws Undescribable {
        out.append(kind).append('[');
        for (Object item : values) {
            describe(item, out);
            out.append(',');
        }
        out.append(']');
    }

    private void describeMap(Map<?, ?> map, StringBuilder out) throws Undescribable {
        List<String> entries = new ArrayList<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            entries.add(text(entry.getKey()) + "=" + text(entry.getValue()));
        }
        entries.sort(null);
        describeAll("map", entries, out);
    }

    /**
     * YAML kept as written (a Jekyll site's front matter defaults): every value with its kind, its text and where
     * it is written (which a problem about it names), mappings in the order written. At most {@link #YAML_NODES}
     * values and {@link #YAML_CHARS} characters of text are described in all: aliases can make a small file
     * stand for an enormous tree, and one past the budget leaves the configuration without a canonical form (no
     * cache) rather than walking it.
     */
    private void describeYaml(YamlMap map, StringBuilder out) throws Undescribable {
        out.append("yaml{");
        for (String key : map.keys()) {
            describe(key, out);
            out.append('@').append(map.keyAt(key).line()).append(':').append(map.keyAt(key).column()).append('=');
            describeYaml(map.get(key).orElseThrow(), out);
            out.append(';');
        }
        out.append('}');
    }

    private void describeYaml(YamlValue value, StringBuilder out) throws Undescribable {
        yamlCharsLeft -= value.text().length();
        if (--yamlNodesLeft < 0 || yamlCharsLeft < 0) {
            throw new Undescribable("YAML of more than " + YAML_NODES + " values or " + YAML_CHARS
                    + " characters has no canonical form for the cache key");
        }
        out.append(value.kind().name()).append(value.isTimestamp() ? "+timestamp" : "").append('@')
                .append(value.line()).append(':').append(value.column()).append('(');
        switch (value.kind()) {
            case LIST -> {
                for (YamlValue item : value.items()) {
                    describeYaml(item, out);
                    out.append(',');
                }
            }
            case MAP -> describeYaml(value.asMap(), out);
            default -> describe(value.text(), out);
        }
        out.append(')');
    }

    private void describeRecord(Record record, StringBuilder out) throws Undescribable {
        out.append(record.getClass().getName()).append('{');
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new Undescribable("the configuration's " + component.getName() + " cannot be read: " + e);
            }
            out.append(component.getName()).append('=');
            describe(value, out);
            out.append(';');
        }
        out.append('}');
    }
}
