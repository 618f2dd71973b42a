package feedwright.http;

import java.util.Locale;

/**
 * Whether a request accepts gzip (RFC 9110 §12.5.3): {@code gzip} or {@code *} listed with a non-zero
 * quality, in any of the field's lines. {@code identity}, absence of the header, or {@code gzip;q=0} get
 * the plain bytes.
 */
final class AcceptEncoding {

    private AcceptEncoding() {
    }

    /** @param fieldLines every {@code Accept-Encoding} field line of the request; null when there is none */
    static boolean acceptsGzip(Iterable<String> fieldLines) {
        boolean gzip = false;
        boolean star = false;
        boolean gzipListed = false;
        for (String item : FieldList.members(fieldLines)) {
            String[] parts = item.split(";");
            String coding = parts[0].strip().toLowerCase(Locale.ROOT);
            boolean acceptable = quality(parts) > 0;
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzipListed = true;
                gzip = acceptable;
            } else if (coding.equals("*")) {
                star = acceptable;
            }
        }
        return gzipListed ? gzip : star;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.startsWith("q=") || parameter.startsWith("Q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2).strip());
                } catch (NumberFormatException malformed) {
                    return 0; // an unreadable weight is not a yes
                }
            }
        }
        return 1;
    }
}
