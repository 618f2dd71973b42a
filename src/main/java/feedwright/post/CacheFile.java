package feedwright.post;

import java.io.BufferedOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * One cache file in the cache folder ({@code posts.cache}, and {@code feeds.cache} of the snapshot builder):
 * <pre>
 *   first line                   e.g. "feedwright post cache\n", so that a look at the file says what it is
 *   int    format                 raised whenever what the entries hold changes
 *   long   length                 of the whole file, this field and the checksum included
 *   text   build                  {@link feedwright.BuildIdentity}: version, code digest, Java runtime
 *   text   configuration          {@link ConfigDigest} of the configuration the entries were made under
 *   int    entries, then each     in the cache's own encoding ({@link PostCache}: text file, text fingerprint,
 *                                 int length, the {@link PostResultCodec} bytes)
 *   int    CRC-32C                of every byte before it
 * </pre>
 * A text is an int length and UTF-8 bytes; numbers are big-endian. Nothing in it names a place on this machine
 * (files are named as problems name them, relative to the site), so the folder can be moved, or restored by a
 * CI cache on another runner. It is written to a temporary file in the same folder and renamed over the old
 * one in one step, so a reader sees a whole file, the old or the new, never a mix: two runs writing at once
 * each replace it whole, and the last one's stays. Immutable.
 */
public final class CacheFile {

    /** A cache file is about as large as the posts; one beyond this is not one a build wrote. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 64;
    /** Enough for any header this Feedwright writes (its texts are a version, two digests, a Java version). */
    private static final int HEADER_BYTES = 4096;
    /** Longer than any run takes to write the file: a temporary file this old was left by a run that died. */
    private static final Duration ABANDONED = Duration.ofHours(1);
    private static final String TEMP_SUFFIX = ".tmp";
    /** The most one read asks for ({@link #readFully}). */
    private static final int READ_PIECE = 1 << 20;

    private final String fileName;
    private final byte[] magic;
    private final int format;
    private final String what;

    /**
     * @param fileName its name in the cache folder
     * @param what     what it holds ("post cache"): its first line is "feedwright " and this
     * @param format   the format of its entries, raised whenever their encoding changes, so that an older or
     *                 newer Feedwright never misreads them
     */
    public CacheFile(String fileName, String what, int format) {
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.what = Objects.requireNonNull(what, "what");
        this.magic = ("feedwright " + what + "\n").getBytes(StandardCharsets.US_ASCII);
        this.format = format;
    }

    /** Its name in the cache folder. */
    public String fileName() {
        return fileName;
    }

    /** The build and the configuration a cache file is valid for. */
    public record Key(String build, String configuration) {

        public Key {
            Objects.requireNonNull(build, "build");
            Objects.requireNonNull(configuration, "configuration");
        }
    }

    /** A cache file made by another build of Feedwright, or under another configuration: not for this run. */
    public static final class Foreign extends Exception {
        Foreign(String message) {
            super(message, null, false, false);
        }
    }

