package feedwright.text;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * File names as text. A file name is bytes; Java turns them into text, and text back into a name, with
 * the character set of the locale the JVM started in ({@code sun.jnu.encoding}, fixed at start: it
 * cannot be set on the command line or later). Feedwright reads and writes names as UTF-8 — a post's
 * name becomes its id, slug and link, and a tag's slug becomes a folder name — so the same site gives
 * the same output only when that character set is UTF-8, and a name is usable only when its bytes are
 * valid text in it. Stateless.
 */
public final class FileNames {

    private FileNames() {
    }

    /** The character set this JVM names files in, as Java reports it ({@code ANSI_X3.4-1968} under the C locale). */
    public static String charset() {
        return System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name());
    }

    /** Whether this JVM reads and writes file names as UTF-8. */
    public static boolean areUtf8() {
        try {
            return Charset.forName(charset()).equals(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    /**
     * {@code base.relativize(path)}, made cheaply for a path found under {@code base}: JDK 17's relativize makes a
     * new path of every name of both to compare them, and a load names 10,000 files. Any other pair, and a path with a
     * {@code .} or {@code ..} after {@code base} (which relativize would resolve), is relativized as usual.
     */
    public static Path below(Path base, Path path) {
        int names = base.getNameCount();
        if (!base.toString().isEmpty() && path.getNameCount() > names && path.startsWith(base)) {
            Path below = path.subpath(names, path.getNameCount());
            if (!hasDotName(below.toString(), path.getFileSystem().getSeparator())) {
                return below;
            }
        }
        return base.relativize(path);
    }

    /** Whether a name of {@code relative} (names joined by {@code separator}) is {@code .} or {@code ..}. */
    private static boolean hasDotName(String relative, String separator) {
        int start = 0;
        while (start <= relative.length()) {
            int end = relative.indexOf(separator, start);
            if (end < 0) {
                end = relative.length();
            }
            int length = end - start;
            if ((length == 1 || length == 2) && relative.charAt(start) == '.'
                    && (length == 1 || relative.charAt(start + 1) == '.')) {
                return true;
            }
            start = end + separator.length();
        }
        return false;
    }

    /**
     * Whether {@code path}'s text names this very path: false when some of its bytes are not valid in the
     * file-name character set, which Java shows as U+FFFD — then two different files can read as one name.
     * Checked by turning the text back into a path, which compares the bytes.
     */
    public static boolean isFaithful(Path path) {
        try {
            return path.getFileSystem().getPath(path.toString()).equals(path);
        } catch (InvalidPathException unmappable) {
            return false;
        }
    }
}
