package feedwright.post;

import feedwright.text.UrlPaths;
import java.net.URI;
import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
    /** The file extensions Jekyll's Markdown converter takes, whose pages end in .html; others keep theirs. */
    private static final Set<String> MARKDOWN = Set.of("md", "markdown", "mkdown", "mkdn", "mkd");
    private static final String POSTS = "_posts/";

    private JekyllUrls() {
    }

    /**
     * The post's URL path from the site's root, as Jekyll's {@code post.url}.
     *
     * @param pattern    a Jekyll permalink pattern (built-in style names already replaced)
     * @param slug       Jekyll's slug: the front matter's {@code slug}, else the file name's
     * @param file       the post file relative to the site ({@code _posts/2025-01-02-x.md}), for
     *                   {@code :name}, {@code :path} and {@code :output_ext}
     * @param categories the post's categories as written, in Jekyll's order
     * @param date       the publication time in the site's zone
     */
    static String url(String pattern, String slug, String file, List<String> categories, OffsetDateTime date) {
        Matcher matcher = PLACEHOLDER.matcher(pattern);
        StringBuilder url = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            // Jekyll looks a name ending in '_' up without it and keeps the '_' after the value (:month_:day).
            String kept = name.endsWith("_") ? "_" : "";
            String value = value(kept.isEmpty() ? name : name.substring(0, name.length() - 1), slug, file,
                    categories, date);
            // A name Jekyll does not know stops its build; here it stays as written, the post still published.
            matcher.appendReplacement(url, Matcher.quoteReplacement(value == null ? matcher.group()
                    : escapePath(value) + kept));
        }
        matcher.appendTail(url);
        return sanitize(url.toString());
    }

    /** {@code post.url | absolute_url}: the URL path under the site's base URL, normalised as Addressable does. */
    static String link(URI baseUrl, String url) {
        // The base URL's path ends in the one '/' the configuration added (url, baseurl, then '/'): Jekyll
        // joins the rest as written, so `url: https://example.org/` gives https://example.org//2025/...
        String basePath = baseUrl.getRawPath();
        return origin(baseUrl) + UrlPaths.normalizePath(nfc(basePath.substring(0, basePath.length() - 1) + url));
    }

    /**
     * jekyll-feed's {@code <id>}: Jekyll's post id (the folder of the post's URL from the site's root, then
     * its slug as written) made absolute, normalised as Addressable normalises it. Addressable reads a
     * {@code #} or {@code ?} in the slug as the start of a fragment or query, which normalising drops.
     *
     * @param link the post's absolute URL
     */
    static String feedId(URI baseUrl, String link, String slug) {
        Optional<String> base = Stream.of(baseUrl.toString(), link(baseUrl, "/")).filter(link::startsWith).findFirst();
        String url = base.map(prefix -> "/" + link.substring(prefix.length())).orElseGet(() -> URI.create(link).getRawPath());
        String folder = dirname(url.replaceAll("[?#].*$", ""));
        String id = (folder.endsWith("/") ? folder : folder + "/") + slug.replaceAll("[?#].*$", "");
        // A post outside the site (an absolute permalink of its own) keeps its own host.
        return base.isPresent() ? link(baseUrl, id) : origin(URI.create(link)) + UrlPaths.normalizePath(nfc(id));
    }

    /** Scheme and authority as Addressable normalises them: the host in lower case, no default port. */
    private static String origin(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        boolean defaultPort = url.getPort() == -1 || (scheme.equals("http") && url.getPort() == 80)
                || (scheme.equals("https") && url.getPort() == 443);
        String host = url.getHost() == null ? url.getRawAuthority() : url.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + (defaultPort ? "" : ":" + url.getPort());
    }

    private static String nfc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    private static String value(String name, String slug, String file, List<String> categories,
                                OffsetDateTime date) {
        String fileName = file.substring(file.lastIndexOf('/') + 1);
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
            case "path" -> cleanedPath(file);
            default -> null;
        };
    }

    /** Jekyll's {@code cleaned_relative_path}: the file under {@code _posts}, without extension or final dots. */
    private static String cleanedPath(String file) {
        String underPosts = file.startsWith(POSTS) ? file.substring(POSTS.length() - 1) : "/" + file;
        int slash = underPosts.lastIndexOf('/');
        int dot = underPosts.lastIndexOf('.');
        return (dot > slash + 1 ? underPosts.substring(0, dot) : underPosts).replaceAll("\\.+$", "");
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

    /** Jekyll's {@code URL.escape_path}: a value of plain characters as it is, else percent-encoded. */
    private static String escapePath(String value) {
        return value.isEmpty() || PLAIN_PATH.matcher(value).matches() ? value : UrlPaths.encodePathSegments(nfc(value));
    }

    /** Jekyll's {@code URL#sanitize_url}: one leading '/', no {@code ..}, no {@code ./}, no repeated '/'. */
    private static String sanitize(String url) {
        return UrlPaths.mergeSlashes(("/" + url).replace("..", "/").replace("./", ""));
    }

    /** Ruby's {@code File.dirname} of a URL path: {@code /a/b/} and {@code /a/b.html} are in {@code /a}. */
    private static String dirname(String path) {
        String trimmed = path.replaceAll("/+$", "");
        int slash = trimmed.lastIndexOf('/');
        return slash <= 0 ? "/" : trimmed.substring(0, slash);
    }
}
