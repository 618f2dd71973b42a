package feedwright.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import feedwright.feed.Redirect;
import feedwright.feed.Redirects;
import feedwright.text.HttpDates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What one build wrote into its output folder, kept there as {@value #FILE_NAME}: for every resource its
 * path, content type, strong ETag, Last-Modified, length, and whether a {@code .gz} twin was written beside
 * it (and its length). It is the only proof a later build has that a file is its own, so a build deletes
 * nothing a manifest does not list; with the lengths, a later build that would write the same bytes with the
 * same Last-Modified keeps a file whose size and modification time still say so, without reading it (see the
 * folder sink). Sorted by path and written with a fixed layout: the same build gives the same bytes.
 *
 * <p>It is also what a build publishes: the validators readers are to be told, decided once by the build and
 * carried forward from the manifest before it, so that every server of the folder ({@code serve --published})
 * and every copy of it answers the same ETag and Last-Modified. {@code serve --site} keeps its own in a state
 * file of the same layout.
 *
 * @param posts number of posts published, for {@code /healthz} of a server of the folder
 * @param feeds number of feeds (a feed counts once, whatever its formats)
 * <p>It also records the site's old feed addresses and where each redirects, so that a server of the folder
 * answers them as {@code serve --site} does, and a deploy knows which objects it stored as redirects. A
 * copy of a feed written at an old address ({@code alias_copies}) is a file like any other.
 *
 * @param files     by site path ({@code /tags/投資/rss.xml}: decoded, with a leading '/'), sorted
 * @param redirects by old path, sorted; absent from a manifest written before there were any, so read as none
 */
public record BuildManifest(int posts, int feeds, SortedMap<String, Written> files,
                            SortedMap<String, Redirect> redirects) {

    public static final String FILE_NAME = "feedwright-manifest.json";

    /**
     * The files a build is writing, listed before it writes the first one and removed after the manifest:
     * a killed build leaves it, and the next build treats what it lists as written (see the folder sink).
     */
    public static final String PENDING_FILE_NAME = "feedwright-manifest.pending.json";

    /** The layout's version; a manifest of another version is not trusted for deleting. */
    static final int VERSION = 1;

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * One written resource; {@code lastModified} is the HTTP date the server sends, when there is one;
     * {@code immutable} whether it is a settled archive page, which caches keep a year
     * ({@link Representation#immutable()}), so that {@code serve --published} answers it as {@code serve} does.
     *
     * @param length     the file's length in bytes; empty in a manifest written before lengths were recorded
     * @param gzipLength its {@code .gz} twin's, when {@code gzip}; empty otherwise or when not recorded
     */
    public record Written(String contentType, String etag, Optional<String> lastModified, boolean gzip,
                          boolean immutable, OptionalLong length, OptionalLong gzipLength) {

        public Written {
            if (!gzip && gzipLength.isPresent()) {
                throw new IllegalArgumentException("a gzip length without a .gz twin");
            }
        }

        /** A resource whose lengths are not known. */
        public Written(String contentType, String etag, Optional<String> lastModified, boolean gzip,
                       boolean immutable) {
            this(contentType, etag, lastModified, gzip, immutable, OptionalLong.empty(), OptionalLong.empty());
        }

        /** A resource that is not a settled archive page, its lengths not known. */
        public Written(String contentType, String etag, Optional<String> lastModified, boolean gzip) {
            this(contentType, etag, lastModified, gzip, false);
        }

        /**
         * Whether a build that writes {@code later} at the same path writes the file this records: the same
         * bytes (ETag, content type, and a recorded length) with the same Last-Modified. A manifest without
         * lengths (an earlier version's) never says so. Whether either has a {@code .gz} twin does not matter
         * to the file itself ({@link #sameGzipTwinAs}).
         */
        public boolean sameFileAs(Written later) {
            return contentType.equals(later.contentType) && etag.equals(later.etag)
                    && lastModified.isPresent() && lastModified.equals(later.lastModified)
                    && length.isPresent() && length.equals(later.length);
        }

        /** As {@link #sameFileAs}, for the {@code .gz} twin: both have one, of the same recorded length. */
        public boolean sameGzipTwinAs(Written later) {
            return sameFileAs(later) && gzip && later.gzip && gzipLength.isPresent()
                    && gzipLength.equals(later.gzipLength);
        }
    }

    public BuildManifest {
        files = new TreeMap<>(files);
        redirects = new TreeMap<>(redirects);
    }

    /** A manifest of files alone. */
    public BuildManifest(int posts, int feeds, SortedMap<String, Written> files) {
        this(posts, feeds, files, new TreeMap<>());
    }

    public static BuildManifest of(Snapshot snapshot, boolean gzip) {
        // In parallel: an archive page made on demand is made here to learn its ETag.
        SortedMap<String, Written> files = snapshot.files().entrySet().parallelStream().collect(Collectors.toMap(
                Map.Entry::getKey, file -> written(file.getValue(), gzip), (a, b) -> a, TreeMap::new));
        return new BuildManifest(snapshot.posts(), snapshot.feeds(), files, snapshot.redirects().byPath());
    }

    /**
     * What {@code serve} told readers: as {@link #of}, without the archive pages made on demand that were
     * never made ({@link Representation#wasMade()}), except as {@code toldBefore} (an earlier run) records
     * them. Making every page just to record it would make a start at 50,000 posts render and compress every
     * post's page in every feed; a page never told carries nothing forward, and its Last-Modified is its
     * newest entry's, as for any new path.
     */
    public static BuildManifest ofTold(Snapshot snapshot, Map<String, Validators> toldBefore) {
        SortedMap<String, Written> files = new TreeMap<>();
        snapshot.files().forEach((path, resource) -> {
            if (resource.wasMade()) {
                files.put(path, written(resource, false));
            } else if (toldBefore.containsKey(path)) {
                // What an earlier run told, which a later start must not contradict with an earlier date
                // (its length is not known without making the page, and nothing reads it from this record).
                Validators told = toldBefore.get(path);
                files.put(path, new Written(told.contentType(), told.etag(),
                        told.lastModified().map(HttpDates::format), false, resource.immutable()));
            }
        });
        return new BuildManifest(snapshot.posts(), snapshot.feeds(), files, snapshot.redirects().byPath());
    }

    /**
     * The redirects as a snapshot holds them: with copies when the build wrote the target's bytes at an old
     * address (then the manifest lists that path among its files).
     */
    public Redirects redirectsServed() {
        return redirects.isEmpty() ? Redirects.NONE
                : new Redirects(redirects, redirects.keySet().stream().anyMatch(files::containsKey));
    }

    /**
     * Every path a copy of the site holds an object at, for a store that keeps one per path: each file, and
     * each old address that can be a file (one without copies is stored as a redirect with no bytes).
     */
    public SortedSet<String> objectPaths() {
        SortedSet<String> paths = new TreeSet<>(files.keySet());
        redirects.keySet().stream().filter(BuildManifest::isFilePath).forEach(paths::add);
        return paths;
    }

    /** What a build writes for {@code resource}: its lengths too, which a representation knows without its bytes. */
    private static Written written(Representation resource, boolean gzip) {
        return new Written(resource.contentType(), resource.etag(), resource.lastModifiedHeader(), gzip,
                resource.immutable(), OptionalLong.of(resource.length(false)),
                gzip ? OptionalLong.of(resource.length(true)) : OptionalLong.empty());
    }

    /** Every file this manifest says was written, relative to the output folder: each path and its .gz twin. */
    public SortedSet<String> fileNames() {
        SortedSet<String> names = new TreeSet<>();
        files.forEach((path, written) -> {
            names.add(path.substring(1));
            if (written.gzip()) {
                names.add(path.substring(1) + ".gz");
            }
        });
        return names;
    }

    /** A manifest that lists nothing: what a folder without one is taken to hold. */
    public static final BuildManifest EMPTY = new BuildManifest(0, 0, new TreeMap<>());

    /**
     * What readers were told about each listed path, to be carried forward ({@link LastModified}); {@code "/"},
     * which no manifest lists, was told what {@code /index.html} was, since it is that file under a second name.
     */
    public Map<String, Validators> validators() {
        Map<String, Validators> validators = new HashMap<>();
        // Files share a few Last-Modified dates (those of the builds that changed them: 144 among 859 files of a
        // 10,000-post site), and parsing one was most of reading serve's state file at its start: each once.
        Map<String, Optional<Instant>> dates = new HashMap<>();
        files.forEach((path, written) -> validators.put(path, new Validators(written.contentType(), written.etag(),
                written.lastModified().flatMap(date -> dates.computeIfAbsent(date, HttpDates::parse)))));
        Validators index = validators.get("/index.html");
        if (index != null) {
            validators.put("/", index);
        }
        return validators;
    }

    /** This manifest with the entries (and redirects) of {@code later} added, theirs winning where both list a path. */
    public BuildManifest plus(BuildManifest later) {
        SortedMap<String, Written> union = new TreeMap<>(files);
        union.putAll(later.files);
        SortedMap<String, Redirect> redirected = new TreeMap<>(redirects);
        redirected.putAll(later.redirects);
        return new BuildManifest(later.posts, later.feeds, union, redirected);
    }

    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + files.size() * 200);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeNumberField("feedwrightManifest", VERSION);
            json.writeNumberField("posts", posts);
            json.writeNumberField("feeds", feeds);
            json.writeObjectFieldStart("files");
            for (Map.Entry<String, Written> file : files.entrySet()) {
                Written written = file.getValue();
                json.writeObjectFieldStart(file.getKey());
                json.writeStringField("contentType", written.contentType());
                json.writeStringField("etag", written.etag());
                if (written.lastModified().isPresent()) {
                    json.writeStringField("lastModified", written.lastModified().get());
                }
                if (written.length().isPresent()) {
                    json.writeNumberField("length", written.length().getAsLong());
                }
                json.writeBooleanField("gzip", written.gzip());
                if (written.gzipLength().isPresent()) {
                    json.writeNumberField("gzipLength", written.gzipLength().getAsLong());
                }
                if (written.immutable()) { // left out when false: a site without archives keeps its manifest's bytes
                    json.writeBooleanField("immutable", true);
                }
                json.writeEndObject();
            }
            json.writeEndObject();
            if (!redirects.isEmpty()) { // left out when empty: a site without aliases keeps its manifest's bytes
                json.writeObjectFieldStart("redirects");
                for (Map.Entry<String, Redirect> redirect : redirects.entrySet()) {
                    json.writeObjectFieldStart(redirect.getKey());
                    json.writeStringField("target", redirect.getValue().target());
                    json.writeStringField("location", redirect.getValue().location());
                    json.writeEndObject();
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON in memory cannot fail", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** A manifest that cannot be trusted: not JSON, another layout, or a path that is not a file's. */
    public static final class Invalid extends Exception {
        public Invalid(String reason) {
            super(reason);
        }
    }

    /**
     * The manifest in {@code file}, never read through a link: empty when there is none (or it went away
     * while being read, as a build replacing it can make it seem).
     *
     * @throws Invalid when {@code file} is something other than a regular file, or not a manifest
     */
    public static Optional<BuildManifest> read(Path file) throws IOException, Invalid {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new Invalid("not a regular file");
        }
        try {
            return Optional.of(parse(Files.readAllBytes(file)));
        } catch (NoSuchFileException goneMeanwhile) {
            return Optional.empty();
        }
    }

    public static BuildManifest parse(byte[] bytes) throws Invalid {
        try (JsonParser json = JSON.createParser(bytes)) {
            expect(json.nextToken() == JsonToken.START_OBJECT, "not a JSON object");
            Integer version = null;
            int posts = 0;
            int feeds = 0;
            SortedMap<String, Written> files = null;
            SortedMap<String, Redirect> redirects = new TreeMap<>();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("feedwrightManifest")) {
                    expect(value == JsonToken.VALUE_NUMBER_INT, "feedwrightManifest is not a number");
                    version = json.getIntValue();
                } else if (field.equals("posts") || field.equals("feeds")) {
                    expect(value == JsonToken.VALUE_NUMBER_INT && json.getIntValue() >= 0, field + " is not a count");
                    if (field.equals("posts")) {
                        posts = json.getIntValue();
                    } else {
                        feeds = json.getIntValue();
                    }
                } else if (field.equals("files")) {
                    expect(value == JsonToken.START_OBJECT, "files is not an object");
                    files = files(json);
                } else if (field.equals("redirects")) {
                    expect(value == JsonToken.START_OBJECT, "redirects is not an object");
                    redirects = redirects(json);
                } else {
                    json.skipChildren();
                }
            }
            expect(json.nextToken() == null, "text after the JSON object");
            expect(version != null && files != null, "not a Feedwright manifest (no feedwrightManifest or files)");
            expect(version == VERSION, "layout version " + version + ", this version reads " + VERSION);
            return new BuildManifest(posts, feeds, files, redirects);
        } catch (JsonProcessingException e) {
            throw new Invalid("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from memory cannot fail", e);
        }
    }

    private static SortedMap<String, Written> files(JsonParser json) throws IOException, Invalid {
        SortedMap<String, Written> files = new TreeMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String path = json.currentName();
            expect(isFilePath(path), "'" + path + "' is not a path of a file in the output folder");
            expect(json.nextToken() == JsonToken.START_OBJECT, path + ": not an object");
            String type = null;
            String etag = null;
            String lastModified = null;
            boolean gzip = false;
            boolean immutable = false;
            OptionalLong length = OptionalLong.empty();
            OptionalLong gzipLength = OptionalLong.empty();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "contentType" -> type = text(json, value, path, field);
                    case "etag" -> etag = text(json, value, path, field);
                    case "lastModified" -> lastModified = text(json, value, path, field);
                    case "length" -> length = OptionalLong.of(length(json, value, path, field));
                    case "gzipLength" -> gzipLength = OptionalLong.of(length(json, value, path, field));
                    case "gzip" -> {
                        expect(value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE, path + ": gzip is not true or false");
                        gzip = value == JsonToken.VALUE_TRUE;
                    }
                    case "immutable" -> {
                        expect(value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE,
                                path + ": immutable is not true or false");
                        immutable = value == JsonToken.VALUE_TRUE;
                    }
                    default -> json.skipChildren();
                }
            }
            expect(type != null && etag != null, path + ": no contentType or etag");
            expect(gzip || gzipLength.isEmpty(), path + ": gzipLength without gzip");
            files.put(path, new Written(type, etag, Optional.ofNullable(lastModified), gzip, immutable, length,
                    gzipLength));
        }
        return files;
    }

    private static SortedMap<String, Redirect> redirects(JsonParser json) throws IOException, Invalid {
        SortedMap<String, Redirect> redirects = new TreeMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String path = json.currentName();
            expect(path.startsWith("/") && path.indexOf('\0') < 0, "'" + path + "' is not a path of an old address");
            expect(json.nextToken() == JsonToken.START_OBJECT, path + ": not an object");
            String target = null;
            String location = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "target" -> target = text(json, value, path, field);
                    case "location" -> location = text(json, value, path, field);
                    default -> json.skipChildren();
                }
            }
            expect(target != null && target.startsWith("/") && location != null, path + ": no target or location");
            expect(location.chars().allMatch(c -> c > 0x20 && c < 0x7f), path + ": the location is not a URL as sent");
            redirects.put(path, new Redirect(target, location));
        }
        return redirects;
    }

    /** Lengths are optional: a manifest written before they were recorded has none, and reads as before. */
    private static long length(JsonParser json, JsonToken value, String path, String field) throws IOException, Invalid {
        expect(value == JsonToken.VALUE_NUMBER_INT && json.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                && json.getLongValue() >= 0, path + ": " + field + " is not a length");
        return json.getLongValue();
    }

    private static String text(JsonParser json, JsonToken value, String path, String field) throws IOException, Invalid {
        expect(value == JsonToken.VALUE_STRING, path + ": " + field + " is not a string");
        return json.getText();
    }

    /**
     * Whether {@code path} names a file inside the output folder as a snapshot path does: a leading '/',
     * no empty, {@code .} or {@code ..} segment, no NUL or backslash. Checked here so that a manifest
     * edited by hand cannot point a deletion anywhere else.
     */
    public static boolean isFilePath(String path) {
        if (!path.startsWith("/") || path.length() < 2 || path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0) {
            return false;
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static void expect(boolean condition, String reason) throws Invalid {
        if (!condition) {
            throw new Invalid(reason);
        }
    }
}
