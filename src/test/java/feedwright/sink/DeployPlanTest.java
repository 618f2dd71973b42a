package feedwright.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import feedwright.config.CacheLifetimes;
import feedwright.config.ConfigException;
import feedwright.snapshot.BuildManifest;
import feedwright.snapshot.SitePipeline;
import feedwright.snapshot.Snapshot;
import feedwright.testing.Formats;
import feedwright.testing.TestSite;
import feedwright.text.Digests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DeployPlan} as a pure function of a snapshot, the bucket's record and a listing; no store needed. */
class DeployPlanTest {

    private static final String CACHE_CONTROL = "public, max-age=300";
    private static final byte[] BYTES = "<rss/>".getBytes(StandardCharsets.UTF_8);
    private static final String MD5 = HexFormat.of().formatHex(Digests.md5(BYTES));

    @TempDir
    Path siteDir;

    @Test
    void anObjectHoldsTheBytesWhenItsEtagIsTheirMd5QuotedOrNot() {
        assertThat(DeployPlan.sameBytes(new Bucket.Listed("\"" + MD5 + "\"", BYTES.length), BYTES)).isTrue();
        assertThat(DeployPlan.sameBytes(new Bucket.Listed(MD5.toUpperCase(), BYTES.length), BYTES)).isTrue();
        assertThat(DeployPlan.sameBytes(new Bucket.Listed("\"" + MD5 + "-2\"", BYTES.length), BYTES))
                .as("a multipart upload's ETag is no MD5 of the bytes").isFalse();
        assertThat(DeployPlan.sameBytes(new Bucket.Listed("\"" + MD5 + "\"", BYTES.length + 1), BYTES)).isFalse();
        assertThat(DeployPlan.sameBytes(null, BYTES)).isFalse();
    }

    @Test
    void aFirstDeployListsEverythingPendingThenUploadsInWavesAndStoresTheManifestLast() throws ConfigException {
        Snapshot snapshot = site();

        DeployPlan plan = DeployPlan.of(snapshot, nothingDeployed(), new TreeMap<>(), CACHE_CONTROL);

        assertThat(plan.uploads()).hasSize(snapshot.resources().size() - 1)
                .allMatch(upload -> upload.reason().equals("new"));
        assertThat(plan.pending()).hasValueSatisfying(pending -> assertThat(pending.name())
                .isEqualTo(BuildManifest.PENDING_FILE_NAME));
        assertThat(plan.manifest()).hasValueSatisfying(manifest -> {
            assertThat(manifest.headers().cacheControl()).isEqualTo("no-cache");
            assertThat(manifest.headers().metadata()).containsEntry(DeployPlan.CACHE_CONTROL_METADATA, CACHE_CONTROL);
        });
        assertThat(plan.deletions()).isEmpty();
        assertThat(plan.clearPending()).isTrue();
        List<List<DeployPlan.Upload>> waves = plan.waves();
        assertThat(waves).hasSize(3);
        assertThat(waves.get(0)).allMatch(upload -> Formats.fileNames().contains(file(upload)));
        assertThat(waves.get(1)).allMatch(upload -> file(upload).equals("feed.html"));
        assertThat(waves.get(2)).extracting(DeployPlanTest::file)
                .contains("index.html", Formats.opmlFileNames().get(0));
    }

    @Test
    void aBucketThatHoldsTheDeployAlreadyNeedsNothingButThePendingListOfAStoppedDeployGone() throws ConfigException {
        Snapshot snapshot = site();
        BuildManifest manifest = BuildManifest.of(snapshot, false);
        SortedMap<String, Bucket.Listed> listing = new TreeMap<>();
        snapshot.resources().forEach((path, resource) -> {
            if (!path.equals("/")) {
                listing.put(path.substring(1), listed(resource.bytes()));
            }
        });
        listing.put(BuildManifest.FILE_NAME, listed(manifest.toJson()));

        DeployPlan plan = DeployPlan.of(snapshot, new DeployedState(manifest, manifest, Optional.of(CACHE_CONTROL),
                true, Optional.empty()), listing, CACHE_CONTROL);

        assertThat(plan.uploads()).isEmpty();
        assertThat(plan.unchanged()).isEqualTo(manifest.files().size());
        assertThat(plan.pending()).isEmpty();
        assertThat(plan.manifest()).isEmpty();
        assertThat(plan.clearPending()).isTrue();
    }

    @Test
    void oldFeedAddressesComeLastEachWithItsWebsiteRedirectAndNoBytesWithoutCopies() throws ConfigException {
        Snapshot snapshot = site("aliases:", "  /feed.xml: /atom.xml", "  /old/one.xml: /tags/one/rss.xml");

        DeployPlan plan = DeployPlan.of(snapshot, nothingDeployed(), new TreeMap<>(), CACHE_CONTROL);

        List<List<DeployPlan.Upload>> waves = plan.waves();
        assertThat(waves).hasSize(4);
        assertThat(waves.get(3)).extracting(DeployPlan.Upload::name).containsExactly("feed.xml", "old/one.xml");
        DeployPlan.Upload feed = waves.get(3).get(0);
        assertThat(feed.bytes()).isEmpty();
        assertThat(feed.headers().websiteRedirect()).contains("https://example.org/blog/atom.xml");
        assertThat(feed.headers().contentType()).isEqualTo("application/atom+xml; charset=utf-8");
        assertThat(feed.headers().cacheControl()).isEqualTo(CACHE_CONTROL);
        assertThat(waves.get(3).get(1).headers().websiteRedirect()).contains("https://example.org/blog/tags/one/rss.xml");
        assertThat(plan.uploads().subList(0, plan.uploads().size() - 2))
                .allMatch(upload -> upload.headers().websiteRedirect().isEmpty());
    }

