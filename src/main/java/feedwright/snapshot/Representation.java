package feedwright.snapshot;

import feedwright.text.Digests;
import feedwright.text.HttpDates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * One resource ready to send: its bytes, their gzip form, and validators computed once, when the
 * snapshot is built. The ETag is a fingerprint of the bytes alone (no clock, host or process state), so every
 * replica serving the same site agrees on it; the gzip variant's ETag is the same hash with
 * {@code -gzip} appended rather than a hash of the compressed bytes, which may differ between zlib
 * builds.
 *
 * <p>A representation made for serving ({@code precompress}) has a gzip form, made when first needed
 * ({@link #isReady()}), and keeps both forms in direct buffers: the socket writes them as they are, whereas a
 * heap buffer would be copied into a temporary direct buffer by the JDK on every write, on the IO thread. One
 * made for {@code build} keeps plain arrays and skips gzip (compressing is a large share of a build's work)
 * unless asked for.
 *
 * <p>A feed document an earlier run wrote from the same inputs is made when first needed instead, its
 * validators known before ({@link #heldOnceMade}): a rebuild with nothing changed then makes none. So is every
 * other at a server's start, its validators learnt when it is made.
 *
 * <p>An archive page is made on demand instead ({@link #onDemand}): there are too many of them, too large,
 * to hold (at 50,000 posts they outweigh the posts many times over). Its bytes are made again from the
 * posts whenever they are needed and kept a while in a {@link RecentlyUsed} cache; its ETag is the hash of
 * the first making's bytes, and making is deterministic, so the ETag is the one a build writes and every
 * replica agrees on.
 *
 * <p>Immutable and thread-safe; the buffers handed out are independent read-only views.
 */
public final class Representation {

    private final String contentType;
    private final ByteBuffer plain;
    /** The gzip form of held bytes ({@link GzipForm#NONE} without one); null for bytes made on demand. */
    private final GzipForm gzip;
    private final byte[] plainArray;
    private final OnDemandBody onDemand;
    private final String etag;
    private final String gzipEtag;
    private final Optional<Instant> lastModified;
    private final Optional<String> lastModifiedHeader;
    /** Decides the Last-Modified once the bytes are made ({@link #datedWhenMade}); null when it is fixed. */
    private final DateWhenMade dateWhenMade;
    private final List<String> links;
    private final boolean immutable;

    /**
     * @param onDemand where the bytes come from when they are not held (then {@code plain}, {@code gzip},
     *                 {@code plainArray} and {@code etag} are null), else null
     */
    private Representation(String contentType, ByteBuffer plain, GzipForm gzip, byte[] plainArray,
                           OnDemandBody onDemand, String etag, Optional<Instant> lastModified, List<String> links,
                           boolean immutable) {
        this(contentType, plain, gzip, plainArray, onDemand, etag, lastModified, links, immutable, null);
    }

    private Representation(String contentType, ByteBuffer plain, GzipForm gzip, byte[] plainArray,
                           OnDemandBody onDemand, String etag, Optional<Instant> lastModified, List<String> links,
                           boolean immutable, DateWhenMade dateWhenMade) {
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.plain = plain;
        this.gzip = gzip;
        this.plainArray = plainArray;
        this.onDemand = onDemand;
        this.etag = etag;
        this.gzipEtag = etag == null ? null : gzipVariant(etag);
        this.lastModified = lastModified.map(LastModified::toSecond);
        this.lastModifiedHeader = this.lastModified.map(HttpDates::format);
        this.links = List.copyOf(links);
        this.immutable = immutable;
        this.dateWhenMade = dateWhenMade;
    }

    /** Compresses and hashes {@code bytes}, ready to serve; callers must not change the array afterwards. */
    public static Representation of(String contentType, byte[] bytes, Optional<Instant> lastModified) {
        return of(contentType, bytes, lastModified, true);
    }

    /**
     * As {@link #of(String, byte[], Optional)}; with {@code precompress} the gzip form is made and both
     * forms are copied into direct buffers for sending, without it the array is kept as it is.
     */
    public static Representation of(String contentType, byte[] bytes, Optional<Instant> lastModified,
                                    boolean precompress) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(lastModified, "lastModified");
        String etag = etagOf(bytes);
        if (precompress) {
            ByteBuffer plain = direct(bytes);
            return new Representation(contentType, plain, GzipForm.of(plain), null, null, etag, lastModified,
                    List.of(), false);
        }
        return new Representation(contentType, ByteBuffer.wrap(bytes).asReadOnlyBuffer(), GzipForm.NONE, bytes,
                null, etag, lastModified, List.of(), false);
    }

    /**
     * A representation whose bytes are made by {@code maker} when first needed, and again whenever
     * {@code recent} has let them go (an archive page); {@code maker} must give the same bytes every time.
     *
     * @param precompress whether the gzip form is made with the bytes
     * @param known       its ETag and lengths, when an earlier run made the same bytes ({@link FeedCache}; with
     *                    {@code precompress}, the gzip form's length too); else learnt from the first making
     */
    static Representation onDemand(String contentType, Supplier<byte[]> maker, Optional<Instant> lastModified,
                                   boolean precompress, RecentlyUsed<OnDemandBody, OnDemandBody.Made> recent,
                                   Optional<OnDemandBody.Known> known) {
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(recent, "recent");
        return new Representation(contentType, null, null, null, new OnDemandBody(maker, precompress, recent, known),
                null, lastModified, List.of(), false);
    }

    /**
     * A feed document whose bytes are made by {@code maker} when first asked for and then held. When an earlier
     * run made them from the same inputs ({@link FeedCache}), their ETag and lengths are {@code known} now, so
     * that a build can tell it unchanged, and a server answer a 304 or a HEAD, without making it; else (a server's
     * start, {@link SnapshotBuilder#build(feedwright.post.LoadedPosts, Instant, boolean)}) they are learnt from
     * the first making.
     *
     * @param precompress whether it has a gzip form, made when first needed (its length is learnt then, unless
     *                    {@code known} has it)
     */
    static Representation heldOnceMade(String contentType, Supplier<byte[]> maker, Optional<OnDemandBody.Known> known,
                                       Optional<Instant> lastModified, boolean precompress) {
        Objects.requireNonNull(lastModified, "lastModified");
        return new Representation(contentType, null, null, null,
                new OnDemandBody(maker, precompress, null, known), null, lastModified, List.of(), false);
    }

    /**
     * What is known of this representation without making its bytes: its ETag and lengths (the gzip form's -1
     * when not known); empty before it is made.
     */
    Optional<OnDemandBody.Known> known() {
        if (!wasMade()) {
            return Optional.empty();
        }
        long gzipLength = onDemand != null ? onDemand.gzipLengthIfKnown()
                : hasGzip() && gzip.isMade() ? length(true) : -1;
        return Optional.of(new OnDemandBody.Known(etag(), length(false), gzipLength));
    }

    /**
     * The strong ETag of {@code bytes}: their fingerprint ({@link Digests#fingerprint}: CRC-32C, CRC-32 and
     * length), of them alone. It tells one version of a document from the next, where only accidental
     * collisions matter (a reader holding one version would get a 304 for another with the same fingerprint:
     * odds of 2^-64 per change). It was a SHA-256 until issue 18: hashing every document was the largest single
     * item of a build, because a build's JIT (C1 only) leaves SHA-256 to slow compiled Java, whereas both CRCs
     * are intrinsics at every tier.
     */
    static String etagOf(byte[] bytes) {
        return "\"" + Digests.fingerprint(bytes) + "\"";
    }

    /** The full {@code Content-Type} value, with charset. */
    public String contentType() {
        return contentType;
    }

    /** The plain bytes; the array may be shared, so callers must not change it. */
    public byte[] bytes() {
        if (onDemand != null) {
            OnDemandBody.Made made = onDemand.made();
            return made.array() != null ? made.array() : copy(made.plain());
        }
        return plainArray != null ? plainArray : copy(plain);
    }

    /** The gzip form, or an empty array when it was not made ({@link #hasGzip()}). */
    public byte[] gzipBytes() {
        return copy(onDemand != null ? onDemand.gzip() : gzip.get());
    }

    /** The strong ETag; for a representation made on demand, making its bytes once if that was not done yet. */
    public String etag() {
        return onDemand != null ? onDemand.etag() : etag;
    }

    public String gzipEtag() {
        return onDemand != null ? gzipVariant(onDemand.etag()) : gzipEtag;
    }

    private static String gzipVariant(String etag) {
        return etag.substring(0, etag.length() - 1) + "-gzip\"";
    }

    /**
     * Whether answering for this resource needs no work beyond copying: false for one made on demand whose
     * bytes are not at hand, and for one whose gzip form is not made yet, which a server should then make off its
     * IO threads ({@link #makeReady}).
     */
    public boolean isReady() {
        return onDemand == null ? gzip.isMade() : onDemand.isAtHand();
    }

    /** Makes whatever is made when first needed (the bytes, the gzip form), so that {@link #isReady()}. */
    public void makeReady() {
        if (onDemand != null) {
            onDemand.makeReady();
        } else {
            gzip.get();
        }
    }

    /**
     * Second-precision time for {@code Last-Modified}, empty when unknown; for one {@link #datedWhenMade}, making
     * its bytes first if that was not done yet.
     */
    public Optional<Instant> lastModified() {
        return dateWhenMade == null ? lastModified : dateWhenMade.decided(this).time();
    }

    /** {@link #lastModified()} formatted once as an HTTP-date (RFC 9110 §5.6.7 IMF-fixdate). */
    public Optional<String> lastModifiedHeader() {
        return dateWhenMade == null ? lastModifiedHeader : dateWhenMade.decided(this).header();
    }

    /** Whether the gzip form was made. */
    public boolean hasGzip() {
        return onDemand != null ? onDemand.precompress() : gzip != GzipForm.NONE;
    }

    /** The same content with another Last-Modified; only {@link LastModified} decides one. */
    Representation withLastModified(Instant time) {
        return new Representation(contentType, plain, gzip, plainArray, onDemand, etag, Optional.of(time), links,
                immutable);
    }

    /**
     * The same content, its Last-Modified decided by {@link LastModified#dateAfter} once its bytes are made: a
     * document a server's start makes when first asked for, whose bytes readers were {@code told} of before,
     * decided as of {@code rebuildTime} (the second the start carried validators forward in), as if it had been
     * made then. Until then its own date (its newest entry's) is what it is built with.
     */
    Representation datedWhenMade(Validators told, Instant rebuildTime) {
        return new Representation(contentType, plain, gzip, plainArray, onDemand, etag, lastModified, links,
                immutable, new DateWhenMade(told, rebuildTime));
    }

    /**
     * The {@code Link} header field values every answer about this resource carries (a 200, a 304, a HEAD),
     * one field each; empty for most. Decided when the snapshot is built ({@link FeedLinks}).
     */
    public List<String> links() {
        return links;
    }

    /** The same content answered with these {@code Link} fields; {@code this} when they are the same. */
    Representation withLinks(List<String> fields) {
        if (fields.equals(links)) {
            return this;
        }
        return new Representation(contentType, plain, gzip, plainArray, onDemand, etag, lastModified, fields,
                immutable, dateWhenMade);
    }

    /**
     * Whether caches may keep this resource for a year without asking again
     * ({@link feedwright.config.CacheLifetimes#IMMUTABLE}): an archive page that is not its feed's newest.
     */
    public boolean immutable() {
        return immutable;
    }

    /** The same content, kept by caches for a year ({@link #immutable()}). */
    Representation asImmutable() {
        return immutable ? this
                : new Representation(contentType, plain, gzip, plainArray, onDemand, etag, lastModified, links, true,
                        dateWhenMade);
    }

    /** A read-only view for sending, positioned at the start; no bytes are copied. */
    public ByteBuffer body(boolean gzip) {
        if (gzip && !hasGzip()) {
            throw new IllegalStateException("this representation was built without its gzip form");
        }
        if (onDemand != null) {
            return (gzip ? onDemand.gzip() : onDemand.made().plain()).duplicate();
        }
        return (gzip ? this.gzip.get() : plain).duplicate();
    }

    /** The length of the body sent ({@code gzip}: of its gzip form), without making an archive page again. */
    public long length(boolean gzip) {
        if (onDemand != null) {
            return onDemand.length(gzip);
        }
        return (gzip ? this.gzip.get() : plain).capacity();
    }

    public String etag(boolean gzip) {
        return gzip ? gzipEtag() : etag();
    }

    /**
     * Whether its bytes are made again whenever needed rather than held: an archive page's (a feed document
     * made when first needed, {@link #heldOnceMade}, is held once made).
     */
    public boolean isMadeOnDemand() {
        return onDemand != null && !onDemand.isHeldOnceMade();
    }

    /**
     * Whether anyone was told anything of this resource yet: false for one made on demand that was never
     * made (an archive page nobody asked for), whose ETag is not known without making it.
     */
    public boolean wasMade() {
        return onDemand == null || onDemand.wasMade();
    }

    /** What a reader is told about this resource, to be carried forward by a later build or start. */
    public Validators validators() {
        return new Validators(contentType, etag(), lastModified());
    }

    public boolean sameContentAs(Representation other) {
        return sharesBytesWith(other) || (etag().equals(other.etag()) && contentType.equals(other.contentType));
    }

    /**
     * {@link #sameContentAs}, without making an archive page to find out: one made on demand and not made
     * yet counts as different unless both share its bytes. A reload that rewrote every page (a changed
     * configuration) then reports them changed rather than making thousands of pages nobody asked for.
     */
    boolean knownSameContentAs(Representation other) {
        if (sharesBytesWith(other)) {
            return true;
        }
        return wasMade() && other.wasMade() && sameContentAs(other);
    }

    /**
     * Whether both are this one, or copies of it with other dates or links: then their bytes are the same
     * without asking for them, which for a representation made on demand would mean making them.
     */
    boolean sharesBytesWith(Representation other) {
        return this == other || (onDemand != null && onDemand == other.onDemand
                && contentType.equals(other.contentType));
    }

    @Override
    public String toString() {
        return "Representation[" + contentType + ", " + (onDemand != null ? "made on demand"
                : plain.capacity() + " bytes, " + etag) + "]";
    }

    /**
     * The Last-Modified of a representation dated when its bytes are made: decided once, by the first to ask after
     * the making, from the ETag it gave ({@link LastModified#dateAfter}).
     */
    private static final class DateWhenMade {

        private final Validators told;
        private final Instant rebuildTime;
        private volatile Decided decided;

        DateWhenMade(Validators told, Instant rebuildTime) {
            this.told = told;
            this.rebuildTime = rebuildTime;
        }

        /** The date and its header, for {@code representation}, whose own date is the one it was built with. */
        Decided decided(Representation representation) {
            Decided known = decided;
            if (known == null) {
                boolean sameBytes = told.describe(representation);
                Optional<Instant> time = LastModified.dateAfter(told, sameBytes, representation.lastModified,
                        rebuildTime);
                known = new Decided(time, time.map(HttpDates::format));
                decided = known;
            }
            return known;
        }

        private record Decided(Optional<Instant> time, Optional<String> header) {
        }
    }

    /**
     * The gzip form of bytes held for serving, made when first needed and then held: a reload publishes the
     * documents it changed without compressing them (compressing was a tenth of a reload at 10,000 posts), and a
     * document nobody asks for is never compressed. Made once: the first to need it makes it, any other waits.
     */
    private static final class GzipForm {

        private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();
        /** Where there is no gzip form: made, and empty. */
        static final GzipForm NONE = new GzipForm(null);

        private final ByteBuffer plain;
        private volatile ByteBuffer made;

        private GzipForm(ByteBuffer plain) {
            this.plain = plain;
            this.made = plain == null ? EMPTY : null;
        }

        /** The gzip form of {@code plain}, a held direct buffer, to be made when first needed. */
        static GzipForm of(ByteBuffer plain) {
            return new GzipForm(plain);
        }

        boolean isMade() {
            return made != null;
        }

        ByteBuffer get() {
            ByteBuffer form = made;
            if (form == null) {
                synchronized (this) {
                    form = made;
                    if (form == null) {
                        form = direct(gzip(copy(plain)));
                        made = form;
                    }
                }
            }
            return form;
        }
    }

    static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
    }

    private static byte[] copy(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.capacity()];
        buffer.duplicate().clear().get(bytes);
        return bytes;
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("compressing in memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
