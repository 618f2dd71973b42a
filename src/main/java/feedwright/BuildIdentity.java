package feedwright;

import feedwright.text.Digests;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.CodeSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which build of Feedwright is running, for whatever it keeps across runs (the post cache): two jars of one
 * version number built from different code must never read each other's results. {@link Version#NUMBER} only
 * says what the pom says, so this is a digest of the code itself, with the Java runtime it runs on (whose
 * Unicode tables and regular expressions reading a post depends on too).
 *
 * <p>From the jar, the digest is of its central directory: the name, size and CRC-32 of every class and
 * resource in it, dependencies included (the jar is shaded), read from the end of the file instead of the
 * whole 16 MB. The build is reproducible, so the same code gives the same jar and the same identity. Run from
 * a folder of classes (the tests, an IDE), it is a digest of every file in that folder and of the names of the
 * other class path entries (a dependency's jar name carries its version). Computed once, when first asked.
 * Thread-safe.
 */
public final class BuildIdentity {

    /** The end-of-central-directory record's signature, and its size without the trailing comment. */
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int END_SIZE = 22;
    private static final int MAX_COMMENT = 0xFFFF;

    private BuildIdentity() {
    }

    /**
     * {@code version; code digest; java runtime}, or empty when the running code cannot be found (a class
     * loader without a code source): then nothing may be trusted across runs.
     */
    public static Optional<String> current() {
        return Holder.IDENTITY;
    }

    private static final class Holder {
        static final Optional<String> IDENTITY = compute();
    }

    private static Optional<String> compute() {
        try {
            CodeSource source = BuildIdentity.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path code = Path.of(source.getLocation().toURI());
            byte[] digest = Files.isDirectory(code) ? ofFolder(code) : ofJar(code);
            return Optional.of(Version.NUMBER + "; code " + HexFormat.of().formatHex(digest) + "; java "
                    + Runtime.version());
        } catch (IOException | UncheckedIOException | URISyntaxException | IllegalArgumentException
                 | SecurityException e) {
            return Optional.empty();
        }
    }

    /** SHA-256 of the jar's central directory, or of the whole file when it has none that can be found. */
    static byte[] ofJar(Path jar) throws IOException {
        try (FileChannel channel = FileChannel.open(jar, StandardOpenOption.READ)) {
            long size = channel.size();
            int tailLength = (int) Math.min(size, END_SIZE + MAX_COMMENT);
            ByteBuffer tail = read(channel, size - tailLength, tailLength);
            for (int at = tailLength - END_SIZE; at >= 0; at--) {
                if (tail.getInt(at) == END_SIGNATURE) {
                    long directorySize = Integer.toUnsignedLong(tail.getInt(at + 12));
                    long directoryOffset = Integer.toUnsignedLong(tail.getInt(at + 16));
                    long end = size - tailLength + at; // where the directory must end: this record
                    if (directoryOffset + directorySize <= end && directorySize < Integer.MAX_VALUE) {
                        return Digests.sha256(read(channel, directoryOffset, (int) directorySize).array());
                    }
                }
            }
        }
        return Digests.sha256(Files.readAllBytes(jar)); // a jar without a directory where one belongs (Zip64)
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("jar ended early");
            }
        }
        return buffer;
    }

    /**
     * SHA-256 of every file under {@code classes} (its path there and a fingerprint of its bytes), then of the
     * file names of the class path's entries: their names only, never where they are on this machine.
     */
    static byte[] ofFolder(Path classes) throws IOException {
        StringBuilder listing = new StringBuilder();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                listing.append(classes.relativize(file).toString().replace('\\', '/')).append(' ')
                        .append(Digests.fingerprint(Files.readAllBytes(file))).append('\n');
            }
        }
        String classPath = System.getProperty("java.class.path", "");
        for (String entry : List.of(classPath.split(File.pathSeparator))) {
            if (!entry.isEmpty()) {
                listing.append("class path ").append(Path.of(entry).getFileName()).append('\n');
            }
        }
        return Digests.sha256(listing.toString().getBytes(StandardCharsets.UTF_8));
    }
}
