package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.CliRun;
import feedwright.testing.TestSite;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The post cache and the feed cache through the real command line: a build with them writes the same bytes as
 * one without, cold and warm, after an edit, a deletion and a change of configuration, and after a cache file
 * was truncated, damaged or made by another build; a cache that cannot be trusted is reported and not used.
 */
class PostCacheBuildTest {

    private static final String EDITED = "posts/2025-10-03-hokkaido-datacenter.md";
    private static final String DELETED = "posts/2025-07-22-edge-inference.markdown";

    @TempDir
    Path siteDir;

    @TempDir
    Path outs;

    private int builds;

    @Test
    void theSampleSiteBuildsToTheSameBytesWithAndWithoutTheCacheThroughEveryChange() throws IOException {
        TestSite.copyOfSample(siteDir);
        assertTheSameBytesThroughEveryChange(siteDir, 14, EDITED, DELETED);
    }

    @Test
    void theSeedsBuildToTheSameBytesWithAndWithoutTheCacheThroughEveryChange() throws IOException {
        TestSite.ofSeeds(siteDir);
        assertTheSameBytesThroughEveryChange(siteDir, 5, "posts/001_823485ae9ca9c1fe.txt",
                "posts/004_8ca5b9b595743b3b.txt");
    }

    private void assertTheSameBytesThroughEveryChange(Path site, int files, String edited, String deleted)
            throws IOException {
        Path cache = site.resolve(".feedwright-cache");
        String reused = "Post cache " + cache + ": %d of " + files + " post files reused%s\n";

        CliRun cold = sameAsWithout(site);
        assertThat(cold.out()).contains(reused.formatted(0, "; saved"));
        assertThat(cold.err()).doesNotContain("post cache");
        assertThat(Files.readString(cache.resolve(".gitignore"))).endsWith("\n*\n");
        assertThat(sameAsWithout(site).out()).contains(reused.formatted(files, ""));

        Path post = site.resolve(edited);
        Files.writeString(post, Files.readString(post).replace("\n\n", "\n\nAn added paragraph.\n\n"));
        assertThat(sameAsWithout(site).out()).contains(reused.formatted(files - 1, "; saved"));
        assertThat(sameAsWithout(site).out()).contains(reused.formatted(files, ""));

        Files.delete(site.resolve(deleted));
        String fewer = "Post cache " + cache + ": %d of " + (files - 1) + " post files reused%s\n";
        assertThat(sameAsWithout(site).out()).contains(fewer.formatted(files - 1, "; saved"));

        Path config = site.resolve("feeds-config/site.yml");
        Files.writeString(config, Files.readString(config) + "\nauthor: Someone Else\n");
        CliRun reconfigured = sameAsWithout(site);
        assertThat(reconfigured.err()).contains("note: post cache " + cache.resolve("posts.cache")
                + ": made under another configuration; every post is read afresh\n");
        assertThat(reconfigured.out()).contains(fewer.formatted(0, "; saved"));

        Path file = cache.resolve("posts.cache");
        byte[] good = Files.readAllBytes(file);
        Map<String, UnaryOperator<byte[]>> damages = Map.of(
                "truncated (", bytes -> Arrays.copyOf(bytes, bytes.length * 2 / 3),
                "damaged (its checksum does not match)", bytes -> flip(bytes, bytes.length / 2),
                "made by another build of Feedwright or another Java (0.0.0-other;", PostCacheBuildTest::otherBuild);
        for (Map.Entry<String, UnaryOperator<byte[]>> damage : damages.entrySet()) {
            Files.write(file, damage.getValue().apply(good));
            CliRun run = sameAsWithout(site);
            assertThat(run.err()).as(damage.getKey()).contains(": " + damage.getKey())
                    .containsPattern("(warning|note): post cache " + file.toString().replace("\\", "\\\\") + ": ");
            assertThat(run.problems()).noneMatch(problem -> problem.contains("cache"));
            assertThat(run.out()).contains(fewer.formatted(0, "; saved"));
            assertThat(sameAsWithout(site).out()).as("rebuilt").contains(fewer.formatted(files - 1, ""));
        }

        // The feed cache beside it: what each feed document was when last made.
        Path feeds = cache.resolve("feeds.cache");
        byte[] made = Files.readAllBytes(feeds);
        Map<String, UnaryOperator<byte[]>> feedDamages = Map.of(
                "truncated (", bytes -> Arrays.copyOf(bytes, bytes.length - 7),
                "damaged (its checksum does not match)", bytes -> flip(bytes, bytes.length - 40));
        for (Map.Entry<String, UnaryOperator<byte[]>> damage : feedDamages.entrySet()) {
            Files.write(feeds, damage.getValue().apply(made));
            CliRun run = sameAsWithout(site);
            assertThat(run.err()).as(damage.getKey()).contains("warning: feed cache " + feeds + ": " + damage.getKey())
                    .contains("; not used: every feed is made afresh");
            assertThat(Files.readAllBytes(feeds)).as("written again whole").isEqualTo(made);
        }
    }

