package feedwright.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A YAML mapping with string keys, as front matter and site.yml are. Keys that are not scalars are
 * ignored; when a key repeats, the last one wins (as in most YAML loaders) and {@link #duplicateKeys()}
 * names the repeats so the caller can warn. Immutable.
 */
public final class YamlMap {

    private final Map<String, YamlValue> values;
    private final Map<String, YamlValue> keyPositions;
    private final Map<String, YamlValue> duplicates;
    private final int line;
    private final int column;

    private YamlMap(Map<String, YamlValue> values, Map<String, YamlValue> keyPositions,
                    Map<String, YamlValue> duplicates, int line, int column) {
        this.values = values;
        this.keyPositions = keyPositions;
        this.duplicates = duplicates;
        this.line = line;
        this.column = column;
    }

    static YamlMap of(MappingNode mapping, int lineOffset, int line, int column) {
        Map<String, YamlValue> values = new LinkedHashMap<>();
        Map<String, YamlValue> keys = new LinkedHashMap<>();
        Map<String, YamlValue> duplicates = new LinkedHashMap<>();
        if (mapping != null) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    YamlValue keyValue = new YamlValue(key, lineOffset);
                    if (values.containsKey(key.getValue())) {
                        duplicates.put(key.getValue(), keyValue);
                    }
                    values.put(key.getValue(), new YamlValue(tuple.getValueNode(), lineOffset));
                    keys.put(key.getValue(), keyValue);
                }
            }
        }
        return new YamlMap(Collections.unmodifiableMap(values), Collections.unmodifiableMap(keys),
                Collections.unmodifiableMap(duplicates), line, column);
    }

    /** The keys in document order. */
    public Set<String> keys() {
        return values.keySet();
    }

    public Optional<YamlValue> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Where the key itself is written, for messages about the key rather than its value. */
    public YamlValue keyAt(String key) {
        return keyPositions.get(key);
    }

    /** Keys written more than once, each with the position of a later occurrence. */
    public Map<String, YamlValue> duplicateKeys() {
        return duplicates;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
