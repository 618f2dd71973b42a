package feedwright.snapshot;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The bytes of a representation that is not held from the start: made by a function of immutable inputs when
 * needed. Two kinds: an archive page's are kept, with their gzip form, in a {@link RecentlyUsed} cache until it
 * lets them go, and made again after that; a feed document an earlier run wrote ({@link FeedCache}), or one a
 * server's start left to be asked for, is made once, when first needed, and then held for good, as any feed
 * document is, its gzip form made when first needed too (as a held document's is: a server's start that makes
 * every document to learn its ETag compresses none). The ETag is taken from the first making, or known
 * before any (from the earlier run), and kept for good; a later making that gives other bytes is a bug the
 * caller hears of (the bytes sent would not be the ones the ETag names), never something served quietly.
 * That check hashes every making again, a large share of the work at 50,000 posts (a build makes over 10 GB
 * twice), so it is a Java assertion: on in every test, off in production, where making is deterministic by
 * construction (pure functions of immutable posts).
 *
 * <p>Thread-safe: a page is made by one thread at a time, and the others asking meanwhile wait for it.
 */
final class OnDemandBody {

    private static final ByteBuffer NO_BYTES = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final Supplier<byte[]> maker;
    private final boolean precompress;
    /** Where makings are kept a while; null for a body held for good once made ({@link #held}). */
    private final RecentlyUsed<OnDemandBody, Made> recent;
    /** The making of a body held for good, once made: without its gzip form, which is {@link #heldGzip}. */
    private volatile Made held;
    /** The gzip form of a body held for good, once made. */
    private volatile ByteBuffer heldGzip;
    /** Set with the ETag, before it (the volatile write that publishes them). */
    private long plainLength;
    /** The gzip form's length: -1 until known (an earlier run's record may lack it: a build makes no gzip form). */
    private volatile long gzipLength = -1;
    private volatile String etag;

    /**
     * @param recent where makings are kept a while, made again whenever it has let them go; null to hold the
     *               first making for good
     * @param known  the ETag and lengths an earlier making of the same inputs gave, when known; else they are
     *               learnt from the first making
     */
    OnDemandBody(Supplier<byte[]> maker, boolean precompress, RecentlyUsed<OnDemandBody, Made> recent,
                 Optional<Known> known) {
        this.maker = maker;
        this.precompress = precompress;
        this.recent = recent;
        if (known.isPresent()) {
            this.plainLength = known.get().length();
            this.gzipLength = known.get().gzipLength();
            this.etag = known.get().etag();
        }
    }

    /**
     * What an earlier making of the same inputs gave: the ETag, the length and the gzip form's length (-1 when
     * it was not made).
     */
    record Known(String etag, long length, long gzipLength) {
    }

    /**
     * The bytes (and an archive page's gzip form when {@link #precompress()}: a held body's is {@link #gzip()}),
     * from the cache or made now.
     */
    Made made() {
        Made made = atHand();
        if (made != null) {
            return made;
        }
        // One making at a time per page: a crawler's requests arriving together make it once.
        synchronized (this) {
            made = atHand();
            return made != null ? made : make();
        }
    }

    private Made atHand() {
        return recent == null ? held : recent.get(this);
    }

    /** Makes the bytes (an archive page's gzip form with them); called holding this body's lock. */
    private Made make() {
        byte[] bytes = maker.get();
        boolean gzipNow = precompress && recent != null;
        byte[] gzip = gzipNow ? Representation.gzip(bytes) : null;
        Made made = recent == null && precompress
                // held for serving: in a direct buffer, as any feed document a server holds (see Representation)
                ? new Made(null, Representation.direct(bytes), NO_BYTES)
                : new Made(bytes, ByteBuffer.wrap(bytes).asReadOnlyBuffer(),
                        gzipNow ? ByteBuffer.wrap(gzip).asReadOnlyBuffer() : NO_BYTES);
        if (etag == null) {
            plainLength = bytes.length;
            gzipLength = gzipNow ? gzip.length : -1;
            etag = Representation.etagOf(bytes);
        } else if (gzipNow && gzipLength < 0) {
            gzipLength = gzip.length;
        }
        assert etag.equals(Representation.etagOf(bytes)) && plainLength == bytes.length
                && (!gzipNow || gzipLength == gzip.length)
                : "made on demand with other bytes than before (" + etag + ", then " + Representation.etagOf(bytes)
                + "): the making depends on something that changed, or an earlier run's record is wrong";
        if (recent == null) {
            held = made;
        } else {
            recent.put(this, made);
        }
        return made;
    }

    /**
     * The gzip form, empty unless {@link #precompress()}: an archive page's, made with its bytes; a held body's,
     * made now if it was not yet.
     */
    ByteBuffer gzip() {
        if (!precompress) {
            return NO_BYTES;
        }
        if (recent != null) {
            return made().gzip();
        }
        ByteBuffer form = heldGzip;
        if (form == null) {
            Made made = made();
            synchronized (this) {
                form = heldGzip;
                if (form == null) {
                    byte[] bytes = new byte[made.plain().capacity()];
                    made.plain().duplicate().clear().get(bytes);
                    byte[] gzip = Representation.gzip(bytes);
                    assert gzipLength < 0 || gzipLength == gzip.length
                            : "compressed to another length than an earlier run recorded (" + gzipLength + ", then "
                            + gzip.length + ")";
                    gzipLength = gzip.length;
                    form = Representation.direct(gzip);
                    heldGzip = form;
                }
            }
        }
        return form;
    }

    /** Makes whatever is made when first needed: the bytes, and the gzip form when {@link #precompress()}. */
    void makeReady() {
        if (recent != null || !precompress) {
            made(); // an archive page's gzip form with it, from one look in the cache
        } else {
            gzip();
        }
    }

    /**
     * How many bytes a body has (gzip: its gzip form), learnt with the ETag: a 304 and a HEAD need no making,
     * unless the gzip form's length was not in an earlier run's record.
     */
    long length(boolean gzip) {
        etag();
        if (gzip && gzipLength < 0) {
            gzip();
        }
        return gzip ? gzipLength : plainLength;
    }

    /** The gzip form's length when known without making the bytes, else -1. */
    long gzipLengthIfKnown() {
        return etag != null ? gzipLength : -1;
    }

    /** The ETag of the bytes, making them first if that was never done. */
    String etag() {
        String known = etag;
        if (known == null) {
            made();
            known = etag;
        }
        return known;
    }

    /** Whether the bytes were ever made, so that the ETag is known without making them. */
    boolean wasMade() {
        return etag != null;
    }

    /** Whether the bytes are held for good once made, rather than kept a while and made again. */
    boolean isHeldOnceMade() {
        return recent == null;
    }

    boolean precompress() {
        return precompress;
    }

    /**
     * Whether the bytes are at hand now (held with their gzip form when {@link #precompress()}, or in the cache),
     * so that answering needs no making.
     */
    boolean isAtHand() {
        return recent == null ? held != null && (!precompress || heldGzip != null) : recent.contains(this);
    }

    /**
     * One making: the bytes as an array (null when held in a direct buffer only) and as a read-only buffer, and
     * the gzip form (empty when not made with them: a held body's is {@link #gzip()}).
     */
    record Made(byte[] array, ByteBuffer plain, ByteBuffer gzip) {

        /** A cache of makings holding at most {@code bytes} of them. */
        static RecentlyUsed<OnDemandBody, Made> cache(long bytes) {
            return new RecentlyUsed<>(bytes, Made::size);
        }

        /** What the cache counts against its budget. */
        long size() {
            return (long) plain.capacity() + gzip.capacity();
        }
    }
}
