package feedwright.config;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The values of the keys read so far, for the section records to take theirs from. A value is null when a
 * required key was missing or a value was wrong; the loader refuses the file before any record sees one.
 * Not thread-safe: one per load.
 */
final class ConfigValues {

    private final Map<ConfigKey<?>, Object> values = new IdentityHashMap<>();

    <T> void put(ConfigKey<T> key, T value) {
        values.put(key, value);
    }

    /** The value of {@code key}, which must have been read: a key left out of {@link ConfigKeys#ALL} fails here. */
    @SuppressWarnings("unchecked") // put() only ever stores a key's own type
    <T> T get(ConfigKey<T> key) {
        if (!values.containsKey(key)) {
            throw new IllegalStateException(key.path() + " was not read: declare it in ConfigKeys.ALL");
        }
        return (T) values.get(key);
    }

    boolean anyMissing() {
        return values.containsValue(null);
    }
}
