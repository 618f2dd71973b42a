package feedwright.post;

import feedwright.problem.Problem;
import feedwright.text.Characters;
import feedwright.text.XmlChars;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A post file's bytes made into clean text: UTF-8 (bad bytes become U+FFFD, with a warning), no
 * byte-order mark, {@code \n} line ends, and no character XML forbids (removed, with a warning), so
 * nothing later can produce malformed XML. Stateless and thread-safe.
 */
record SourceText(String text, List<Problem> problems) {

    SourceText {
        problems = List.copyOf(problems);
    }

    static SourceText decode(String file, byte[] bytes) {
        List<Problem> problems = new ArrayList<>();
        // The JDK's own String decoding is much faster than a CharsetDecoder. It turns each malformed
        // sequence into one U+FFFD, so the text holds more U+FFFD than the bytes spell out (EF BF BD)
        // exactly when some byte was bad; cut-off titles contain real U+FFFD written on purpose.
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0 && Characters.count(text, '\uFFFD') > countEncodedReplacementChars(bytes)) {
            int badByte = firstMalformedByte(bytes);
            Position at = Position.ofByte(bytes, badByte);
            problems.add(Problem.warning(file, at.line(), at.column(), String.format(
                    "invalid UTF-8 (byte 0x%02X at offset %d); decoded with U+FFFD replacement characters",
                    bytes[badByte] & 0xFF, badByte)));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.indexOf('\r') >= 0) {
            text = text.replace("\r\n", "\n").replace('\r', '\n');
        }
        int illegal = XmlChars.firstIllegal(text);
        if (illegal >= 0) {
            Position at = Position.ofChar(text, illegal);
            String clean = XmlChars.removeIllegal(text);
            problems.add(Problem.warning(file, at.line(), at.column(), XmlChars.describeRemoval(text, clean, illegal)));
            text = clean;
        }
        return new SourceText(text, problems);
    }

    /** How often the UTF-8 form of U+FFFD (EF BF BD) occurs in {@code bytes}. */
    private static int countEncodedReplacementChars(byte[] bytes) {
        int count = 0;
        for (int i = 0; i + 2 < bytes.length; i++) {
            if (bytes[i] == (byte) 0xEF && bytes[i + 1] == (byte) 0xBF && bytes[i + 2] == (byte) 0xBD) {
                count++;
                i += 2;
            }
        }
        return count;
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Offset of the first byte the strict decoder refuses. */
    private static int firstMalformedByte(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = strictDecoder().decode(in, out, true);
        return result.isError() ? in.position() : Math.max(0, bytes.length - 1);
    }

    /** A 1-based line and column. */
    record Position(int line, int column) {

        static Position ofChar(String text, int index) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < index; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new Position(line, text.codePointCount(lineStart, index) + 1);
        }

        static Position ofByte(byte[] bytes, int offset) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
            return new Position(line, before.codePointCount(0, before.length()) + 1);
        }
    }
}
