package feedwright.build;

import feedwright.snapshot.Representation;
import feedwright.snapshot.Snapshot;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

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
            writeAtomically(target, resource.getValue().bytes());
            written++;
            if (gzip) {
                writeAtomically(target.resolveSibling(target.getFileName() + ".gz"), resource.getValue().gzipBytes());
                written++;
            }
        }
        return written;
    }

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
