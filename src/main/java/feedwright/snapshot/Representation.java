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
 * builds. Immutable; the buffers handed out are read-only views.
 *
 * @param contentType  full {@code Content-Type} value, with charset
 * @param lastModified second-precision time for {@code Last-Modified}, empty when unknown
 */
public record Representation(String contentType, byte[] bytes, byte[] gzipBytes, String etag, String gzipEtag,
                             Optional<Instant> lastModified) {

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
        String hash = Base64.getUrlEncoder().withoutPadding().encodeToString(Digests.sha256(bytes)).substring(0, 32);
        return new Representation(contentType, bytes, gzip(bytes), "\"" + hash + "\"", "\"" + hash + "-gzip\"",
                lastModified.map(t -> t.truncatedTo(ChronoUnit.SECONDS)));
    }

    /** The same content with another Last-Modified (live reload keeps validators moving forward). */
    public Representation withLastModified(Instant time) {
        return new Representation(contentType, bytes, gzipBytes, etag, gzipEtag,
                Optional.of(time.truncatedTo(ChronoUnit.SECONDS)));
    }

    /** A read-only view for sending; no copy is made. */
    public ByteBuffer body(boolean gzip) {
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
