package feedwright.yaml;

import feedwright.problem.Problem;
import java.io.StringReader;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a YAML mapping as plain data. Documents are only <em>composed</em> (parsed into nodes), never
 * constructed, and global tags such as {@code !!javax.script.ScriptEngineManager} are refused by the
 * composer, so no YAML can instantiate a class. Aliases, nesting and size are bounded so a
 * "billion laughs" document fails fast instead of exhausting memory.
 *
 * <p>Stateless; each call builds its own SnakeYAML reader, parser and composer (they are not thread-safe), and
 * all share one {@link Resolver}.
 */
public final class YamlParser {

    /**
     * What tag each plain scalar gets ({@code 42} an int, {@code yes} a bool): only read once made, so one serves every
     * thread. It is what a {@code new Yaml()} makes for itself; composing through the parser and composer directly
     * also skips the constructor and representer a {@code Yaml} makes and composing never uses, which were more than
     * a quarter of reading a post's front matter.
     */
    private static final Resolver RESOLVER = new Resolver();

    /** Enough for any honest front matter or config; a bomb needs far more. */
    static final int MAX_ALIASES = 20;
    static final int MAX_NESTING = 20;

    private YamlParser() {
    }

    /**
     * Parses {@code yaml} as a mapping.
     *
     * @param file          the file name used in problems
     * @param lineOffset    0-based line of the file where the YAML text starts (front matter starts at 1)
     * @param maxCodePoints the most characters SnakeYAML will read
     * @throws YamlSyntaxException when the text is not YAML, uses a refused tag or is not a mapping
     */
    public static YamlMap parseMapping(String yaml, String file, int lineOffset, int maxCodePoints)
            throws YamlSyntaxException {
        AtomicReference<Tag> refusedTag = new AtomicReference<>();
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(Math.max(maxCodePoints, 1024));
        options.setAllowRecursiveKeys(false);
        options.setTagInspector(tag -> {
            refusedTag.set(tag);
            return false;
        });
        Node root;
        try {
            root = new Composer(new ParserImpl(new StreamReader(new StringReader(yaml)), options), RESOLVER, options)
                    .getSingleNode();
        } catch (MarkedYAMLException e) {
            throw new YamlSyntaxException(located(file, lineOffset, e, refusedTag.get()));
        } catch (YAMLException e) {
            throw new YamlSyntaxException(Problem.error(file, lineOffset + 1, 1, describe(e.getMessage())));
        }
        if (root == null) {
            return YamlMap.of(null, lineOffset, lineOffset + 1, 1);
        }
        checkMergeKeys(root, file, lineOffset, Collections.newSetFromMap(new IdentityHashMap<>()));
        YamlValue rootValue = new YamlValue(root, lineOffset);
        if (!(root instanceof MappingNode mapping)) {
            throw new YamlSyntaxException(Problem.error(file, rootValue.line(), rootValue.column(),
                    "expected a mapping of keys to values, found " + rootValue.kind().description()));
        }
        return YamlMap.of(mapping, lineOffset, rootValue.line(), rootValue.column());
    }

    /**
     * Refuses a merge key whose value is not a mapping or a list of mappings, as a YAML loader would, so
     * {@link YamlMap} can apply the others. Walks every node once ({@code seen}), aliases included.
     */
    private static void checkMergeKeys(Node node, String file, int lineOffset, Set<Node> seen)
            throws YamlSyntaxException {
        if (!seen.add(node)) {
            return;
        }
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (YamlMap.isMergeKey(tuple.getKeyNode())) {
                    Node value = tuple.getValueNode();
                    List<Node> sources = value instanceof SequenceNode list ? list.getValue() : List.of(value);
                    for (Node source : sources) {
                        if (!(source instanceof MappingNode)) {
                            YamlValue at = new YamlValue(source, lineOffset);
                            throw new YamlSyntaxException(Problem.error(file, at.line(), at.column(),
                                    "<<: a merge key takes a mapping or a list of mappings, found "
                                            + at.kind().description()));
                        }
                    }
                }
                checkMergeKeys(tuple.getKeyNode(), file, lineOffset, seen);
                checkMergeKeys(tuple.getValueNode(), file, lineOffset, seen);
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                checkMergeKeys(item, file, lineOffset, seen);
            }
        }
    }

    private static Problem located(String file, int lineOffset, MarkedYAMLException e, Tag refusedTag) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        int line = mark == null ? lineOffset + 1 : mark.getLine() + lineOffset + 1;
        int column = mark == null ? 1 : mark.getColumn() + 1;
        String message;
        if (refusedTag != null) {
            message = "YAML tag '" + shortTag(refusedTag) + "' is not allowed: only plain data is read";
        } else {
            message = "YAML syntax error: " + describe(e.getProblem());
        }
        return Problem.error(file, line, column, message);
    }

    private static String shortTag(Tag tag) {
        String value = tag.getValue();
        return value.startsWith(Tag.PREFIX) ? "!!" + value.substring(Tag.PREFIX.length()) : value;
    }

    /** SnakeYAML's problem sentences, tidied to one line without its trailing mark dump. */
    private static String describe(String problem) {
        if (problem == null || problem.isBlank()) {
            return "unreadable YAML";
        }
        String firstLine = problem.strip().lines().findFirst().orElse(problem).strip();
        return firstLine.endsWith(".") ? firstLine.substring(0, firstLine.length() - 1) : firstLine;
    }
}
