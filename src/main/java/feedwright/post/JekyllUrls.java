package feedwright.post;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A post's URL and jekyll-feed id made as Jekyll 4.3 and jekyll-feed 0.17 make them, so that a site read in
 * place keeps the links its pages have and the ids its subscribers have seen. The end-to-end suite compares
 * both with the real Jekyll's output. Stateless.
 */
final class JekyllUrls {

    /** A placeholder as Jekyll's URL template finds them. */
    private static final Pattern PLACEHOLDER = Pattern.compile(":([a-z_]+)");
    /** What Jekyll's default and pretty slug modes replace with '-'. */
    private static final Pattern DEFAULT_SLUG = Pattern.compile("[^\\p{M}\\p{L}\\p{Nd}]+");
    private static final Pattern PRETTY_SLUG = Pattern.compile("[^\\p{M}\\p{L}\\p{Nd}._~!$&'()+,;=@]+");
    private static final Pattern PLAIN_PATH = Pattern.compile("[a-zA-Z0-9./-]+");
    /** The file extensions Jekyll's Markdown converter takes, whose pages end in .html. */
    private static final Set<String> MARKDOWN = Set.of("md", "markdown", "mkdown", "mkdn", "mkd", "html", "htm");
    /** What may stand unescaped in a URL path (RFC 3986 pchar and '/'), as Addressable keeps it. */
    private static final String PATH_CHARS = "-._~!$&'()*+,;=:@/";

    private JekyllUrls() {
    }

