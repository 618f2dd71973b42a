package feedwright.post;

import feedwright.config.SiteConfig;
import feedwright.problem.Problem;
import feedwright.text.Characters;
import feedwright.text.Digests;
import feedwright.text.PlainText;
import feedwright.text.UrlPaths;
import feedwright.text.XmlChars;
import feedwright.yaml.FieldReader;
import feedwright.yaml.YamlMap;
import feedwright.yaml.YamlParser;
import feedwright.yaml.YamlSyntaxException;
import feedwright.yaml.YamlValue;
import java.net.URI;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads one post file into a {@link PostResult}. It never throws for bad content: every problem is
 * located ({@code file:line:column}) and collected, and any error keeps the post out while the other
 * posts go on. Thread-safe: it holds only the immutable configuration.
 */
public final class PostReader {

    private static final DateTimeFormatter TAG_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern REPEATED_SLASHES = Pattern.compile("/{2,}");
    private static final String SENTENCE_ENDS = ".!?。．！？…」』）)\"'”’:：*`|>";

    private final SiteConfig config;

    public PostReader(SiteConfig config) {
        this.config = config;
    }

    /**
     * @param file     the path shown in problems, relative to the site ({@code posts/x.md})
     * @param fileName the file's own name, for the slug and a Jekyll date prefix
     * @param bytes    the whole file
     */
    public PostResult read(String file, String fileName, byte[] bytes) {
        return read(file, fileName, bytes, Digests.fingerprint(bytes));
    }

    /** As {@link #read(String, String, byte[])}, when the caller already has {@link Digests#fingerprint}. */
    public PostResult read(String file, String fileName, byte[] bytes, String contentHash) {
        List<Problem> problems = new ArrayList<>();
        SourceText source = SourceText.decode(file, bytes);
        problems.addAll(source.problems());
        FrontMatter.Result split = FrontMatter.split(file, source.text());
        if (split.problem().isPresent()) {
            problems.add(split.problem().get());
            return PostResult.skipped(file, problems, "no usable front matter");
        }
        FrontMatter frontMatter = split.frontMatter().orElseThrow();
        YamlMap yaml;
        try {
            yaml = YamlParser.parseMapping(frontMatter.yaml(), file, frontMatter.yamlLineIndex(),
                    (int) Math.min(Integer.MAX_VALUE, config.maxPostBytes()));
        } catch (YamlSyntaxException e) {
            problems.add(e.problem());
            return PostResult.skipped(file, problems, "front matter is not valid YAML");
        }
        FieldReader fields = new FieldReader(yaml, file, problems);
        for (Map.Entry<String, YamlValue> duplicate : yaml.duplicateKeys().entrySet()) {
            fields.warning(duplicate.getValue(), duplicate.getKey() + ": written more than once; the last one is used");
        }
        if (fields.bool("published").map(published -> !published).orElse(false)) {
            return PostResult.skipped(file, problems, "published: false");
        }

        String slug = Slugs.ofPostFile(fileName);
        String title = title(fields, file, slug);
        Optional<OffsetDateTime> published = date(fields, "date")
                .or(() -> yaml.get("date").isPresent() ? Optional.empty()
                        : PostDates.fromFileName(fileName, config.timezone()));
        if (published.isEmpty() && yaml.get("date").isEmpty()) {
            problems.add(Problem.error(file, 1, 1, "date: missing; add 'date: " + PostDates.EXPECTED
                    + "' or start the file name with YYYY-MM-DD-"));
        }
        Optional<OffsetDateTime> updated = date(fields, "updated").or(() -> date(fields, "last_modified_at"));
        String author = fields.text("author")
                .map(name -> plainText(fields, fields.map().get("author").orElseThrow(), "author", singleLine(name)))
                .filter(name -> !name.isEmpty())
                .orElse(config.author());
        List<Term> categories = terms(fields, "categories", "category");
        List<Term> tags = terms(fields, "tags", "tag");
        TermLimit.check(fields, config.maxTermsPerPost(), categories.size() + tags.size());
        String summary = fields.text("excerpt").or(() -> fields.text("description")).map(String::strip).orElse("");
        if (summary.isEmpty()) {
            problems.add(Problem.warning(file, 1, 1,
                    "no excerpt or description; the summary is taken from the body's first paragraph"));
        }
        Optional<String> explicitId = fields.text("id").map(String::strip);
        Optional<String> permalink = fields.text("permalink").map(String::strip);
        Optional<String> image = fields.text("image").map(String::strip);
        String body = cutAtEndMarker(file, frontMatter, problems);

        if (problems.stream().anyMatch(Problem::isError) || published.isEmpty()) {
            return PostResult.skipped(file, problems, "errors in the post");
        }
        OffsetDateTime publishedAt = published.get();
        OffsetDateTime updatedAt = updated.filter(u -> !u.isBefore(publishedAt)).orElse(publishedAt);
        String link = absolute(permalink.orElseGet(() -> expand(config.permalink(), slug, publishedAt, categories)));
        String id = explicitId.orElseGet(() -> tagUri(file, slug, publishedAt));
        Post post = new Post(file, slug, id, title, publishedAt, updatedAt, author, categories, tags, summary,
                link, image.map(this::absolute).orElse(""), body, contentHash);
        return PostResult.published(post, problems);
    }

