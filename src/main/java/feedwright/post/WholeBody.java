package feedwright.post;

import feedwright.config.BodyRules;
import feedwright.config.BodyRules.MarkerMode;
import feedwright.post.BodyBlocks.Block;
import feedwright.post.BodyBlocks.Kind;
import feedwright.problem.Problem;
import feedwright.text.PlainText;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A post body as its writer meant it, made from the chunks a text generator wrote. The generator closes
 * every chunk with a marker line, may stop a chunk mid-sentence and then restart that sentence in the
 * next chunk or continue it (repeating its last few characters, sometimes after a leading "..."), and
 * on a retry repeats paragraphs it already wrote. Here:
 *
 * <ul>
 *   <li>marker lines are never published, except inside code or raw HTML, where they are content;
 *       with {@link MarkerMode#CUT} everything from the first marker on is left out instead;</li>
 *   <li>a sentence cut at a chunk's end is published once, complete: the cut copy goes when the next
 *       chunk restarts it, and the two parts are joined when the next chunk continues it;</li>
 *   <li>with {@link BodyRules#dropRepeats()}, a paragraph (or list item, quote, table) that repeats an
 *       earlier one word for word, whitespace aside, is left out; a repeated heading goes only when
 *       the first block of its section went too, since a title over new text is structure, not a
 *       repeat; rules and code are never repeats;</li>
 *   <li>a first paragraph that only repeats the post's title is left out ({@link #publish}).</li>
 * </ul>
 *
 * <p>Every change is reported: one info line per post saying what was repaired, and a warning for a cut
 * sentence nothing completes. Everything is linear in the body's size. Immutable once built.
 */
final class WholeBody {

    /** A line ending in one of these ends a sentence (or is not prose that could be cut). */
    private static final String SENTENCE_ENDS = ".!?。．！？…」』）)\"'”’:：*`|>";
    private static final Pattern ELLIPSIS = Pattern.compile("^(?:\\.{3,}|…+)\\s*");
    private static final Pattern ATX_HEADING = Pattern.compile("^#{1,6}(?:\\s+|$)|\\s+#+\\s*$");
    private static final Pattern BOLD = Pattern.compile("^(\\*\\*|__)(.*)\\1$");
    /** A continuation repeats a few words of the cut sentence, never a whole paragraph's worth. */
    private static final int MAX_OVERLAP = 200;
    private static final int MAX_SENTENCES_NAMED = 3;
    /** Without a leading "...", an overlap shorter than this could be chance. */
    private static final int MIN_OVERLAP = 3;

    private final String file;
    private final int bodyLine;
    private final String body;
    private final Lines lines;
    private final BitSet verbatim;
    private final BitSet markers;
    /** Lines from here on are left out ({@link MarkerMode#CUT}); the line count when nothing is. */
    private final int end;
    private final BitSet droppedLines = new BitSet();
    private final Map<Integer, String> replacedLines = new HashMap<>();
    private final List<String> repairs = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();
    private final int reportLine;
    private final Block lead;

    private WholeBody(String file, String body, int bodyLine, BodyRules rules, String title) {
        this.file = file;
        this.bodyLine = bodyLine;
        this.body = body;
        this.lines = Lines.of(body);
        BodyBlocks.Parsed parsed;
        BitSet candidates = markerLines(lines, rules.endMarker(), new BitSet());
        boolean byBlankLines = onlyParagraphsMatter(body, lines, candidates, rules, title);
        if (byBlankLines) {
            parsed = BodyBlocks.byBlankLines(lines);
            this.markers = candidates;
        } else {
            parsed = BodyBlocks.parse(body);
            this.markers = markerLines(lines, rules.endMarker(), parsed.verbatimLines());
        }
        if (!byBlankLines && touchesText(lines, markers)) {
            // To commonmark, a marker right under a paragraph's last line is one more line of it, and a "---"
            // right under the marker would make the two a heading: the chunks' blocks are those of the text
            // with its markers as blank lines.
            parsed = BodyBlocks.parse(blanked(lines, markers));
        }
        this.verbatim = parsed.verbatimLines();
        boolean cut = rules.markerMode() == MarkerMode.CUT && !markers.isEmpty();
        this.end = cut ? markers.nextSetBit(0) : lines.count();
        List<Block> blocks = splitAtMarkers(parsed.blocks(), markers, end);
        boolean[] dropped = new boolean[blocks.size()];
        Map<Integer, List<String>> aliases = new HashMap<>();

        int chunks = chunksWithText(blocks);
        if (chunks > 1) {
            repairs.add(chunks + " generation chunks joined");
        }
        List<String> sentences = new ArrayList<>();
        int firstEvent = Integer.MAX_VALUE;
        // A continuation joined into the sentence it completes may itself be cut by the next marker: its text
        // now ends the block it was joined into, so that is where a further continuation is joined.
        Map<Integer, Integer> joinedInto = new HashMap<>();
        for (int i = 0; i < blocks.size(); i++) {
            int marker = markers.nextSetBit(blocks.get(i).last() + 1);
            boolean lastOfChunk = marker >= 0
                    && (i + 1 == blocks.size() || blocks.get(i + 1).first() > marker);
            Block cutBlock = blocks.get(joinedInto.getOrDefault(i, i));
            if (!lastOfChunk || !endsMidSentence(cutBlock)) {
                continue;
            }
            int next = nextNonRule(blocks, i + 1);
            String tail = line(cutBlock.last()).strip();
            if (next < 0) {
                warnings.add(Problem.warning(file, fileLine(marker), 1,
                        "body ends mid-sentence before the end marker: '…" + lastChars(tail) + "'"));
                continue;
            }
            Block restart = blocks.get(next);
            String head = lines.get(restart.first()).strip();
            String continuation = ELLIPSIS.matcher(head).replaceFirst("");
            // A leading "..." says the next chunk goes on from the cut; without one it may start the sentence
            // over, as the cut copy's text followed by the rest.
            boolean goesOn = continuation.length() < head.length();
            if (restart.kind() == Kind.TEXT && !goesOn && !joinedInto.containsKey(i)) {
                String cutText = normalized(text(cutBlock));
                String nextText = normalized(text(restart));
                if (nextText.startsWith(cutText) && nextText.length() > cutText.length()) {
                    dropped[i] = true;
                    sentences.add("the sentence cut at line " + fileLine(blocks.get(i).last())
                            + " restarted in full at line " + fileLine(restart.first()));
                    firstEvent = Math.min(firstEvent, cutBlock.last());
                    continue;
                }
            }
            int overlap = restart.kind() != Kind.TEXT ? 0 : overlap(line(cutBlock.last()).stripTrailing(),
                    continuation, goesOn ? 1 : MIN_OVERLAP);
            if (overlap > 0) {
                join(cutBlock, restart, overlap);
                dropped[next] = true;
                int into = joinedInto.getOrDefault(i, i);
                joinedInto.put(next, into);
                aliases.computeIfAbsent(into, block -> new ArrayList<>()).add(normalized(text(restart)));
                sentences.add("the sentence cut at line " + fileLine(blocks.get(i).last()) + " completed from line "
                        + fileLine(restart.first()));
                firstEvent = Math.min(firstEvent, blocks.get(i).last());
            } else {
                warnings.add(Problem.warning(file, fileLine(marker), 1, "sentence cut before the end marker and "
                        + "not completed by the next chunk (line " + fileLine(restart.first()) + "): '…"
                        + lastChars(tail) + "'"));
            }
        }

        int[] repeats = rules.dropRepeats() ? dropRepeats(blocks, dropped, aliases) : new int[2];
        if (repeats[0] + repeats[1] > 0) {
            repairs.add(repeats[1] == 0 ? countOf(repeats[0], "repeated paragraph") + " dropped"
                    : countOf(repeats[0], "repeated paragraph") + " and " + countOf(repeats[1], "repeated heading")
                            + " dropped");
        }
        // A report line names a few sentences; a post of thousands of chunks is not listed in full.
        repairs.addAll(sentences.subList(0, Math.min(sentences.size(), MAX_SENTENCES_NAMED)));
        if (sentences.size() > MAX_SENTENCES_NAMED) {
            repairs.add("and " + (sentences.size() - MAX_SENTENCES_NAMED) + " more cut sentences");
        }
        for (int i = 0; i < blocks.size(); i++) {
            if (dropped[i]) {
                droppedLines.set(blocks.get(i).first(), blocks.get(i).last() + 1);
                firstEvent = Math.min(firstEvent, blocks.get(i).first());
            }
        }
        this.reportLine = chunks > 1 ? markers.nextSetBit(0) : firstEvent;
        int leadIndex = 0;
        while (leadIndex < blocks.size() && dropped[leadIndex]) {
            leadIndex++;
        }
        Block first = leadIndex < blocks.size() ? blocks.get(leadIndex) : null;
        this.lead = first != null && (first.kind() == Kind.TEXT || first.kind() == Kind.HEADING) ? first : null;
    }

    /**
     * Plans the repair of {@code body}.
     *
     * @param file     the post, for problems
     * @param bodyLine the file's line where the body starts, for problems
     * @param title    the title as written, perhaps cut off: whether the body's first paragraph may repeat it
     */
    static WholeBody of(String file, String body, int bodyLine, BodyRules rules, String title) {
        return new WholeBody(file, body, bodyLine, rules, title);
    }

    /**
     * Whether blank lines alone tell this body's paragraphs apart for what is done to it, so commonmark's
     * parse, most of the cost of a repair, can be skipped. That holds unless repeats are compared, a
     * marker has text after it (chunks to join), code or raw HTML could hide a marker, or the first
     * paragraph may be the title; the typical generated post with one trailing marker qualifies.
     */
    private static boolean onlyParagraphsMatter(String body, Lines lines, BitSet candidates, BodyRules rules,
                                                String title) {
        if (rules.dropRepeats() || mayRepeatTitle(lines, title)) {
            return false;
        }
        if (candidates.isEmpty()) {
            return true;
        }
        boolean codeOrHtml = (body.indexOf('`') >= 0 && body.contains("```"))
                || (body.indexOf('~') >= 0 && body.contains("~~~")) || body.indexOf('<') >= 0;
        for (int i = candidates.nextSetBit(0); i < lines.count(); i++) {
            if (candidates.get(i) ? lines.startsWithSpace(i) : !lines.isBlank(i)) {
                return false; // an indented marker (code?), or text after a marker
            }
        }
        return !codeOrHtml;
    }

    /** Whether the first non-blank line starts with the title's text (which a cut title holds up to the cut). */
    private static boolean mayRepeatTitle(Lines lines, String title) {
        String kept = title.replace("\uFFFD", "").strip();
        int space = 0;
        while (space < kept.length() && !Character.isWhitespace(kept.charAt(space))) {
            space++;
        }
        String firstWord = kept.substring(0, space);
        for (int i = 0; i < lines.count(); i++) {
            if (!lines.isBlank(i)) {
                // Most first lines share not even the title's first word: no need to normalise them.
                String line = lines.get(i);
                return !kept.isEmpty() && line.contains(firstWord)
                        && normalized(plain(line)).startsWith(normalized(kept));
            }
        }
        return false;
    }

    /** The first line of the body's first block as plain text (no heading or bold marks); empty if none. */
    String leadLine() {
        return lead == null ? "" : plain(line(lead.first()));
    }

    /** The repaired Markdown, without a first paragraph that only repeats {@code title}, and what was done. */
    Result publish(String title) {
        List<String> done = new ArrayList<>(repairs);
        BitSet left = (BitSet) droppedLines.clone();
        int at = reportLine;
        if (lead != null && repeatsTitle(lead, title)) {
            left.set(lead.first(), lead.last() + 1);
            done.add("the first paragraph (line " + fileLine(lead.first()) + ") repeats the title and is left out");
            at = repairs.isEmpty() ? lead.first() : at;
        }
        List<Problem> problems = new ArrayList<>(warnings);
        if (!done.isEmpty()) {
            problems.add(Problem.info(file, fileLine(at), 1, String.join("; ", done)));
        }
        return new Result(markdown(left), problems);
    }

    private boolean repeatsTitle(Block block, String title) {
        String first = line(block.first());
        int space = title.indexOf(' ');
        // Most first paragraphs share not even the title's first word: no need to normalise them.
        return first.contains(space < 0 ? title : title.substring(0, space))
                && normalized(plain(text(block))).equals(normalized(title));
    }

    /** A body ready to publish, and its info and warnings. */
    record Result(String markdown, List<Problem> problems) {
        Result {
            problems = List.copyOf(problems);
        }
    }

    private String markdown(BitSet left) {
        if (left.isEmpty() && replacedLines.isEmpty()) {
            int firstMarker = markers.nextSetBit(0);
            if (firstMarker < 0) {
                return body;
            }
            if (onlyBlankOrMarkersFrom(firstMarker)) {
                // The usual generated post: one trailing marker. The text before it is the body.
                return withoutTrailingBlankLines(body, lines.start(firstMarker));
            }
        }
        // What was left out leaves blank lines behind; runs of them are one (outside code, where they are
        // content), so the Markdown reads as if it had been written this way.
        StringBuilder out = new StringBuilder();
        boolean blank = true;
        for (int i = 0; i < end; i++) {
            if (left.get(i)) {
                continue;
            }
            // A marker becomes a blank line: the chunks on either side are separate blocks, even when the
            // marker followed a paragraph's last line directly.
            String line = markers.get(i) ? "" : line(i);
            boolean isBlank = line.isBlank() && !verbatim.get(i);
            if (!(isBlank && blank)) {
                out.append(line).append('\n');
            }
            blank = isBlank;
        }
        return withoutTrailingBlankLines(out, out.length());
    }

    private boolean onlyBlankOrMarkersFrom(int line) {
        for (int i = line; i < end; i++) {
            if (!markers.get(i) && !lines.isBlank(i)) {
                return false;
            }
        }
        return true;
    }

    /** The first {@code length} characters of {@code text} ending in one line break (none when all are blank). */
    private static String withoutTrailingBlankLines(CharSequence text, int length) {
        int end = length;
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end == 0) {
            return "";
        }
        // Copied once: the kept text usually ends in its own line break already.
        return text.charAt(end) == '\n' ? text.subSequence(0, end + 1).toString() : text.subSequence(0, end) + "\n";
    }

    /** Lines equal to the marker (spaces around it aside) that are not inside code or raw HTML. */
    private static BitSet markerLines(Lines lines, String marker, BitSet verbatim) {
        BitSet found = new BitSet();
        if (marker.isEmpty()) {
            return found;
        }
        BitSet holding = lines.containing(marker);
        for (int i = holding.nextSetBit(0); i >= 0; i = holding.nextSetBit(i + 1)) {
            if (!verbatim.get(i) && lines.get(i).strip().equals(marker)) {
                found.set(i);
            }
        }
        return found;
    }

    /** Whether a marker line has text directly above or below it. */
    private static boolean touchesText(Lines lines, BitSet markers) {
        for (int m = markers.nextSetBit(0); m >= 0; m = markers.nextSetBit(m + 1)) {
            if ((m > 0 && !lines.isBlank(m - 1)) || (m + 1 < lines.count() && !lines.isBlank(m + 1))) {
                return true;
            }
        }
        return false;
    }

    private static String blanked(Lines lines, BitSet markers) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.count(); i++) {
            if (!markers.get(i)) {
                text.append(lines.get(i));
            }
            if (i + 1 < lines.count()) {
                text.append('\n');
            }
        }
        return text.toString();
    }

    /**
     * The blocks before {@code end}, with marker lines taken out: a marker directly under a paragraph's
     * last line is, to commonmark, one more line of that paragraph.
     */
    private static List<Block> splitAtMarkers(List<Block> blocks, BitSet markers, int end) {
        List<Block> split = new ArrayList<>(blocks.size());
        for (Block block : blocks) {
            int from = block.first();
            int last = Math.min(block.last(), end - 1);
            for (int marker = markers.nextSetBit(from); marker >= 0 && marker <= last;
                    marker = markers.nextSetBit(marker + 1)) {
                if (marker > from) {
                    split.add(new Block(block.kind(), from, marker - 1));
                }
                from = marker + 1;
            }
            if (from <= last) {
                split.add(new Block(block.kind(), from, last));
            }
        }
        return split;
    }

    private int chunksWithText(List<Block> blocks) {
        int chunks = 0;
        int lastMarker = -2;
        for (Block block : blocks) {
            int before = markers.previousSetBit(block.first());
            if (chunks == 0 || before != lastMarker) {
                chunks++;
                lastMarker = before;
            }
        }
        return chunks;
    }

    private static int nextNonRule(List<Block> blocks, int from) {
        for (int i = from; i < blocks.size(); i++) {
            if (blocks.get(i).kind() != Kind.RULE) {
                return i;
            }
        }
        return -1;
    }

    private boolean endsMidSentence(Block block) {
        if (block.kind() != Kind.TEXT) {
            return false;
        }
        String last = line(block.last()).strip();
        return !last.isEmpty() && !last.startsWith("|") && SENTENCE_ENDS.indexOf(last.charAt(last.length() - 1)) < 0;
    }

    /**
     * How many characters at the start of {@code head} repeat the end of {@code tail}: the longest such
     * run of at least {@code min} characters (and at most {@link #MAX_OVERLAP}), or 0.
     */
    private static int overlap(String tail, String head, int min) {
        for (int k = Math.min(MAX_OVERLAP, Math.min(tail.length(), head.length())); k >= min; k--) {
            int tailStart = tail.length() - k;
            boolean splitsAPair = Character.isLowSurrogate(tail.charAt(tailStart))
                    || (k < head.length() && Character.isLowSurrogate(head.charAt(k)));
            if (!splitsAPair && tail.regionMatches(tailStart, head, 0, k)) {
                return k;
            }
        }
        return 0;
    }

    /** Puts the rest of {@code continuation} after the cut line of {@code cut}, leaving out the overlap. */
    private void join(Block cut, Block continuation, int overlap) {
        StringBuilder joined = new StringBuilder(line(cut.last()).stripTrailing())
                .append(ELLIPSIS.matcher(lines.get(continuation.first()).strip()).replaceFirst("").substring(overlap));
        for (int i = continuation.first() + 1; i <= continuation.last(); i++) {
            joined.append('\n').append(lines.get(i));
        }
        replacedLines.put(cut.last(), joined.toString());
    }

    /**
     * Marks repeats as dropped; returns how many paragraphs and how many headings. {@code aliases} holds,
     * by block index, the texts of continuations joined into that block, whose later copies are repeats too.
     */
    private int[] dropRepeats(List<Block> blocks, boolean[] dropped, Map<Integer, List<String>> aliases) {
        Set<String> seen = new HashSet<>();
        Set<String> headings = new HashSet<>();
        List<Integer> repeatedHeadings = new ArrayList<>();
        int paragraphs = 0;
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            if (dropped[i]) {
                continue;
            }
            if (block.kind() == Kind.TEXT) {
                if (!seen.add(normalized(text(block)))) {
                    dropped[i] = true;
                    paragraphs++;
                }
                seen.addAll(aliases.getOrDefault(i, List.of()));
            } else if (block.kind() == Kind.HEADING && !headings.add(normalized(plain(text(block))))) {
                repeatedHeadings.add(i);
            }
        }
        int headingsDropped = 0;
        for (int heading : repeatedHeadings) {
            int content = heading + 1;
            while (content < blocks.size() && blocks.get(content).kind() == Kind.RULE) {
                content++;
            }
            // A retry that walks an old section again starts with its repeated heading and paragraph; what
            // new text follows continues the section already shown, so the heading is not shown twice.
            // A repeated heading over new text is a new section that happens to share a title.
            boolean sectionNew = content < blocks.size() && blocks.get(content).kind() != Kind.HEADING
                    && !dropped[content];
            if (!sectionNew) {
                dropped[heading] = true;
                headingsDropped++;
            }
        }
        return new int[] {paragraphs, headingsDropped};
    }

    private String line(int index) {
        String replaced = replacedLines.get(index);
        return replaced != null ? replaced : lines.get(index);
    }

    private String text(Block block) {
        StringBuilder text = new StringBuilder(line(block.first()));
        for (int i = block.first() + 1; i <= block.last(); i++) {
            text.append('\n').append(line(i));
        }
        return text.toString();
    }

    private int fileLine(int index) {
        return bodyLine + index;
    }

    private static String normalized(String text) {
        return PlainText.oneLine(text);
    }

    /** A line or block without heading or bold marks, as a reader sees its text. */
    private static String plain(String markdown) {
        String text = ATX_HEADING.matcher(markdown.strip()).replaceAll("").strip();
        return BOLD.matcher(text).replaceFirst("$2").strip();
    }

    private static String lastChars(String line) {
        int count = line.codePointCount(0, line.length());
        return count <= 20 ? line : line.substring(line.offsetByCodePoints(0, count - 20));
    }

    private static String countOf(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