    @Test
    void aBuildOpensNoPostFileWhoseSizeAndTimeAreTheCachedOnesAndFailsRatherThanPublishOneChangedBehindThem()
            throws IOException {
        assertAPostChangedBehindItsLookFailsTheBuild(false);
    }

    @Test
    void aPostChangedBehindItsLookFailsTheBuildAlsoWhenItsFeedsAreRenderedAfresh() throws IOException {
        // Without the feed cache every feed is made from the posts' renderings: the body is read there.
        assertAPostChangedBehindItsLookFailsTheBuild(true);
    }

    @Test
    void aWarmServeOpensNoPostFileBeforeItAnswersThenReadsEveryBodyAndReloadsOneChangedBehindItsLook()
            throws Exception {
        TestSite.copyOfSample(siteDir);
        TestSite.settlePosts(siteDir);
        assertThat(build().exitCode()).isZero();
        TestSite.changeBehindItsLook(siteDir.resolve(EDITED));

        // Named from the working folder, as `serve` run in a site's folder names it ("."): the warning names the file
        // from the site all the same.
        Path relative = Path.of("").toAbsolutePath().relativize(siteDir);
        try (ServeRun served = ServeRun.start("serve", "--site", relative.toString(), "--port", "0")) {
            served.port(); // started, and every body read: the startup line comes after
            // Its start took the post from the cache by its look; reading its body after told it had changed.
            assertThat(served.err()).contains("warning: " + EDITED + ": not the bytes its post was loaded from"
                    + " (changed since the start looked at it); read again\n")
                    .contains("warning: a post file changed keeping its size and modification time:");
            assertThat(siteDir.resolve(".feedwright-cache/posts.cache")).as("dropped").doesNotExist();
            HttpResponse<byte[]> answer = served.get("/tags/%E9%9B%BB%E5%8A%9B/feed.json");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("デエタ");
        }
    }

    @Test
    void serveReadsEveryBodyBeforeItsStartupLineSoALastGoodVersionIsStillServedFromTheCache() throws Exception {
        TestSite.copyOfSample(siteDir);
        // Two items a feed: the post is then in no feed at the site's root, which serve makes before its startup
        // line, only in its tags' feeds: nothing but the reading of every body reads its body before it breaks.
        Path config = siteDir.resolve("feeds-config/site.yml");
        Files.writeString(config, Files.readString(config).replace("limit: 20", "limit: 2"));
        TestSite.settlePosts(siteDir);
        assertThat(build().exitCode()).isZero();
        Path post = siteDir.resolve(EDITED);
        String text = Files.readString(post);
        try (ServeRun served = ServeRun.start("serve", "--site", siteDir.toString(), "--port", "0")) {
            served.port(); // started
            // The tag feed showing the post is not asked for before the post breaks: it is made afterwards, from
            // the post's last good version, whose body was read before the startup line.
            Files.writeString(post, text.replaceFirst("title: ", "title: [unclosed "));
            String health = "";
            for (int tries = 0; tries < 200 && !health.contains("\"errors\":1"); tries++) {
                Thread.sleep(50);
                health = new String(served.get("/healthz").body(), StandardCharsets.UTF_8);
            }
            assertThat(health).as("reloaded").contains("\"errors\":1");
            HttpResponse<byte[]> answer = served.get("/tags/%E9%9B%BB%E5%8A%9B/feed.json");
            String feed = new String(answer.body(), StandardCharsets.UTF_8);
            assertThat(answer.statusCode()).as(feed).isEqualTo(200);
            assertThat(feed).contains("hokkaido-datacenter");
        }
    }

