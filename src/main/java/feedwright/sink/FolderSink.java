package feedwright.sink;

import feedwright.feed.FeedFormats;
import feedwright.snapshot.Representation;
import feedwright.snapshot.Snapshot;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The sink that publishes a snapshot as files under an output folder ({@code build}; an object store
 * is the next sink). Each file is written to a temporary file in its
 * own folder and then renamed over the target, so a reader (or a crash) never sees a half-written feed:
 * a file is either the old one or the new one. Files and folders get the permissions the umask gives
 * any new one (0644 and 0755 under the usual 022), as any generator's: a web server usually runs as
 * another user. Stateless.
 */
public final class FolderSink {

    private FolderSink() {
    }

    /**
     * @param gzip also write {@code name.gz} beside each file, for servers that send precompressed files
     * @return the number of files written
     */
    public static int write(Snapshot snapshot, Path outDir, boolean gzip) throws IOException {
        Path root = outDir.toAbsolutePath().normalize();
        Files.createDirectories(root);
        Instant started = Instant.now();
        Optional<Set<PosixFilePermission>> permissions = newFilePermissions(root);
        Set<Path> folders = new HashSet<>();
        Pattern temporaryName = temporaryNames(snapshot);
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
                removeLeftoverTemporaryFiles(target.getParent(), temporaryName, started.minusSeconds(1));
            }
            writeAtomically(target, resource.getValue().bytes(), permissions);
            written++;
            if (gzip) {
                writeAtomically(target.resolveSibling(target.getFileName() + ".gz"), resource.getValue().gzipBytes(),
                        permissions);
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
    private static void removeLeftoverTemporaryFiles(Path folder, Pattern temporaryName, Instant olderThan)
            throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder,
                file -> temporaryName.matcher(file.getFileName().toString()).matches())) {
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

    /**
     * The names {@link #newTemporaryFile} gives the files a build writes: every registered format's file
     * and every other file of the snapshot ({@code index.html}, {@code feeds.opml}), each also gzipped.
     */
    private static Pattern temporaryNames(Snapshot snapshot) {
        Set<String> names = new TreeSet<>();
        FeedFormats.all().forEach(format -> names.add(format.fileName()));
        snapshot.resources().keySet().stream().filter(path -> !path.endsWith("/"))
                .forEach(path -> names.add(path.substring(path.lastIndexOf('/') + 1)));
        String alternatives = names.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        return Pattern.compile("\\.(" + alternatives + ")(\\.gz)?\\d+\\.tmp");
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A new empty file beside {@code target}, named {@code .rss.xml<digits>.tmp}, with the permissions the
     * umask gives. Not {@link Files#createTempFile}: it makes the file 0600, and the rename would publish
     * that, so a web server running as another user would answer 403.
     */
    private static Path newTemporaryFile(Path target) throws IOException {
        while (true) {
            Path temp = target.resolveSibling("." + target.getFileName() + Long.toUnsignedString(RANDOM.nextLong()) + ".tmp");
            try {
                Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException taken) {
                // another build's temporary file: draw again
            }
        }
    }

    /**
     * The permissions the umask gives a new file in {@code root}, read off one made to find out (Java
     * cannot read the umask); empty where files have no POSIX permissions.
     */
    private static Optional<Set<PosixFilePermission>> newFilePermissions(Path root) throws IOException {
        Path probe = newTemporaryFile(root.resolve("index.html"));
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(probe, PosixFileAttributeView.class);
            return view == null ? Optional.empty() : Optional.of(view.readAttributes().permissions());
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /** @param permissions what the umask gives a new file, which the target must have to be left as it is */
    static void writeAtomically(Path target, byte[] bytes, Optional<Set<PosixFilePermission>> permissions)
            throws IOException {
        if (isUnchanged(target, bytes, permissions)) {
            return; // keep the file and its modification time, as rsync and web servers like
        }
        Files.createDirectories(target.getParent());
        Path temp = newTemporaryFile(target);
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

    /**
     * Whether {@code target} already holds {@code bytes} with the permissions a new file gets. A file with
     * other permissions (0600, as earlier versions left every file) is written again, not changed with
     * chmod: that needs no more than the rename does (a file of another owner cannot be chmod-ed).
     */
    private static boolean isUnchanged(Path target, byte[] bytes, Optional<Set<PosixFilePermission>> permissions)
            throws IOException {
        return Files.isRegularFile(target) && Files.size(target) == bytes.length
                && (permissions.isEmpty() || Files.getPosixFilePermissions(target).equals(permissions.get()))
                && Arrays.equals(Files.readAllBytes(target), bytes);
    }
}
