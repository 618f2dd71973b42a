package feedwright.build;

import feedwright.snapshot.Representation;
import feedwright.snapshot.Snapshot;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Writes a snapshot's files under an output folder. Each file is written to a temporary file in its
 * own folder and then renamed over the target, so a reader (or a crash) never sees a half-written feed:
 * a file is either the old one or the new one. Stateless.
 */
public final class SnapshotWriter {

    private SnapshotWriter() {
    }

    /**
     * @param gzip also write {@code name.gz} beside each file, for servers that send precompressed files
     * @return the number of files written
     */
    public static int write(Snapshot snapshot, Path outDir, boolean gzip) throws IOException {
        Path root = outDir.toAbsolutePath().normalize();
        Files.createDirectories(root);
        Instant started = Instant.now();
        Set<Path> folders = new HashSet<>();
        int written = 0;
        // Sorted so the order of writes, like the bytes, is the same on every run.
        for (Map.Entry<String, Representation> resource : new TreeMap<>(snapshot.resources()).entrySet()) {
            if (resource.getKey().endsWith("/")) {
                continue; // "/" is index.html served under a second name
            }
            Path target = root.resolve(resource.getKey().substring(1)).normalize();
            if (!target.startsWith(root)) {
                throw new IOException("refusing to write outside " + root + ": " + resource.getKey());
            }
            if (folders.add(target.getParent())) {
                removeLeftoverTemporaryFiles(target.getParent(), started.minusSeconds(1));
            }
            writeAtomically(target, resource.getValue().bytes());
            written++;
            if (gzip) {
                writeAtomically(target.resolveSibling(target.getFileName() + ".gz"), resource.getValue().gzipBytes());
                written++;
            }
        }
        return written;
    }

    /**
     * Deletes, in one folder this build writes, the temporary files of an earlier build that was killed
     * between writing and renaming ({@code .rss.xml123.tmp}). Only names this class makes, and only files
     * older than this run: a build writing the same folder at the same time keeps its own, and a file
     * that vanishes meanwhile is simply gone.
     */
    private static void removeLeftoverTemporaryFiles(Path folder, Instant olderThan) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder,
                file -> TEMPORARY_NAME.matcher(file.getFileName().toString()).matches())) {
            for (Path file : files) {
                try {
                    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(olderThan)) {
                        Files.deleteIfExists(file);
                    }
                } catch (NoSuchFileException renamedMeanwhile) {
                    // another build just moved its own temporary file into place
                }
            }
        }
    }

    /** {@link Files#createTempFile} with the prefix and suffix {@link #writeAtomically} gives it. */
    private static final Pattern TEMPORARY_NAME =
            Pattern.compile("\\.(rss\\.xml|atom\\.xml|index\\.html|feeds\\.opml)(\\.gz)?\\d+\\.tmp");

    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        if (Files.isRegularFile(target) && Files.size(target) == bytes.length
                && Arrays.equals(Files.readAllBytes(target), bytes)) {
            return; // unchanged: keep the file and its modification time, as rsync and web servers like
        }
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
