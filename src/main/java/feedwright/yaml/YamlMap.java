package feedwright.yaml;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping with string keys, as front matter and site.yml are. Keys that are not scalars are
 * ignored; merge keys ({@code <<: *defaults}) add the keys of the mappings they name; when a key repeats, the last one wins (as in most YAML loaders) and {@link #duplicateKeys()}
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
                if (tuple.getKeyNode() instanceof ScalarNode key && !isMergeKey(key)) {
                    YamlValue keyValue = new YamlValue(key, lineOffset);
                    if (values.containsKey(key.getValue())) {
                        duplicates.put(key.getValue(), keyValue);
                    }
                    values.put(key.getValue(), new YamlValue(tuple.getValueNode(), lineOffset));
                    keys.put(key.getValue(), keyValue);
                }
            }
            Set<Node> merging = Collections.newSetFromMap(new IdentityHashMap<>());
            merging.add(mapping);
            mergeInto(mapping, values, keys, lineOffset, merging);
        }
        return new YamlMap(Collections.unmodifiableMap(values), Collections.unmodifiableMap(keys),
                Collections.unmodifiableMap(duplicates), line, column);
    }

    /** {@code <<}, the YAML merge key (plain, not quoted: SnakeYAML resolves it to its own tag). */
    static boolean isMergeKey(Node key) {
        return key instanceof ScalarNode && Tag.MERGE.equals(key.getTag());
    }

    /**
     * Adds the keys of the mappings {@code mapping} merges ({@code <<: *defaults}, or a list of them), as
     * a YAML loader constructing the document would: a key written in the mapping itself wins, and among
     * merged mappings the earlier one wins, its own keys before those it merges in turn. SnakeYAML only
     * applies merge keys when constructing objects, which this parser never does. {@link YamlParser}
     * has refused merge values that are not mappings; {@code merging} stops a mapping merging itself.
     */
    private static void mergeInto(MappingNode mapping, Map<String, YamlValue> values, Map<String, YamlValue> keys,
                                  int lineOffset, Set<Node> merging) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (!isMergeKey(tuple.getKeyNode())) {
                continue;
            }
            Node merged = tuple.getValueNode();
            List<Node> sources = merged instanceof SequenceNode list ? list.getValue() : List.of(merged);
            for (Node source : sources) {
                if (source instanceof MappingNode from && merging.add(from)) {
                    for (NodeTuple entry : from.getValue()) {
                        if (entry.getKeyNode() instanceof ScalarNode key && !isMergeKey(key)
                                && !values.containsKey(key.getValue())) {
                            values.put(key.getValue(), new YamlValue(entry.getValueNode(), lineOffset));
                            keys.put(key.getValue(), new YamlValue(key, lineOffset));
                        }
                    }
                    mergeInto(from, values, keys, lineOffset, merging);
                }
            }
        }
    }

    /**
     * This mapping with the keys of {@code base} it lacks added after its own, each with its value and position
     * in {@code base}: a key written here wins whole, a mapping included (Jekyll's front matter defaults take
     * part in a post's front matter this way). A key of {@code joined} that both give is one list instead: the
     * items of {@code base}'s value, then those of this one's ({@link YamlValue#joined}), placed where this one's
     * is, as Jekyll joins a post's categories to those its defaults give. The repeats named are this
     * mapping's own; so is its position.
     */
    public YamlMap over(YamlMap base, Set<String> joined) {
        Map<String, YamlValue> merged = new LinkedHashMap<>(values);
        Map<String, YamlValue> keys = new LinkedHashMap<>(keyPositions);
        for (Map.Entry<String, YamlValue> entry : base.values.entrySet()) {
            YamlValue own = merged.putIfAbsent(entry.getKey(), entry.getValue());
            if (own == null) {
                keys.put(entry.getKey(), base.keyPositions.get(entry.getKey()));
            } else if (joined.contains(entry.getKey())) {
                merged.put(entry.getKey(), YamlValue.joined(entry.getValue(), own));
            }
        }
        return new YamlMap(Collections.unmodifiableMap(merged), Collections.unmodifiableMap(keys), duplicates, line,
                column);
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
