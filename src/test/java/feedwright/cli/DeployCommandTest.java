package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.snapshot.BuildManifest;
import feedwright.testing.CallbackServer;
import feedwright.testing.CliRun;
import feedwright.testing.Formats;
import feedwright.testing.TestBucket;
import feedwright.testing.TestSite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** {@code feedwright deploy} run through the real command line against a real S3-compatible server (S3Proxy). */
class DeployCommandTest {

    private static final String CACHE_CONTROL = "public, max-age=300, s-maxage=300, stale-while-revalidate=60,"
            + " stale-if-error=86400";

    @RegisterExtension
    final S3ProxyExtension server = TestBucket.server();

    @TempDir
    Path siteDir;

    @TempDir
    Path out;

    private TestBucket bucket;

    @BeforeEach
    void createBucket() {
        bucket = TestBucket.create(server);
    }

    @AfterEach
    void closeBucket() {
        bucket.close();
    }

    @Test
    void everyObjectHoldsTheBuiltFileWithTheDocumentedHeaders() throws IOException {
        TestSite.copyOfSample(siteDir);
        CliRun build = CliRun.run("build", "--site", siteDir.toString(), "--out", out.toString());
        assertThat(build.exitCode()).as(build.transcript()).isZero();

        CliRun deploy = deploy();

        BuildManifest manifest = manifest(out);
        SortedMap<String, byte[]> objects = bucket.objects();
        TreeSet<String> expected = new TreeSet<>(manifest.fileNames());
        expected.add(BuildManifest.FILE_NAME);
        assertThat(objects.keySet()).containsExactlyElementsOf(expected);
        for (String key : objects.keySet()) {
            assertThat(objects.get(key)).as(key).isEqualTo(Files.readAllBytes(out.resolve(key)));
        }
        manifest.files().forEach((path, written) -> {
            GetObjectResponse object = bucket.read(path.substring(1)).response();
            // S3Proxy's Jetty writes "text/html;charset=utf-8" without the space; AWS S3 keeps what was sent.
            assertThat(object.contentType().replace(";charset", "; charset")).as(path).isEqualTo(written.contentType())
                    .contains("charset=");
            assertThat(object.cacheControl()).as(path).isEqualTo(CACHE_CONTROL);
            assertThat(object.contentEncoding()).as(path).isNull();
            Map<String, String> metadata = new HashMap<>();
            metadata.put("feedwright-etag", written.etag());
            written.lastModified().ifPresent(date -> metadata.put("feedwright-last-modified", date));
            assertThat(object.metadata()).as(path).isEqualTo(metadata);
        });
        GetObjectResponse record = bucket.read(BuildManifest.FILE_NAME).response();
        assertThat(record.cacheControl()).isEqualTo("no-cache");
        assertThat(record.contentType().replace(";charset", "; charset")).isEqualTo("application/json; charset=utf-8");
        assertThat(record.metadata()).isEqualTo(Map.of("feedwright-cache-control", CACHE_CONTROL));
        assertThat(deploy.out()).contains("Uploaded " + manifest.files().size() + " objects to s3://feeds/, deleted 0,"
                + " 0 unchanged\n");
    }

