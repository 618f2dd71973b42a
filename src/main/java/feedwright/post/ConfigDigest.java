package feedwright.post;

import feedwright.config.SiteConfig;
import feedwright.text.Digests;
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
 * that may leave something out. Stateless.
 */
public final class ConfigDigest {

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
        StringBuilder out = new StringBuilder();
        describe(value, out);
        return out.toString();
    }

    private static void describe(Object value, StringBuilder out) throws Undescribable {
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
        } else {
            throw new Undescribable("a configuration value of type " + value.getClass().getName()
                    + " has no canonical form for the cache key");
        }
    }

    private static void describeAs(String kind, String text, StringBuilder out) throws Undescribable {
        out.append(kind).append('(');
        describe(text, out);
        out.append(')');
    }

    private static void describeAll(String kind, Collection<?> values, StringBuilder out) throws Undescribable {
        out.append(kind).append('[');
        for (Object item : values) {
            describe(item, out);
            out.append(',');
        }
        out.append(']');
    }

    private static void describeMap(Map<?, ?> map, StringBuilder out) throws Undescribable {
        List<String> entries = new ArrayList<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            entries.add(canonical(entry.getKey()) + "=" + canonical(entry.getValue()));
        }
        entries.sort(null);
        describeAll("map", entries, out);
    }

    private static void describeRecord(Record record, StringBuilder out) throws Undescribable {
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
