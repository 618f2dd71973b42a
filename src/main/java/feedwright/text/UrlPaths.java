package feedwright.text;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of URL paths (RFC 3986 §2.1): every byte of the UTF-8 form that is not unreserved
 * and not '/' becomes {@code %XX}, so {@code tags/投資/} is written {@code tags/%E6%8A%95%E8%B3%87/}.
 * Stateless and thread-safe.
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

    private static boolean isKept(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    }
}
