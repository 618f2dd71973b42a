package feedwright.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feedwright.config.ConfigException;
import feedwright.config.DeploySettings;
import feedwright.feed.PreviewPage;
import feedwright.snapshot.BuildManifest;
import feedwright.snapshot.SitePipeline;
import feedwright.snapshot.Snapshot;
import feedwright.testing.Formats;
import feedwright.testing.TestBucket;
import feedwright.testing.TestSite;
import feedwright.text.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * {@link BucketSink} against a real S3-compatible server (S3Proxy): a deploy stopped after any number of
 * changes to the bucket and run again ends with exactly the objects, bytes and headers of one that was not
 * stopped, and nothing that no record lists is ever deleted.
 */
class BucketSinkTest {

    private static final String CACHE_CONTROL = "public, max-age=300";
    private static final Instant FIRST = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant SECOND = FIRST.plusSeconds(3600);
    private static final Instant THIRD = SECOND.plusSeconds(3600);

    @RegisterExtension
    final S3ProxyExtension server = TestBucket.server();

    @TempDir
    Path siteDir;

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
    void aDeployStoppedAfterAnyChangeThenRunAgainEndsAsOneThatWasNotStopped() throws Exception {
        int changes;
        try (S3Bucket reference = open("reference/")) {
            deploy(reference, firstVersion(), FIRST);
            CountingBucket counting = new CountingBucket(reference, Integer.MAX_VALUE);
            deploy(counting, secondVersion(), SECOND);
            changes = counting.changes;
        }
        Map<String, String> expected = contents("reference/");
        assertThat(expected).containsKeys("tags/added/" + Formats.fileNames().get(0))
                .doesNotContainKeys("tags/gone/" + Formats.fileNames().get(0), BuildManifest.PENDING_FILE_NAME);
        assertThat(changes).as("pending list, uploads, deletions, manifest, pending list deleted").isGreaterThan(10);

        for (int stopAfter = 0; stopAfter < changes; stopAfter++) {
            String prefix = "stopped-after-" + stopAfter + "/";
            try (S3Bucket target = open(prefix)) {
                deploy(target, firstVersion(), FIRST);
                CountingBucket stopping = new CountingBucket(target, stopAfter);
                assertThatThrownBy(() -> deploy(stopping, secondVersion(), SECOND)).hasMessage("stopped");
                // Run again at the same time as the reference, so that the dates it decides are the same too.
                deploy(target, secondVersion(), SECOND);
            }
            assertThat(contents(prefix)).as("stopped after %d of %d changes", stopAfter, changes).isEqualTo(expected);
        }
    }

    @Test
    void whatAStoppedDeployUploadedIsDeletedByANextOneThatNoLongerWantsIt() throws Exception {
        int changes;
        try (S3Bucket reference = open("reference/"); S3Bucket counted = open("counted/")) {
            deploy(reference, firstVersion(), FIRST);
            deploy(counted, firstVersion(), FIRST);
            CountingBucket counting = new CountingBucket(counted, Integer.MAX_VALUE);
            deploy(counting, secondVersion(), SECOND);
            changes = counting.changes;
        }
        // Last-Modified is left out: once a stopped deploy has stored its manifest, readers were told of its
        // version, and going back to the first version's bytes is a change with a later date of its own.
        Map<String, String> expected = undatedContents("reference/");

        for (int stopAfter = 0; stopAfter < changes; stopAfter++) {
            String prefix = "back-after-" + stopAfter + "/";
            try (S3Bucket target = open(prefix)) {
                deploy(target, firstVersion(), FIRST);
                CountingBucket stopping = new CountingBucket(target, stopAfter);
                assertThatThrownBy(() -> deploy(stopping, secondVersion(), SECOND)).hasMessage("stopped");
                deploy(target, firstVersion(), THIRD);
            }
            assertThat(undatedContents(prefix)).as("back to the first version after %d changes", stopAfter)
                    .isEqualTo(expected);
        }
    }

