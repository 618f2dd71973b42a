package feedwright.post;

import feedwright.config.IdScheme;
import feedwright.config.JekyllSite;
import feedwright.config.PermalinkPattern;
import feedwright.config.SiteConfig;
import feedwright.problem.Problem;
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
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
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

    /** The skip reason of a file whose reading threw ({@link #isUnexpectedFailure}). */
    static final String UNEXPECTED_FAILURE = "could not be read";

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
        return readDecoded(file, fileName, bytes, contentHash).result();
    }

    /** What {@link #read} gave, and the text it decoded the bytes to (empty when that threw). */
    record Decoded(PostResult result, String text) {
    }

    /**
     * As {@link #read(String, String, byte[], String)}, with the decoded text, in which the post cache finds
     * the body ({@link PostResultCodec#bodyAt}) instead of keeping a second copy of it.
     */
    Decoded readDecoded(String file, String fileName, byte[] bytes, String contentHash) {
        String text = "";
        try {
            SourceText source = SourceText.decode(file, bytes);
            text = source.text();
            return new Decoded(readPost(file, fileName, source, contentHash), text);
        } catch (RuntimeException | StackOverflowError e) {
            // Whatever one file does to this reader must stay that file's problem: the other posts still
            // publish, and a live reload still completes (and reports it) instead of failing every time.
            return new Decoded(PostResult.skipped(file, List.of(Problem.unexpected(file, "read", e)),
                    UNEXPECTED_FAILURE), text);
        }
    }

    /**
     * Whether {@code result} is what {@link #read} makes of something that threw where nothing should: that
     * may have been the run's doing (a stack too small, memory short), so the post cache never keeps it.
     */
    static boolean isUnexpectedFailure(PostResult result) {
        return result.post().isEmpty() && result.skipReason().filter(UNEXPECTED_FAILURE::equals).isPresent();
    }

    private PostResult readPost(String file, String fileName, SourceText source, String contentHash) {
        List<Problem> problems = new ArrayList<>();
        problems.addAll(source.problems());
        FrontMatter.Result split = FrontMatter.split(file, source.text());
        if (split.problem().isPresent()) {
            problems.add(split.problem().get());
            return PostResult.skipped(file, problems, "no usable front matter");
        }
        FrontMatter frontMatter = split.frontMatter().orElseThrow();
        YamlMap own;
        try {
            own = YamlParser.parseMapping(frontMatter.yaml(), file, frontMatter.yamlLineIndex(),
                    (int) Math.min(Integer.MAX_VALUE, config.posts().maxPostBytes()));
        } catch (YamlSyntaxException e) {
            problems.add(e.problem());
            return PostResult.skipped(file, problems, "front matter is not valid YAML");
        }
        Optional<JekyllSite> jekyll = config.jekyll();
        // What a Jekyll site's defaults: give this post stands in for each key it does not write, as in Jekyll
        // (a permalink set there for every post makes its URL, and the id jekyll-feed gave it); its categories
        // are joined to theirs, as Jekyll joins them.
        YamlMap yaml = jekyll.flatMap(site -> site.frontMatterDefaults(file))
                .map(defaults -> own.over(defaults, Set.of("categories"))).orElse(own);
        FieldReader fields = new FieldReader(yaml, file, problems);
        for (Map.Entry<String, YamlValue> duplicate : yaml.duplicateKeys().entrySet()) {
            fields.warning(duplicate.getValue(), duplicate.getKey() + ": written more than once; the last one is used");
        }
        if (fields.bool("published").map(published -> !published).orElse(false)) {
            return PostResult.skipped(file, problems, "published: false");
        }

        String slug = Slugs.ofPostFile(fileName);
        // Jekyll's post slug: the front matter's, else the file name's (without the dots that may end it); in
        // its URLs and jekyll-feed's ids.
        String jekyllSlug = jekyll.isPresent()
                ? fields.text("slug").map(String::strip).filter(s -> !s.isEmpty()).orElse(slug.replaceAll("\\.+$", ""))
                : slug;
        WholeBody whole = WholeBody.of(file, frontMatter.body(), frontMatter.bodyLine(), config.posts().body(),
                fields.map().get("title").filter(YamlValue::isScalar).map(YamlValue::text).orElse(""));
        String title = title(fields, file, slug, whole::leadLine);
        Optional<OffsetDateTime> published = date(fields, "date", jekyll.isPresent())
                .or(() -> yaml.get("date").isPresent() ? Optional.empty()
                        : PostDates.fromFileName(fileName, config.site().timezone()));
        if (published.isEmpty() && yaml.get("date").isEmpty()) {
            problems.add(Problem.error(file, 1, 1, "date: missing; add 'date: " + PostDates.EXPECTED
                    + "' or start the file name with YYYY-MM-DD-"));
        }
        Optional<OffsetDateTime> updated = date(fields, "updated", jekyll.isPresent())
                .or(() -> date(fields, "last_modified_at", jekyll.isPresent()));
        String author = author(fields, jekyll).orElse(config.site().author());
        List<String> categorySpellings = new ArrayList<>();
        List<String> tagSpellings = new ArrayList<>();
        List<Term> categories = terms(fields, TermKind.CATEGORY, "categories", List.of("categories", "category"),
                categorySpellings);
        // Jekyll reads a post's tags from `tag` when it has one, and from `tags` only when it has none (its
        // categories from both): with defaults giving every post `tags`, a post's own `tag` is its only one.
        boolean singularTagOnly = jekyll.isPresent()
                && yaml.get("tag").filter(value -> value.kind() != YamlValue.Kind.NULL).isPresent();
        List<Term> tags = terms(fields, TermKind.TAG, "tags", singularTagOnly ? List.of("tag") : List.of("tags", "tag"),
                tagSpellings);
        TermLimit.check(fields, config.feeds().maxTermsPerPost(), categories.size() + tags.size());
        String summary = summary(fields);
        // Only the post's own: Jekyll gives an id in front matter no meaning, and one from defaults would be
        // every post's.
        Optional<String> explicitId = own.get("id").isPresent() ? explicitId(fields) : Optional.empty();
        Optional<String> permalink = url(fields, "permalink");
        if (jekyll.isEmpty()) { // Jekyll's own placeholders are many; one it lacks stays as text, as in Jekyll
            permalink.filter(Permalinks::isSitePath).flatMap(PermalinkPattern::unknownPlaceholder).ifPresent(reason ->
                    fields.error(fields.map().get("permalink").orElseThrow(), "permalink: " + reason));
        }
        Optional<String> image = imageReference(fields);
        WholeBody.Result body = whole.publish(title);
        problems.addAll(body.problems());
        if (summary.isEmpty() && jekyll.isPresent()) {
            summary = JekyllExcerpt.before(body.markdown(),
                    fields.text("excerpt_separator").orElse(jekyll.get().excerptSeparator())).orElse("");
        }
        if (summary.isEmpty()) {
            // Published all the same, as jekyll-feed does: title and link alone are a valid entry in both
            // formats (an announcement, a link post), and leaving it out would hide a post its author wrote.
            problems.add(Problem.warning(file, 1, 1, body.markdown().isBlank()
                    ? "no body and no excerpt or description: the entry has only its title and link"
                    : "no excerpt or description; the summary is taken from the body's first paragraph"));
        }

        if (problems.stream().anyMatch(Problem::isError) || published.isEmpty()) {
            return PostResult.skipped(file, problems, "errors in the post");
        }
        OffsetDateTime publishedAt = published.get();
        OffsetDateTime updatedAt = updated.filter(u -> !u.isBefore(publishedAt)).orElse(publishedAt);
        String pattern = permalink.orElse(config.site().permalink());
        String link = jekyll.isPresent() && Permalinks.isSitePath(pattern)
                ? JekyllUrls.link(config.site().baseUrl(), JekyllUrls.url(pattern, jekyllSlug, file, categorySpellings,
                        publishedAt.atZoneSameInstant(config.site().timezone()).toOffsetDateTime()))
                : link(pattern, slug, publishedAt, categories);
        IdScheme scheme = config.feeds().idScheme();
        if (explicitId.isPresent() && jekyll.isPresent() && scheme == IdScheme.JEKYLL_FEED) {
            // jekyll-feed never wrote a post's own id (jekyll-import puts WordPress post numbers there): the
            // subscribers have the id made from the URL, so that is the one that keeps their place.
            fields.info(fields.map().get("id").orElseThrow(), "id: not the entry id under id_scheme: jekyll-feed, "
                    + "which jekyll-feed never used either; the entry keeps the id its subscribers have seen");
            explicitId = Optional.empty();
        }
        String id = explicitId.map(written -> entryId(fields, written, publishedAt)).orElseGet(() -> switch (scheme) {
            case TAG -> tagUri(file, slug, publishedAt);
            case PERMALINK -> link;
            case JEKYLL_FEED -> JekyllUrls.feedId(config.site().baseUrl(), link, jekyllSlug);
        });
        String imageUrl = image.map(reference -> jekyll.isPresent() && Permalinks.isSitePath(reference)
                ? UrlPaths.underBase(config.site().baseUrl().toString(), reference, path -> path)
                : imageUrl(fields, reference, link)).orElse("");
        Post post = new Post(file, slug, id, title, publishedAt, updatedAt, author, categories, tags, summary,
                link, imageUrl, body.markdown(), contentHash, new Post.Spellings(categorySpellings, tagSpellings));
        return PostResult.published(post, problems);
    }

    /** @param leadLine the body's first line, which may hold the whole of a cut title (asked only then) */
    private static String title(FieldReader fields, String file, String fileSlug, Supplier<String> leadLine) {
        // A file name may hold any character but NUL and '/': as a title, it must still be one line of XML text.
        String slug = PlainText.oneLine(XmlChars.removeIllegal(fileSlug));
        Optional<String> written = fields.text("title").map(PlainText::oneLine).filter(t -> !t.isEmpty());
        if (written.isEmpty()) {
            Optional<YamlValue> value = fields.map().get("title");
            if (value.isEmpty()) {
                fields.problems().add(Problem.warning(file, 1, 1,
                        "title: missing; using the file name '" + fileSlug + "'"));
            } else if (value.get().isScalar()) {
                fields.warning(value.get(), "title: empty; using the file name '" + fileSlug + "'");
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
        Optional<CutTitle.Repair> repair = CutTitle.repair(title,
                () -> PlainText.oneLine(PlainText.of(leadLine.get())));
        if (repair.isPresent()) {
            fields.info(at, repair.get().note());
            title = repair.get().title();
        }
        return title.isEmpty() ? slug : title;
    }

    /**
     * @param jekyll whether Jekyll's reading applies: a time with seconds and no zone, written unquoted, is a
     *               YAML timestamp, which Ruby reads as UTC (and Jekyll then shows in the site's zone); quoted,
     *               or without seconds, Jekyll reads it in the site's zone, as Feedwright always does
     */
    private Optional<OffsetDateTime> date(FieldReader fields, String key, boolean jekyll) {
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
            boolean utc = jekyll && value.get().isTimestamp() && text.contains(":");
            return Optional.of(PostDates.parse(text, utc ? ZoneOffset.UTC : config.site().timezone()));
        } catch (PostDates.OutOfRange e) {
            fields.error(value.get(), key + ": '" + text + "' is out of range: " + e.getMessage());
            return Optional.empty();
        } catch (DateTimeException e) {
            fields.error(value.get(), key + ": '" + text + "' is not a date (" + reason(e) + ")");
            return Optional.empty();
        }
    }

    private static String reason(DateTimeException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return message.startsWith("expected") ? message : message + "; expected " + PostDates.EXPECTED;
    }

    /**
     * Jekyll's rules: under the plural key a list of terms, or one string of space-separated terms; under the
     * singular key one term, or a list. Spellings of one term (equal slugs) are one term, named as first
     * written; each further spelling is a warning at its place, since its feed is the first spelling's.
     *
     * @param keys      the keys read, in order: the plural and the singular, or only one of them
     * @param spellings receives every spelling as written, each once, in order
     */
    private static List<Term> terms(FieldReader fields, TermKind kind, String plural, List<String> keys,
                                    List<String> spellings) {
        Map<String, Term> bySlug = new LinkedHashMap<>();
        for (String key : keys) {
            Optional<YamlValue> value = fields.map().get(key);
            List<String> names = fields.textList(key).orElse(List.of());
            List<YamlValue> items = fields.textListItems(key);
            boolean oneString = key.equals(plural) && value.isPresent() && value.get().isScalar();
            for (int i = 0; i < names.size(); i++) {
                YamlValue at = items.get(i);
                String text = plainText(fields, value.orElseThrow(), key, names.get(i));
                for (String word : oneString ? WHITESPACE.split(text) : new String[] {text}) {
                    String clean = PlainText.oneLine(XmlChars.removeBidiControls(word));
                    if (!clean.isEmpty()) {
                        if (!spellings.contains(clean)) {
                            spellings.add(clean);
                        }
                        Term term = Term.of(clean);
                        Term first = bySlug.putIfAbsent(term.slug(), term);
                        if (first != null && !first.name().equals(term.name())) {
                            fields.warning(at, key + ": " + kind.mergedMessage(term.name(), first.name(), term.slug()));
                        }
                    }
                }
            }
        }
        return List.copyOf(bySlug.values());
    }

    /**
     * The post's author as plain text: a name, or (as jekyll-feed takes it, in every site) a mapping with
     * {@code name}, or the first of {@code authors}; in a Jekyll site a key of {@code _data/authors.yml}
     * stands for the name written there. Empty when the post names none.
     */
    private static Optional<String> author(FieldReader fields, Optional<JekyllSite> jekyll) {
        Optional<YamlValue> written = fields.map().get("author");
        Optional<String> name;
        if (written.isPresent() && written.get().kind() == YamlValue.Kind.MAP) {
            name = new FieldReader(written.get().asMap(), fields.file(), fields.problems(), "author.").text("name");
        } else if (written.isEmpty()) {
            name = fields.textList("authors").flatMap(list -> list.stream().findFirst());
        } else {
            name = fields.text("author");
        }
        return name.map(text -> jekyll.map(site -> site.authors().getOrDefault(text.strip(), text)).orElse(text))
                .map(text -> plainText(fields, fields.map().get("author").or(() -> fields.map().get("authors"))
                        .orElseThrow(), "author", PlainText.oneLine(text)))
                .filter(text -> !text.isEmpty());
    }

    /** {@code excerpt}, else {@code description}, as plain text (markup removed with a warning); else empty. */
    private static String summary(FieldReader fields) {
        for (String key : List.of("excerpt", "description")) {
            Optional<String> text = fields.text(key);
            if (text.isPresent()) {
                return plainText(fields, fields.map().get(key).orElseThrow(), key, text.get());
            }
        }
        return "";
    }

    /** {@link PlainText} of a field's value, with a warning when markup (not just an entity) was removed. */
    private static String plainText(FieldReader fields, YamlValue at, String key, String text) {
        String plain = PlainText.of(text);
        if (PlainText.removesMarkup(text, plain)) {
            fields.warning(at, key + ": removed HTML markup ('" + text.strip() + "'); it is shown as plain text");
        }
        return plain;
    }

    /**
     * The post's URL: an absolute http(s) permalink as written; otherwise a pattern (the post's own, as in
     * Jekyll, or the site's) expanded under base_url ({@link Permalinks}).
     */
    private String link(String permalink, String slug, OffsetDateTime published, List<Term> categories) {
        return Permalinks.isSitePath(permalink)
                ? Permalinks.underSite(config.site().baseUrl(), permalink, path -> expand(path, slug, published, categories))
                : absolute(permalink);
    }

    /** Expands a permalink pattern; dates are taken in the site's time zone, as Jekyll does. */
    private String expand(String pattern, String slug, OffsetDateTime published, List<Term> categories) {
        OffsetDateTime local = published.atZoneSameInstant(config.site().timezone()).toOffsetDateTime();
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

    /**
     * A field holding a site path or an absolute URL, checked: an http(s) URL stays as written when it is
     * a valid URI, or is percent-encoded where it cannot be one as written (a space, a '%' that starts no
     * escape: what the author evidently meant); anything else is a site path, returned as written. Empty
     * when absent or when no URL can be made of it (reported, located at the value).
     */
    private Optional<String> url(FieldReader fields, String key) {
        return fields.text(key).map(String::strip).flatMap(text -> {
            if (!UrlPaths.hasHttpScheme(text)) {
                return Optional.of(text); // a site path: placed under base_url by Permalinks
            }
            try {
                URI uri = UrlPaths.parseLeniently(text);
                if (uri.getHost() == null && !isInternationalized(uri.getRawAuthority())) {
                    throw new URISyntaxException(text, "no host name");
                }
                return Optional.of(uri.toString());
            } catch (URISyntaxException e) {
                fields.error(fields.map().get(key).orElseThrow(), key + ": '" + text + "' is not a URL ("
                        + e.getReason() + ")");
                return Optional.empty();
            }
        });
    }

    /**
     * Whether an authority java.net.URI could not read as a host is an internationalized domain name
     * ({@code 例え.jp}), which it leaves unparsed but which is a host all the same.
     */
    private static boolean isInternationalized(String authority) {
        return authority != null && authority.chars().anyMatch(c -> c >= 0x80);
    }

    /**
     * The front matter's {@code image} as written, checked: an http(s) URL ({@link #url}), or a reference
     * without a scheme ({@code /images/a.png}, {@code a.png}) that {@link #imageUrl} resolves once the
     * post's URL is known. Any other scheme ({@code data:}, {@code javascript:}, {@code ftp:}) is left out
     * with a warning: the image is an extra, and the post is published without it rather than lost.
     */
    private Optional<String> imageReference(FieldReader fields) {
        Optional<YamlValue> written = fields.map().get("image");
        if (written.isPresent() && written.get().kind() == YamlValue.Kind.MAP) {
            // jekyll-feed's other form: image: {path: /a.png, ...}
            return imageReference(new FieldReader(written.get().asMap(), fields.file(), fields.problems(), "image."),
                    "path");
        }
        return imageReference(fields, "image");
    }

    private Optional<String> imageReference(FieldReader fields, String key) {
        return url(fields, key).filter(text -> {
            if (!Permalinks.isSitePath(text)) {
                return true;
            }
            String reason;
            try {
                if (UrlPaths.parseLeniently(text).getScheme() == null) {
                    return true;
                }
                reason = "only http and https URLs, or paths, are images";
            } catch (URISyntaxException e) {
                reason = e.getReason();
            }
            fields.warning(fields.map().get(key).orElseThrow(), fields.path(key) + ": '" + text + "' is not a URL or a path ("
                    + reason + "); published without an image");
            return false;
        });
    }

    /**
     * The image's absolute URL by the one rule for URLs in a post ({@link UrlPaths#resolveInPost}), as a body
     * image's. A path from the host's root that leaves a {@code base_url} with a path of its own is what a
     * Jekyll site (whose feed puts a front matter image under its base URL) means otherwise: warned about,
     * with the path that stays under it.
     */
    private String imageUrl(FieldReader fields, String reference, String postLink) {
        URI resolved = UrlPaths.resolveInPost(URI.create(postLink), reference).orElseThrow();
        // Slashes merged, as servers answer paths: a base_url of https://example.org// (a Jekyll url ending in '/')
        // has the host's root as its path, and "//…" would name another host.
        String basePath = UrlPaths.mergeSlashes(config.site().baseUrl().getRawPath());
        if (reference.startsWith("/") && !reference.startsWith("//") && !basePath.equals("/")
                && !UrlPaths.mergeSlashes(resolved.getRawPath()).startsWith(basePath)) {
            fields.warning(fields.map().get("image").orElseThrow(), "image: '" + reference + "' is "
                    + resolved.toASCIIString() + ", outside base_url " + config.site().baseUrl()
                    + " (a path in a post is resolved as a browser showing the post resolves it); write '"
                    + basePath + reference.substring(1) + "' for a file under base_url");
        }
        return resolved.toASCIIString();
    }

    /** An absolute URL for a permalink ({@link #url}): an http(s) URL stays, a path goes under base_url. */
    private String absolute(String pathOrUrl) {
        if (UrlPaths.hasHttpScheme(pathOrUrl)) {
            return pathOrUrl;
        }
        return Permalinks.underSite(config.site().baseUrl(), pathOrUrl, path -> path);
    }

    /** The front matter's {@code id}; a number (a WordPress import's post number) is its text, without a warning. */
    private static Optional<String> explicitId(FieldReader fields) {
        Optional<YamlValue> value = fields.map().get("id");
        if (value.isPresent() && value.get().kind() == YamlValue.Kind.NUMBER) {
            return Optional.of(value.get().text().strip());
        }
        return fields.text("id").map(String::strip);
    }

    /**
     * An explicit id as written when it is an absolute IRI, as atom:id must be (RFC 4287 §4.2.6); otherwise
     * (a WordPress post number such as {@code 12345}, a bare name) a tag URI that keeps it, made from the
     * host and publication day as generated ids are, so it stays the same from build to build.
     */
    private String entryId(FieldReader fields, String written, OffsetDateTime published) {
        if (isAbsoluteIri(written)) {
            return written;
        }
        String id = "tag:" + config.site().idAuthority() + "," + TAG_DATE.format(published) + ":"
                + UrlPaths.encodePath(written);
        fields.warning(fields.map().get("id").orElseThrow(), "id: '" + written + "' is not an absolute IRI (such as "
                + "tag:… or https://…), which an Atom id must be; using '" + id + "'");
        return id;
    }

    /** A scheme, then a non-empty rest, with no character an IRI forbids (spaces, controls, backslashes…). */
    private static boolean isAbsoluteIri(String text) {
        try {
            return new URI(text).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * RFC 4151 tag URI, {@code tag:example.org,2025-10-03:posts/slug}: built from the host, the day the
     * post was published and its path, so editing title, body, tags or categories never changes it.
     */
    private String tagUri(String file, String slug, OffsetDateTime published) {
        int slash = file.lastIndexOf('/');
        String folder = slash > 0 ? file.substring(0, slash + 1) : "";
        return "tag:" + config.site().idAuthority() + "," + TAG_DATE.format(published) + ":"
                + UrlPaths.encodePath(folder + slug);
    }
}
