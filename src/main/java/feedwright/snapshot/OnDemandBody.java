package feedwright.snapshot;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * The bytes of a representation that is not held: made by a function of immutable inputs when needed, kept
 * in a {@link RecentlyUsed} cache until it lets them go, and made again after that. The ETag is taken from
 * the first making and kept for good; a later making that gives other bytes is a bug the caller hears of
 * (the bytes sent would not be the ones the ETag names), never something served quietly. That check
 * hashes every making again, a large share of the work at 50,000 posts (a build makes over 10 GB twice),
 * so it is a Java assertion: on in every test, off in production, where making is deterministic by
 * construction (pure functions of immutable posts).
 *
 * <p>Thread-safe: a page is made by one thread at a time, and the others asking meanwhile wait for it.
 */
final class OnDemandBody {

    private static final ByteBuffer NO_BYTES = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final Supplier<byte[]> maker;
    private final boolean precompress;
    private final RecentlyUsed<OnDemandBody, Made> recent;
    /** Set with the ETag, before it (the volatile write that publishes them). */
    private long plainLength;
    private long gzipLength;
    private volatile String etag;

    OnDemandBody(Supplier<byte[]> maker, boolean precompress, RecentlyUsed<OnDemandBody, Made> recent) {
        this.maker = maker;
        this.precompress = precompress;
        this.recent = recent;
    }

    /** The bytes (and their gzip form when {@link #precompress()}), from the cache or made now. */
    Made made() {
        Made made = recent.get(this);
        if (made != null) {
            return made;
        }
        // One making at a time per page: a crawler's requests arriving together make it once.
        synchronized (this) {
            made = recent.get(this);
            return made != null ? made : make();
        }
    }

    /** Makes the bytes; called holding this body's lock. */
    private Made make() {
        byte[] bytes = maker.get();
        Made made = new Made(bytes, ByteBuffer.wrap(bytes).asReadOnlyBuffer(),
                precompress ? ByteBuffer.wrap(Representation.gzip(bytes)).asReadOnlyBuffer() : NO_BYTES);
        if (etag == null) {
            plainLength = bytes.length;
            gzipLength = made.gzip().capacity();
            etag = Representation.etagOf(bytes);
        }
        assert etag.equals(Representation.etagOf(bytes)) : "made on demand twice with different bytes (" + etag
                + ", then " + Representation.etagOf(bytes) + "): the making depends on something that changed";
        recent.put(this, made);
        return made;
    }

    /** How many bytes a body has (gzip: its gzip form), learnt with the ETag: a 304 and a HEAD need no making. */
    long length(boolean gzip) {
        etag();
        return gzip ? gzipLength : plainLength;
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

    boolean precompress() {
        return precompress;
    }

    /** Whether the bytes are in the cache now, so that answering needs no making. */
    boolean isAtHand() {
        return recent.contains(this);
    }

    /** One making: the bytes as an array and as a read-only buffer, and the gzip form (empty when not made). */
    record Made(byte[] array, ByteBuffer plain, ByteBuffer gzip) {

        /** A cache of makings holding at most {@code bytes} of them. */
        static RecentlyUsed<OnDemandBody, Made> cache(long bytes) {
            return new RecentlyUsed<>(bytes, Made::size);
        }

        /** What the cache counts against its budget. */
        long size() {
            return (long) array.length + gzip.capacity();
        }
    }
}