    @Test
    void anEmptyOldAddressWhoseRedirectMovedIsUploadedAgain() throws ConfigException {
        Snapshot first = site("aliases:", "  /feed.xml: /atom.xml");
        SortedMap<String, Bucket.Listed> listing = new TreeMap<>();
        first.files().forEach((path, resource) -> listing.put(path.substring(1), listed(resource.bytes())));
        listing.put("feed.xml", listed(new byte[0]));
        DeployedState state = new DeployedState(BuildManifest.of(first, false), BuildManifest.EMPTY,
                Optional.of(CACHE_CONTROL), false, Optional.empty());
        assertThat(DeployPlan.of(first, state, listing, CACHE_CONTROL).uploads()).isEmpty();

        Snapshot moved = site("aliases:", "  /feed.xml: /rss.xml");
        assertThat(DeployPlan.of(moved, state, listing, CACHE_CONTROL).uploads())
                .extracting(DeployPlan.Upload::name, DeployPlan.Upload::reason)
                .containsExactly(tuple("feed.xml", "redirect changed"));
    }

    @Test
    void withCopiesAnOldAddressHoldsItsTargetsBytesAndAMovedRedirectIsUploadedAgain() throws ConfigException {
        Snapshot first = site("alias_copies: true", "aliases:", "  /feed.xml: /atom.xml");
        DeployPlan plan = DeployPlan.of(first, nothingDeployed(), new TreeMap<>(), CACHE_CONTROL);
        DeployPlan.Upload feed = plan.uploads().get(plan.uploads().size() - 1);
        assertThat(feed.name()).isEqualTo("feed.xml");
        assertThat(feed.bytes()).isEqualTo(first.resources().get("/atom.xml").bytes());
        assertThat(feed.headers().websiteRedirect()).contains("https://example.org/blog/atom.xml");

        BuildManifest deployed = BuildManifest.of(first, false);
        SortedMap<String, Bucket.Listed> listing = new TreeMap<>();
        first.files().forEach((path, resource) -> listing.put(path.substring(1), listed(resource.bytes())));
        DeployedState state = new DeployedState(deployed, BuildManifest.EMPTY, Optional.of(CACHE_CONTROL), false,
                Optional.empty());
        assertThat(DeployPlan.of(first, state, listing, CACHE_CONTROL).uploads()).isEmpty();

        Snapshot moved = site("alias_copies: true", "aliases:", "  /feed.xml: /rss.xml");
        assertThat(DeployPlan.of(moved, state, listing, CACHE_CONTROL).uploads())
                .extracting(DeployPlan.Upload::name, DeployPlan.Upload::reason)
                .containsExactly(tuple("feed.xml", "bytes changed"));
        Snapshot gone = site();
        assertThat(DeployPlan.of(gone, state, listing, CACHE_CONTROL).deletions()).containsExactly("feed.xml");
    }

    @Test
    void settledArchivePagesAreStoredWithAYearsCacheControlAndEverythingElseWithTheSites() throws ConfigException {
        TestSite site = TestSite.create(siteDir, TestSite.CONFIG + "archives: true\narchive_page_size: 1\nlimit: 1\n");
        for (String day : new String[] {"2025-03-01", "2025-03-02", "2025-03-03"}) {
            site.post(day + "-p.md", TestSite.taggedPost("P " + day, day, "[one]", "A body."));
        }
        Snapshot snapshot = SitePipeline.open(siteDir, false).run(Instant.parse("2026-01-01T00:00:00Z")).snapshot();

        DeployPlan plan = DeployPlan.of(snapshot, nothingDeployed(), new TreeMap<>(), CACHE_CONTROL);

        // Three pages in each feed: the first two settled, the third the newest, in three formats and two feeds.
        assertThat(plan.uploads()).filteredOn(DeployPlanTest::keptAYear).extracting(DeployPlan.Upload::name)
                .hasSize(12).allMatch(name -> name.matches("(tags/one/)?archive/[12]/[a-z.]+"));
        assertThat(plan.uploads()).filteredOn(upload -> !keptAYear(upload))
                .allMatch(upload -> upload.headers().cacheControl().equals(CACHE_CONTROL))
                .extracting(DeployPlan.Upload::name)
                .contains("rss.xml", "archive/3/rss.xml", "tags/one/archive/3/atom.xml");
    }

    private static boolean keptAYear(DeployPlan.Upload upload) {
        return upload.headers().cacheControl().equals(CacheLifetimes.IMMUTABLE);
    }

    private Snapshot site(String... config) throws ConfigException {
        TestSite.create(siteDir, TestSite.CONFIG + String.join("\n", config) + "\n").post("2025-03-01-a.md", TestSite.taggedPost("A", "2025-03-01", "[one]", "A body."));
        return SitePipeline.open(siteDir, false).run(Instant.parse("2026-01-01T00:00:00Z")).snapshot();
    }

    private static DeployedState nothingDeployed() {
        return new DeployedState(BuildManifest.EMPTY, BuildManifest.EMPTY, Optional.empty(), false, Optional.empty());
    }

    private static Bucket.Listed listed(byte[] bytes) {
        return new Bucket.Listed("\"" + HexFormat.of().formatHex(Digests.md5(bytes)) + "\"", bytes.length);
    }

    private static String file(DeployPlan.Upload upload) {
        return upload.name().substring(upload.name().lastIndexOf('/') + 1);
    }
}
