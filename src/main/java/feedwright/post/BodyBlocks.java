package feedwright.post;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * The pieces a reader sees in a Markdown body — paragraphs, list items, headings, rules, code — each
 * with the lines it spans, as commonmark's block parser finds them ({@link #parse}). Inline content is
 * not parsed: only the block structure is needed here, and inline parsing is most of the cost of a parse.
 * Where blank lines alone tell the blocks apart, {@link #byBlankLines} finds the same for less.
 *
 * <p>Stateless and thread-safe: the parser is immutable and gives each call fresh state.
 */
final class BodyBlocks {

    /** A paragraph that is only a bold line ({@code **Section**}) is how the generator writes a heading. */
    private static final Pattern BOLD_LINE = Pattern.compile("\\s*(\\*\\*|__)[^*_\\n].*\\1\\s*");

    private static final Pattern ATX_LINE = Pattern.compile(" {0,3}#{1,6}(?:[ \\t]|$)");

    private static final Parser PARSER = Parser.builder()
            .extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .inlineParserFactory(context -> (lines, node) -> { })
            .build();

    private BodyBlocks() {
    }

    /** What a block is, as far as repairing a generated body cares. */
    enum Kind {
        /** Prose: a paragraph, a list item, a quote or a table; may be dropped as a repeat. */
        TEXT,
        /** A section title: an ATX or setext heading, or a paragraph that is one bold line. */
        HEADING,
        /** A thematic break ({@code ---}): structure, never a repeat. */
        RULE,
        /** Code or raw HTML: kept exactly as written, never a repeat. */
        VERBATIM
    }

    /** A block and the lines it spans: 0-based line indexes into the parsed text, both inclusive. */
    record Block(Kind kind, int first, int last) {
    }

    /**
     * The blocks of {@code text} in order, and which lines lie inside code or raw HTML at any depth
     * (where a line that looks like an end marker is content).
     */
    record Parsed(List<Block> blocks, BitSet verbatimLines) {
    }

    static Parsed parse(String text) {
        Node document = PARSER.parse(text);
        List<Block> blocks = new ArrayList<>();
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof ListBlock) {
                // Each item is a unit of its own: a retry repeats single items, not whole lists.
                for (Node item = node.getFirstChild(); item != null; item = item.getNext()) {
                    add(blocks, Kind.TEXT, item);
                }
            } else {
                add(blocks, kindOf(node, text), node);
            }
        }
        BitSet verbatim = new BitSet();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock code) {
                mark(code);
            }

            @Override
            public void visit(IndentedCodeBlock code) {
                mark(code);
            }

            @Override
            public void visit(HtmlBlock html) {
                mark(html);
            }

            private void mark(Node node) {
                List<SourceSpan> spans = node.getSourceSpans();
                if (!spans.isEmpty()) {
                    verbatim.set(spans.get(0).getLineIndex(), spans.get(spans.size() - 1).getLineIndex() + 1);
                }
            }
        });
        return new Parsed(blocks, verbatim);
    }

    /**
     * The blocks of text that holds no code, raw HTML or list continuation to tell apart: runs of non-blank
     * lines, a lone {@code #} line or bold line a heading, a lone rule a rule. Where that is all a body holds
     * it is what {@link #parse} finds too, at a fraction of the cost, which a build of thousands of posts
     * notices; the caller decides when it may be used.
     */
    static Parsed byBlankLines(Lines lines) {
        List<Block> blocks = new ArrayList<>();
        int first = -1;
        BitSet hashes = lines.containing("#");
        for (int i = 0; i <= lines.count(); i++) {
            boolean blank = i == lines.count() || lines.isBlank(i);
            if (!blank && first < 0) {
                first = i;
            }
            if (!blank && hashes.get(i) && ATX_LINE.matcher(lines.get(i)).lookingAt()) {
                // A heading line is a block of its own, even with text right under it.
                if (first < i) {
                    blocks.add(new Block(lineKind(lines, first, i - 1), first, i - 1));
                }
                blocks.add(new Block(Kind.HEADING, i, i));
                first = -1;
            } else if (blank && first >= 0) {
                blocks.add(new Block(lineKind(lines, first, i - 1), first, i - 1));
                first = -1;
            }
        }
        return new Parsed(blocks, new BitSet());
    }

    private static Kind lineKind(Lines lines, int first, int last) {
        // Only a line that starts with a rule's or bold's mark can be one: most are prose, not even looked at.
        if (first != last || "-*_".indexOf(lines.firstNonSpace(first)) < 0) {
            return Kind.TEXT;
        }
        String line = lines.get(first).strip();
        if (isRule(line)) {
            return Kind.RULE;
        }
        return (line.startsWith("**") || line.startsWith("__")) && BOLD_LINE.matcher(line).matches() ? Kind.HEADING
                : Kind.TEXT;
    }

    /**
     * A thematic break: three or more of one of {@code - * _}, spaces and tabs between. Counted by hand: a
     * regular expression recurses once per character, and a line of 100,000 asterisks overflows the stack.
     */
    private static boolean isRule(String line) {
        char mark = line.charAt(0);
        if ("-*_".indexOf(mark) < 0) {
            return false;
        }
        int marks = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == mark) {
                marks++;
            } else if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return marks >= 3;
    }

    private static Kind kindOf(Node node, String text) {
        if (node instanceof Heading) {
            return Kind.HEADING;
        }
        if (node instanceof ThematicBreak) {
            return Kind.RULE;
        }
        if (node instanceof FencedCodeBlock || node instanceof IndentedCodeBlock || node instanceof HtmlBlock
                || node instanceof LinkReferenceDefinition) {
            return Kind.VERBATIM;
        }
        if (node instanceof Paragraph && node.getSourceSpans().size() == 1) {
            SourceSpan line = node.getSourceSpans().get(0);
            String source = text.substring(line.getInputIndex(), line.getInputIndex() + line.getLength());
            if (BOLD_LINE.matcher(source).matches()) {
                return Kind.HEADING;
            }
        }
        return Kind.TEXT; // a paragraph, a quote, a table
    }

    private static void add(List<Block> blocks, Kind kind, Node node) {
        List<SourceSpan> spans = node.getSourceSpans();
        if (!spans.isEmpty()) {
            blocks.add(new Block(kind, spans.get(0).getLineIndex(), spans.get(spans.size() - 1).getLineIndex()));
        }
    }
}
