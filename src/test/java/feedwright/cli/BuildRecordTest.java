package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.config.ConfigException;
import feedwright.config.ConfigLoader;
import feedwright.config.SiteConfig;
import feedwright.post.PostListing;
import feedwright.testing.CliRun;
import feedwright.testing.TestSite;
import feedwright.text.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record of the last build ({@code build.record}): a build with nothing changed since says what a build
 * would and writes nothing, and any change of what the output depends on (a post file, the configuration, the
 * output folder, the options, the clock reaching a scheduled post, the caches) means a build again.
 */
class BuildRecordTest {

    private static final String POST = "posts/2025-10-03-hokkaido-datacenter.md";
    private static final Instant NOW = CliRun.AFTER_ALL_POSTS.instant();

    @TempDir
    Path siteDir;

    @TempDir
    Path outs;

    private Path out;
    private Path cacheFolder;

    @BeforeEach
    void aSampleSiteLastChangedAnHourAgo() throws IOException {
        TestSite.copyOfSample(siteDir);
        settle(siteDir);
        out = outs.resolve("public");
        cacheFolder = siteDir.resolve(".feedwright-cache");
    }

    @Test
    void aRebuildWithNothingChangedSaysWhatABuildWouldAndWritesNothing() throws IOException, ConfigException {
        CliRun first = build();
        assertThat(first.exitCode()).as(first.transcript()).isZero();
        assertThat(cacheFolder.resolve(BuildRecord.FILE.fileName())).isRegularFile();
        Map<String, String> written = filesWithTimes(out);
        assertThat(unchanged(out, false, NOW)).isPresent();

        CliRun again = build();
        assertThat(again.exitCode()).isZero();
        assertThat(filesWithTimes(out)).isEqualTo(written);
        Files.delete(cacheFolder.resolve(BuildRecord.FILE.fileName()));
        CliRun full = build();
        assertThat(withoutTime(again.out())).isEqualTo(withoutTime(full.out()))
                .contains("14 of 14 post files reused\n", "already up to date");
        assertThat(again.err()).isEqualTo(full.err());
        assertThat(filesWithTimes(out)).isEqualTo(written);
    }

    @Test
    void aCacheDamagedSinceTheRecordEvenKeepingItsSizeAndTimeMeansABuildThatSaysSo() throws IOException {
        assertThat(build().exitCode()).isZero();
        Path posts = cacheFolder.resolve("posts.cache");
        byte[] damaged = Files.readAllBytes(posts);
        FileTime time = Files.getLastModifiedTime(posts);
        damaged[damaged.length / 2] ^= 0x20;
        Files.write(posts, damaged);
        Files.setLastModifiedTime(posts, time);
        CliRun run = build();
        assertThat(run.err()).contains("post cache " + posts + ": damaged");
        assertThat(run.out()).contains("0 of 14 post files reused; saved");
    }

    @Test
    void everyChangeOfWhatTheOutputDependsOnMeansABuild() throws IOException, ConfigException {
        assertThat(build().exitCode()).isZero();
        assertThat(unchanged(out, false, NOW)).isPresent();
        assertThat(unchanged(outs.resolve("elsewhere"), false, NOW)).as("another output folder").isEmpty();
        assertThat(unchanged(out, true, NOW)).as("--gzip").isEmpty();
        assertThat(unchanged(out, false, NOW.minusSeconds(1))).as("a clock set back").isEmpty();

        Path post = siteDir.resolve(POST);
        Files.setLastModifiedTime(post, FileTime.from(Instant.now().minusSeconds(1800)));
        assertChangedThenBuilt("a post touched");

        Files.writeString(siteDir.resolve("posts/2025-11-01-added.md"),
                TestSite.taggedPost("Added", "2025-11-01", "[added]", "An added post."));
        settle(siteDir);
        assertChangedThenBuilt("a post added");

        Files.delete(siteDir.resolve("posts/2025-11-01-added.md"));
        assertChangedThenBuilt("a post removed");

        Files.delete(out.resolve("rss.xml"));
        assertChangedThenBuilt("an output file removed");

        Files.setLastModifiedTime(out.resolve("atom.xml"), FileTime.from(Instant.now()));
        assertChangedThenBuilt("an output file touched");

        Files.delete(cacheFolder.resolve("posts.cache"));
        assertChangedThenBuilt("the post cache removed");

        Path record = cacheFolder.resolve(BuildRecord.FILE.fileName());
        byte[] bytes = Files.readAllBytes(record);
        bytes[bytes.length - 9] ^= 0x01;
        Files.write(record, bytes);
        assertChangedThenBuilt("the record damaged");

        Path config = siteDir.resolve("feeds-config/site.yml");
        Files.writeString(config, Files.readString(config) + "\nauthor: Someone Else\n");
        assertChangedThenBuilt("the configuration changed");
    }

