package feedwright.sink;

import feedwright.snapshot.BuildManifest;
import feedwright.feed.FeedFormats;
import feedwright.snapshot.LastModified;
import feedwright.snapshot.Representation;
import feedwright.snapshot.Snapshot;
import feedwright.snapshot.SnapshotChanges;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The sink that publishes a snapshot as files under an output folder ({@code build}; {@link BucketSink}
 * publishes to an object store). Each file is written to a temporary file in its
 * own folder and then renamed over the target, so a reader (or a crash) never sees a half-written feed:
 * a file is either the old one or the new one. Files and folders get the permissions the umask gives
 * any new one (0644 and 0755 under the usual 022), as any generator's: a web server usually runs as
 * another user.
 *
 * <p>A build also removes the files an earlier build wrote and this one does not (the feeds of a tag no
 * longer used), and nothing else: only files listed in the earlier build's {@link BuildManifest}. The
 * order keeps that record whole however a build is killed: first a pending list of every file the
 * earlier manifest lists and this build will write, then the files, then the removals, then the new
 * manifest, and only then is the pending list deleted. A build killed anywhere in between leaves the
 * pending list, and the next build removes what it lists and no longer writes. The pending list is a
 * file of its own, not the manifest written early, so that the manifest always describes files that a
 * build finished writing (its validators are meant to be published).
 *
 * <p>The validators are decided here, once, by the build: each path's Last-Modified is carried forward
 * from the earlier manifest ({@link LastModified}: unchanged bytes keep it, changed bytes get a later one,
 * never ahead of the clock), written into the new manifest, and set as the file's modification time, so
 * every server of the folder and every copy made with its times (rsync -t, cp -p) tells readers the same
 * ETag and Last-Modified, a plain web server included.
 *
 * <p>A site with old feed addresses also gets {@value NginxRedirects#FILE_NAME}, their redirects for nginx,
 * written after the files and before the manifest, and (with {@code alias_copies}) a copy of each target at
 * its old address, listed in the manifest as any file is. Stateless.
 */
public final class FolderSink {

    /** The file of the redirects for nginx, in the output folder. */
    public static final String NGINX_REDIRECTS = NginxRedirects.FILE_NAME;

    private FolderSink() {
    }

    /**
     * What a build did to its folder.
     *
     * @param written         files written (each {@code .gz} counts), the manifest not included
     * @param removed         files of an earlier build that this one no longer writes, deleted
     * @param manifestProblem why the earlier build's record could not be read, when it could not (then
     *                        nothing was removed)
     * @param changes         what changed for readers since the build the folder held (everything is added
     *                        when it held none): what {@code build --ping} tells the hubs of
     */
    public record Outcome(int written, int removed, Optional<String> manifestProblem, SnapshotChanges changes) {
    }

    /**
     * @param built the snapshot as built, its validators not yet carried forward
     * @param gzip  also write {@code name.gz} beside each file, for servers that send precompressed files
     * @param clock what "now" is for the Last-Modified of a changed file
     */
    public static Outcome write(Snapshot built, Path outDir, boolean gzip, Clock clock) throws IOException {
        Path root = outDir.toAbsolutePath().normalize();
        Files.createDirectories(root);
        Instant started = Instant.now();
        Optional<Set<PosixFilePermission>> permissions = newFilePermissions(root);
        EarlierBuilds earlier = EarlierBuilds.read(root);
        Snapshot snapshot;
        try {
            snapshot = LastModified.carryForwardOnce(earlier.published(), built.withEveryPageMade(), clock);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the next second");
        }
        BuildManifest manifest = BuildManifest.of(snapshot, gzip);
        Path pending = root.resolve(BuildManifest.PENDING_FILE_NAME);
        SortedSet<String> writing = manifest.fileNames();
        SortedSet<String> writtenBefore = earlier.files().fileNames();
        if (earlier.problem().isPresent() || !writtenBefore.containsAll(writing)) {
            // Files the earlier record does not cover are about to be written: list them first.
            writeAtomically(pending, earlier.files().plus(manifest).toJson(), permissions);
        }
        int written = writeFiles(snapshot, root, gzip, permissions, started);
        writeNginxRedirects(snapshot, root, permissions);
        int removed = 0;
        if (earlier.problem().isEmpty()) {
            SortedSet<String> stale = new TreeSet<>(writtenBefore);
            stale.removeAll(writing);
            removed = StaleFiles.remove(root, stale);
        }
        writeAtomically(root.resolve(BuildManifest.FILE_NAME), manifest.toJson(), permissions);
        Files.deleteIfExists(pending);
        return new Outcome(written, removed, earlier.problem(), SnapshotChanges.since(earlier.published(), snapshot));
    }

    /**
     * Writes every file, folder by folder: the folders in parallel (archive pages, one folder each, are made
     * as they are written, and making them is most of a large build's work), each folder's files in sorted
     * order after its leftover temporary files are cleared.
     */
    private static int writeFiles(Snapshot snapshot, Path root, boolean gzip,
                                  Optional<Set<PosixFilePermission>> permissions, Instant started) throws IOException {
        Pattern temporaryName = temporaryNames(snapshot);
        Map<Path, List<Map.Entry<Path, Representation>>> byFolder = new TreeMap<>();
        for (Map.Entry<String, Representation> resource : snapshot.files().entrySet()) {
            Path target = root.resolve(resource.getKey().substring(1)).normalize();
            if (!target.startsWith(root)) {
                throw new IOException("refusing to write outside " + root + ": " + resource.getKey());
            }
            byFolder.computeIfAbsent(target.getParent(), folder -> new ArrayList<>())
                    .add(Map.entry(target, resource.getValue()));
        }
        try {
            return byFolder.entrySet().parallelStream().mapToInt(folder -> {
                try {
                    return writeFolder(folder.getKey(), folder.getValue(), gzip, permissions, temporaryName, started);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static int writeFolder(Path folder, List<Map.Entry<Path, Representation>> files, boolean gzip,
                                   Optional<Set<PosixFilePermission>> permissions, Pattern temporaryName,
                                   Instant started) throws IOException {
        removeLeftoverTemporaryFiles(folder, temporaryName, started.minusSeconds(1));
        int written = 0;
        for (Map.Entry<Path, Representation> file : files) {
            Path target = file.getKey();
            Representation resource = file.getValue();
            Optional<Instant> lastModified = resource.lastModified();
            writeAtomically(target, resource.bytes(), permissions, lastModified);
            written++;
            if (gzip) {
                Path twin = target.resolveSibling(target.getFileName() + ".gz");
                writeAtomically(twin, resource.gzipBytes(), permissions, lastModified);
                written++;
            }
        }
        return written;
    }

    /**
     * Writes the nginx configuration of the redirects when the site has old feed addresses, and keeps
     * writing it (then with none) once it was there: a server that includes it must not fail to start
     * because the aliases went away.
     */
    private static void writeNginxRedirects(Snapshot snapshot, Path root,
                                            Optional<Set<PosixFilePermission>> permissions) throws IOException {
        Path file = root.resolve(NginxRedirects.FILE_NAME);
        if (!snapshot.redirects().isEmpty() || Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            writeAtomically(file, NginxRedirects.write(snapshot.redirects()), permissions);
        }
    }

    /** Sets a file's modification time to its Last-Modified, unless it has that time already. */
    private static void setModifiedTime(Path file, Optional<Instant> lastModified) throws IOException {
        if (lastModified.isPresent()) {
            FileTime time = FileTime.from(lastModified.get());
            if (!Files.getLastModifiedTime(file).equals(time)) {
                Files.setLastModifiedTime(file, time);
            }
        }
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
     * and every other file of the snapshot ({@code index.html}, {@code feeds.opml}, a copy at an old address),
     * each also gzipped, the manifest and pending list, and the nginx redirects.
     */
    private static Pattern temporaryNames(Snapshot snapshot) {
        Set<String> names = new TreeSet<>(Set.of(BuildManifest.FILE_NAME, BuildManifest.PENDING_FILE_NAME,
                NginxRedirects.FILE_NAME));
        FeedFormats.all().forEach(format -> names.add(format.fileName()));
        snapshot.files().keySet().forEach(path -> names.add(path.substring(path.lastIndexOf('/') + 1)));
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

    /** As {@link #writeAtomically(Path, byte[], Optional, Optional)}, leaving the modification time to the system. */
    static void writeAtomically(Path target, byte[] bytes, Optional<Set<PosixFilePermission>> permissions)
            throws IOException {
        writeAtomically(target, bytes, permissions, Optional.empty());
    }

    /**
     * @param permissions what the umask gives a new file, which the target must have to be left as it is
     * @param modified    the modification time the file is to have: set on the temporary file before the rename
     *                    (which keeps it), so that no web server ever sends the new bytes under another date
     */
    static void writeAtomically(Path target, byte[] bytes, Optional<Set<PosixFilePermission>> permissions,
                                Optional<Instant> modified) throws IOException {
        if (isUnchanged(target, bytes, permissions)) {
            setModifiedTime(target, modified); // the same bytes with another Last-Modified (a broken manifest, say)
            return; // otherwise keep the file and its modification time, as rsync and web servers like
        }
        Files.createDirectories(target.getParent());
        Path temp = newTemporaryFile(target);
        try {
            Files.write(temp, bytes);
            setModifiedTime(temp, modified);
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