    @Test
    void fromAFolderUploadsItsFilesWithTheValidatorsItsBuildDecided() throws IOException {
        TestSite site = TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "[one]"))
                .post("2025-03-02-b.md", post("B", "[two]"));
        Instant first = Instant.parse("2026-01-01T00:00:00Z");
        build(first);
        deploy("--from", out.toString());
        site.post("2025-03-01-a.md", post("A", "[one]").replace("A body.", "A body, edited; its dates are not."));
        build(first.plusSeconds(3600));

        CliRun second = deploy("--from", out.toString());

        BuildManifest manifest = manifest(out);
        assertThat(manifest.files().get("/tags/one/" + Formats.fileNames().get(0)).lastModified())
                .contains("Thu, 01 Jan 2026 01:00:00 GMT");
        manifest.files().forEach((path, written) -> {
            ResponseBytes<GetObjectResponse> object = bucket.read(path.substring(1));
            assertThat(object.asByteArray()).as(path).isEqualTo(readFile(out.resolve(path.substring(1))));
            assertThat(object.response().metadata()).as(path).containsEntry("feedwright-etag", written.etag())
                    .containsEntry("feedwright-last-modified", written.lastModified().orElseThrow());
        });
        assertThat(bucket.read(BuildManifest.FILE_NAME).asByteArray())
                .isEqualTo(readFile(out.resolve(BuildManifest.FILE_NAME)));
        // The site-wide and tag "one" feeds in every format: the body is in no page.
        int changed = 2 * Formats.fileNames().size();
        assertThat(second.out()).contains("Read " + out + ": 3 feeds of 2 posts, as a build wrote them\n",
                "Uploaded " + changed + " objects to s3://feeds/, deleted 0, ");
        assertThat(deploy("--from", out.toString()).out()).contains("Uploaded 0 objects");
    }

    @Test
    void aFolderThatDoesNotMatchItsManifestIsNotUploaded() throws IOException {
        TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "[one]"));
        build(CliRun.AFTER_ALL_POSTS.instant());
        Files.writeString(out.resolve("index.html"), "a build is writing this");

        CliRun run = CliRun.run(bucket.deployArgs(siteDir, "--from", out.toString()));

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(ExitCode.IO_ERROR.code());
        assertThat(run.err()).startsWith("error: /index.html: bytes differ from the manifest's ETag"
                + " (a build is writing?); nothing was uploaded\n");
        assertThat(bucket.objects()).isEmpty();
    }

    @Test
    void aSecondDeployUploadsNothing() {
        TestSite.copyOfSample(siteDir);
        deploy();
        Map<String, Instant> uploaded = uploadTimes();

        CliRun second = deploy();

        assertThat(second.out()).containsPattern("Uploaded 0 objects to s3://feeds/, deleted 0, [1-9]\\d* unchanged\n");
        assertThat(uploadTimes()).isEqualTo(uploaded);
        CliRun plan = deploy("--dry-run");
        assertThat(plan.out()).doesNotContain("  upload ", "  delete ");
    }

    @Test
    void deletingAPostRemovesExactlyTheObjectsOfTheFeedsThatWentAway() {
        TestSite site = TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "[kept, gone]"))
                .post("2025-03-02-b.md", post("B", "[kept]"));
        deploy();
        bucket.put("notes.txt", "not a deploy's");
        bucket.put("tags/gone/favicon.ico", "not a deploy's either");
        SortedMap<String, byte[]> before = bucket.objects();

        assertThat(siteDir.resolve("posts/2025-03-01-a.md").toFile().delete()).isTrue();
        CliRun second = deploy();

        TreeSet<String> gone = new TreeSet<>(before.keySet());
        gone.removeAll(bucket.objects().keySet());
        assertThat(gone).containsExactlyElementsOf(Formats.feedFiles("tags/gone/"));
        assertThat(bucket.objects()).containsKeys("notes.txt", "tags/gone/favicon.ico");
        assertThat(second.out()).contains(", deleted " + gone.size() + ", ");
        assertThat(site.dir()).exists();
    }

    @Test
    void moreDeletionsThanAllowedStopTheDeployBeforeItChangesAnything() {
        TestSite site = TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "[one, two]"));
        deploy();
        site.post("2025-03-01-a.md", post("A edited", "[three]"));
        Map<String, String> before = contents();

        CliRun refused = deploy("--max-deletions", "5");

        int deletions = 2 * Formats.feedFiles("").size();
        assertThat(refused.exitCode()).as(refused.transcript()).isEqualTo(ExitCode.DEPLOY_REFUSED.code());
        assertThat(refused.err()).contains("error: this deploy would delete " + deletions + " objects from s3://feeds/,"
                + " more than the 5 allowed (deploy.max_deletions, --max-deletions); nothing was changed.");
        assertThat(contents()).isEqualTo(before);

        CliRun allowed = deploy("--max-deletions", String.valueOf(deletions));
        assertThat(allowed.exitCode()).as(allowed.transcript()).isZero();
        assertThat(allowed.out()).contains(", deleted " + deletions + ", ");
    }

    @Test
    void aDryRunPrintsThePlanAndChangesNothing() {
        TestSite site = TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "[kept, gone]"));
        deploy();
        site.post("2025-03-01-a.md", post("A", "[kept, new]"));
        Map<String, String> before = contents();

        CliRun plan = deploy("--dry-run");

        assertThat(plan.exitCode()).as(plan.transcript()).isZero();
        assertThat(contents()).isEqualTo(before);
        List<String> lines = plan.out().lines().filter(line -> line.startsWith("  ")).toList();
        assertThat(lines).first().isEqualTo("  upload " + BuildManifest.PENDING_FILE_NAME + " (pending)");
        assertThat(lines).contains("  upload tags/new/" + Formats.fileNames().get(0) + " (new)",
                "  upload " + Formats.fileNames().get(0) + " (bytes changed)",
                "  delete tags/gone/" + Formats.fileNames().get(0) + " (no longer published)");
        assertThat(lines.get(lines.size() - 2)).isEqualTo("  upload " + BuildManifest.FILE_NAME + " (manifest)");
        assertThat(lines).last().isEqualTo("  delete " + BuildManifest.PENDING_FILE_NAME + " (pending list)");
        assertThat(plan.out()).contains("Dry run: nothing in s3://feeds/ is changed")
                .containsPattern("Would upload \\d+ objects, delete " + Formats.feedFiles("").size()
                        + ", \\d+ unchanged\n");
    }

    @Test
    void feedsAreUploadedBeforeThePagesThatLinkToThem() {
        TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "[one]"));

        List<String> uploads = deploy("--dry-run").out().lines().filter(line -> line.startsWith("  upload "))
                .map(line -> line.substring("  upload ".length(), line.indexOf(" (")))
                .filter(name -> !name.startsWith("feedwright-")).toList();

        int lastFeed = 0;
        int firstPreview = uploads.size();
        int lastPreview = 0;
        int firstPage = uploads.size();
        for (int i = 0; i < uploads.size(); i++) {
            String file = uploads.get(i).substring(uploads.get(i).lastIndexOf('/') + 1);
            if (Formats.fileNames().contains(file)) {
                lastFeed = i;
            } else if (file.equals("feed.html")) {
                firstPreview = Math.min(firstPreview, i);
                lastPreview = i;
            } else {
                firstPage = Math.min(firstPage, i);
            }
        }
        assertThat(lastFeed).as(uploads.toString()).isLessThan(firstPreview);
        assertThat(lastPreview).as(uploads.toString()).isLessThan(firstPage);
        assertThat(uploads).contains("index.html", Formats.opmlFileNames().get(0));
    }

    @Test
    void theConfigurationNamesTheBucketPrefixAndEndpoint() {
        TestSite.create(siteDir, TestSite.CONFIG + """
                deploy:
                  bucket: feeds
                  prefix: /blog
                  endpoint: %s
                  region: us-east-1
                  path_style: true
                """.formatted(bucket.endpoint())).post("2025-03-01-a.md", post("A", "[one]"));

        CliRun run = CliRun.run("deploy", "--site", siteDir.toString());

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.out()).contains(" objects to s3://feeds/blog/, ");
        assertThat(bucket.objects().keySet()).allMatch(key -> key.startsWith("blog/"))
                .contains("blog/index.html", "blog/" + BuildManifest.FILE_NAME);
    }

    @Test
    void aChangedCacheControlUploadsEveryObjectAgain() {
        TestSite site = TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "[one]"));
        deploy();
        site.write("feeds-config/site.yml",
                (TestSite.CONFIG + "server:\n  max_age: 60\n").getBytes(StandardCharsets.UTF_8));

        CliRun second = deploy();

        assertThat(second.out()).contains(", deleted 0, 0 unchanged\n");
        String changed = "public, max-age=60, s-maxage=60, stale-while-revalidate=60, stale-if-error=86400";
        assertThat(bucket.read("index.html").response().cacheControl()).isEqualTo(changed);
        assertThat(bucket.read("tags/one/" + Formats.fileNames().get(0)).response().cacheControl()).isEqualTo(changed);
        assertThat(deploy().out()).contains("Uploaded 0 objects");
    }

    @Test
    void anObjectChangedInTheBucketIsPutRight() {
        TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "[one]"));
        deploy();
        String feed = Formats.fileNames().get(0);
        byte[] deployed = bucket.read(feed).asByteArray();
        bucket.put(feed, "vandalised");
        bucket.client().deleteObject(request -> request.bucket(TestBucket.NAME).key("index.html"));

        CliRun plan = deploy("--dry-run");
        CliRun again = deploy();

        assertThat(plan.out()).contains("  upload " + feed + " (bytes changed)\n",
                "  upload index.html (missing from the bucket)\n");
        assertThat(again.out()).contains("Uploaded 2 objects to s3://feeds/, ");
        assertThat(bucket.read(feed).asByteArray()).isEqualTo(deployed);
        assertThat(bucket.read("index.html").response().metadata()).containsKey("feedwright-etag");
    }

    @Test
    void anEditedBodyGetsALaterLastModifiedAndUnchangedFeedsKeepTheirs() {
        TestSite site = TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "[one]"))
                .post("2025-03-02-b.md", post("B", "[two]"));
        Instant first = Instant.parse("2026-01-01T00:00:00Z");
        deploy(Clock.fixed(first, ZoneOffset.UTC));
        String feed = Formats.fileNames().get(0);
        String untouched = lastModified("tags/two/" + feed);

        site.post("2025-03-01-a.md", post("A", "[one]").replace("A body.", "A body, edited; its dates are not."));
        deploy(Clock.fixed(first.plusSeconds(3600), ZoneOffset.UTC));

        assertThat(lastModified("tags/one/" + feed)).isEqualTo("Thu, 01 Jan 2026 01:00:00 GMT");
        assertThat(lastModified(feed)).isEqualTo("Thu, 01 Jan 2026 01:00:00 GMT");
        assertThat(lastModified("tags/two/" + feed)).isEqualTo(untouched).isEqualTo("Sat, 01 Mar 2025 10:00:00 GMT");
    }

    @Test
    void withoutABucketTheCommandLineIsWrong() {
        TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "[one]"));

        CliRun run = CliRun.run("deploy", "--site", siteDir.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err())
                .startsWith("deploy needs a bucket: set deploy.bucket in feeds-config/site.yml or give --bucket\n");
    }

    /**
     * S3Proxy implements no website hosting and refuses an upload that carries
     * {@code x-amz-website-redirect-location} (501 Not Implemented): what can be checked here is that the
     * deploy sends it (the refusal says so), says so, and keeps what the store does keep. The header's value
     * for each old address is {@link feedwright.sink.DeployPlan}'s, checked in its own test.
     */
    @Test
    void aStoreThatRefusesWebsiteRedirectsGetsEachCopyWithoutOneAndAWarning() {
        CliRun deploy = deployWithAnAlias("alias_copies: true\n");

        assertThat(deploy.err()).contains("warning: s3://feeds/: uploading feed.xml with a website redirect was"
                + " refused: A header you provided implies functionality that is not implemented")
                .contains("the old feed addresses were stored without it (each copy of a feed as it is, each"
                        + " empty object not at all)");
        assertThat(bucket.read("feed.xml").asByteArray()).isEqualTo(bucket.read("atom.xml").asByteArray());
        HeadObjectResponse copy = bucket.client().headObject(request -> request.bucket(TestBucket.NAME).key("feed.xml"));
        assertThat(copy.contentType().replace(";charset", "; charset")).isEqualTo("application/atom+xml; charset=utf-8");
        assertThat(copy.websiteRedirectLocation()).isNull();
        assertThat(deploy().out()).contains("Uploaded 0 objects");
    }

    @Test
    void withoutCopiesAnOldAddressTheStoreCannotRedirectIsNotStoredAtAll() {
        CliRun deploy = deployWithAnAlias("");

        assertThat(deploy.err()).contains("uploading feed.xml with a website redirect was refused");
        assertThat(bucket.objects().keySet()).contains("atom.xml", "tags/ai/atom.xml").doesNotContain("feed.xml");
    }

    /** A deploy of a site with one post and the old address {@code /feed.xml} of {@code /atom.xml}. */
    private CliRun deployWithAnAlias(String config) {
        TestSite.create(siteDir, TestSite.CONFIG + config + "aliases:\n  /feed.xml: /atom.xml\n")
                .post("2025-03-01-first.md", TestSite.taggedPost("First", "2025-03-01", "[ai]", "Body."));
        CliRun deploy = deploy();
        assertThat(deploy.exitCode()).as(deploy.transcript()).isZero();
        return deploy;
    }

    private CliRun deploy(String... more) {
        return deploy(CliRun.AFTER_ALL_POSTS, more);
    }

    private CliRun deploy(Clock clock, String... more) {
        CliRun run = CliRun.run(clock, bucket.deployArgs(siteDir, more));
        assertThat(run.exitCode()).as(run.transcript()).isIn(0, ExitCode.DEPLOY_REFUSED.code());
        return run;
    }

    private void build(Instant now) {
        CliRun build = CliRun.run(Clock.fixed(now, ZoneOffset.UTC), "build", "--site", siteDir.toString(), "--out",
                out.toString());
        assertThat(build.exitCode()).as(build.transcript()).isZero();
    }

    private static byte[] readFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private String lastModified(String key) {
        return bucket.read(key).response().metadata().get("feedwright-last-modified");
    }

    private Map<String, Instant> uploadTimes() {
        Map<String, Instant> times = new HashMap<>();
        bucket.client().listObjectsV2Paginator(request -> request.bucket(TestBucket.NAME)).contents()
                .forEach(object -> times.put(object.key(), object.lastModified()));
        return times;
    }

    /** Every object's bytes and headers, as a reader would get them. */
    private Map<String, String> contents() {
        Map<String, String> contents = new HashMap<>();
        bucket.objects().forEach((key, bytes) -> {
            ResponseBytes<GetObjectResponse> object = bucket.read(key);
            contents.put(key, Arrays.toString(bytes) + object.response().contentType()
                    + object.response().cacheControl() + object.response().metadata()
                    + object.response().lastModified());
        });
        return contents;
    }

    private static BuildManifest manifest(Path folder) throws IOException {
        try {
            return BuildManifest.parse(Files.readAllBytes(folder.resolve(BuildManifest.FILE_NAME)));
        } catch (BuildManifest.Invalid e) {
            throw new AssertionError(e);
        }
    }

    private static String post(String title, String tags) {
        return TestSite.taggedPost(title, "2025-03-01", tags, "A body.");
    }

    /**
     * {@code deploy --ping}: a hub (a callback server standing in for one) is told of each feed that differs
     * from what the bucket held, once; a dry run tells nothing; without {@code --ping} nothing is told.
     */
    @Test
    void aDeployTellsTheHubOfEachFeedItChangedOnceAndADryRunTellsNothing() throws Exception {
        try (CallbackServer hub = CallbackServer.start()) {
            TestSite.create(siteDir, TestSite.CONFIG + "websub:\n  hubs: [\"" + hub.uri() + "\"]\n")
                    .post("2025-03-01-alpha.md", TestSite.taggedPost("Alpha", "2025-03-01", "[alpha]", "First words."))
                    .post("2025-02-01-beta.md", TestSite.taggedPost("Beta", "2025-02-01", "[beta]", "Other words."));

            CliRun quiet = deploy();
            assertThat(quiet.exitCode()).as(quiet.transcript()).isZero();
            assertThat(quiet.out()).doesNotContain("Told");
            assertThat(hub.deliveriesSoFar()).as("no ping without --ping").isEmpty();

            Path post = siteDir.resolve("posts/2025-02-01-beta.md");
            Files.writeString(post, Files.readString(post) + "\nMore words.\n");
            CliRun dryRun = deploy("--dry-run", "--ping");
            assertThat(dryRun.exitCode()).as(dryRun.transcript()).isZero();
            assertThat(dryRun.out()).doesNotContain("Told");

            CliRun pinged = deploy("--ping");
            assertThat(pinged.exitCode()).as(pinged.transcript()).isZero();
            // The site-wide feeds and beta's changed, three formats each; alpha's did not.
            List<String> topics = hub.nextPublishedTopics(6);
            assertThat(topics).containsExactlyInAnyOrder(
                    "https://example.org/blog/rss.xml", "https://example.org/blog/atom.xml",
                    "https://example.org/blog/feed.json", "https://example.org/blog/tags/beta/rss.xml",
                    "https://example.org/blog/tags/beta/atom.xml", "https://example.org/blog/tags/beta/feed.json");
            assertThat(pinged.out()).contains("Told " + hub.uri() + " of 6 of 6 changed feeds");
            assertThat(hub.deliveriesSoFar()).isEmpty();
        }
    }
}
