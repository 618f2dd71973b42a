package feedwright.text;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Percent-encoding of URL paths (RFC 3986 §2.1): every byte of the UTF-8 form that is not unreserved
 * and not '/' becomes {@code %XX}, so {@code tags/投資/} is written {@code tags/%E6%8A%95%E8%B3%87/}; and
 * of URLs as authors write them, which may hold a space or a stray '%'. Stateless and thread-safe.
 */
public final class UrlPaths {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static final Pattern SLASHES = Pattern.compile("/{2,}");

    private UrlPaths() {
    }

    /** Encodes a path whose segments are separated by '/'; the slashes themselves stay. */
    /**
     * {@code path} with each run of slashes made one, as nginx matches a request's path ({@code merge_slashes}, on
     * by default) and as most static hosts answer it: a Jekyll site whose {@code url} ends in '/' published
     * {@code https://example.org//feed.xml}, and its readers still ask for that.
     */
    public static String mergeSlashes(String path) {
        return path.contains("//") ? SLASHES.matcher(path).replaceAll("/") : path;
    }

    public static String encodePath(String path) {
        for (int i = 0; i < path.length(); i++) {
            if (!isKept(path.charAt(i))) {
                return percentEncode(path, UrlPaths::isKept, Escapes.ENCODE);
            }
        }
        return path; // the usual ASCII slug: nothing to encode, nothing to copy
    }

