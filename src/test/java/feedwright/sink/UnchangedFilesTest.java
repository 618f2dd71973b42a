package feedwright.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import feedwright.snapshot.BuildManifest;
import feedwright.snapshot.Representation;
import feedwright.snapshot.Snapshot;
import feedwright.testing.CliRun;
import feedwright.testing.TestSite;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebuild into the same folder leaves the files it already holds as they are: those the last build's
 * manifest records with the same bytes and Last-Modified, and whose size, modification time and permissions
 * still say so, without reading them; any other by comparing bytes, as before lengths were recorded.
 */
class UnchangedFilesTest {

    private static final Instant UPDATED = Instant.parse("2025-03-01T10:00:00Z");
    private static final String RSS = "<rss><channel><title>AI</title></channel></rss>";
    private static final String ATOM = "<feed><title>AI</title></feed>";

    @TempDir
    Path out;

    @Test
    void aSecondBuildOfTheSameSnapshotWritesNothingAndLeavesEveryFileAsItWas() throws IOException {
        FolderSink.Outcome first = write(true);
        Map<Path, Object> inodes = Map.of(rss(), inode(rss()), twin(rss()), inode(twin(rss())), atom(), inode(atom()));

        FolderSink.Outcome second = write(true);

        assertThat(first.written()).isEqualTo(4);
        assertThat(first.unchanged()).isZero();
        assertThat(second.written()).isZero();
        assertThat(second.unchanged()).isEqualTo(4);
        assertThat(second.files()).isEqualTo(first.files());
        for (Map.Entry<Path, Object> file : inodes.entrySet()) {
            assertThat(inode(file.getKey())).as(file.getKey().toString()).isEqualTo(file.getValue());
            assertThat(Files.getLastModifiedTime(file.getKey())).as(file.getKey().toString())
                    .isEqualTo(FileTime.from(UPDATED));
        }
    }

    /**
     * The proof that a recorded file is not read: bytes changed behind the build's back with the size and
     * modification time kept, as only a deliberate {@code touch -r} does, stay (as they would under rsync's
     * quick check). The same change under a manifest of an earlier version is found by comparing bytes.
     */
    @Test
    void aFileTheManifestRecordsIsNotReadWhenItsSizeAndModificationTimeStillMatch() throws IOException {
        write(false);
        String forged = RSS.replace("AI", "XX");
        overwriteKeepingTime(rss(), forged);

        FolderSink.Outcome second = write(false);

        assertThat(second.written()).isZero();
        assertThat(rss()).hasContent(forged);
    }

    @Test
    void aManifestWithoutLengthsAsAnEarlierVersionWroteItIsReadAndEveryFileComparedByItsBytes() throws IOException {
        write(true);
        Path manifest = out.resolve(BuildManifest.FILE_NAME);
        String withLengths = Files.readString(manifest);
        String withoutLengths = withLengths.replaceAll(",\n\\s*\"(gzipLength|length)\" : \\d+", "");
        assertThat(withoutLengths).doesNotContain("length\"", "gzipLength").contains("\"gzip\" : true");
        Files.writeString(manifest, withoutLengths);
        overwriteKeepingTime(rss(), RSS.replace("AI", "XX"));

        FolderSink.Outcome second = write(true);

        assertThat(second.manifestProblem()).isEmpty();
        assertThat(second.written()).isEqualTo(1);
        assertThat(second.unchanged()).isEqualTo(3);
        assertThat(rss()).hasContent(RSS);
        assertThat(Files.readString(manifest)).as("lengths recorded again").isEqualTo(withLengths);
    }

    @Test
    void aFileOfAnotherSizeIsWrittenAgainWithItsBytesAndDate() throws IOException {
        write(false);
        overwriteKeepingTime(rss(), RSS + "<!-- appended -->");

        FolderSink.Outcome second = write(false);

        assertThat(second.written()).isEqualTo(1);
        assertThat(rss()).hasContent(RSS);
        assertThat(Files.getLastModifiedTime(rss())).isEqualTo(FileTime.from(UPDATED));
    }

    @Test
    void aFileOfTheSameSizeWithAnotherModificationTimeIsReadAndWrittenAgainWhenItsBytesDiffer() throws IOException {
        write(false);
        Files.writeString(rss(), RSS.replace("AI", "XX"));
        Files.setLastModifiedTime(atom(), FileTime.from(UPDATED.plusSeconds(1)));
        Object atomInode = inode(atom());

        FolderSink.Outcome second = write(false);

        assertThat(second.written()).isEqualTo(1);
        assertThat(second.unchanged()).isEqualTo(1);
        assertThat(rss()).hasContent(RSS);
        assertThat(Files.getLastModifiedTime(rss())).isEqualTo(FileTime.from(UPDATED));
        assertThat(inode(atom())).as("the same bytes: kept, its date set back").isEqualTo(atomInode);
        assertThat(Files.getLastModifiedTime(atom())).isEqualTo(FileTime.from(UPDATED));
    }

