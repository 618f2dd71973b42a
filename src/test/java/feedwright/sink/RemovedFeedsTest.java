package feedwright.sink;

import feedwright.snapshot.BuildManifest;
import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.CliRun;
import feedwright.testing.Formats;
import feedwright.testing.TestSite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code build} removes the files of feeds that no longer exist, proven its own by the earlier manifest. */
class RemovedFeedsTest {

    @TempDir
    Path siteDir;

    @TempDir
    Path out;

    @Test
    void aTagNoLongerUsedLosesItsFilesAndFolderAndNothingElseGoes() throws IOException {
        TestSite site = TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "[kept, gone]"));
        build("--gzip");
        Path gone = out.resolve("tags/gone");
        assertThat(gone.resolve(Formats.fileNames().get(0))).exists();
        Path stranger = Files.writeString(out.resolve("tags/kept/notes.txt"), "someone else's");
        Path strangerAtRoot = Files.writeString(out.resolve("robots.txt"), "User-agent: *\n");
        Path strangerFolder = Files.createDirectories(out.resolve("images"));

        site.post("2025-03-01-a.md", post("A", "[kept]"));
        CliRun second = build("--gzip");

        int removed = 2 * Formats.feedFiles("").size(); // each format's file, the preview page, each's .gz twin
        assertThat(second.out()).contains("Removed " + removed + " files that an earlier build wrote and this "
                + "one no longer writes\n");
        assertThat(gone).doesNotExist();
        assertThat(out.resolve("tags/kept/" + Formats.fileNames().get(0))).exists();
        assertThat(stranger).hasContent("someone else's");
        assertThat(strangerAtRoot).exists();
        assertThat(strangerFolder).isEmptyDirectory();
        assertThat(out.resolve(BuildManifest.PENDING_FILE_NAME)).doesNotExist();
        assertThat(Files.readString(out.resolve(BuildManifest.FILE_NAME))).contains("\"/tags/kept/")
                .doesNotContain("/tags/gone/");
    }

    @Test
    void aFolderThatHoldsAStrangersFileIsKeptWhenItsFeedsGo() throws IOException {
        TestSite site = TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "[kept, gone]"));
        build();
        Path stranger = Files.writeString(out.resolve("tags/gone/favicon.ico"), "icon");

        site.post("2025-03-01-a.md", post("A", "[kept]"));
        CliRun second = build();

        assertThat(second.out()).contains("Removed " + Formats.feedFiles("").size() + " files ");
        assertThat(listing(out.resolve("tags/gone"))).containsExactly("favicon.ico");
        assertThat(stranger).hasContent("icon");
    }

    @Test
    void gzipTwinsAreRemovedWhenABuildNoLongerWritesThem() throws IOException {
        TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "[kept]"));
        build("--gzip");
        assertThat(out.resolve("rss.xml.gz")).exists();

        CliRun second = build();

        assertThat(out.resolve("rss.xml")).exists();
        assertThat(out.resolve("rss.xml.gz")).doesNotExist();
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.filter(file -> file.toString().endsWith(".gz"))).isEmpty();
        }
        assertThat(second.out()).containsPattern("Removed \\d+ files");
    }

    @Test
    void aBrokenManifestIsReportedAndNothingIsRemovedThenTheNextBuildHasARecordAgain() throws IOException {
        TestSite site = TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "[kept, gone]"));
        build();
        Path manifest = out.resolve(BuildManifest.FILE_NAME);
        Files.writeString(manifest, "{\"feedwrightManifest\": 1, \"files\": {\"/rss.xml\": ");
        site.post("2025-03-01-a.md", post("A", "[kept]"));

        CliRun second = build();

        assertThat(second.exitCode()).isZero();
        assertThat(second.err()).contains(manifest + ": warning: not read (not valid JSON: ")
                .contains("); no file of an earlier build was removed\n");
        assertThat(second.out()).doesNotContain("Removed");
        assertThat(out.resolve("tags/gone/" + Formats.fileNames().get(0))).exists();
        assertThat(Files.readString(manifest)).contains("\"/tags/kept/").doesNotContain("/tags/gone/");

        CliRun third = build();
        assertThat(third.err()).doesNotContain("not read");
        assertThat(out.resolve("tags/gone/" + Formats.fileNames().get(0))).as("not listed by any manifest: not ours")
                .exists();
    }

    @Test
    void aManifestListingAPathOutsideTheFolderIsNotTrustedForAnything() throws IOException {
        TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "[kept]"));
        Path outside = Files.writeString(siteDir.resolve("precious.txt"), "keep me");
        Files.createDirectories(out);
        Path inside = Files.writeString(out.resolve("notes.txt"), "keep me too");
        Files.writeString(out.resolve(BuildManifest.FILE_NAME), """
                {"feedwrightManifest": 1, "files": {
                  "/notes.txt": {"contentType": "text/plain", "etag": "\\"x\\"", "gzip": false},
                  "/../precious.txt": {"contentType": "text/plain", "etag": "\\"x\\"", "gzip": false}}}
                """);

        CliRun run = build();

        assertThat(run.err()).contains("'/../precious.txt' is not a path of a file in the output folder");
        assertThat(outside).hasContent("keep me");
        assertThat(inside).hasContent("keep me too");
    }

    @Test
    void theManifestListsEveryFileWrittenWithItsValidatorsAndLengthsSortedAndTheSameBytesEveryBuild() throws IOException {
        TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "[kept]"));
        build("--gzip");
        byte[] first = Files.readAllBytes(out.resolve(BuildManifest.FILE_NAME));
        String json = new String(first, StandardCharsets.UTF_8);

        build("--gzip");

        assertThat(Files.readAllBytes(out.resolve(BuildManifest.FILE_NAME))).isEqualTo(first);
        List<String> paths = Pattern.compile("(?m)^    \"(/[^\"]+)\" : \\{").matcher(json).results()
                .map(match -> match.group(1)).toList();
        assertThat(paths).isSorted().contains("/index.html", "/feeds.opml", "/site.opml", "/rss.xml", "/tags/kept/rss.xml")
                .doesNotContain("/");
        assertThat(paths).hasSize(Formats.siteFiles(2));
        assertThat(json).startsWith("{\n  \"feedwrightManifest\" : 1,\n  \"posts\" : 1,\n  \"feeds\" : 2,\n"
                        + "  \"files\" : {\n")
                .contains("    \"/rss.xml\" : {\n      \"contentType\" : \"application/rss+xml; charset=utf-8\",\n"
                        + "      \"etag\" : \"\\\"")
                .contains("\",\n      \"lastModified\" : \"Sat, 01 Mar 2025 10:00:00 GMT\",\n      \"length\" : "
                        + Files.size(out.resolve("rss.xml")) + ",\n      \"gzip\" : true,\n      \"gzipLength\" : "
                        + Files.size(out.resolve("rss.xml.gz")) + "\n    }");
    }

    @Test
    void filesAKilledBuildListedAsPendingAreRemovedWhenTheNextBuildNoLongerWritesThem() throws IOException {
        TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "[kept]"));
        build();
        // As a build killed after writing the new tag's feed and before its manifest leaves the folder:
        // the new file, the old manifest, and the pending list naming the new file.
        Path newFeed = Files.createDirectories(out.resolve("tags/new")).resolve("rss.xml");
        Files.writeString(newFeed, "<rss/>");
        Files.writeString(out.resolve(BuildManifest.PENDING_FILE_NAME), """
                {"feedwrightManifest": 1, "files": {
                  "/tags/new/rss.xml": {"contentType": "application/rss+xml; charset=utf-8", "etag": "\\"x\\"", "gzip": false}}}
                """);

        CliRun next = build();

        assertThat(next.out()).contains("Removed 1 file that an earlier build wrote");
        assertThat(out.resolve("tags/new")).doesNotExist();
        assertThat(out.resolve(BuildManifest.PENDING_FILE_NAME)).doesNotExist();
        assertThat(out.resolve("tags/kept/rss.xml")).exists();
    }

    @Test
    void filesABuildThatStoppedMidwayWroteAreRemovedByTheNextBuildThatNoLongerWritesThem() throws IOException {
        TestSite site = TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "[kept]"));
        build();
        // The next build adds eight tags and zzz; a file standing where the folder tags/zzz/ must go stops it
        // (exit 4) before its manifest. Folders are written in parallel, each stopping before its next file once
        // one failed, so which of the other tags' files it wrote first depends on the threads: whatever it wrote
        // is listed as pending, and is what the next build removes.
        List<String> tags = List.of("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8");
        site.post("2025-03-02-b.md", post("B", "[" + String.join(", ", tags) + ", zzz]")
                .replace("2025-03-01", "2025-03-02"));
        Path blocker = Files.writeString(out.resolve("tags/zzz"), "in the way");
        CliRun stopped = CliRun.run("build", "--site", siteDir.toString(), "--out", out.toString());
        assertThat(stopped.exitCode()).as(stopped.transcript()).isEqualTo(4);
        assertThat(Files.readString(out.resolve(BuildManifest.FILE_NAME))).doesNotContain("/tags/a1/");
        assertThat(Files.readString(out.resolve(BuildManifest.PENDING_FILE_NAME))).contains("/tags/a1/rss.xml");
        List<Path> written = new ArrayList<>();
        for (String tag : tags) {
            for (String file : Formats.feedFiles("")) {
                Path path = out.resolve("tags").resolve(tag).resolve(file);
                if (Files.exists(path)) {
                    written.add(path);
                }
            }
        }

        Files.delete(blocker);
        Files.delete(siteDir.resolve("posts/2025-03-02-b.md"));
        CliRun next = build();

        if (!written.isEmpty()) {
            assertThat(next.out()).contains("Removed " + written.size() + " file" + (written.size() == 1 ? "" : "s")
                    + " that an earlier build wrote");
        }
        assertThat(written).allSatisfy(path -> assertThat(path).doesNotExist());
        assertThat(out.resolve(BuildManifest.PENDING_FILE_NAME)).doesNotExist();
        assertThat(listing(out.resolve("tags"))).containsExactly("kept");
    }

    private CliRun build(String... options) {
        List<String> args = new ArrayList<>(List.of("build", "--site", siteDir.toString(), "--out", out.toString()));
        args.addAll(List.of(options));
        CliRun run = CliRun.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.transcript()).isZero();
        return run;
    }

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static String post(String title, String tags) {
        return TestSite.taggedPost(title, "2025-03-01", tags, "A body.");
    }
}
