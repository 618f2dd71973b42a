package feedwright.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One value of a YAML document, read from SnakeYAML's node tree rather than constructed into Java
 * objects. Children are read one level at a time, on demand, so an alias bomb that made it past the
 * composer's alias limit is never expanded. Immutable and thread-safe.
 */
public final class YamlValue {

    /** What shape the value has; scalars are further told apart by what YAML resolved them to. */
    public enum Kind {
        TEXT("text"), NUMBER("a number"), BOOLEAN("a boolean"), NULL("nothing"), LIST("a list"), MAP("a mapping");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** How a message names a value of this kind: "a number", "a list". */
        public String description() {
            return description;
        }
    }

    private final Node node;
    private final int lineOffset;

    YamlValue(Node node, int lineOffset) {
        this.node = node;
        this.lineOffset = lineOffset;
    }

    /**
     * One list of the items of {@code first} then those of {@code then}, written where {@code then} is. A text is
     * its words (split at white space, as Jekyll splits categories written as one string), another scalar one
     * item, nothing none. Where either is a mapping, which has no items, {@code then} as it is: what reads it
     * reports its shape.
     */
    static YamlValue joined(YamlValue first, YamlValue then) {
        if (first.kind() == Kind.MAP || then.kind() == Kind.MAP) {
            return then;
        }
        List<Node> items = new ArrayList<>(first.itemNodes());
        items.addAll(then.itemNodes());
        return new YamlValue(new SequenceNode(Tag.SEQ, true, items, then.node.getStartMark(), then.node.getEndMark(),
                DumperOptions.FlowStyle.FLOW), then.lineOffset);
    }

    private List<Node> itemNodes() {
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        if (!(node instanceof ScalarNode scalar) || kind() == Kind.NULL) {
            return List.of();
        }
        if (kind() != Kind.TEXT) {
            return List.of(node);
        }
        List<Node> words = new ArrayList<>();
        for (String word : scalar.getValue().strip().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(new ScalarNode(Tag.STR, word, node.getStartMark(), node.getEndMark(),
                        DumperOptions.ScalarStyle.PLAIN));
            }
        }
        return words;
    }

    public Kind kind() {
        if (node instanceof SequenceNode) {
            return Kind.LIST;
        }
        if (node instanceof MappingNode) {
            return Kind.MAP;
        }
        Tag tag = node.getTag();
        if (Tag.NULL.equals(tag)) {
            return Kind.NULL;
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return Kind.NUMBER;
        }
        if (Tag.BOOL.equals(tag)) {
            return Kind.BOOLEAN;
        }
        return Kind.TEXT;
    }

    /** Whether YAML reads this as a timestamp: written unquoted, in the timestamp form ({@code 2025-11-26 20:35:16}). */
    public boolean isTimestamp() {
        return Tag.TIMESTAMP.equals(node.getTag());
    }

    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    /** The scalar exactly as written (without quotes); for a list or mapping, an empty string. */
    public String text() {
        return node instanceof ScalarNode scalar ? scalar.getValue() : "";
    }

    /** The items of a list, one level deep; empty for anything that is not a list. */
    public List<YamlValue> items() {
        if (!(node instanceof SequenceNode sequence)) {
            return List.of();
        }
        List<YamlValue> items = new ArrayList<>(sequence.getValue().size());
        for (Node item : sequence.getValue()) {
            items.add(new YamlValue(item, lineOffset));
        }
        return Collections.unmodifiableList(items);
    }

    /** The value as a mapping; an empty mapping for anything that is not one. */
    public YamlMap asMap() {
        return YamlMap.of(node instanceof MappingNode mapping ? mapping : null, lineOffset, line(), column());
    }

    /** 1-based line in the file (the YAML's own 0-based mark plus where the YAML starts in the file). */
    public int line() {
        return node.getStartMark() == null ? lineOffset + 1 : node.getStartMark().getLine() + lineOffset + 1;
    }

    /** 1-based column. */
    public int column() {
        return node.getStartMark() == null ? 1 : node.getStartMark().getColumn() + 1;
    }
}