    private static String title(FieldReader fields, String file, String slug) {
        Optional<String> written = fields.text("title").map(PostReader::singleLine).filter(t -> !t.isEmpty());
        if (written.isEmpty()) {
            Optional<YamlValue> value = fields.map().get("title");
            if (value.isEmpty()) {
                fields.problems().add(Problem.warning(file, 1, 1, "title: missing; using the file name '" + slug + "'"));
            } else if (value.get().isScalar()) {
                fields.warning(value.get(), "title: empty; using the file name '" + slug + "'");
            }
            return slug;
        }
        YamlValue at = fields.map().get("title").orElseThrow();
        String title = plainText(fields, at, "title", written.get());
        String withoutBidi = XmlChars.removeBidiControls(title);
        if (!withoutBidi.equals(title)) {
            fields.warning(at, "title: removed bidirectional control characters (U+202A–U+202E, U+2066–U+2069)");
            title = withoutBidi.strip();
        }
        if (title.indexOf('\uFFFD') >= 0) {
            fields.warning(at, "title: contains U+FFFD, the replacement character; it was probably cut off");
        }
        return title.isEmpty() ? slug : title;
    }

    private Optional<OffsetDateTime> date(FieldReader fields, String key) {
        Optional<YamlValue> value = fields.map().get(key);
        if (value.isEmpty() || value.get().kind() == YamlValue.Kind.NULL) {
            return Optional.empty();
        }
        if (!value.get().isScalar()) {
            fields.error(value.get(), key + ": expected a date (" + PostDates.EXPECTED + "), found "
                    + value.get().kind().description());
            return Optional.empty();
        }
        String text = value.get().text();
        try {
            return Optional.of(PostDates.parse(text, config.timezone()));
        } catch (DateTimeException e) {
            fields.error(value.get(), key + ": '" + text + "' is not a date (" + reason(e) + ")");
            return Optional.empty();
        }
    }

    private static String reason(DateTimeException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return message.startsWith("expected") ? message : message + "; expected " + PostDates.EXPECTED;
    }

    /** Jekyll's rules: a list of terms, or one string of space-separated terms; plural and singular keys. */
    private static List<Term> terms(FieldReader fields, String plural, String singular) {
        Map<String, Term> bySlug = new LinkedHashMap<>();
        for (String key : List.of(plural, singular)) {
            Optional<YamlValue> value = fields.map().get(key);
            List<String> names = fields.textList(key).orElse(List.of());
            boolean oneString = value.isPresent() && value.get().isScalar();
            for (String name : names) {
                String text = plainText(fields, value.orElseThrow(), key, name);
                for (String word : oneString ? WHITESPACE.split(text) : new String[] {text}) {
                    String clean = singleLine(XmlChars.removeBidiControls(word));
                    if (!clean.isEmpty()) {
                        Term term = Term.of(clean);
                        bySlug.putIfAbsent(term.slug(), term);
                    }
                }
            }
        }
        return List.copyOf(bySlug.values());
    }

    /** {@link PlainText} of a field's value, with a warning when markup (not just an entity) was removed. */
    private static String plainText(FieldReader fields, YamlValue at, String key, String text) {
        String plain = PlainText.of(text);
        if (PlainText.removesMarkup(text, plain)) {
            fields.warning(at, key + ": removed HTML markup ('" + text.strip() + "'); it is shown as plain text");
        }
        return plain;
    }

