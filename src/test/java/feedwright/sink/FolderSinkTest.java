package feedwright.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import feedwright.snapshot.Representation;
import feedwright.snapshot.Snapshot;
import feedwright.testing.CliRun;
import feedwright.testing.Formats;
import feedwright.testing.TestSite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSinkTest {

    @TempDir
    Path out;

    /** A web root's parent: {@code public/} holds the sample site as {@code build --gzip} writes it. */
    @TempDir
    static Path webRoot;

    static Path samplePublic;

    @BeforeAll
    static void buildSampleWithGzip() throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            // @TempDir makes its folder 0700; a web root's parent lets others through.
            Files.setPosixFilePermissions(webRoot, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        samplePublic = webRoot.resolve("public");
        CliRun run = CliRun.run("build", "--gzip", "--site", TestSite.sample().toString(), "--out", samplePublic.toString());
        assertThat(run.exitCode()).as(run.transcript()).isZero();
    }

    @Test
    void aFileOfSeveralWritePiecesInFoldersNotYetMadeIsWrittenWholeAndNoTemporaryFileStays() throws Exception {
        byte[] bytes = new byte[FolderSink.WRITE_PIECE * 2 + 12_345];
        new Random(18).nextBytes(bytes);
        Path target = out.resolve("tags/新しい/feed.json");

        FolderSink.writeAtomically(target, bytes, Optional.empty());

        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aFileThatCannotTakeItsPlaceLeavesNoTemporaryFileBehind() throws Exception {
        // A folder where the file should go: the bytes are written, but the rename over it fails.
        Path target = out.resolve("feed.json");
        Files.createDirectories(target);
        Files.writeString(target.resolve("kept.txt"), "not to be replaced");

        assertThatThrownBy(() -> FolderSink.writeAtomically(target, new byte[1000], Optional.empty()))
                .isInstanceOf(IOException.class);

        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).containsExactly(target);
        }
        assertThat(target.resolve("kept.txt")).hasContent("not to be replaced");
    }

    @Test
    void aFailureInOneFolderIsThrownOnlyOnceNoOtherFolderIsBeingWritten() {
        assertThrownOnlyOnceNoOtherFolderIsAtWork(new IOException("No space left on device"));
    }

    @Test
    void anUncheckedFailureInOneFolderIsAlsoThrownOnlyOnceNoOtherFolderIsBeingWritten() {
        // A page made as it is written can fail unchecked: its post's file changed since it was loaded.
        assertThrownOnlyOnceNoOtherFolderIsAtWork(new IllegalStateException("a post changed while its page was made"));
    }

    /**
     * One folder fails at once with {@code failure}, each other takes a while. A build exits right after the failure,
     * and one cut off between making a temporary file and renaming it left the file behind: none may still be at work.
     */
    private static void assertThrownOnlyOnceNoOtherFolderIsAtWork(Exception failure) {
        AtomicInteger begun = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        List<Integer> folders = IntStream.range(0, 16).boxed().toList();

        assertThatThrownBy(() -> FolderSink.inParallel(folders, (folder, stop) -> {
            if (folder == 5) {
                if (failure instanceof IOException io) {
                    throw io;
                }
                throw (RuntimeException) failure;
            }
            begun.incrementAndGet();
            LockSupport.parkNanos(40_000_000);
            ended.incrementAndGet();
            return new FolderSink.Tally(1, 0);
        })).isSameAs(failure);

        assertThat(ended.get()).isEqualTo(begun.get());
    }

    @Test
    void temporaryFilesLeftByAKilledBuildInTheFoldersItWritesAreRemovedAndNothingElse() throws Exception {
        Path tags = Files.createDirectories(out.resolve("tags/ai"));
        Path leftover = Files.writeString(tags.resolve(".rss.xml4242.tmp"), "<rss><chan");
        Path leftoverGzip = Files.writeString(tags.resolve(".atom.xml.gz17.tmp"), "x");
        Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
        Files.setLastModifiedTime(leftoverGzip, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
        untilTheClockPassesASecond();
        Path concurrentBuilds = Files.writeString(tags.resolve(".atom.xml99.tmp"), "being written right now");
        // Another build's file that already carries its Last-Modified, days back, and is about to be renamed.
        Path concurrentDated = Files.writeString(tags.resolve(".rss.xml.gz123.tmp"), "dated, renamed next");
        Files.setLastModifiedTime(concurrentDated, FileTime.from(Instant.now().minus(Duration.ofDays(3))));
        Path someoneElses = Files.writeString(tags.resolve(".notes.tmp"), "not ours");
        Files.setLastModifiedTime(someoneElses, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
        Path elsewhere = Files.writeString(out.resolve(".rss.xml7.tmp"), "in a folder this build does not write");
        Files.setLastModifiedTime(elsewhere, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));

        int written = FolderSink.write(snapshot("/tags/ai/rss.xml", "<rss/>"), out, false, Clock.systemUTC()).written();

        assertThat(written).isEqualTo(1);
        assertThat(leftover).doesNotExist();
        assertThat(leftoverGzip).doesNotExist();
        assertThat(concurrentBuilds).exists();
        assertThat(concurrentDated).exists();
        assertThat(someoneElses).exists();
        assertThat(elsewhere).exists();
        assertThat(tags.resolve("rss.xml")).hasContent("<rss/>");
    }

    @Test
    void leftoversOfEveryRegisteredFormatAreRemovedEvenInAFolderWhereThisBuildWritesOneFile() throws Exception {
        Path folder = Files.createDirectories(out.resolve("categories/notes"));
        List<Path> leftovers = new ArrayList<>();
        for (String name : Formats.fileNames()) {
            leftovers.add(Files.writeString(folder.resolve("." + name + "31.tmp"), "x"));
            leftovers.add(Files.writeString(folder.resolve("." + name + ".gz5.tmp"), "x"));
        }
        for (Path leftover : leftovers) {
            Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
        }
        untilTheClockPassesASecond();

        FolderSink.write(snapshot("/categories/notes/" + Formats.fileNames().get(0), "<rss/>"), out, false, Clock.systemUTC());

        assertThat(leftovers).hasSize(2 * Formats.fileNames().size()).allSatisfy(leftover ->
                assertThat(leftover).doesNotExist());
    }

    /**
     * A web server usually runs as another user, so a build must leave its files readable the way any
     * generator does: with the permissions the umask gives a new file (0644 under the usual 022) and a
     * new folder (0755), whatever the build does in between.
     */
    @Test
    void everyFileAndFolderOfABuildHasThePermissionsTheUmaskGivesANewOne(@TempDir Path probe) throws Exception {
        assumePosix();
        Set<PosixFilePermission> newFile = umaskGivesFile(probe);
        Set<PosixFilePermission> newFolder = umaskGivesFolder(probe);

        List<Path> written = everything(samplePublic);
        assertThat(written).filteredOn(Files::isRegularFile).hasSizeGreaterThan(100).allSatisfy(file ->
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                        .isEqualTo(PosixFilePermissions.toString(newFile)));
        assertThat(written).filteredOn(Files::isDirectory).hasSizeGreaterThan(10).allSatisfy(folder ->
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).as(folder.toString())
                        .isEqualTo(PosixFilePermissions.toString(newFolder)));
    }

    /** The proof that matters: a real second user (nobody, as a web server's) reads every file a build wrote. */
    @Test
    void anotherUserCanReadEveryFileABuildWrote() throws Exception {
        assumePosix();
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can run a command as another user");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is not installed");
        assumeTrue(umaskGivesFile(out.resolve("probe")).contains(PosixFilePermission.OTHERS_READ),
                "the umask gives other users no read permission; then no generator's files are readable to them");
        List<String> files = everything(samplePublic).stream().filter(Files::isRegularFile).map(Path::toString).toList();

        List<String> command = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", "--", "sh", "-c", "for f do cat -- \"$f\" > /dev/null || echo \"unreadable: $f\"; done", "sh"));
        command.addAll(files);
        Process nobody = new ProcessBuilder(command).redirectErrorStream(true).start();
        String transcript = new String(nobody.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(nobody.waitFor()).isZero();
        assertThat(files).hasSizeGreaterThan(100);
        assertThat(transcript).as("as user 65534 (nobody)").isEmpty();
    }

    @Test
    void aFileAnEarlierBuildLeftOwnerOnlyIsWrittenAgainWithThePermissionsTheUmaskGives(@TempDir Path probe) throws Exception {
        assumePosix();
        Representation rss = Representation.of("application/rss+xml; charset=utf-8",
                "<rss/>".getBytes(StandardCharsets.UTF_8), Optional.empty(), false);
        Representation atom = Representation.of("application/atom+xml; charset=utf-8",
                "<feed/>".getBytes(StandardCharsets.UTF_8), Optional.empty(), false);
        Snapshot snapshot = new Snapshot(Map.of("/rss.xml", rss, "/atom.xml", atom), 0, 1, List.of(), List.of(),
                Instant.EPOCH, Duration.ZERO);
        FolderSink.write(snapshot, out, false, Clock.systemUTC());
        Path feed = out.resolve("rss.xml");
        Files.setPosixFilePermissions(feed, PosixFilePermissions.fromString("rw-------"));
        Path sameBytes = out.resolve("atom.xml");
        FileTime written = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        Files.setLastModifiedTime(feed, written);
        Files.setLastModifiedTime(sameBytes, written);

        FolderSink.write(snapshot, out, false, Clock.systemUTC());

        assertThat(Files.getPosixFilePermissions(feed)).isEqualTo(umaskGivesFile(probe));
        assertThat(feed).hasContent("<rss/>");
        assertThat(Files.getLastModifiedTime(sameBytes)).as("same bytes, right permissions: not touched").isEqualTo(written);
    }

    private static void assumePosix() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
    }

    /** What the umask gives a plain new file: the permissions {@code open(O_CREAT, 0666)} leaves. */
    private static Set<PosixFilePermission> umaskGivesFile(Path dir) throws IOException {
        Path file = Files.createDirectories(dir).resolve("plain-new-file");
        Files.newOutputStream(file).close();
        return Files.getPosixFilePermissions(file);
    }

    private static Set<PosixFilePermission> umaskGivesFolder(Path dir) throws IOException {
        return Files.getPosixFilePermissions(Files.createDirectory(dir.resolve("plain-new-folder")));
    }

    private static List<Path> everything(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.toList();
        }
    }

    private static Snapshot snapshot(String path, String body) {
        Representation feed = Representation.of("application/rss+xml; charset=utf-8",
                body.getBytes(StandardCharsets.UTF_8), Optional.empty(), false);
        return new Snapshot(Map.of(path, feed), 0, 1, List.of(), List.of(), Instant.EPOCH, Duration.ZERO);
    }

    /**
     * Waits until what was done before is more than a second old: a build takes a temporary file for a killed
     * build's leftover only when it last changed (its change time, which a test cannot set back) a second before
     * the build began.
     */
    private static void untilTheClockPassesASecond() throws InterruptedException {
        Thread.sleep(1_100);
    }
}