    private void assertAPostChangedBehindItsLookFailsTheBuild(boolean withoutFeedCache) throws IOException {
        TestSite.copyOfSample(siteDir);
        TestSite.settlePosts(siteDir);
        assertThat(build().exitCode()).isZero();
        TestSite.changeBehindItsLook(siteDir.resolve(EDITED));
        if (withoutFeedCache) {
            Files.delete(siteDir.resolve(".feedwright-cache/feeds.cache"));
        }

        // Into a new folder, so that every feed is made: the cached result stands for the file, and its body,
        // read when a feed showing it is made, is found to be of other bytes.
        CliRun failed = build();
        assertThat(failed.exitCode()).as(failed.transcript()).isEqualTo(ExitCode.IO_ERROR.code());
        assertThat(failed.err()).contains("error: " + EDITED + " changed while it was being published");

        // The cache was dropped: the next build reads every post and publishes the file as it is now.
        assertThat(siteDir.resolve(".feedwright-cache/posts.cache")).doesNotExist();
        CliRun next = sameAsWithout(siteDir);
        assertThat(next.out()).contains("0 of 14 post files reused; saved");
        assertThat(Files.readString(outs.resolve("with-" + (builds - 1)).resolve("feed.json"))).contains("デエタ");
    }


    @Test
    void aCacheFolderNamedOnTheCommandLineCanBeMovedAndIsStillUsed(@TempDir Path caches) throws IOException {
        TestSite.copyOfSample(siteDir);
        Path first = caches.resolve("first");
        Path moved = caches.resolve("moved");

        CliRun cold = build("--cache", first.toString());
        Files.move(first, moved);
        CliRun warm = build("--cache", moved.toString());

        assertThat(cold.out()).contains("Post cache " + first + ": 0 of 14 post files reused; saved\n");
        assertThat(warm.out()).contains("Post cache " + moved + ": 14 of 14 post files reused\n");
        assertThat(siteDir.resolve(".feedwright-cache")).doesNotExist();
    }

    @Test
    void serveStartsFromTheCacheAndAnswersTheSameBytesAndRewritesADamagedOne() throws Exception {
        TestSite.copyOfSample(siteDir);
        byte[] withoutCache;
        try (ServeRun plain = ServeRun.start("serve", "--site", siteDir.toString(), "--port", "0", "--no-cache")) {
            withoutCache = plain.get("/rss.xml").body();
        }
        assertThat(siteDir.resolve(".feedwright-cache")).doesNotExist();
        assertThat(build().out()).contains("14 post files reused; saved");
        Path file = siteDir.resolve(".feedwright-cache/posts.cache");
        byte[] good = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(good, good.length - 1));

        try (ServeRun cached = ServeRun.start("serve", "--site", siteDir.toString(), "--port", "0")) {
            assertThat(cached.get("/rss.xml").body()).isEqualTo(withoutCache).isNotEmpty();
            assertThat(cached.err()).contains("warning: post cache " + file + ": truncated (");
        }

        // serve rewrote it whole after its start (when it stopped, at the latest): a build reuses every post.
        assertThat(Files.readAllBytes(file)).isEqualTo(good);
        assertThat(build().out()).contains("Post cache " + file.getParent() + ": 14 of 14 post files reused\n");
        try (ServeRun warm = ServeRun.start("serve", "--site", siteDir.toString(), "--port", "0")) {
            assertThat(warm.get("/rss.xml").body()).isEqualTo(withoutCache);
            assertThat(warm.out().lines()).hasSize(1);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(good);
    }

