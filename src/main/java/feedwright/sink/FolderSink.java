package feedwright.sink;

import feedwright.snapshot.BuildManifest;
import feedwright.feed.FeedFormats;
import feedwright.snapshot.LastModified;
import feedwright.snapshot.Representation;
import feedwright.snapshot.Snapshot;
import feedwright.snapshot.SnapshotChanges;
import feedwright.text.Digests;
import feedwright.text.HttpDates;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
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
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
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
 * <p>A file already right is left as it is, its modification time included (as rsync and web servers like).
 * When the last finished build's manifest records the same bytes with the same Last-Modified at its path, a
 * file whose size, modification time and permissions are still those is taken as right without being read,
 * and without the representation being asked for its bytes (a page made on demand is not made to be written):
 * a rebuild with nothing changed reads no file. Any other file is read and compared, and written only when
 * its bytes differ.
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
     * @param written         files written, new or changed (each {@code .gz} counts), the manifest not included
     * @param unchanged       files of this build the folder already held, left as they were (each {@code .gz} counts)
     * @param removed         files of an earlier build that this one no longer writes, deleted
     * @param manifestProblem why the earlier build's record could not be read, when it could not (then
     *                        nothing was removed)
     * @param changes         what changed for readers since the build the folder held (everything is added
     *                        when it held none): what {@code build --ping} tells the hubs of
     */
    public record Outcome(int written, int unchanged, int removed, Optional<String> manifestProblem,
                          SnapshotChanges changes) {

        /** Every file of this build in the folder, written or already there. */
        public int files() {
            return written + unchanged;
        }
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
        Map<String, BuildManifest.Written> keepable = earlier.problem().isEmpty() ? earlier.finished() : Map.of();
        Tally files = writeFiles(snapshot, manifest, keepable, root, gzip, permissions, started);
        writeNginxRedirects(snapshot, root, permissions);
        int removed = 0;
        if (earlier.problem().isEmpty()) {
            SortedSet<String> stale = new TreeSet<>(writtenBefore);
            stale.removeAll(writing);
            removed = StaleFiles.remove(root, stale);
        }
        writeAtomically(root.resolve(BuildManifest.FILE_NAME), manifest.toJson(), permissions);
        Files.deleteIfExists(pending);
        return new Outcome(files.written(), files.unchanged(), removed, earlier.problem(),
                SnapshotChanges.since(earlier.published(), snapshot));
    }

    /**
     * One file of the snapshot to write, and whether the last finished build recorded the bytes it is to
     * hold, and those of its {@code .gz} twin, at its path with the same Last-Modified.
     */
    private record Planned(Path target, Representation resource, boolean recorded, boolean twinRecorded) {
    }

    /** How many files were written, and how many were already right. */
    record Tally(int written, int unchanged) {

        static final Tally NONE = new Tally(0, 0);

        static Tally of(boolean wrote) {
            return wrote ? new Tally(1, 0) : new Tally(0, 1);
        }

        Tally plus(Tally other) {
            return new Tally(written + other.written, unchanged + other.unchanged);
        }
    }

    /**
     * Writes every file, folder by folder: the folders in parallel (archive pages, one folder each, are made
     * as they are written, and making them is most of a large build's work), each folder's files in sorted
     * order after its leftover temporary files are cleared.
     *
     * @param keepable what the last finished build wrote, by path (empty when its record is not trusted)
     */
    private static Tally writeFiles(Snapshot snapshot, BuildManifest manifest,
                                    Map<String, BuildManifest.Written> keepable, Path root, boolean gzip,
                                    Optional<Set<PosixFilePermission>> permissions, Instant started)
            throws IOException {
        Pattern temporaryName = temporaryNames(snapshot);
        Map<Path, List<Planned>> byFolder = new TreeMap<>();
        for (Map.Entry<String, Representation> resource : snapshot.files().entrySet()) {
            String path = resource.getKey();
            Path target = root.resolve(path.substring(1)).normalize();
            if (!target.startsWith(root)) {
                throw new IOException("refusing to write outside " + root + ": " + path);
            }
            BuildManifest.Written before = keepable.get(path);
            BuildManifest.Written now = manifest.files().get(path);
            byFolder.computeIfAbsent(target.getParent(), folder -> new ArrayList<>()).add(new Planned(target,
                    resource.getValue(), before != null && before.sameFileAs(now),
                    before != null && before.sameGzipTwinAs(now)));
        }
        return inParallel(byFolder.entrySet(), (folder, stop) ->
                writeFolder(folder.getKey(), folder.getValue(), gzip, permissions, temporaryName, started, stop));
    }

    /** One item's share of {@link #inParallel}: told whether to stop before beginning anything more. */
    interface Work<T> {
        Tally apply(T item, BooleanSupplier stop) throws IOException;
    }

    /**
     * {@code work} applied to every item in parallel, the tallies summed. The first failure (an error of the JVM
     * aside) is thrown only once every item's work has stopped, and the others are told to stop: a parallel stream
     * that throws hands the exception back while its other tasks still run, and a build could then exit with one of
     * them between making a temporary file and renaming it, which left the file behind (a full disk did, in 2 builds
     * of 20).
     */
    static <T> Tally inParallel(Collection<T> items, Work<T> work) throws IOException {
        AtomicReference<Exception> failure = new AtomicReference<>();
        BooleanSupplier stop = () -> failure.get() != null;
        Tally tally = items.parallelStream().map(item -> {
            if (stop.getAsBoolean()) {
                return Tally.NONE;
            }
            try {
                return work.apply(item, stop);
            } catch (UncheckedIOException e) { // from a representation made as it is written
                failure.compareAndSet(null, e.getCause());
            } catch (IOException | RuntimeException e) { // a post changed under a page made now, say
                failure.compareAndSet(null, e);
            }
            return Tally.NONE;
        }).reduce(Tally.NONE, Tally::plus);
        Exception failed = failure.get();
        if (failed instanceof IOException io) {
            throw io;
        }
        if (failed != null) {
            throw (RuntimeException) failed;
        }
        return tally;
    }

    /** @param stop whether another folder's writing failed: then no further file is begun */
    private static Tally writeFolder(Path folder, List<Planned> files, boolean gzip,
                                     Optional<Set<PosixFilePermission>> permissions, Pattern temporaryName,
                                     Instant started, BooleanSupplier stop) throws IOException {
        removeLeftoverTemporaryFiles(folder, temporaryName, started.minusSeconds(1));
        Tally tally = Tally.NONE;
        for (Planned file : files) {
            if (stop.getAsBoolean()) {
                return tally;
            }
            Path target = file.target();
            Representation resource = file.resource();
            Optional<Instant> lastModified = resource.lastModified();
            tally = tally.plus(Tally.of(writeUnlessRight(target, resource.length(false), file.recorded(),
                    resource::bytes, permissions, lastModified)));
            if (gzip) {
                tally = tally.plus(Tally.of(writeUnlessRight(gzipTwin(target), resource.length(true), file.twinRecorded(),
                        resource::gzipBytes, permissions, lastModified)));
            }
        }
        return tally;
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
     * last changed before this run ({@link #lastChanged}): a build writing the same folder at the same time
     * keeps its own, and a file that vanishes meanwhile is simply gone.
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
                    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && lastChanged(file).isBefore(olderThan)) {
                        Files.deleteIfExists(file);
                    }
                } catch (NoSuchFileException renamedMeanwhile) {
                    // another build just moved its own temporary file into place
                }
            }
        }
    }

    /**
     * When a file was last written or had its attributes set: the later of its modification time and, where the
     * file system keeps one, its change time. The modification time alone would not do: a temporary file gets its
     * Last-Modified, often days back, just before it is renamed into place ({@link #replace}), and a build that
     * started meanwhile would take it for a killed build's leftover, delete it, and make the other build's rename
     * fail. Setting the modification time sets the change time to now, which no one can set back.
     */
    private static Instant lastChanged(Path file) throws IOException {
        Instant modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
        try {
            Instant changed = ((FileTime) Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS)).toInstant();
            return changed.isAfter(modified) ? changed : modified;
        } catch (UnsupportedOperationException | IllegalArgumentException noChangeTime) {
            return modified; // no "unix" view (Windows): the modification time is all there is
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
     * The most bytes handed to one write: larger pieces save system calls, and each goes through a temporary direct
     * buffer as large, which its thread keeps.
     */
    static final int WRITE_PIECE = 256 * 1024;

    /**
     * A new file beside {@code target} holding {@code bytes}, named {@code .rss.xml<digits>.tmp}, with the permissions
     * the umask gives; removed again when writing fails. Not {@link Files#createTempFile}: it makes the file 0600, and
     * the rename would publish that, so a web server running as another user would answer 403. The folder is made
     * when it is missing. Written through the handle that made it, a piece at a time: a build writes hundreds of
     * files, and each open, each folder made again and each 8 KB write ({@link Files#write}'s) is a system call.
     */
    private static Path newTemporaryFile(Path target, byte[] bytes) throws IOException {
        boolean folderMade = false;
        while (true) {
            Path temp = target.resolveSibling("." + target.getFileName() + Long.toUnsignedString(RANDOM.nextLong()) + ".tmp");
            OutputStream out;
            try {
                out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException taken) {
                continue; // another build's temporary file: draw again
            } catch (NoSuchFileException noFolder) {
                if (folderMade) {
                    throw noFolder;
                }
                Files.createDirectories(target.getParent());
                folderMade = true;
                continue;
            }
            boolean written = false;
            try (out) {
                for (int from = 0; from < bytes.length; from += WRITE_PIECE) {
                    out.write(bytes, from, Math.min(WRITE_PIECE, bytes.length - from));
                }
                written = true;
            } finally {
                if (!written) { // whatever failed, an error included (no direct memory for a piece, say)
                    Files.deleteIfExists(temp);
                }
            }
            return temp;
        }
    }

    /**
     * The permissions the umask gives a new file in {@code root}, read off one made to find out (Java
     * cannot read the umask); empty where files have no POSIX permissions.
     */
    private static Optional<Set<PosixFilePermission>> newFilePermissions(Path root) throws IOException {
        Path probe = newTemporaryFile(root.resolve("index.html"), new byte[0]);
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(probe, PosixFileAttributeView.class);
            return view == null ? Optional.empty() : Optional.of(view.readAttributes().permissions());
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /**
     * Writes {@code bytes} to {@code target} unless it holds them already (then it is left as it is), leaving
     * the modification time to the system.
     */
    static void writeAtomically(Path target, byte[] bytes, Optional<Set<PosixFilePermission>> permissions)
            throws IOException {
        writeUnlessRight(target, bytes.length, false, () -> bytes, permissions, Optional.empty());
    }

    /**
     * Writes a file unless it is already right, and says whether it wrote. A file is right when it is a
     * regular file (not a link) of {@code length} bytes with the permissions a new file gets, and holds the
     * bytes: known without reading it when {@code recorded} and its modification time is still
     * {@code modified} (a build sets it to the Last-Modified, in whole seconds, and every other content at
     * this path since the recording build got a later one), else found by reading it and comparing. Only
     * then are the bytes asked for.
     *
     * <p>A file with other permissions (0600, as earlier versions left every file) is written again, not
     * changed with chmod: that needs no more than the rename does (a file of another owner cannot be chmod-ed).
     *
     * @param length      the length of the bytes, known without making them
     * @param recorded    whether the last finished build's manifest records these bytes here with this
     *                    Last-Modified ({@link BuildManifest.Written#sameFileAs})
     * @param permissions what the umask gives a new file, which the target must have to be left as it is
     * @param modified    the modification time the file is to have: set on the temporary file before the rename
     *                    (which keeps it), so that no web server ever sends the new bytes under another date
     */
    private static boolean writeUnlessRight(Path target, long length, boolean recorded, Supplier<byte[]> bytes,
                                            Optional<Set<PosixFilePermission>> permissions,
                                            Optional<Instant> modified) throws IOException {
        BasicFileAttributes found = attributes(target, permissions.isPresent());
        if (recorded && modified.isPresent() && isAsWritten(found, length, permissions, modified.get())) {
            return false;
        }
        boolean shaped = isShaped(found, length, permissions);
        byte[] content = bytes.get();
        if (shaped && Arrays.equals(Files.readAllBytes(target), content)) {
            setModifiedTime(target, modified); // the same bytes with another Last-Modified (a broken manifest, say)
            return false; // otherwise keep the file and its modification time, as rsync and web servers like
        }
        replace(target, content, modified);
        return true;
    }

    /** Whether a file (null for none) is a regular file of {@code length} bytes with the permissions a new one gets. */
    private static boolean isShaped(BasicFileAttributes found, long length,
                                    Optional<Set<PosixFilePermission>> permissions) {
        return found != null && found.isRegularFile() && found.size() == length
                && (permissions.isEmpty() || ((PosixFileAttributes) found).permissions().equals(permissions.get()));
    }

    /**
     * Whether a file is still as a build wrote it, known without reading it: shaped ({@link #isShaped}) and with
     * the modification time that build set (its Last-Modified, in whole seconds; every other content at this path
     * since got a later one).
     */
    private static boolean isAsWritten(BasicFileAttributes found, long length,
                                       Optional<Set<PosixFilePermission>> permissions, Instant modified) {
        return isShaped(found, length, permissions) && found.lastModifiedTime().equals(FileTime.from(modified));
    }

    /**
     * A fingerprint of what the last finished build left in {@code outDir}, when it is all still there as that
     * build wrote it: its manifest, the nginx redirects (or their absence), each a regular file with the
     * permissions a new file gets, and every file the manifest lists
     * (with {@code gzip}, its {@code .gz} twin too) as written ({@link #isAsWritten}). Empty when anything is not
     * (a file changed, gone or replaced, a manifest that cannot be read), when a killed build's pending list is
     * there, or when no build finished there: then only a build can tell what the folder needs.
     */
    public static Optional<String> writtenState(Path outDir, boolean gzip) throws IOException {
        Path root = outDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)
                || Files.exists(root.resolve(BuildManifest.PENDING_FILE_NAME), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        byte[] recorded;
        BuildManifest manifest;
        try {
            recorded = Files.readAllBytes(root.resolve(BuildManifest.FILE_NAME));
            manifest = BuildManifest.parse(recorded);
        } catch (NoSuchFileException | BuildManifest.Invalid e) {
            return Optional.empty();
        }
        Optional<Set<PosixFilePermission>> permissions = newFilePermissions(root);
        Path redirects = root.resolve(NginxRedirects.FILE_NAME);
        byte[] redirectsBytes = Files.isRegularFile(redirects, LinkOption.NOFOLLOW_LINKS)
                ? Files.readAllBytes(redirects) : null;
        // A build writes these two again when they are not shaped as it writes them.
        if (!isShaped(attributes(root.resolve(BuildManifest.FILE_NAME), permissions.isPresent()), recorded.length,
                permissions) || (redirectsBytes != null && !isShaped(attributes(redirects, permissions.isPresent()),
                redirectsBytes.length, permissions))) {
            return Optional.empty();
        }
        for (Map.Entry<String, BuildManifest.Written> file : manifest.files().entrySet()) {
            BuildManifest.Written written = file.getValue();
            Optional<Instant> modified = written.lastModified().flatMap(HttpDates::parse);
            Path target = root.resolve(file.getKey().substring(1)).normalize();
            if (modified.isEmpty() || written.length().isEmpty() || !target.startsWith(root)
                    || !isAsWritten(attributes(target, permissions.isPresent()), written.length().getAsLong(),
                            permissions, modified.get())) {
                return Optional.empty();
            }
            if (gzip && (written.gzipLength().isEmpty() || !isAsWritten(attributes(gzipTwin(target),
                    permissions.isPresent()), written.gzipLength().getAsLong(), permissions, modified.get()))) {
                return Optional.empty();
            }
        }
        return Optional.of(Digests.fingerprint(recorded) + " "
                + (redirectsBytes != null ? Digests.fingerprint(redirectsBytes) : "none"));
    }

    private static Path gzipTwin(Path target) {
        return target.resolveSibling(target.getFileName() + ".gz");
    }

    /** The file's own attributes (a link's, not its target's), POSIX ones when asked; null when there is none. */
    private static BasicFileAttributes attributes(Path file, boolean posix) throws IOException {
        try {
            return posix ? Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    : Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException none) {
            return null;
        }
    }

    /** Writes {@code bytes} to a temporary file beside {@code target} and renames it over the target. */
    private static void replace(Path target, byte[] bytes, Optional<Instant> modified) throws IOException {
        Path temp = newTemporaryFile(target, bytes);
        boolean moved = false;
        try {
            if (modified.isPresent()) {
                Files.setLastModifiedTime(temp, FileTime.from(modified.get()));
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