    @Test
    void aDeletedFileAndADeletedGzipTwinAreWrittenAgain() throws IOException {
        write(true);
        Files.delete(rss());
        Files.delete(twin(atom()));

        FolderSink.Outcome second = write(true);

        assertThat(second.written()).isEqualTo(2);
        assertThat(second.unchanged()).isEqualTo(2);
        assertThat(rss()).hasContent(RSS);
        assertThat(gunzip(twin(atom()))).isEqualTo(ATOM);
        assertThat(Files.getLastModifiedTime(twin(atom()))).isEqualTo(FileTime.from(UPDATED));
    }

    @Test
    void aGzipTwinChangedInSizeOrInTimeIsWrittenAgainAndItsFileKept() throws IOException {
        write(true);
        overwriteKeepingTime(twin(rss()), "not gzip");
        byte[] sameSize = Files.readAllBytes(twin(atom()));
        sameSize[sameSize.length - 5] ^= 1; // in the gzip trailer's checksum: no longer the right twin
        Files.write(twin(atom()), sameSize);
        Object rssInode = inode(rss());

        FolderSink.Outcome second = write(true);

        assertThat(second.written()).isEqualTo(2);
        assertThat(gunzip(twin(rss()))).isEqualTo(RSS);
        assertThat(gunzip(twin(atom()))).isEqualTo(ATOM);
        assertThat(Files.getLastModifiedTime(twin(atom()))).isEqualTo(FileTime.from(UPDATED));
        assertThat(inode(rss())).isEqualTo(rssInode);
    }

    @Test
    void aRecordedFileWithOtherPermissionsIsWrittenAgainWithThoseANewFileGets(@TempDir Path probe) throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
        write(false);
        Files.setPosixFilePermissions(rss(), PosixFilePermissions.fromString("rw-------"));
        Set<PosixFilePermission> newFile = Files.getPosixFilePermissions(Files.createFile(probe.resolve("new")));
        Object before = inode(rss());

        FolderSink.Outcome second = write(false);

        assertThat(second.written()).isEqualTo(1);
        assertThat(Files.getPosixFilePermissions(rss())).isEqualTo(newFile);
        assertThat(inode(rss())).isNotEqualTo(before);
        assertThat(rss()).hasContent(RSS);
    }

    @Test
    void aLinkInPlaceOfARecordedFileIsReplacedByTheFileEvenWhenItLeadsToTheSameBytes(@TempDir Path elsewhere)
            throws IOException {
        write(false);
        Path copy = Files.copy(rss(), elsewhere.resolve("rss.xml"));
        Files.setLastModifiedTime(copy, FileTime.from(UPDATED));
        Files.delete(rss());
        Files.createSymbolicLink(rss(), copy);

        FolderSink.Outcome second = write(false);

        assertThat(second.written()).isEqualTo(1);
        assertThat(Files.isSymbolicLink(rss())).isFalse();
        assertThat(rss()).hasContent(RSS);
    }

    @Test
    void aSecondBuildSaysHowManyOfItsFilesWereAlreadyUpToDate(@TempDir Path siteDir) {
        TestSite.create(siteDir).post("2025-03-01-a.md", TestSite.taggedPost("A", "2025-03-01", "[ai]", "A body."));
        CliRun first = build(siteDir);
        CliRun second = build(siteDir);

        Matcher files = Pattern.compile(": (\\d+) files in " + Pattern.quote(out.toString()) + "\n").matcher(first.out());
        assertThat(files.find()).as(first.out()).isTrue();
        assertThat(second.out()).contains(": " + files.group(1) + " files in " + out + ", " + files.group(1)
                + " of them already up to date\n");
    }

    private CliRun build(Path siteDir) {
        CliRun run = CliRun.run("build", "--gzip", "--site", siteDir.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.transcript()).isZero();
        return run;
    }

    private FolderSink.Outcome write(boolean gzip) throws IOException {
        return FolderSink.write(snapshot(), out, gzip, Clock.systemUTC());
    }

    private Path rss() {
        return out.resolve("tags/ai/rss.xml");
    }

    private Path atom() {
        return out.resolve("tags/ai/atom.xml");
    }

    private static Path twin(Path file) {
        return file.resolveSibling(file.getFileName() + ".gz");
    }

    /** Two feeds dated {@link #UPDATED}, each with its gzip form. */
    private static Snapshot snapshot() {
        return new Snapshot(Map.of("/tags/ai/rss.xml", feed("application/rss+xml; charset=utf-8", RSS),
                "/tags/ai/atom.xml", feed("application/atom+xml; charset=utf-8", ATOM)), 1, 1, List.of(), List.of(),
                UPDATED, Duration.ZERO);
    }

    private static Representation feed(String type, String body) {
        return Representation.of(type, body.getBytes(StandardCharsets.UTF_8), Optional.of(UPDATED), true);
    }

    /** New bytes in the file, its modification time kept, as {@code touch -r} would leave it. */
    private static void overwriteKeepingTime(Path file, String text) throws IOException {
        FileTime time = Files.getLastModifiedTime(file);
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, time);
    }

    /** Which file this is: the same key after a build means the file was neither replaced nor renamed over. */
    private static Object inode(Path file) throws IOException {
        Object key = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        assumeTrue(key != null, "this file system gives files no key");
        return key;
    }

    private static String gunzip(Path file) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
