package feedwright.problem;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Why reading a file or folder failed, in words fit for a problem message. The JDK puts absolute paths
 * into its I/O errors ({@code /srv/site/posts: Too many levels of symbolic links}); a problem already
 * names its file relative to the site, and problems are printed by {@code check} and served by
 * {@code /healthz}, where the layout of the server's file system is nobody's business. So every
 * message made from an I/O error goes through here. Stateless.
 */
public final class IoReason {

    private IoReason() {
    }

    /**
     * The reason alone: {@code access denied}, {@code no such file},
     * {@code Too many levels of symbolic links …}; never a path outside {@code siteDir}, and a path
     * inside it only relative to it.
     *
     * @param siteDir the site folder, whose absolute form is taken out of any message that quotes it
     */
    public static String of(Exception failure, Path siteDir) {
        Throwable cause = failure instanceof UncheckedIOException unchecked ? unchecked.getCause() : failure;
        if (cause instanceof FileSystemException fileSystem) {
            // Its message is "file[ -> other]: reason"; the subclasses name their reason by their type.
            if (fileSystem.getClass() != FileSystemException.class || fileSystem.getReason() == null) {
                return words(fileSystem);
            }
            return fileSystem.getReason();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? words(cause) : relative(message, siteDir);
    }

    /** {@code AccessDeniedException} → {@code access denied}. */
    private static String words(Throwable failure) {
        String kind = failure.getClass().getSimpleName().replace("Exception", "");
        return kind.isEmpty() || kind.equals("IO") ? "input/output error"
                : kind.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    /** A message with the site folder's absolute forms taken out, so that it names files as problems do. */
    private static String relative(String message, Path siteDir) {
        String text = message;
        for (Path base : new Path[] {realPath(siteDir), siteDir.toAbsolutePath().normalize()}) {
            text = text.replace(base + File.separator, "").replace(base.toString(), ".");
        }
        return text;
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
