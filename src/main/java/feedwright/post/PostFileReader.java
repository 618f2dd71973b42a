package feedwright.post;

import feedwright.problem.IoReason;
import feedwright.text.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The one way a post file's bytes are read (by {@code build}, {@code check} and {@code serve} alike), so
 * that what is read is the file that was judged, whatever is renamed in between:
 * <ul>
 *   <li>no symbolic link below {@code posts/} is followed while opening: each folder on the way is
 *       opened relative to the one before it, without following a link ({@link SecureDirectoryStream},
 *       {@code openat} with {@code O_NOFOLLOW}), and so is the file itself. A link swapped in after the
 *       file was judged makes the open fail instead of reading whatever it points to. A post that is a
 *       link to another file inside {@code posts/} is read by opening that file the same way;</li>
 *   <li>the file is judged where it is opened (its type and size read relative to its opened folder),
 *       and the opened file is judged again: a pipe cannot seek, so one renamed in after the check is
 *       refused before a byte is read; and no more than the size limit is ever read, whatever the file
 *       claimed;</li>
 *   <li>opening a pipe waits for a writer, and Java cannot open without waiting ({@code O_NONBLOCK}). So
 *       the reading happens on a reader thread (a crew's, {@link #forEach}, or one it is handed to), and the
 *       load waits for it at most {@code timeout}: a pipe renamed in between the check and the open (or a
 *       hung network volume) costs that reader thread, which ends if a writer ever comes, and the post an
 *       error, not the load.</li>
 * </ul>
 * The folder {@code posts/} itself may be a link (a site's content kept elsewhere); it is the one link
 * followed, once, by resolving it before each load. Thread-safe.
 */
final class PostFileReader {

    static final String NOT_REGULAR = "is not a regular file (a folder, pipe or device); not read";
    static final String LINK_OUTSIDE = "is a link to a file outside posts/; not read";

    /**
     * Reader threads, made as needed and kept a minute when idle; daemons, since one may wait for a pipe's
     * writer for as long as the process lives.
     */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "feedwright-read");
        thread.setDaemon(true);
        return thread;
    });

    /** Judged one thing, found another when opened: a link, folder or pipe was renamed in between. */
    private static final Refused CHANGED = new Refused(
            "cannot be read: it was replaced (by a link, folder or pipe) while being read; not read", "unreadable");

    private static final Set<OpenOption> READ_NO_LINK = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    private final Path siteDir;
    private final Path realPosts;
    private final long maxBytes;
    private final Duration timeout;

    /**
     * @param siteDir   the site folder, which problems name files under
     * @param realPosts the real path of {@code posts/} (links resolved), under which every file is read
     * @param maxBytes  the most bytes a post may have ({@code max_post_bytes})
     * @param timeout   how long a load waits for one file to be opened and read
     */
    PostFileReader(Path siteDir, Path realPosts, long maxBytes, Duration timeout) {
        this.siteDir = siteDir;
        this.realPosts = realPosts;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    /** What reading a file gave: its bytes, or why it was not read. */
    sealed interface Outcome permits Read, Refused {
    }

    /** The bytes read, with the size and modification time the file had when it was judged. */
    record Read(byte[] bytes, long size, FileTime modified) implements Outcome {
    }

    /**
     * Not read: the problem's message, and the short reason a skipped file is listed with.
     */
    record Refused(String message, String reason) implements Outcome {
    }

    /**
     * {@code work} applied to every item, in parallel, on reader threads of a {@link ReadingCrew}: the one read of
     * each item's file ({@link #readItsFile}) happens on the thread doing the item, watched, rather than handed to
     * another.
     *
     * @return the results, in the items' order
     */
    <T, R> List<R> forEach(List<T> items, Function<T, R> work) {
        return ReadingCrew.apply(items, work, Runtime.getRuntime().availableProcessors(), timeout, READERS);
    }

    /**
     * As {@link #read}, for the work of a {@link #forEach} reading its item's file: on the crew's thread, watched;
     * once the read is given up, its work is abandoned, never finished ({@link ReadingCrew#read}). Only for the
     * item's own read, taken with no lock held: a crew thread does the same item again when a read is given up.
     */
    Outcome readItsFile(Path relative) {
        return ReadingCrew.read(relative, () -> readHere(relative), this::refused)
                .orElseGet(() -> read(relative));
    }

    /**
     * Reads the file at {@code relative} (a path under {@code posts/}) on a reader thread, waiting at most the
     * timeout.
     */
    Outcome read(Path relative) {
        Future<Outcome> reading = READERS.submit(() -> readHere(relative));
        try {
            return reading.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Not interrupted: interrupting a thread in a file channel's read closes the channel on the interrupting
            // thread, which then waits for the read to end, on a hung volume for ever. The reader is left to it.
            reading.cancel(false);
            return refused(ReadingCrew.Refusal.TIMED_OUT);
        } catch (ExecutionException e) { // readHere keeps every failure as the file's; this is for the compiler
            return unreadable(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reading.cancel(false);
            return refused(ReadingCrew.Refusal.INTERRUPTED);
        }
    }

    /** The file read on this thread, whatever fails kept as its problem: one file never fails the load. */
    private Outcome readHere(Path relative) {
        try {
            return readNow(relative);
        } catch (IOException | RuntimeException | Error e) { // an Error too: out of memory for one file's bytes
            return unreadable(e);
        }
    }

    private Refused refused(ReadingCrew.Refusal why) {
        return switch (why) {
            case TIMED_OUT -> new Refused("cannot be read: not opened and read within " + Durations.readable(timeout)
                    + " (a pipe, or a hung network volume?); not read", "unreadable");
            case INTERRUPTED -> new Refused("cannot be read: interrupted", "unreadable");
        };
    }

    private Outcome readNow(Path relative) throws IOException {
        try (DirectoryStream<Path> root = Files.newDirectoryStream(realPosts)) {
            // Without openat (Windows) only the file itself is opened without following a link.
            return root instanceof SecureDirectoryStream<Path> secure ? readBelow(secure, relative, true)
                    : readByPath(relative);
        } catch (IOException e) {
            // It was judged a moment ago, where it was: failing now to open it, or a folder on its way, without
            // following a link (ELOOP; the JDK words it either way) means a link was swapped in since.
            if (String.valueOf(e.getMessage()).contains("symbolic link")) {
                return CHANGED;
            }
            throw e;
        }
    }

    /**
     * Opens each folder of {@code relative} under {@code root} without following a link, then judges and
     * reads the file.
     *
     * @param followInside whether a file that is a link to another file inside posts/ is read in its place
     */
    private Outcome readBelow(SecureDirectoryStream<Path> root, Path relative, boolean followInside)
            throws IOException {
        List<SecureDirectoryStream<Path>> opened = new ArrayList<>();
        try {
            SecureDirectoryStream<Path> folder = root;
            for (int i = 0; i < relative.getNameCount() - 1; i++) {
                // Fails (a link is not followed) when a folder on the way was swapped for a link.
                folder = folder.newDirectoryStream(relative.getName(i), LinkOption.NOFOLLOW_LINKS);
                opened.add(folder);
            }
            Path name = relative.getFileName();
            BasicFileAttributes attrs = folder.getFileAttributeView(name, BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).readAttributes();
            if (attrs.isSymbolicLink()) {
                return followInside ? readLinkTarget(root, relative) : CHANGED;
            }
            SecureDirectoryStream<Path> in = folder;
            return judgeAndRead(attrs, () -> in.newByteChannel(name, READ_NO_LINK));
        } finally {
            for (SecureDirectoryStream<Path> folder : opened) {
                folder.close();
            }
        }
    }

    /** A post that is a link: read the file it leads to when that is inside posts/, the same careful way. */
    private Outcome readLinkTarget(SecureDirectoryStream<Path> root, Path relative) throws IOException {
        Path target = realPosts.resolve(relative).toRealPath();
        if (!target.startsWith(realPosts) || target.equals(realPosts)) {
            return new Refused(LINK_OUTSIDE, "link outside posts/");
        }
        // The target's real path has no link in it, unless one is swapped in now: that open then fails.
        return readBelow(root, realPosts.relativize(target), false);
    }

    private Outcome readByPath(Path relative) throws IOException {
        Path file = realPosts.resolve(relative);
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attrs.isSymbolicLink()) {
            Path target = file.toRealPath();
            if (!target.startsWith(realPosts)) {
                return new Refused(LINK_OUTSIDE, "link outside posts/");
            }
            file = target;
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        Path opened = file;
        return judgeAndRead(attrs, () -> Files.newByteChannel(opened, READ_NO_LINK));
    }

    /** Opens a file without following a link. */
    private interface Opener {
        SeekableByteChannel open() throws IOException;
    }

    private Outcome judgeAndRead(BasicFileAttributes attrs, Opener opener) throws IOException {
        if (!attrs.isRegularFile()) {
            return new Refused(NOT_REGULAR, "not a regular file"); // reading a pipe or device could block or never end
        }
        if (attrs.size() > maxBytes) {
            // Locale.ROOT: the problem text is the same on every machine (grouping with ',').
            return new Refused(String.format(Locale.ROOT, "file is %,d bytes, over the limit of %,d bytes "
                    + "(max_post_bytes)", attrs.size(), maxBytes), "too large");
        }
        try (SeekableByteChannel channel = opener.open()) {
            try {
                channel.position(); // lseek: a pipe renamed in since the check cannot seek
            } catch (IOException notAFile) {
                return new Refused(NOT_REGULAR, "not a regular file");
            }
            InputStream in = Channels.newInputStream(channel);
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                return new Refused(String.format(Locale.ROOT, "file grew past the limit of %,d bytes "
                        + "(max_post_bytes) while being read", maxBytes), "too large");
            }
            return new Read(bytes, attrs.size(), attrs.lastModifiedTime());
        }
    }

    Refused unreadable(Throwable e) {
        String reason = e instanceof Exception failure ? IoReason.of(failure, siteDir) : String.valueOf(e);
        return new Refused("cannot be read: " + reason, "unreadable");
    }
}
