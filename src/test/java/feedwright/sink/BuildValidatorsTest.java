package feedwright.sink;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.snapshot.BuildManifest;
import feedwright.snapshot.Validators;
import feedwright.testing.CliRun;
import feedwright.testing.TestSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code build} decides the validators readers are told, once: it carries each path's Last-Modified forward
 * from the manifest already in the output folder, and gives every file its Last-Modified as modification
 * time, so a restart, another machine or a copy of the folder can never send a changed feed under an old date.
 */
class BuildValidatorsTest {

    private static final Instant FIRST_BUILD = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path siteDir;

    @TempDir
    Path out;

    @Test
    void aBodyEditedWithoutItsDatesGetsALaterLastModifiedWhileOtherFeedsKeepTheirs() throws IOException {
        TestSite site = TestSite.create(siteDir)
                .post("2025-03-01-a.md", post("A", "2025-03-01", "[edited]", "A body."))
                .post("2025-03-02-b.md", post("B", "2025-03-02", "[untouched]", "B body."));
        Map<String, Validators> first = build(FIRST_BUILD);
        assertThat(first.get("/tags/edited/rss.xml").lastModified()).contains(Instant.parse("2025-03-01T10:00:00Z"));

        site.post("2025-03-01-a.md", post("A", "2025-03-01", "[edited]", "A body, edited."));
        Instant secondBuild = FIRST_BUILD.plusSeconds(3600);
        Map<String, Validators> second = build(secondBuild);

        Validators edited = second.get("/tags/edited/rss.xml");
        assertThat(edited.etag()).isNotEqualTo(first.get("/tags/edited/rss.xml").etag());
        assertThat(edited.lastModified()).as("the entries' dates did not move: the build's time").contains(secondBuild);
        assertThat(second.get("/rss.xml").lastModified()).contains(secondBuild);
        assertThat(second.get("/tags/untouched/rss.xml")).isEqualTo(first.get("/tags/untouched/rss.xml"));
    }

    @Test
    void aRebuildOfTheSameSiteKeepsEveryValidatorAndTheManifestsBytes() throws IOException {
        TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "2025-03-01", "[t]", "A body."));
        build(FIRST_BUILD);
        byte[] manifest = Files.readAllBytes(out.resolve(BuildManifest.FILE_NAME));

        build(FIRST_BUILD.plusSeconds(86_400));

        assertThat(Files.readAllBytes(out.resolve(BuildManifest.FILE_NAME))).isEqualTo(manifest);
    }

    @Test
    void everyFileAndItsGzipTwinHaveTheirLastModifiedAsModificationTime() throws IOException {
        TestSite site = TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "2025-03-01", "[t]", "A body."));
        build(FIRST_BUILD, "--gzip");
        site.post("2025-03-01-a.md", post("A", "2025-03-01", "[t]", "A body, edited."));
        Instant secondBuild = FIRST_BUILD.plusSeconds(60);

        Map<String, Validators> published = build(secondBuild, "--gzip");

        assertThat(published).isNotEmpty();
        published.forEach((path, validators) -> {
            if (path.equals("/")) {
                return; // index.html under a second name, not a file
            }
            Path file = out.resolve(path.substring(1));
            try {
                Instant expected = validators.lastModified().orElseThrow();
                assertThat(Files.getLastModifiedTime(file).toInstant()).as(path).isEqualTo(expected);
                assertThat(Files.getLastModifiedTime(file.resolveSibling(file.getFileName() + ".gz")).toInstant())
                        .as(path + ".gz").isEqualTo(expected);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(published.get("/rss.xml").lastModified()).contains(secondBuild);
    }

    @Test
    void aManifestFromAnotherMachineIsCarriedForwardSoACopiedFolderKeepsRising() throws IOException {
        TestSite site = TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "2025-03-01", "[t]", "A body."));
        Path elsewhere = Files.createDirectories(siteDir.resolve("elsewhere"));
        build(FIRST_BUILD);
        // A later build published from this folder, as another machine would have it after a deploy.
        Instant published = FIRST_BUILD.plusSeconds(7200);
        site.post("2025-03-01-a.md", post("A", "2025-03-01", "[t]", "A body, edited."));
        Instant rss = build(published).get("/rss.xml").lastModified().orElseThrow();
        Files.copy(out.resolve(BuildManifest.FILE_NAME), elsewhere.resolve(BuildManifest.FILE_NAME));

        site.post("2025-03-01-a.md", post("A", "2025-03-01", "[t]", "A body, edited twice."));
        CliRun run = CliRun.run(Clock.fixed(published.plusSeconds(1), ZoneOffset.UTC), "build", "--site",
                siteDir.toString(), "--out", elsewhere.toString());

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(manifest(elsewhere).get("/rss.xml").lastModified()).get().matches(time -> time.isAfter(rss));
    }

    @Test
    void aBrokenPendingListStillLetsTheManifestsDatesBeCarriedForward() throws IOException {
        TestSite site = TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "2025-03-01", "[t]", "A body."));
        build(FIRST_BUILD);
        site.post("2025-03-01-a.md", post("A", "2025-03-01", "[t]", "A body, edited."));
        Instant edited = FIRST_BUILD.plusSeconds(600);
        Instant published = build(edited).get("/rss.xml").lastModified().orElseThrow();
        Files.writeString(out.resolve(BuildManifest.PENDING_FILE_NAME), "{ broken");

        site.post("2025-03-01-a.md", post("A", "2025-03-01", "[t]", "A body, edited again."));
        Map<String, Validators> after = build(edited.plusSeconds(600));

        assertThat(published).isEqualTo(edited);
        assertThat(after.get("/rss.xml").lastModified()).contains(edited.plusSeconds(600));
    }

    private Map<String, Validators> build(Instant now, String... options) throws IOException {
        String[] all = new String[5 + options.length];
        System.arraycopy(new String[] {"build", "--site", siteDir.toString(), "--out", out.toString()}, 0, all, 0, 5);
        System.arraycopy(options, 0, all, 5, options.length);
        CliRun run = CliRun.run(Clock.fixed(now, ZoneOffset.UTC), all);
        assertThat(run.exitCode()).as(run.transcript()).isZero();
        return manifest(out);
    }

    private static Map<String, Validators> manifest(Path folder) throws IOException {
        try {
            return BuildManifest.parse(Files.readAllBytes(folder.resolve(BuildManifest.FILE_NAME))).validators();
        } catch (BuildManifest.Invalid e) {
            throw new AssertionError(e);
        }
    }

    private static String post(String title, String date, String tags, String body) {
        return TestSite.taggedPost(title, date, tags, body);
    }
}
