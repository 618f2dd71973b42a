package feedwright.config;

import feedwright.yaml.FieldReader;
import java.util.Objects;
import java.util.Optional;

/**
 * One key of site.yml, declared once in {@link ConfigKeys}: its section, its name, how its value is read
 * and checked, and what it is when absent. The loader, the section records and the README's key table
 * (checked by a test) all work from these declarations. Immutable.
 *
 * @param <T> the type of the checked value
 */
record ConfigKey<T>(Section section, String name, Reader<T> reader, Fallback<T> fallback) {

    public ConfigKey {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(fallback, "fallback");
    }

    /** The key as messages and the README name it: {@code limit}, {@code server.port}. */
    public String path() {
        return section.prefix() + name;
    }

    /**
     * Reads and checks the value of {@code key}: empty when it is absent or blank, or wrong, in which case
     * the reader has added a located problem to {@code fields}.
     */
    @FunctionalInterface
    public interface Reader<T> {
        Optional<T> read(FieldReader fields, String key);
    }

    /** What an absent key stands for. */
    public sealed interface Fallback<T> {

        static <T> Fallback<T> value(T value) {
            return new Value<>(value);
        }

        static <T> Fallback<T> sameAs(ConfigKey<T> key) {
            return new SameAs<>(key);
        }

        /** A key written without a value "must not be empty". */
        static <T> Fallback<T> required() {
            return new Required<>("");
        }

        /** A key written without a value counts as absent; {@code hint} says what the key is for. */
        static <T> Fallback<T> required(String hint) {
            return new Required<>(hint);
        }

        /** The same value every time. */
        record Value<T>(T value) implements Fallback<T> {
            public Value {
                Objects.requireNonNull(value, "value");
            }
        }

        /** Whatever an earlier key of the same type came to, given or not: {@code author} is the title. */
        record SameAs<T>(ConfigKey<T> key) implements Fallback<T> {
        }

        /**
         * Nothing: the file must give the key. Without a hint, a key written with no value "must not be
         * empty" (said at the value); with one, it counts as absent and the message, said at the key, explains
         * what the key is for.
         */
        record Required<T>(String hint) implements Fallback<T> {
            public Required {
                Objects.requireNonNull(hint, "hint");
            }
        }
    }
}
