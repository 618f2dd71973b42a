package feedwright.http;

/**
 * Which kind of reader a {@code User-Agent} names, for the report of who polls how: a small, fixed list of
 * readers that are common or that show a habit worth seeing, then browsers, then the product token
 * ({@code Go-http-client/1.1} is {@code Go-http-client}). Readers are looked for before browsers because
 * some of them (Inoreader) send a browser-like {@code Mozilla/5.0 (compatible; ...)}. Stateless.
 */
final class UserAgentFamily {

    /** What the report calls a client that sends no usable product token. */
    static final String OTHER = "other";
    static final String BROWSER = "browser";
    /** A product token longer than this is not one a reader would choose: {@link #OTHER}. */
    static final int MAX_TOKEN_LENGTH = 32;

    /** A word that names a reader anywhere in its agent string, and the family it stands for. */
    private record Known(String word, String family) {
    }

    private static final Known[] KNOWN = {
        new Known("newsboat", "newsboat"),
        new Known("newsbeuter", "newsboat"), // newsboat's former name, still sent by old installations
        new Known("feedparser", "feedparser"), // Python's feedparser and the readers built on it
        new Known("freshrss", "FreshRSS"),
        new Known("miniflux", "Miniflux"),
        new Known("feedly", "Feedly"),
        new Known("netnewswire", "NetNewsWire"),
        new Known("inoreader", "Inoreader"),
    };

    private UserAgentFamily() {
    }

    static String of(String userAgent) {
        if (userAgent == null) {
            return OTHER;
        }
        for (Known known : KNOWN) {
            if (containsIgnoringCase(userAgent, known.word())) {
                return known.family();
            }
        }
        if (userAgent.regionMatches(true, 0, "curl/", 0, 5)) {
            return "curl";
        }
        if (userAgent.startsWith("Mozilla/")) {
            return BROWSER;
        }
        return productToken(userAgent);
    }

    /** RFC 9110 §10.1.5: {@code product = token ["/" product-version]}; the first one names the software. */
    private static String productToken(String userAgent) {
        int end = 0;
        while (end < userAgent.length() && end <= MAX_TOKEN_LENGTH && isTokenChar(userAgent.charAt(end))) {
            end++;
        }
        boolean ended = end == userAgent.length() || userAgent.charAt(end) == '/' || userAgent.charAt(end) == ' ';
        return end == 0 || end > MAX_TOKEN_LENGTH || !ended ? OTHER : userAgent.substring(0, end);
    }

    /** RFC 9110 §5.6.2 tchar, less '/' which ends the token here. */
    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** {@code word} (lower case) anywhere in {@code text}, in any case, without allocating. */
    private static boolean containsIgnoringCase(String text, String word) {
        for (int i = 0; i + word.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }
}
