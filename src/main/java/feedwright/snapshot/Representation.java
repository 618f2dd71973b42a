package feedwright.snapshot;

import feedwright.text.Digests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * One resource ready to send: its bytes, their gzip form, and validators computed once, when the
 * snapshot is built. The ETag is a hash of the bytes alone (no clock, host or process state), so every
 * replica serving the same site agrees on it; the gzip variant's ETag is the same hash with
 * {@code -gzip} appended rather than a hash of the compressed bytes, which may differ between zlib
 * builds. The gzip form is made only when asked for ({@code serve} always does; {@code build} only
 * with {@code --gzip}), since compressing is a large share of a build's work.
 * Immutable; the buffers handed out are read-only views.
 *
 * @param contentType  full {@code Content-Type} value, with charset
 * @param gzipBytes    the gzip form, or an empty array when it was not made ({@link #hasGzip()})
 * @param lastModified second-precision time for {@code Last-Modified}, empty when unknown
 */
public record Representation(String contentType, byte[] bytes, byte[] gzipBytes, String etag, String gzipEtag,
                             Optional<Instant> lastModified) {

    private static final byte[] NO_BYTES = new byte[0];

    public Representation {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(gzipBytes, "gzipBytes");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(gzipEtag, "gzipEtag");
        Objects.requireNonNull(lastModified, "lastModified");
    }

    /** Compresses and hashes {@code bytes}; the array is kept, not copied, so callers must not change it. */
    public static Representation of(String contentType, byte[] bytes, Optional<Instant> lastModified) {
        return of(contentType, bytes, lastModified, true);
    }

    /** As {@link #of(String, byte[], Optional)}, compressing only when {@code precompress} is set. */
    public static Representation of(String contentType, byte[] bytes, Optional<Instant> lastModified,
                                    boolean precompress) {
        String hash = Base64.getUrlEncoder().withoutPadding().encodeToString(Digests.sha256(bytes)).substring(0, 32);
        return new Representation(contentType, bytes, precompress ? gzip(bytes) : NO_BYTES, "\"" + hash + "\"",
                "\"" + hash + "-gzip\"", lastModified.map(t -> t.truncatedTo(ChronoUnit.SECONDS)));
    }

    /** Whether the gzip form was made. */
    public boolean hasGzip() {
        return gzipBytes.length > 0;
    }

    /** The same content with another Last-Modified (live reload keeps validators moving forward). */
    public Representation withLastModified(Instant time) {
        return new Representation(contentType, bytes, gzipBytes, etag, gzipEtag,
                Optional.of(time.truncatedTo(ChronoUnit.SECONDS)));
    }

    /** A read-only view for sending; no copy is made. */
    public ByteBuffer body(boolean gzip) {
        if (gzip && !hasGzip()) {
            throw new IllegalStateException("this representation was built without its gzip form");
        }
        return ByteBuffer.wrap(gzip ? gzipBytes : bytes).asReadOnlyBuffer();
    }

    public String etag(boolean gzip) {
        return gzip ? gzipEtag : etag;
    }

    public boolean sameContentAs(Representation other) {
        return etag.equals(other.etag) && contentType.equals(other.contentType);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("compressing in memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