    /**
     * Undoes {@link #encodePath}: each valid run of {@code %XX} escapes that is UTF-8 becomes its characters;
     * anything else (a stray '%', escapes that are not UTF-8) stays as written.
     */
    public static String decodePath(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        StringBuilder decoded = new StringBuilder(path.length());
        int i = 0;
        while (i < path.length()) {
            int end = i;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (end + 2 < path.length() && path.charAt(end) == '%' && isHex(path.charAt(end + 1))
                    && isHex(path.charAt(end + 2))) {
                bytes.write(Integer.parseInt(path.substring(end + 1, end + 3), 16));
                end += 3;
            }
            if (end == i) {
                decoded.append(path.charAt(i++));
                continue;
            }
            try {
                decoded.append(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())));
            } catch (CharacterCodingException e) {
                decoded.append(path, i, end);
            }
            i = end;
        }
        return decoded.toString();
    }


    /**
     * {@code path} relative to a root, with the dot segments resolved as RFC 3986 §5.2.4 does: leading and
     * repeated slashes are dropped, {@code .} goes, {@code ..} removes the segment before it and stops at
     * the root. A trailing slash stays. {@code ///a/./b/../../../c/} is {@code c/}.
     */
    public static String withinRoot(String path) {
        ArrayDeque<String> segments = new ArrayDeque<>();
        boolean folder = path.endsWith("/");
        for (String segment : path.split("/")) {
            switch (segment) {
                case "", "." -> folder = true;
                case ".." -> {
                    segments.pollLast();
                    folder = true;
                }
                default -> {
                    segments.addLast(segment);
                    folder = false;
                }
            }
        }
        folder |= path.endsWith("/");
        String joined = String.join("/", segments);
        return joined.isEmpty() || !folder ? joined : joined + "/";
    }

    /** Whether {@code text} starts as an absolute http(s) URL does, in any case; otherwise it is a site path. */
    public static boolean hasHttpScheme(String text) {
        return text.regionMatches(true, 0, "http://", 0, 7) || text.regionMatches(true, 0, "https://", 0, 8);
    }

    /**
     * A site path made into an absolute URL under {@code baseUrl}, the one rule for every path an author
     * gives relative to the site (permalinks, images, the feed's icon and logo): however many slashes it
     * starts with, the path stays under the base ({@code ///evil.example/x} is not another host); dot
     * segments are resolved within it, {@code ..} stopping at its root as it stops at a host's root in a
     * browser; a {@code ?query} and {@code #fragment} are kept as such, percent-encoded where they must be.
     *
     * @param baseUrl    an absolute URL ending in '/'
     * @param expandPath applied to the path alone (a permalink's placeholders), so a value holding {@code ?}
     *                   or {@code #} stays part of the path
     */
    public static String underBase(String baseUrl, String sitePath, UnaryOperator<String> expandPath) {
        int hash = sitePath.indexOf('#');
        String beforeFragment = hash < 0 ? sitePath : sitePath.substring(0, hash);
        int question = beforeFragment.indexOf('?');
        String path = question < 0 ? beforeFragment : beforeFragment.substring(0, question);
        StringBuilder link = new StringBuilder(baseUrl).append(encodePath(withinRoot(expandPath.apply(path))));
        if (question >= 0) {
            link.append('?').append(encodeQuery(beforeFragment.substring(question + 1)));
        }
        if (hash >= 0) {
            link.append('#').append(encodeQuery(sitePath.substring(hash + 1)));
        }
        return link.toString();
    }

    /**
     * Encodes a query or fragment (RFC 3986 §3.4, §3.5): what may stand there as it is (unreserved,
     * sub-delimiters, {@code : @ / ?}) and valid {@code %XX} escapes stay, every other byte of the UTF-8
     * form (a space, {@code #}, a stray {@code %}, non-ASCII) becomes {@code %XX}.
     */
    public static String encodeQuery(String text) {
        return percentEncode(text, c -> isKept(c) || "!$&'()*+,;=:@?".indexOf(c) >= 0, Escapes.KEEP);
    }

    /**
     * Percent-encodes the bytes a URI may not hold as they are (spaces, controls, quotes, angle brackets,
     * braces and the like, non-ASCII, a '%' that does not start an escape) and keeps everything else, so
     * the URL an author evidently meant parses: {@code https://example.org/a b/} becomes
     * {@code https://example.org/a%20b/}, and {@code …/100%/} becomes {@code …/100%25/}.
     */
    public static String encodeIllegal(String text) {
        return percentEncode(text, c -> c > 0x20 && c < 0x7F && "\"<>\\^`{|}%".indexOf(c) < 0, Escapes.KEEP);
    }

    /**
     * A path with everything a path segment may not hold percent-encoded, '%' included, as Ruby's
     * Addressable encodes a Jekyll URL's placeholder values: unreserved characters, sub-delimiters,
     * {@code : @} and '/' stay (RFC 3986 §3.3).
     */
    public static String encodePathSegments(String text) {
        return percentEncode(text, UrlPaths::isPathChar, Escapes.ENCODE);
    }

    /**
     * A path's percent-encoding as Addressable's {@code normalize} leaves it: an escape of an unreserved
     * character decoded, every other escape in upper case, anything a path may not hold encoded.
     */
    public static String normalizePath(String path) {
        return percentEncode(path, UrlPaths::isPathChar, Escapes.NORMALIZE);
    }

    /** What the encoder does with a valid {@code %XX} already in the text. */
    private enum Escapes { ENCODE, KEEP, NORMALIZE }

    /**
     * The one percent-encoder: each byte of the UTF-8 form of {@code text} stays when it is ASCII and
     * {@code kept}; a valid {@code %XX} is encoded, kept or normalised as {@code escapes} says; every other
     * byte becomes {@code %XX} in upper-case hex (RFC 3986 §2.1).
     */
    private static String percentEncode(String text, IntPredicate kept, Escapes escapes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xFF;
            boolean escape = escapes != Escapes.ENCODE && c == '%' && i + 2 < bytes.length && isHex(bytes[i + 1])
                    && isHex(bytes[i + 2]);
            if (escape && escapes == Escapes.NORMALIZE) {
                int decoded = Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16);
                if (isUnreserved(decoded)) {
                    out.append((char) decoded);
                } else {
                    out.append('%').append(HEX[decoded >> 4]).append(HEX[decoded & 0xF]);
                }
                i += 2;
            } else if (escape || (c < 0x80 && kept.test(c))) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /**
     * {@code text} as a URI as written, else with {@link #encodeIllegal} applied (what the author evidently
     * meant); when neither parses, the error is the one of the text as written.
     */
    public static URI parseLeniently(String text) throws URISyntaxException {
        try {
            return new URI(text);
        } catch (URISyntaxException asWritten) {
            try {
                return new URI(encodeIllegal(text));
            } catch (URISyntaxException encoded) {
                throw asWritten;
            }
        }
    }

    /**
     * The one rule for a URL written in a post (its front matter {@code image}, a body link or image):
     * {@code reference} resolved against the post's own URL, as a browser showing the post resolves it
     * (RFC 3986 §5.2). So {@code /x} is at the host's root, not under a {@code base_url} with a path, and
     * {@code x} or {@code ../x} is beside the post. Empty when the reference is not a URI even after
     * {@link #encodeIllegal}; the caller checks the scheme of the result.
     */
    public static Optional<URI> resolveInPost(URI postUrl, String reference) {
        try {
            URI uri = parseLeniently(reference.strip());
            return Optional.of(uri.isAbsolute() ? uri : postUrl.resolve(uri));
        } catch (URISyntaxException broken) {
            return Optional.empty();
        }
    }

    private static boolean isHex(char c) {
        return c < 0x80 && isHex((byte) c);
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'F') || (b >= 'a' && b <= 'f');
    }

    private static boolean isUnreserved(int c) {
        return c != '/' && isKept(c);
    }

    /** A character a path may hold as it is: unreserved, a sub-delimiter, ':', '@' or '/' (RFC 3986 §3.3). */
    private static boolean isPathChar(int c) {
        return isKept(c) || "!$&'()*+,;=:@".indexOf(c) >= 0;
    }

    private static boolean isKept(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    }
}