    @Test
    void aPostWrittenMomentsAgoIsVouchedForByItsBytesSinceItsTimeMayNotMoveOnTheNextSave() throws IOException,
            ConfigException {
        Path post = siteDir.resolve(POST);
        String text = Files.readString(post);
        Files.writeString(post, text + "\nA late line.\n");
        FileTime justNow = Files.getLastModifiedTime(post);
        assertThat(build().exitCode()).isZero();
        assertThat(unchanged(out, false, NOW)).isPresent();

        // Saved again within the same tick of a coarse clock: the same size and time, other bytes.
        Files.writeString(post, text + "\nA last line.\n");
        Files.setLastModifiedTime(post, justNow);
        assertThat(unchanged(out, false, NOW)).isEmpty();
        CliRun run = build();
        assertThat(run.exitCode()).isZero();
        assertThat(Files.readString(out.resolve("rss.xml"))).contains("A last line.");
    }

    @Test
    void theRecordEndsWhenAPostDatedInTheFutureIsDue() throws IOException, ConfigException {
        TestSite.create(siteDir, Files.readString(siteDir.resolve("feeds-config/site.yml")))
                .post("2026-03-01-scheduled.md", TestSite.taggedPost("Scheduled", "2026-03-01", "[later]", "Soon."));
        settle(siteDir);
        CliRun before = build();
        assertThat(before.out()).contains("skipped posts/2026-03-01-scheduled.md: dated in the future");
        assertThat(unchanged(out, false, Instant.parse("2026-03-01T09:59:59Z"))).isPresent();
        assertThat(unchanged(out, false, Instant.parse("2026-03-01T10:00:00Z"))).isEmpty();

        CliRun due = CliRun.run(Clock.fixed(Instant.parse("2026-03-02T00:00:00Z"), ZoneOffset.UTC), "build",
                "--site", siteDir.toString(), "--out", out.toString());
        assertThat(due.out()).doesNotContain("dated in the future")
                .contains((published(before) + 1) + " published");
        assertThat(Files.readString(out.resolve("rss.xml"))).contains("Scheduled");
    }

    @Test
    void aBuildWithErrorsKeepsItsReportAndStrictExitStatus() throws IOException, ConfigException {
        TestSite.create(siteDir, Files.readString(siteDir.resolve("feeds-config/site.yml")))
                .post("2025-05-05-broken.md", "---\ntitle: [unclosed\n---\nBody.\n");
        settle(siteDir);
        assertThat(build("--strict").exitCode()).isEqualTo(ExitCode.POST_ERRORS.code());
        assertThat(unchanged(out, false, NOW)).as("a build with errors is recorded too").isPresent();
        CliRun again = build("--strict");
        Files.delete(cacheFolder.resolve(BuildRecord.FILE.fileName()));
        CliRun full = build("--strict");
        assertThat(again.exitCode()).isEqualTo(full.exitCode()).isEqualTo(ExitCode.POST_ERRORS.code());
        assertThat(again.err()).isEqualTo(full.err()).contains("posts/2025-05-05-broken.md:");
        assertThat(withoutTime(again.out())).isEqualTo(withoutTime(full.out())).contains("1 error");
    }

    /** Asserts that the record no longer holds (naming {@code what} changed), and that a build makes it hold again. */
    private void assertChangedThenBuilt(String what) throws ConfigException {
        assertThat(unchanged(out, false, NOW)).as(what).isEmpty();
        CliRun run = build();
        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(unchanged(out, false, NOW)).as("rebuilt after " + what).isPresent();
    }

    private Optional<BuildReport> unchanged(Path outDir, boolean gzip, Instant now) throws ConfigException {
        // As build reads it: without a built-in hub, which files never name.
        SiteConfig loaded = ConfigLoader.load(siteDir);
        SiteConfig config = loaded.withWebSub(loaded.websub().withoutBuiltInHub());
        return BuildRecord.of(Optional.of(cacheFolder), config, siteDir, outDir, gzip).flatMap(r -> r.unchanged(now,
                PostListing.of(siteDir, config.posts())));
    }

    private CliRun build(String... options) {
        String[] args = Stream.concat(Stream.of("build", "--site", siteDir.toString(), "--out", out.toString()),
                Stream.of(options)).toArray(String[]::new);
        return CliRun.run(CliRun.AFTER_ALL_POSTS, args);
    }

    /** Every file of the site as last changed an hour ago: older than the two seconds a record does not trust. */
    private static void settle(Path site) throws IOException {
        FileTime anHourAgo = FileTime.from(Instant.now().minusSeconds(3600));
        try (Stream<Path> files = Files.walk(site)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, anHourAgo);
            }
        }
    }

    /** Each file under {@code root} with its modification time and a fingerprint of its bytes. */
    private static Map<String, String> filesWithTimes(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.getLastModifiedTime(file) + " "
                        + Digests.fingerprint(Files.readAllBytes(file)));
            }
        }
        return files;
    }

    private static int published(CliRun run) {
        return Integer.parseInt(run.out().replaceAll("(?s).*post files: (\\d+) published.*", "$1"));
    }

    private static String withoutTime(String out) {
        return out.replaceAll("done in [0-9.]+ s", "done in");
    }
}