    /** A file that is not a whole, intact cache file. */
    public static final class Damaged extends Exception {
        /** @param message what is wrong, as a note says it ("damaged (…)") */
        public Damaged(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The entries of the cache file in {@code bytes} (the whole file), after checking that it is one, whole and
     * intact, made for {@code expected}.
     */
    public ByteBuffer read(byte[] bytes, Key expected) throws Foreign, Damaged {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            checkHeader(in, bytes.length, expected);
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, bytes.length - Integer.BYTES);
            if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - Integer.BYTES, Integer.BYTES).getInt()) {
                throw new Damaged("damaged (its checksum does not match)");
            }
            return in.slice(in.position(), bytes.length - Integer.BYTES - in.position());
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new Damaged("truncated (" + bytes.length + " bytes)");
        }
    }

    /**
     * Reads the file at {@code file} for {@link #read(byte[], Key)}; its header is read and checked first, so a
     * file that is foreign, or not a cache at all, is never read whole (nor one too large to be a cache).
     */
    public byte[] readBytes(Path file, Key expected) throws IOException, Foreign, Damaged {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, HEADER_BYTES));
            readFully(channel, head, 0);
            try {
                checkHeader(head.flip(), size, expected);
            } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
                throw new Damaged("truncated (" + size + " bytes)");
            }
            if (size > MAX_BYTES) {
                throw new Damaged("damaged (" + size + " bytes, more than a cache file can hold)");
            }
            ByteBuffer all = ByteBuffer.allocate((int) size);
            readFully(channel, all, 0);
            return all.array();
        }
    }

    /**
     * Reads a piece at a time: a channel reads into an array through a temporary direct buffer as large as the
     * read, which its thread then keeps, and making and faulting in one of 24 MB took most of the 0.15 s that
     * reading the post cache of 10,000 posts whole in one read took (pieces of a megabyte: 0.02 s).
     */
    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException, Damaged {
        while (buffer.hasRemaining()) {
            ByteBuffer piece = buffer.slice(buffer.position(), Math.min(READ_PIECE, buffer.remaining()));
            int read = channel.read(piece, position + buffer.position());
            if (read < 0) {
                throw new Damaged("truncated while it was read");
            }
            buffer.position(buffer.position() + read);
        }
    }

    /**
     * Checks the first line, the format, the length (against {@code size}, the file's) and the key, leaving
     * {@code in} after the header. The key is compared before the checksum, so that a cache of another build
     * or configuration is not read whole; a header damaged there reads as foreign, and is not used either.
     */
    private void checkHeader(ByteBuffer in, long size, Key expected) throws Foreign, Damaged {
        byte[] first = new byte[magic.length];
        in.get(first);
        if (!Arrays.equals(first, magic)) {
            throw new Damaged("not a " + what + " (it does not begin as one)");
        }
        int written = in.getInt();
        if (written != format) {
            throw new Foreign("written in another format (" + written + "; this Feedwright writes " + format + ")");
        }
        long length = in.getLong();
        if (length != size) {
            throw new Damaged(length > size ? "truncated (" + size + " of " + length + " bytes)"
                    : "damaged (" + size + " bytes where " + length + " were written)");
        }
        String build = text(in);
        String configuration = text(in);
        if (!build.equals(expected.build())) {
            throw new Foreign("made by another build of Feedwright or another Java (" + build + ")");
        }
        if (!configuration.equals(expected.configuration())) {
            throw new Foreign("made under another configuration");
        }
    }

    /** Writes a text as {@link #text} reads it: an int length, then UTF-8 bytes. */
    public static void writeText(DataOutput out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Reads the entry count that begins the entries, checking that so many could follow. */
    public static int entryCount(ByteBuffer in) throws Damaged {
        int count = in.getInt();
        if (count < 0 || count > in.remaining()) {
            throw new Damaged("damaged (an entry count of " + count + ")");
        }
        return count;
    }

    /** Reads a text (an int length, then UTF-8 bytes) at {@code in}'s position, leaving it after the text. */
    public static String text(ByteBuffer in) throws Damaged {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new Damaged("damaged (a text of " + length + " bytes)");
        }
        String text = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return text;
    }

    /**
     * Writes {@code entries} (each already encoded) as the cache for {@code key} into {@code folder} (made if
     * need be, with a {@code .gitignore} that keeps it all out of version control), replacing the file there in
     * one step.
     */
    public void write(Path folder, Key key, List<byte[]> entries) throws IOException {
        writeInPieces(folder, key, entries.stream().map(entry -> List.of(ByteBuffer.wrap(entry))).toList());
    }

    /**
     * As {@link #write}, each entry given as pieces of bytes (heap buffers, from their position to their limit)
     * written one after the other: an entry copied from the file that was read is a new head and a slice of
     * what that file held, never copied into an array of its own (at 10,000 posts, three copies of 24 MB and
     * the young collections they caused were most of saving the post cache after one post changed).
     */
    public void writeInPieces(Path folder, Key key, List<List<ByteBuffer>> entries) throws IOException {
        Files.createDirectories(folder);
        ensureFile(folder.resolve(".gitignore"),
                "# Feedwright's cache: nothing here belongs in version control.\n*\n");
        removeAbandoned(folder);
        byte[] build = key.build().getBytes(StandardCharsets.UTF_8);
        byte[] configuration = key.configuration().getBytes(StandardCharsets.UTF_8);
        long length = magic.length + Integer.BYTES + Long.BYTES + Integer.BYTES + build.length + Integer.BYTES
                + configuration.length + Integer.BYTES
                + entries.stream().flatMap(List::stream).mapToLong(ByteBuffer::remaining).sum() + Integer.BYTES;
        // Not createTempFile, which makes a file only its owner can read: a serve running as another user
        // should read what a build left, as it reads the posts.
        String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
        Path temp = folder.resolve(fileName + "." + random + TEMP_SUFFIX);
        try {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), 1 << 16)) {
                CRC32C crc = new CRC32C();
                DataOutputStream out = new DataOutputStream(new CheckedOutputStream(file, crc));
                out.write(magic);
                out.writeInt(format);
                out.writeLong(length);
                out.writeInt(build.length);
                out.write(build);
                out.writeInt(configuration.length);
                out.write(configuration);
                out.writeInt(entries.size());
                for (List<ByteBuffer> entry : entries) {
                    for (ByteBuffer piece : entry) {
                        out.write(piece.array(), piece.arrayOffset() + piece.position(), piece.remaining());
                    }
                }
                out.flush();
                new DataOutputStream(file).writeInt((int) crc.getValue());
            }
            Files.move(temp, folder.resolve(fileName), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes {@code text} to {@code file} unless it holds exactly that already. */
    private static void ensureFile(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (!Files.isRegularFile(file) || !Arrays.equals(Files.readAllBytes(file), bytes)) {
            Files.write(file, bytes);
        }
    }

    /** Removes the temporary files of runs that died while writing (a run that is writing now keeps its own). */
    private void removeAbandoned(Path folder) throws IOException {
        Instant before = Instant.now().minus(ABANDONED);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(fileName + ".") && name.endsWith(TEMP_SUFFIX)) {
                    try {
                        if (Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                            Files.deleteIfExists(file);
                        }
                    } catch (NoSuchFileException renamedMeanwhile) {
                        // another run's, finished while we looked
                    }
                }
            }
        }
    }
}
