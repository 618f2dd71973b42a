package feedwright.post;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.BuildIdentity;
import feedwright.Version;
import feedwright.config.SiteConfig;
import feedwright.problem.Problem;
import feedwright.testing.TestSite;
import feedwright.text.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The post cache's file: what one run saves the next reads back equal, and a file that is damaged, truncated,
 * foreign or being replaced is never trusted: it is reported and nothing is taken from it.
 */
class PostCacheTest {

    private static final SiteConfig CONFIG = TestSite.config();

    @TempDir
    Path folder;

    private List<PostCache.Stored> entries;
    private final Map<String, String> texts = new HashMap<>();

    @BeforeEach
    void readTheSamplePosts() throws IOException {
        entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(TestSite.sample().resolve("posts"))) {
            for (Path file : files.sorted().toList()) {
                byte[] bytes = Files.readAllBytes(file);
                String hash = Digests.fingerprint(bytes);
                PostReader.Decoded read = new PostReader(CONFIG).readDecoded("posts/" + file.getFileName(),
                        file.getFileName().toString(), bytes, hash);
                int bodyAt = PostResultCodec.bodyAt(read.result(), read.text());
                entries.add(new PostCache.Stored(hash, read.result(), bodyAt, bytes.length, Files.getLastModifiedTime(file)));
                texts.put(read.result().file(), read.text());
            }
        }
        assertThat(entries).hasSizeGreaterThan(10);
        assertThat(entries).filteredOn(entry -> entry.bodyAt() > 0).as("bodies kept as their place")
                .hasSizeGreaterThan(5);
        assertThat(entries).filteredOn(entry -> entry.bodyAt() < 0 && entry.result().post().isPresent())
                .as("bodies kept as their bytes (chunks joined), read back from a slice of the file").isNotEmpty();
    }

    @Test
    void whatOneRunSavesTheNextFindsEqualUnderTheSameFingerprintOnly() {
        PostCache first = PostCache.open(folder, CONFIG);
        assertThat(first.notes()).as("no cache yet is nothing to report").isEmpty();
        assertThat(first.save(entries, Instant.now())).get().extracting(PostCache.Saved::written).isEqualTo(true);

        PostCache next = PostCache.open(folder, CONFIG);

        assertThat(next.notes()).isEmpty();
        for (PostCache.Stored entry : entries) {
            assertThat(find(next, entry.result().file(), entry.hash())).contains(entry.result());
            assertThat(find(next, entry.result().file(), entry.hash().substring(1) + "0")).isEmpty();
        }
        assertThat(find(next, "posts/not-there.md", entries.get(0).hash())).isEmpty();
        assertThat(next.reused()).isEqualTo(entries.size());
    }

    @Test
    void theFolderGetsAGitignoreOfEverythingAndTheFileNamesNoAbsolutePath() throws IOException {
        PostCache.open(folder, CONFIG).save(entries, Instant.now());

        assertThat(Files.readAllLines(folder.resolve(".gitignore"))).contains("*");
        String file = new String(Files.readAllBytes(folder.resolve(PostCache.FILE.fileName())), StandardCharsets.ISO_8859_1);
        assertThat(file).startsWith("feedwright post cache\n").doesNotContain(TestSite.sample().toString())
                .doesNotContain(folder.toString()).contains("posts/2025-");
        try (Stream<Path> left = Files.list(folder)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(".gitignore", "posts.cache");
        }
    }

    @Test
    void savingWhatIsThereAlreadyWritesNothing() throws IOException {
        PostCache.open(folder, CONFIG).save(entries, Instant.now());
        Path file = folder.resolve(PostCache.FILE.fileName());
        Object before = Files.readAttributes(file, "unix:ino").get("ino");

        Optional<PostCache.Saved> same = PostCache.open(folder, CONFIG).save(entries, Instant.now());
        Optional<PostCache.Saved> fewer = PostCache.open(folder, CONFIG).save(entries.subList(1, entries.size()), Instant.now());

        assertThat(same).get().extracting(PostCache.Saved::written).isEqualTo(false);
        assertThat(fewer).get().extracting(PostCache.Saved::written).isEqualTo(true);
        assertThat(Files.readAttributes(file, "unix:ino").get("ino")).as("replaced by a new file").isNotEqualTo(before);
    }

    @Test
    void aFileRewrittenFromTheOneReadHoldsTheBytesOfOneWrittenAfresh(@TempDir Path afresh) throws IOException {
        Instant readSince = Instant.now();
        PostCache.open(folder, CONFIG).save(entries, readSince);
        List<PostCache.Stored> fewer = entries.subList(1, entries.size());

        // The entries kept are written again from the bytes read, the new head before each.
        assertThat(PostCache.open(folder, CONFIG).save(fewer, readSince)).get()
                .extracting(PostCache.Saved::written).isEqualTo(true);
        PostCache.open(afresh, CONFIG).save(fewer, readSince);

        assertThat(Files.readAllBytes(folder.resolve(PostCache.FILE.fileName())))
                .isEqualTo(Files.readAllBytes(afresh.resolve(PostCache.FILE.fileName())));
    }

    @Test
    void aFileOfManyMegabytesIsReadBackWhole() throws IOException {
        // Read a megabyte at a time: entries straddle the pieces, and the last piece is a part of one.
        List<PostCache.Stored> many = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            String file = "posts/2025-01-01-p" + i + ".md";
            PostResult result = PostResult.skipped(file, List.of(Problem.warning(file, "長い警告".repeat(400) + i)),
                    "reason " + i);
            many.add(new PostCache.Stored("hash" + i, result, -1, i, FileTime.fromMillis(i)));
        }
        PostCache.open(folder, CONFIG).save(many, Instant.now());
        assertThat(Files.size(folder.resolve(PostCache.FILE.fileName()))).isGreaterThan(3L << 20);

        PostCache next = PostCache.open(folder, CONFIG);
        assertThat(next.notes()).isEmpty();
        for (PostCache.Stored entry : many) {
            assertThat(find(next, entry.result().file(), entry.hash())).contains(entry.result());
        }
    }

    @Test
    void anotherConfigurationIsNotedAndNothingIsTakenFromIt() {
        PostCache.open(folder, CONFIG).save(entries, Instant.now());

        PostCache other = PostCache.open(folder, TestSite.config("author: Someone Else"));

        assertThat(other.notes()).singleElement().asString()
                .startsWith("note: post cache " + folder.resolve("posts.cache"))
                .endsWith(": made under another configuration; every post is read afresh");
        assertThat(find(other, entries.get(0).result().file(), entries.get(0).hash())).isEmpty();
    }

    @Test
    void anotherBuildOfFeedwrightIsNotedAndNothingIsTakenFromIt() throws Exception {
        PostCache.write(folder, new CacheFile.Key("0.0.1; code 00; java 1", ConfigDigest.of(CONFIG)), entries, Instant.now());

        PostCache opened = PostCache.open(folder, CONFIG);

        assertThat(opened.notes()).singleElement().asString()
                .endsWith(": made by another build of Feedwright or another Java (0.0.1; code 00; java 1);"
                        + " every post is read afresh");
        assertThat(find(opened, entries.get(0).result().file(), entries.get(0).hash())).isEmpty();
        assertThat(BuildIdentity.current()).get().asString().startsWith(Version.NUMBER + "; code ");
    }

    @Test
    void anotherFormatIsNotedAndNothingIsTakenFromIt() throws IOException {
        PostCache.open(folder, CONFIG).save(entries, Instant.now());
        byte[] bytes = Files.readAllBytes(folder.resolve(PostCache.FILE.fileName()));
        bytes[22 + 3] = 1; // the format number follows the 22 bytes of the file's first line

        assertThat(openDamaged(bytes).notes()).singleElement().asString()
                .endsWith(": written in another format (1; this Feedwright writes 3); every post is read afresh");
    }

    @Test
    void aTruncatedFileIsAWarningAndNothingIsTakenFromIt() throws IOException {
        PostCache.open(folder, CONFIG).save(entries, Instant.now());
        byte[] bytes = Files.readAllBytes(folder.resolve(PostCache.FILE.fileName()));

        for (int length : new int[] {0, 5, 22, 30, 100, bytes.length / 2, bytes.length - 1}) {
            PostCache opened = openDamaged(Arrays.copyOf(bytes, length));
            assertThat(opened.notes()).as("cut at %d", length).singleElement().asString()
                    .startsWith("warning: post cache ").endsWith("; not used: every post is read afresh");
            assertThat(opened.notes().get(0)).containsAnyOf("truncated", "not a post cache");
            assertNothingFound(opened);
        }
    }

    @Test
    void everyFlippedByteIsAWarningAndNothingIsTakenFromIt() throws IOException {
        PostCache.open(folder, CONFIG).save(entries, Instant.now());
        byte[] bytes = Files.readAllBytes(folder.resolve(PostCache.FILE.fileName()));

        // Every byte of the header, some of the payload, and the checksum itself.
        List<Integer> places = new ArrayList<>();
        for (int at = 0; at < 300; at++) {
            places.add(at);
        }
        for (int at = 300; at < bytes.length; at += 997) {
            places.add(at);
        }
        for (int at = bytes.length - 4; at < bytes.length; at++) {
            places.add(at);
        }
        for (int at : places) {
            byte[] flipped = bytes.clone();
            flipped[at] ^= 0x01;
            PostCache opened = openDamaged(flipped);
            assertThat(opened.notes()).as("byte %d flipped", at).singleElement().asString()
                    .matches("(warning: .*(damaged|truncated|not a post cache).*"
                            + "|note: .*another (format|build|configuration).*)");
            assertNothingFound(opened);
        }
    }

    @Test
    void aFileThatIsNotACacheIsAWarning() throws IOException {
        Files.writeString(folder.resolve(PostCache.FILE.fileName()), "hello\n".repeat(100));

        assertThat(PostCache.open(folder, CONFIG).notes()).singleElement().asString().isEqualTo("warning: post cache "
                + folder.resolve("posts.cache") + ": not a post cache (it does not begin as one); not used: every post"
                + " is read afresh");
    }

    @Test
    void aResultOfAnUnexpectedFailureIsNeverKept() {
        PostResult failed = new PostReader(CONFIG).read("posts/x.md", "x.md", new byte[0]);
        PostResult thrown = PostResult.skipped("posts/boom.md", List.of(Problem.unexpected("posts/boom.md", "read",
                new StackOverflowError())), PostReader.UNEXPECTED_FAILURE);
        List<PostCache.Stored> withFailures = new ArrayList<>(entries);
        withFailures.add(new PostCache.Stored("00", failed, -1, 1, FileTime.fromMillis(0)));
        withFailures.add(new PostCache.Stored("01", thrown, -1, 1, FileTime.fromMillis(0)));

        PostCache.open(folder, CONFIG).save(withFailures, Instant.now());
        PostCache next = PostCache.open(folder, CONFIG);

        assertThat(find(next, "posts/x.md", "00")).as("an ordinary skipped file is kept").contains(failed);
        assertThat(find(next, "posts/boom.md", "01")).isEmpty();
    }

    @Test
    void writersReplacingTheFileWhileOthersReadItNeverLeaveADamagedOne() throws Exception {
        List<PostCache.Stored> half = entries.subList(0, entries.size() / 2);
        CacheFile.Key key = new CacheFile.Key(BuildIdentity.current().orElseThrow(), ConfigDigest.of(CONFIG));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int writer = 0; writer < 2; writer++) {
                List<PostCache.Stored> mine = writer == 0 ? entries : half;
                running.add(threads.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        PostCache.write(folder, key, mine, Instant.now());
                    }
                    return null;
                }));
            }
            running.add(threads.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    // Looked at before opening: once there, the file is only ever replaced, never missing.
                    boolean written = Files.exists(folder.resolve(PostCache.FILE.fileName()));
                    PostCache opened = PostCache.open(folder, CONFIG);
                    assertThat(opened.notes()).as("a reader sees a whole file or none").isEmpty();
                    PostCache.Stored first = entries.get(0);
                    if (written) {
                        assertThat(find(opened, first.result().file(), first.hash())).contains(first.result());
                    }
                }
                return null;
            }));
            for (Future<?> task : running) {
                task.get();
            }
        } finally {
            threads.shutdownNow();
        }
        try (Stream<Path> left = Files.list(folder)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder(".gitignore", "posts.cache");
        }
    }

    /** What {@code cache} has for {@code file} read from bytes of fingerprint {@code hash}. */
    private Optional<PostResult> find(PostCache cache, String file, String hash) {
        return cache.find(file, hash, () -> texts.getOrDefault(file, "")).map(PostCache.Stored::result);
    }

    private PostCache openDamaged(byte[] bytes) throws IOException {
        Files.write(folder.resolve(PostCache.FILE.fileName()), bytes);
        return PostCache.open(folder, CONFIG);
    }

    private void assertNothingFound(PostCache opened) {
        for (PostCache.Stored entry : entries) {
            assertThat(find(opened, entry.result().file(), entry.hash())).isEmpty();
        }
    }
}
