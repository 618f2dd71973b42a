package feedwright.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The digests Feedwright uses: SHA-256 wherever a value must be unforgeable or name one thing among
 * many for good (slug fallbacks, the configuration's change check, a build's identity), and a cheap
 * fingerprint wherever only accidental collisions matter (a post file that changed, a document's ETag).
 * Thread-safe.
 */
public final class Digests {

    private Digests() {
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * MD5, only to compare bytes with what an S3-compatible store reports as an object's ETag (the MD5 of
     * an object uploaded in one part) and to send as {@code Content-MD5}, which the store checks on upload;
     * never for anything published.
     */
    public static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    /**
     * A fingerprint of bytes: two different 32-bit CRCs (CRC-32C and CRC-32) and the length, in hex (32
     * characters). It tells an edited post from the version already parsed, keys the cache of renderings, and
     * is every document's ETag: uses where only accidental collisions matter (the files are the site's own, and
     * whoever could craft a collision could as well write the post). Hashing every post and document with
     * SHA-256 was a large share of a build (both CRCs are intrinsics many times faster, even before the JIT's
     * optimising compiler runs).
     */
    public static String fingerprint(byte[] bytes) {
        CRC32C crc32c = new CRC32C();
        crc32c.update(bytes);
        CRC32 crc32 = new CRC32();
        crc32.update(bytes);
        return fingerprint(crc32c, crc32, bytes.length);
    }

    /**
     * {@link #fingerprint(byte[])} of the bytes of {@code file}, read a piece at a time: a cache file of tens of
     * megabytes is not read into an array of its own to be fingerprinted.
     */
    public static String fingerprint(Path file) throws IOException {
        CRC32C crc32c = new CRC32C();
        CRC32 crc32 = new CRC32();
        long length = 0;
        byte[] piece = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(piece); read >= 0; read = in.read(piece)) {
                crc32c.update(piece, 0, read);
                crc32.update(piece, 0, read);
                length += read;
            }
        }
        return fingerprint(crc32c, crc32, length);
    }

    private static String fingerprint(CRC32C crc32c, CRC32 crc32, long length) {
        // HexFormat, not String.format: this runs for every post and document, and parsing a format string
        // each time cost more than both CRCs of a typical post.
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits((int) crc32c.getValue()) + hex.toHexDigits((int) crc32.getValue())
                + hex.toHexDigits(length);
    }

    /**
     * HMAC-SHA256 (RFC 2104) of {@code bytes} under {@code key}: how a WebSub hub signs what it delivers to a
     * subscriber that gave a secret, so that the subscriber can tell the hub's deliveries from forgeries.
     * {@code key} must not be empty.
     */
    public static byte[] hmacSha256(byte[] key, byte[] bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(bytes);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    public static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