    @Test
    void aFailedUploadIsThrownOnlyOnceTheUploadsStillOnTheirWayHaveEnded() throws Exception {
        try (S3Bucket target = open("held/")) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch failing = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<String> ended = Collections.synchronizedList(new ArrayList<>());
            // Two uploads of one wave: one held on its way, the other refused while it is.
            Bucket holdingBucket = new DelegatingBucket(target) {
                @Override
                public void put(String name, byte[] bytes, ObjectHeaders headers) throws IOException {
                    if (name.equals("held/rss.xml")) {
                        holding.countDown();
                        await(release);
                        super.put(name, bytes, headers);
                        ended.add(name);
                    } else {
                        await(holding);
                        failing.countDown();
                        throw new IOException("refused");
                    }
                }
            };
            Bucket.ObjectHeaders headers = new Bucket.ObjectHeaders("application/rss+xml", "no-cache", Map.of());
            // The refused one first: the deploy hears of its failure while the held one is still on its way.
            List<DeployPlan.Upload> uploads = List.of(new DeployPlan.Upload("refused/rss.xml", new byte[] {2}, headers,
                    "new"), new DeployPlan.Upload("held/rss.xml", new byte[] {1}, headers, "new"));
            DeployPlan plan = new DeployPlan(uploads, List.of(), 0, Optional.empty(), Optional.empty(), false);
            assertThat(plan.waves()).hasSize(1);

            CompletableFuture<Throwable> applied = applying(holdingBucket, plan);
            assertThat(failing.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(300); // time enough for a deploy that does not wait to have returned

            assertThat(applied).as("returned with an upload still on its way").isNotDone();
            release.countDown();
            assertThat(applied.get(10, TimeUnit.SECONDS)).hasMessage("refused");
            assertThat(ended).containsExactly("held/rss.xml");
        }
    }

    @Test
    void noUploadBeginsOnceOneHasFailed() throws Exception {
        try (S3Bucket target = open("skipped/")) {
            int held = BucketSink.PARALLEL_REQUESTS - 1;
            CountDownLatch holding = new CountDownLatch(held);
            CountDownLatch refused = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<String> made = Collections.synchronizedList(new ArrayList<>());
            // The first upload is refused once the others that run with it are all held; the rest wait their turn.
            Bucket bucket = new DelegatingBucket(target) {
                @Override
                public void put(String name, byte[] bytes, ObjectHeaders headers) throws IOException {
                    if (name.startsWith("skipped/refused/")) {
                        await(holding);
                        refused.countDown();
                        throw new IOException("refused");
                    }
                    if (name.startsWith("skipped/held-")) {
                        holding.countDown();
                        await(release);
                    }
                    super.put(name, bytes, headers);
                    made.add(name);
                }
            };
            Bucket.ObjectHeaders headers = new Bucket.ObjectHeaders("application/rss+xml", "no-cache", Map.of());
            List<DeployPlan.Upload> uploads = new ArrayList<>();
            uploads.add(new DeployPlan.Upload("skipped/refused/rss.xml", new byte[] {0}, headers, "new"));
            for (int i = 0; i < held; i++) {
                uploads.add(new DeployPlan.Upload("skipped/held-" + i + "/rss.xml", new byte[] {1}, headers, "new"));
            }
            for (int i = 0; i < 12; i++) {
                uploads.add(new DeployPlan.Upload("skipped/later-" + i + "/rss.xml", new byte[] {2}, headers, "new"));
            }
            DeployPlan plan = new DeployPlan(uploads, List.of(), 0, Optional.empty(), Optional.empty(), false);

            CompletableFuture<Throwable> applied = applying(bucket, plan);
            assertThat(refused.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200); // the refused upload's thread, free again, takes the uploads that wait their turn
            release.countDown();

            assertThat(applied.get(10, TimeUnit.SECONDS)).hasMessage("refused");
            assertThat(made).hasSize(held).allMatch(name -> name.startsWith("skipped/held-"));
        }
    }

