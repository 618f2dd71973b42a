package feedwright.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class RepresentationTest {

    private static final byte[] FEED = "<rss>a feed, a feed, a feed, a feed</rss>".getBytes(StandardCharsets.UTF_8);
    private static final Optional<Instant> WHEN = Optional.of(Instant.parse("2025-11-10T22:10:00.750Z"));

    @Test
    void aRepresentationForServingSendsDirectReadOnlyViewsThatDoNotShareAPosition() {
        Representation served = Representation.of("application/rss+xml", FEED, WHEN, true);
        ByteBuffer first = served.body(false);
        ByteBuffer second = served.body(false);
        assertThat(first.isDirect()).isTrue();
        assertThat(first.isReadOnly()).isTrue();
        assertThat(served.body(true).isDirect()).isTrue();
        first.get(new byte[10]);
        assertThat(second.position()).isZero();
        assertThat(served.body(false).remaining()).isEqualTo(FEED.length);
        assertThat(served.bytes()).isEqualTo(FEED);
    }

    @Test
    void theGzipFormInflatesToThePlainBytes() throws IOException {
        Representation served = Representation.of("application/rss+xml", FEED, WHEN, true);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(served.gzipBytes()))) {
            assertThat(in.readAllBytes()).isEqualTo(FEED);
        }
        assertThat(served.body(true).remaining()).isEqualTo(served.gzipBytes().length);
    }

    @Test
    void theGzipFormIsMadeWhenFirstNeededOnceForEveryCopy() {
        Representation served = Representation.of("application/rss+xml", FEED, WHEN, true);
        assertThat(served.isReady()).isFalse();
        assertThat(served.known().orElseThrow().gzipLength()).as("not made, so not known").isEqualTo(-1);
        assertThat(served.length(false)).isEqualTo(FEED.length);
        assertThat(served.isReady()).as("the plain form asks for no compression").isFalse();

        Representation copy = served.withLinks(List.of("<https://hub.example/>; rel=\"hub\""))
                .withLastModified(Instant.parse("2026-01-01T00:00:00Z"));
        ByteBuffer gzip = copy.body(true);

        assertThat(served.isReady()).as("copies share the form").isTrue();
        assertThat(served.body(true)).isEqualTo(gzip);
        assertThat(served.known().orElseThrow().gzipLength()).isEqualTo(gzip.remaining());
        Representation another = Representation.of("application/rss+xml", FEED, WHEN, true);
        another.makeReady();
        assertThat(another.isReady()).isTrue();
        assertThat(Representation.of("application/rss+xml", FEED, WHEN, false).isReady()).isTrue();
    }

    @Test
    void aRepresentationForBuildKeepsItsArrayAndHasNoGzipForm() {
        Representation built = Representation.of("application/rss+xml", FEED, WHEN, false);
        assertThat(built.bytes()).isSameAs(FEED);
        assertThat(built.hasGzip()).isFalse();
        assertThat(built.gzipBytes()).isEmpty();
        assertThatThrownBy(() -> built.body(true)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void validatorsDependOnTheBytesOnlyAndLastModifiedIsWholeSeconds() {
        Representation a = Representation.of("application/rss+xml", FEED, WHEN, true);
        Representation b = Representation.of("text/plain", FEED.clone(), Optional.empty(), false);
        assertThat(a.etag()).isEqualTo(b.etag()).matches("\"[0-9a-f]{32}\"");
        assertThat(a.gzipEtag()).isEqualTo(a.etag().replace("\"", "").transform(t -> "\"" + t + "-gzip\""));
        assertThat(a.lastModified()).contains(Instant.parse("2025-11-10T22:10:00Z"));
        assertThat(a.lastModifiedHeader()).contains("Mon, 10 Nov 2025 22:10:00 GMT");
        assertThat(a.withLastModified(Instant.parse("2025-11-01T00:00:00.9Z")).lastModifiedHeader())
                .contains("Sat, 01 Nov 2025 00:00:00 GMT");
    }

    @Test
    void oneMadeOnDemandHasTheValidatorsOfTheSameBytesHeldAndIsMadeAgainOnlyWhenTheCacheLetItGo() throws IOException {
        AtomicInteger makings = new AtomicInteger();
        RecentlyUsed<OnDemandBody, OnDemandBody.Made> cache = OnDemandBody.Made.cache(1024);
        Representation page = Representation.onDemand("application/atom+xml", () -> {
            makings.incrementAndGet();
            return FEED.clone();
        }, WHEN, true, cache, Optional.empty());
        assertThat(page.isReady()).isFalse();
        assertThat(makings).hasValue(0);

        Representation held = Representation.of("application/atom+xml", FEED, WHEN, true);
        assertThat(page.etag()).isEqualTo(held.etag());
        assertThat(page.gzipEtag()).isEqualTo(held.gzipEtag());
        assertThat(page.isReady()).isTrue();
        assertThat(page.bytes()).isEqualTo(FEED);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(page.gzipBytes()))) {
            assertThat(in.readAllBytes()).isEqualTo(FEED);
        }
        assertThat(page.body(false).remaining()).isEqualTo(FEED.length);
        assertThat(makings).hasValue(1);

        // Another page's bytes take the whole budget: the first one's go, and are made again when asked for.
        Representation big = Representation.onDemand("application/atom+xml", () -> new byte[1000], WHEN, false, cache,
                Optional.empty());
        assertThat(big.bytes()).hasSize(1000);
        assertThat(page.isReady()).isFalse();
        assertThat(page.etag()).isEqualTo(held.etag());
        assertThat(makings).as("the ETag is kept, not made again").hasValue(1);
        assertThat(page.length(false)).isEqualTo(FEED.length);
        assertThat(page.length(true)).isEqualTo(held.length(true));
        assertThat(makings).as("a 304's length needs no making").hasValue(1);
        assertThat(page.bytes()).isEqualTo(FEED);
        assertThat(makings).hasValue(2);
        assertThat(cache.held()).isLessThanOrEqualTo(1024);
        // A copy with another date shares the bytes: comparing them makes nothing.
        assertThat(page.withLastModified(Instant.EPOCH).sameContentAs(page)).isTrue();
    }

    @Test
    void aMakingThatGivesOtherBytesTheSecondTimeIsRefusedNotServedUnderTheFirstETag() {
        AtomicInteger makings = new AtomicInteger();
        Representation page = Representation.onDemand("application/rss+xml",
                () -> ("<rss>" + makings.incrementAndGet() + "</rss>").getBytes(StandardCharsets.UTF_8),
                WHEN, false, OnDemandBody.Made.cache(0), Optional.empty());
        String first = page.etag();
        assertThat(first).matches("\"[0-9a-f]{32}\"");
        // A Java assertion, on in tests: hashing every making again costs too much to do in production.
        assertThatThrownBy(page::bytes).isInstanceOf(AssertionError.class).hasMessageContaining("other bytes");
    }

    @Test
    void oneAFormerRunMadeAnswersItsValidatorsWithoutMakingThenIsMadeOnceAndHeld() {
        AtomicInteger makings = new AtomicInteger();
        Representation held = Representation.of("application/atom+xml", FEED, WHEN, true);
        held.makeReady(); // its gzip form made, as by a server that sent it
        OnDemandBody.Known known = held.known().orElseThrow();
        assertThat(known).isEqualTo(new OnDemandBody.Known(held.etag(), FEED.length, held.length(true)));

        Representation feed = Representation.heldOnceMade("application/atom+xml", () -> {
            makings.incrementAndGet();
            return FEED.clone();
        }, Optional.of(known), WHEN, true);
        assertThat(feed.wasMade()).as("its validators are known").isTrue();
        assertThat(feed.etag()).isEqualTo(held.etag());
        assertThat(feed.gzipEtag()).isEqualTo(held.gzipEtag());
        assertThat(feed.length(false)).isEqualTo(FEED.length);
        assertThat(feed.length(true)).isEqualTo(held.length(true));
        assertThat(feed.isReady()).isFalse();
        assertThat(makings).as("validators and lengths need no making").hasValue(0);

        assertThat(feed.body(true)).isEqualTo(held.body(true));
        assertThat(feed.bytes()).isEqualTo(FEED);
        assertThat(feed.isReady()).isTrue();
        assertThat(feed.isMadeOnDemand()).as("held once made, not made again like an archive page").isFalse();
        assertThat(feed.body(false).isDirect()).as("held for sending as a held document is").isTrue();
        assertThat(makings).hasValue(1);
    }

    @Test
    void aFormerRunsRecordThatDoesNotMatchTheBytesMadeIsRefused() {
        OnDemandBody.Known wrong = new OnDemandBody.Known("\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"", FEED.length, -1);
        Representation feed = Representation.heldOnceMade("application/rss+xml", FEED::clone, Optional.of(wrong), WHEN,
                false);
        assertThat(feed.etag()).isEqualTo(wrong.etag());
        assertThatThrownBy(feed::bytes).isInstanceOf(AssertionError.class).hasMessageContaining("other bytes");
    }

    @Test
    void aPageMadeWithoutItsGzipFormRecordsNoGzipLength() {
        Representation page = Representation.onDemand("application/atom+xml", FEED::clone, WHEN, false,
                OnDemandBody.Made.cache(1024), Optional.empty());
        page.bytes();

        // A build without --gzip: the record must not claim a gzip form of 0 bytes for a later --gzip run.
        assertThat(page.known()).hasValue(new OnDemandBody.Known(page.etag(), FEED.length, -1));
    }

    /**
     * A held document made for its bytes or its ETag (a start learning what changed, a build) is not compressed
     * then: its gzip form is made when first needed, as a document made with the snapshot has it made.
     */
    @Test
    void aHeldDocumentIsCompressedOnlyWhenItsGzipFormIsFirstNeeded() throws IOException {
        Representation held = Representation.of("application/atom+xml", FEED, WHEN, true);
        OnDemandBody.Known withoutGzip = new OnDemandBody.Known(held.etag(), FEED.length, -1);
        Representation feed = Representation.heldOnceMade("application/atom+xml", FEED::clone, Optional.of(withoutGzip),
                WHEN, true);

        assertThat(feed.bytes()).isEqualTo(FEED);
        assertThat(feed.isReady()).as("made, its gzip form not yet").isFalse();
        assertThat(feed.known()).hasValue(withoutGzip);

        feed.makeReady();
        assertThat(feed.isReady()).isTrue();
        assertThat(feed.length(true)).isEqualTo(held.length(true));
        assertThat(feed.known()).hasValue(new OnDemandBody.Known(held.etag(), FEED.length, held.length(true)));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(feed.gzipBytes()))) {
            assertThat(in.readAllBytes()).isEqualTo(FEED);
        }
        assertThat(feed.body(true)).isEqualTo(held.body(true));
    }

    @Test
    void aRecordWithoutTheGzipLengthAnswersItByMakingTheBytesOnce() {
        AtomicInteger makings = new AtomicInteger();
        Representation held = Representation.of("application/atom+xml", FEED, WHEN, true);
        OnDemandBody.Known fromABuild = new OnDemandBody.Known(held.etag(), FEED.length, -1);
        Representation feed = Representation.heldOnceMade("application/atom+xml", () -> {
            makings.incrementAndGet();
            return FEED.clone();
        }, Optional.of(fromABuild), WHEN, true);

        assertThat(feed.known()).hasValue(fromABuild);
        assertThat(feed.length(false)).isEqualTo(FEED.length);
        assertThat(makings).hasValue(0);
        assertThat(feed.length(true)).isEqualTo(held.length(true));
        assertThat(makings).hasValue(1);
        assertThat(feed.known()).hasValue(held.known().orElseThrow());
    }
}