    private static String singleLine(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    private String cutAtEndMarker(String file, FrontMatter frontMatter, List<Problem> problems) {
        String body = frontMatter.body();
        String marker = config.endMarker();
        if (marker.isEmpty()) {
            return body;
        }
        int lineNumber = frontMatter.bodyLine();
        // Only lines that hold the marker can match: jump from one occurrence to the next instead of
        // looking at every line of a 10-30 KB body.
        for (int found = body.indexOf(marker); found >= 0; found = body.indexOf(marker, found + 1)) {
            int lineStart = body.lastIndexOf('\n', found - 1) + 1;
            int lineEnd = body.indexOf('\n', found);
            if (lineEnd < 0) {
                lineEnd = body.length();
            }
            if (isBlank(body, lineStart, found) && isBlank(body, found + marker.length(), lineEnd)) {
                String kept = body.substring(0, lineStart);
                warnIfCutMidSentence(file, kept, lineNumber + Characters.count(body, '\n', lineStart), problems);
                return kept;
            }
        }
        return body;
    }

    private static boolean isBlank(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static void warnIfCutMidSentence(String file, String kept, int markerLine, List<Problem> problems) {
        String last = lastNonBlankLine(kept);
        if (last.isEmpty() || last.startsWith("#") || last.startsWith("```") || last.startsWith("|")) {
            return;
        }
        char end = last.charAt(last.length() - 1);
        if (SENTENCE_ENDS.indexOf(end) < 0) {
            problems.add(Problem.warning(file, markerLine, 1,
                    "body ends mid-sentence before the end marker: '…" + tail(last) + "'"));
        }
    }

    /** The last line of {@code text} that is not blank, stripped; empty when there is none. */
    private static String lastNonBlankLine(String text) {
        int end = text.length();
        while (end > 0) {
            int start = text.lastIndexOf('\n', end - 1) + 1;
            String line = text.substring(start, end).strip();
            if (!line.isEmpty()) {
                return line;
            }
            end = start - 1;
        }
        return "";
    }

    private static String tail(String line) {
        int count = line.codePointCount(0, line.length());
        return count <= 20 ? line : line.substring(line.offsetByCodePoints(0, count - 20));
    }

    /** Expands a permalink pattern; dates are taken in the site's time zone, as Jekyll does. */
    private String expand(String pattern, String slug, OffsetDateTime published, List<Term> categories) {
        OffsetDateTime local = published.atZoneSameInstant(config.timezone()).toOffsetDateTime();
        String path = pattern
                .replace(":year", String.valueOf(local.getYear()))
                .replace(":month", twoDigits(local.getMonthValue()))
                .replace(":day", twoDigits(local.getDayOfMonth()))
                .replace(":hour", twoDigits(local.getHour()))
                .replace(":minute", twoDigits(local.getMinute()))
                .replace(":second", twoDigits(local.getSecond()))
                .replace(":categories", String.join("/", categories.stream().map(Term::slug).toList()))
                .replace(":slug", slug)
                .replace(":title", slug);
        return REPEATED_SLASHES.matcher(path).replaceAll("/");
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : String.valueOf(value);
    }

    /** An absolute URL for a site path or URL: http(s) URLs stay, everything else is under base_url. */
    private String absolute(String pathOrUrl) {
        String lower = pathOrUrl.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return pathOrUrl;
        }
        String relative = pathOrUrl.startsWith("/") ? pathOrUrl.substring(1) : pathOrUrl;
        return config.baseUrl().resolve(URI.create(UrlPaths.encodePath(relative))).normalize().toString();
    }

    /**
     * RFC 4151 tag URI, {@code tag:example.org,2025-10-03:posts/slug}: built from the host, the day the
     * post was published and its path, so editing title, body, tags or categories never changes it.
     */
    private String tagUri(String file, String slug, OffsetDateTime published) {
        int slash = file.lastIndexOf('/');
        String folder = slash > 0 ? file.substring(0, slash + 1) : "";
        return "tag:" + config.idAuthority() + "," + TAG_DATE.format(published) + ":"
                + UrlPaths.encodePath(folder + slug);
    }
}