    /** {@code plan} carried out into {@code bucket} on another thread: what it threw, or null. */
    private static CompletableFuture<Throwable> applying(Bucket bucket, DeployPlan plan) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                BucketSink.apply(bucket, plan, 0);
                return null;
            } catch (IOException | BucketSink.TooManyDeletions e) {
                return e;
            }
        });
    }

    private static void await(CountDownLatch latch) throws IOException {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IOException("waited 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Test
    void objectsNoRecordListsAreNeverDeletedAndABrokenRecordDeletesNothing() throws Exception {
        try (S3Bucket target = open("site/")) {
            deploy(target, firstVersion(), FIRST);
            bucket.put("site/notes.txt", "not a deploy's");
            bucket.put("site/tags/gone/favicon.ico", "not a deploy's either");
            bucket.put("site/" + BuildManifest.FILE_NAME, "{\"feedwrightManifest\": 1, \"files\": ");

            DeployedState broken = DeployedState.read(target);
            BucketSink.Outcome outcome = deploy(target, secondVersion(), SECOND);

            assertThat(broken.problem()).hasValueSatisfying(problem -> assertThat(problem).startsWith(
                    "s3://feeds/site/" + BuildManifest.FILE_NAME + ": warning: not read (not valid JSON: "));
            assertThat(outcome.deleted()).isZero();
            assertThat(outcome.uploaded()).isEqualTo(secondVersion().resources().size() - 1); // "/" is not an object
            assertThat(bucket.objects()).containsKeys("site/notes.txt", "site/tags/gone/favicon.ico",
                    "site/tags/gone/" + Formats.fileNames().get(0));

            BucketSink.Outcome again = deploy(target, secondVersion(), THIRD);
            assertThat(again.uploaded()).isZero();
            assertThat(again.deleted()).as("the gone tag's objects are in no record now: not ours").isZero();
        }
    }

    @Test
    void everyFeedIsStoredBeforeAPageLinksToItAndDeletedOnlyAfterTheManifestIsStoredLast() throws Exception {
        try (S3Bucket target = open("")) {
            deploy(target, firstVersion(), FIRST);
            CountingBucket recording = new CountingBucket(target, Integer.MAX_VALUE);
            deploy(recording, secondVersion(), SECOND);

            List<String> events = recording.events;
            assertThat(events).contains("end delete tags/gone/" + Formats.fileNames().get(0),
                    "end put tags/added/" + Formats.fileNames().get(0), "end put index.html");
            assertThat(events.get(0)).as("the pending list first").isEqualTo("start put " + BuildManifest.PENDING_FILE_NAME);
            assertThat(events.get(events.size() - 1)).isEqualTo("end delete " + BuildManifest.PENDING_FILE_NAME);
            // Kinds in the order a deploy must make them: feeds, preview pages, the pages linking to both,
            // deletions, the manifest. Every change of one kind ends before the first of the next starts.
            List<String> changes = events.subList(2, events.size() - 2);
            for (int kind = 0; kind < 4; kind++) {
                int lastEnd = -1;
                int nextStart = Integer.MAX_VALUE;
                for (int i = 0; i < changes.size(); i++) {
                    String event = changes.get(i);
                    if (kind(event) == kind && event.startsWith("end ")) {
                        lastEnd = i;
                    }
                    if (kind(event) > kind && event.startsWith("start ")) {
                        nextStart = Math.min(nextStart, i);
                    }
                }
                assertThat(lastEnd).as("kind %d: every change ends before a later kind starts: %s", kind, changes)
                        .isNotNegative().isLessThan(nextStart);
            }
        }
    }

    /** The kind of object a recorded change concerns, in the order a deploy must make them. */
    private static int kind(String event) {
        String name = event.substring(event.lastIndexOf(' ') + 1);
        String file = name.substring(name.lastIndexOf('/') + 1);
        if (name.startsWith("feedwright-manifest")) {
            return 4;
        }
        if (event.contains(" delete ")) {
            return 3;
        }
        if (Formats.fileNames().contains(file)) {
            return 0;
        }
        return file.equals(PreviewPage.FILE_NAME) ? 1 : 2;
    }

    @Test
    void aPlanThatDeletesTooMuchChangesNothing() throws Exception {
        try (S3Bucket target = open("")) {
            deploy(target, firstVersion(), FIRST);
            Map<String, String> before = contents("");
            DeployedState deployed = DeployedState.read(target);
            DeployPlan plan = DeployPlan.of(BucketSink.carriedForward(secondVersion(), deployed, at(SECOND)), deployed,
                    target.list(), CACHE_CONTROL);
            CountingBucket counting = new CountingBucket(target, Integer.MAX_VALUE);

            assertThatThrownBy(() -> BucketSink.apply(counting, plan, plan.deletions().size() - 1))
                    .isInstanceOf(BucketSink.TooManyDeletions.class);
            assertThat(counting.changes).isZero();
            assertThat(contents("")).isEqualTo(before);
        }
    }

    private Snapshot first;
    private Snapshot second;

    private BucketSink.Outcome deploy(Bucket target, Snapshot built, Instant now)
            throws IOException, BucketSink.TooManyDeletions {
        DeployedState deployed = DeployedState.read(target);
        Snapshot snapshot = BucketSink.carriedForward(built, deployed, at(now));
        return BucketSink.apply(target, DeployPlan.of(snapshot, deployed, target.list(), CACHE_CONTROL), 1000);
    }

    private S3Bucket open(String prefix) throws IOException {
        return S3Bucket.open(new DeploySettings(TestBucket.NAME, prefix, Optional.of(bucket.endpoint()),
                Optional.of(TestBucket.REGION), true, DeploySettings.DEFAULT_MAX_DELETIONS));
    }

    /** Two posts; tags kept and gone. Built once per test: a snapshot is immutable. */
    private Snapshot firstVersion() throws ConfigException, IOException {
        if (first != null) {
            return first;
        }
        clearPosts();
        TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "[kept, gone]", "A body."))
                .post("2025-03-02-b.md", post("B", "[kept]", "B body."));
        first = build(FIRST);
        return first;
    }

    /** A's body edited and its tag gone replaced by added, B as it was, and a third post. */
    private Snapshot secondVersion() throws ConfigException, IOException {
        if (second != null) {
            return second;
        }
        clearPosts();
        TestSite.create(siteDir).post("2025-03-01-a.md", post("A", "[kept, added]", "A body, edited."))
                .post("2025-03-02-b.md", post("B", "[kept]", "B body."))
                .post("2025-03-03-c.md", post("C", "[kept]", "C body."));
        second = build(SECOND);
        return second;
    }

    private Snapshot build(Instant now) throws ConfigException {
        return SitePipeline.open(siteDir, false).run(now).snapshot();
    }

    private void clearPosts() throws IOException {
        Path posts = siteDir.resolve("posts");
        if (Files.isDirectory(posts)) {
            try (Stream<Path> files = Files.list(posts)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Every object under {@code prefix}, by name: its bytes and every header a reader gets that we set. */
    private Map<String, String> contents(String prefix) {
        SortedMap<String, String> contents = new TreeMap<>();
        bucket.objects(prefix).forEach((key, bytes) -> {
            ResponseBytes<GetObjectResponse> object = bucket.read(key);
            contents.put(key.substring(prefix.length()), HexFormat.of().formatHex(Digests.sha256(bytes)) + " "
                    + object.response().contentType() + " " + object.response().cacheControl() + " "
                    + new TreeMap<>(object.response().metadata()));
        });
        return contents;
    }

    /** {@link #contents} without dates: no object's Last-Modified, and the manifest as the paths and ETags it lists. */
    private Map<String, String> undatedContents(String prefix) {
        Map<String, String> undated = new TreeMap<>();
        contents(prefix).forEach((name, description) -> undated.put(name,
                description.replaceAll(", feedwright-last-modified=[^,}]+, [^,}]+", "")));
        undated.computeIfPresent(BuildManifest.FILE_NAME, (name, description) -> {
            try {
                return BuildManifest.parse(bucket.read(prefix + name).asByteArray()).files().entrySet()
                        .stream().map(file -> file.getKey() + " " + file.getValue().etag()).toList().toString();
            } catch (BuildManifest.Invalid e) {
                throw new AssertionError(e);
            }
        });
        return undated;
    }

    private static Clock at(Instant now) {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    private static String post(String title, String tags, String body) {
        return TestSite.taggedPost(title, "2025-03-01", tags, body);
    }

    /**
     * The real bucket, counting the changes made to it, and failing instead of making any after the first
     * {@code stopAfter}: uploads run in parallel, so which of them got through varies, as in a real kill.
     */
    /** A bucket that passes every request on to another: what the fault-making buckets below change. */
    private static class DelegatingBucket implements Bucket {

        private final Bucket inner;

        DelegatingBucket(Bucket inner) {
            this.inner = inner;
        }

        @Override
        public SortedMap<String, Listed> list() throws IOException {
            return inner.list();
        }

        @Override
        public Optional<Stored> read(String name) throws IOException {
            return inner.read(name);
        }

        @Override
        public void put(String name, byte[] bytes, ObjectHeaders headers) throws IOException {
            inner.put(name, bytes, headers);
        }

        @Override
        public void delete(String name) throws IOException {
            inner.delete(name);
        }

        @Override
        public String address() {
            return inner.address();
        }
    }

    private static final class CountingBucket extends DelegatingBucket {

        private final int stopAfter;
        int changes;
        /** Every change in the order it started or ended: "start put NAME", "end put NAME", "start delete NAME"… */
        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        CountingBucket(Bucket inner, int stopAfter) {
            super(inner);
            this.stopAfter = stopAfter;
        }

        @Override
        public void put(String name, byte[] bytes, ObjectHeaders headers) throws IOException {
            change();
            events.add("start put " + name);
            super.put(name, bytes, headers);
            events.add("end put " + name);
        }

        @Override
        public void delete(String name) throws IOException {
            change();
            events.add("start delete " + name);
            super.delete(name);
            events.add("end delete " + name);
        }

        private synchronized void change() throws IOException {
            if (changes == stopAfter) {
                throw new IOException("stopped");
            }
            changes++;
        }
    }
}
