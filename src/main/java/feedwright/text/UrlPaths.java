package feedwright.text;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of URL paths (RFC 3986 §2.1): every byte of the UTF-8 form that is not unreserved
 * and not '/' becomes {@code %XX}, so {@code tags/投資/} is written {@code tags/%E6%8A%95%E8%B3%87/}; and
 * of URLs as authors write them, which may hold a space or a stray '%'. Stateless and thread-safe.
 */
public final class UrlPaths {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlPaths() {
    }

    /** Encodes a path whose segments are separated by '/'; the slashes themselves stay. */
    public static String encodePath(String path) {
        StringBuilder out = null;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (!isKept(c)) {
                out = new StringBuilder(path.length() + 16);
                break;
            }
        }
        if (out == null) {
            return path;
        }
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int unsigned = b & 0xFF;
            if (unsigned < 0x80 && isKept((char) unsigned)) {
                out.append((char) unsigned);
            } else {
                out.append('%').append(HEX[unsigned >> 4]).append(HEX[unsigned & 0xF]);
            }
        }
        return out.toString();
    }

    /**
     * Percent-encodes the bytes a URI may not hold as they are (spaces, controls, quotes, angle brackets,
     * braces and the like, non-ASCII, a '%' that does not start an escape) and keeps everything else, so
     * the URL an author evidently meant parses: {@code https://example.org/a b/} becomes
     * {@code https://example.org/a%20b/}, and {@code …/100%/} becomes {@code …/100%25/}.
     */
    public static String encodeIllegal(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xFF;
            boolean escape = c == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]);
            if (escape || (c > 0x20 && c < 0x7F && "\"<>\\^`{|}%".indexOf(c) < 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    private static boolean isKept(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    }
}