    @Test
    void noCacheNeitherReadsNorWritesOne() throws IOException {
        TestSite.copyOfSample(siteDir);
        Files.createDirectories(siteDir.resolve(".feedwright-cache"));
        Files.writeString(siteDir.resolve(".feedwright-cache/posts.cache"), "not a cache");

        CliRun run = build("--no-cache");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.out()).doesNotContain("Post cache");
        assertThat(run.err()).doesNotContain("cache");
        assertThat(Files.readString(siteDir.resolve(".feedwright-cache/posts.cache"))).isEqualTo("not a cache");
    }

    @Test
    void cacheAndNoCacheTogetherAreAUsageError() {
        TestSite.copyOfSample(siteDir);

        CliRun run = build("--no-cache", "--cache", outs.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).startsWith("--cache and --no-cache contradict each other: give one\n");
    }

    @Test
    void checkUsesTheCacheAndReportsTheSameProblems() throws IOException {
        TestSite.copyOfSample(siteDir);
        CliRun without = CliRun.run("check", "--site", siteDir.toString(), "--format", "json", "--no-cache");

        CliRun cold = CliRun.run("check", "--site", siteDir.toString(), "--format", "json");
        CliRun warm = CliRun.run("check", "--site", siteDir.toString(), "--format", "json");

        assertThat(cold.out()).isEqualTo(without.out()).contains("\"published\" : 14");
        assertThat(warm.out()).isEqualTo(without.out());
        assertThat(siteDir.resolve(".feedwright-cache/posts.cache")).isNotEmptyFile();
        assertThat(warm.err()).isEmpty();
    }

    @Test
    void checkAndBuildOfASiteWithTheBuiltInHubShareOnePostCache() throws IOException {
        TestSite.copyOfSample(siteDir);
        Path config = siteDir.resolve("feeds-config/site.yml");
        Files.writeString(config, Files.readString(config) + "\nwebsub:\n  builtin_hub: true\n");
        CliRun check = CliRun.run("check", "--site", siteDir.toString());
        assertThat(check.out()).doesNotContain("reused"); // check says nothing of the cache
        CliRun built = build();
        assertThat(built.err()).doesNotContain("another configuration");
        assertThat(built.out()).contains("14 of 14 post files reused\n");
    }

    @Test
    void aPostCacheRewrittenAfterAnEditIsTheOneWrittenAfresh() throws IOException {
        TestSite.copyOfSample(siteDir);
        TestSite.settlePosts(siteDir);
        Path cache = siteDir.resolve(".feedwright-cache/posts.cache");
        build();
        Path post = siteDir.resolve(EDITED);
        Files.writeString(post, Files.readString(post).replace("\n\n", "\n\nAn added paragraph.\n\n"));
        TestSite.settlePosts(siteDir);
        assertThat(build().out()).contains("13 of 14 post files reused; saved");
        byte[] rewritten = Files.readAllBytes(cache);
        Files.delete(cache);
        assertThat(build().out()).contains("0 of 14 post files reused; saved");
        assertThat(Files.readAllBytes(cache)).isEqualTo(rewritten);
    }


    /** Builds the site with the cache and without it, each into a folder of its own; fails unless the bytes agree. */
    private CliRun sameAsWithout(Path site) throws IOException {
        Path without = outs.resolve("without-" + builds);
        Path with = outs.resolve("with-" + builds++);
        CliRun plain = CliRun.run("build", "--site", site.toString(), "--out", without.toString(), "--no-cache");
        CliRun cached = CliRun.run("build", "--site", site.toString(), "--out", with.toString());
        assertThat(plain.exitCode()).as(plain.transcript()).isZero();
        assertThat(cached.exitCode()).as(cached.transcript()).isZero();
        assertThat(cached.problems()).isEqualTo(plain.problems());
        Map<String, byte[]> expected = TestSite.filesUnder(without);
        Map<String, byte[]> actual = TestSite.filesUnder(with);
        assertThat(actual.keySet()).isEqualTo(expected.keySet()).isNotEmpty();
        expected.forEach((name, bytes) -> assertThat(actual.get(name)).as(name).isEqualTo(bytes));
        return cached;
    }

    private CliRun build(String... options) {
        String[] args = Stream.concat(Stream.of("build", "--site", siteDir.toString(), "--out",
                outs.resolve("out-" + builds++).toString()), Stream.of(options)).toArray(String[]::new);
        return CliRun.run(args);
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] flipped = bytes.clone();
        flipped[at] ^= 0x20;
        return flipped;
    }

    /**
     * The same cache as if another build of Feedwright had written it: the build named in its header replaced
     * and its checksum (CRC-32C of everything before the last four bytes) made right again, as that build's is.
     */
    private static byte[] otherBuild(byte[] bytes) {
        // The header: the 22 bytes of the first line, the format number, the file's length, then the build's
        // length and the build ("0.1.0; code …; java …"), whose version is replaced.
        int versionStart = 22 + 4 + 8 + 4;
        int start = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("; code ");
        byte[] other = "0.0.0-other".getBytes(StandardCharsets.ISO_8859_1);
        byte[] changed = new byte[bytes.length - (start - versionStart) + other.length];
        ByteBuffer out = ByteBuffer.wrap(changed);
        out.put(bytes, 0, versionStart - 4);
        int buildLength = ByteBuffer.wrap(bytes, versionStart - 4, 4).getInt();
        out.putInt(buildLength - (start - versionStart) + other.length);
        out.put(other);
        out.put(bytes, start, bytes.length - start - 4);
        ByteBuffer.wrap(changed).putLong(22 + 4, changed.length);
        CRC32C crc = new CRC32C();
        crc.update(changed, 0, changed.length - 4);
        ByteBuffer.wrap(changed).putInt(changed.length - 4, (int) crc.getValue());
        return changed;
    }
}