    /**
     * The post's URL path from the site's root, as Jekyll's {@code post.url}.
     *
     * @param pattern    a Jekyll permalink pattern (built-in style names already replaced)
     * @param slug       the front matter's {@code slug}, else the file name's slug
     * @param fileName   the post file's name, for {@code :name} and {@code :output_ext}
     * @param categories the post's categories as written
     * @param date       the publication time in the site's zone
     */
    static String url(String pattern, String slug, String fileName, List<String> categories, OffsetDateTime date) {
        Matcher matcher = PLACEHOLDER.matcher(pattern);
        StringBuilder url = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = value(name, slug, fileName, categories, date);
            if (value == null && name.endsWith("_")) {
                value = value(name.substring(0, name.length() - 1), slug, fileName, categories, date);
            }
            matcher.appendReplacement(url, Matcher.quoteReplacement(value == null ? matcher.group() : escapePath(value)));
        }
        matcher.appendTail(url);
        return sanitize(url.toString());
    }

    /** {@code post.url | absolute_url}: the URL path under the site's base URL, normalised as Addressable does. */
    static String link(URI baseUrl, String url) {
        String basePath = baseUrl.getRawPath().replaceAll("/+$", "");
        return baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + normalizePath(basePath + url);
    }

    /**
     * jekyll-feed's {@code <id>}: Jekyll's post id (the folder of the post's URL, then its slug as written)
     * made absolute, with the path's percent-encoding normalised as Addressable normalises it.
     *
     * @param link the post's absolute URL
     */
    static String feedId(String link, String slug) {
        URI uri = URI.create(link);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String folder = dirname(path);
        String id = (folder.endsWith("/") ? folder : folder + "/") + slug;
        return uri.getScheme() + "://" + uri.getRawAuthority() + normalizePath(id);
    }

    private static String value(String name, String slug, String fileName, List<String> categories,
                                OffsetDateTime date) {
        return switch (name) {
            case "year" -> format(date, "yyyy");
            case "month" -> format(date, "MM");
            case "day" -> format(date, "dd");
            case "hour" -> format(date, "HH");
            case "minute" -> format(date, "mm");
            case "second" -> format(date, "ss");
            case "i_day" -> String.valueOf(date.getDayOfMonth());
            case "i_month" -> String.valueOf(date.getMonthValue());
            case "short_month" -> date.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case "long_month" -> date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case "short_year" -> format(date, "yy");
            case "w_year" -> String.valueOf(date.get(IsoFields.WEEK_BASED_YEAR));
            case "week" -> twoDigits(date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case "w_day" -> String.valueOf(date.getDayOfWeek().getValue());
            case "short_day" -> date.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case "long_day" -> date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case "y_day" -> String.format(Locale.ROOT, "%03d", date.get(ChronoField.DAY_OF_YEAR));
            case "title" -> slugify(slug, PRETTY_SLUG, true);
            case "slug" -> slugify(slug, DEFAULT_SLUG, false);
            case "name" -> slugify(baseName(fileName), DEFAULT_SLUG, false);
            case "categories" -> String.join("/", lowerCaseOnce(categories));
            case "slugified_categories" -> String.join("/", new LinkedHashSet<>(categories.stream()
                    .map(category -> slugify(category, DEFAULT_SLUG, false)).toList()));
            case "output_ext" -> outputExtension(fileName);
            case "collection" -> "posts";
            case "path" -> "_posts/" + baseName(fileName);
            default -> null;
        };
    }

    private static String format(OffsetDateTime date, String pattern) {
        return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).format(date);
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : String.valueOf(value);
    }

    private static Set<String> lowerCaseOnce(List<String> categories) {
        Set<String> lower = new LinkedHashSet<>();
        categories.forEach(category -> lower.add(category.toLowerCase(Locale.ROOT)));
        return lower;
    }

    /** Jekyll's {@code Utils.slugify}: runs of other characters become '-', none at either end. */
    private static String slugify(String text, Pattern replaced, boolean cased) {
        String slug = replaced.matcher(text).replaceAll("-").replaceAll("^-|-$", "");
        return cased ? slug : slug.toLowerCase(Locale.ROOT);
    }

    private static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static String outputExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String extension = dot > 0 ? fileName.substring(dot + 1) : "";
        return MARKDOWN.contains(extension.toLowerCase(Locale.ROOT)) ? ".html" : dot > 0 ? fileName.substring(dot) : "";
    }

    /** Jekyll's {@code URL.escape_path}: a value of plain characters as it is, else percent-encoded, '#' too. */
    private static String escapePath(String value) {
        return value.isEmpty() || PLAIN_PATH.matcher(value).matches() ? value : encode(value, PATH_CHARS, false);
    }

    /** Jekyll's {@code URL#sanitize_url}: one leading '/', no {@code ..}, no {@code ./}, no repeated '/'. */
    private static String sanitize(String url) {
        return ("/" + url).replace("..", "/").replace("./", "").replaceAll("/{2,}", "/");
    }

    /** Ruby's {@code File.dirname} of a URL path: {@code /a/b/} and {@code /a/b.html} are in {@code /a}. */
    private static String dirname(String path) {
        String trimmed = path.replaceAll("/+$", "");
        int slash = trimmed.lastIndexOf('/');
        return slash <= 0 ? "/" : trimmed.substring(0, slash);
    }

    /**
     * A path with its percent-encoding as Addressable's {@code normalize} leaves it: a valid escape of an
     * unreserved character decoded, every other escape in upper case, any character a path may not hold
     * (non-ASCII, a space) encoded as UTF-8.
     */
    static String normalizePath(String path) {
        return encode(path, PATH_CHARS, true);
    }

    private static String encode(String text, String kept, boolean keepEscapes) {
        StringBuilder out = new StringBuilder(text.length());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (keepEscapes && b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                int decoded = Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16);
                if (isUnreserved(decoded)) {
                    out.append((char) decoded);
                } else {
                    out.append('%').append(Character.toUpperCase((char) bytes[i + 1]))
                            .append(Character.toUpperCase((char) bytes[i + 2]));
                }
                i += 2;
            } else if (b < 0x80 && (Character.isLetterOrDigit(b) || kept.indexOf(b) >= 0)) {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0;
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }
}
