package feedwright.snapshot;

import feedwright.BuildIdentity;
import feedwright.config.SiteConfig;
import feedwright.post.CacheFile;
import feedwright.post.ConfigDigest;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What each feed document was when a former run made it, kept in the cache folder beside the post cache
 * ({@code feeds.cache}), so that a rebuild neither renders, writes nor hashes a document whose inputs did not
 * change: for each document (by folder) the fingerprint of everything it is made from ({@link SnapshotBuilder})
 * and, for each of its files (every format and the preview page), the ETag and lengths its bytes had.
 *
 * <p>The bytes are not kept: the output folder has them, and a server makes a document when first asked for
 * it ({@link Representation#heldOnceMade}). The file is valid for one build of Feedwright (its code and Java, which
 * decide every byte and the gzip form) and one configuration, the effective one (with a server's hubs);
 * a file of another build or configuration, or a damaged one, is never trusted ({@link CacheFile}). Making a
 * document whose record is wrong would be a bug: every test runs with the Java assertion that checks a making
 * against the ETag known before it ({@link OnDemandBody}).
 *
 * <p>Immutable once opened; thread-safe.
 */
final class FeedCache {

    /** The file in the cache folder, and its format: raised whenever what an entry holds changes. */
    static final CacheFile FILE = new CacheFile("feeds.cache", "feed cache", 1);

    private static final FeedCache OFF = new FeedCache(Optional.empty(), Optional.empty(), Map.of(), List.of());

    private final Optional<Path> folder;
    private final Optional<CacheFile.Key> key;
    private final Map<String, Document> stored;
    private final List<String> notes;

    /**
     * One document as made: the fingerprint of its inputs and each file's validators, by path.
     */
    record Document(String fingerprint, SortedMap<String, OnDemandBody.Known> files) {

        Document {
            Objects.requireNonNull(fingerprint, "fingerprint");
            files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        }
    }

    private FeedCache(Optional<Path> folder, Optional<CacheFile.Key> key, Map<String, Document> stored,
                      List<String> notes) {
        this.folder = folder;
        this.key = key;
        this.stored = stored;
        this.notes = List.copyOf(notes);
    }

    /** No cache: every document is made ({@code --no-cache}, and every rebuild within a run). */
    static FeedCache off() {
        return OFF;
    }

    /**
     * The cache in {@code folder} for documents made under {@code config}: what a former run of the same build
     * under the same configuration left there, or nothing. Never throws: a cache that cannot be read is a cache
     * that is not used. Only a damaged file is worth a warning; one of another build or configuration is what the
     * post cache's note already told of.
     */
    static FeedCache open(Path folder, SiteConfig config) {
        Optional<String> build = BuildIdentity.current();
        if (build.isEmpty()) {
            return OFF;
        }
        CacheFile.Key key;
        try {
            key = new CacheFile.Key(build.get(), ConfigDigest.of(config));
        } catch (ConfigDigest.Undescribable e) {
            return OFF;
        }
        Path file = folder.resolve(FILE.fileName());
        try {
            ByteBuffer payload = FILE.read(FILE.readBytes(file, key), key);
            return new FeedCache(Optional.of(folder), Optional.of(key), decode(payload), List.of());
        } catch (NoSuchFileException | CacheFile.Foreign e) {
            return new FeedCache(Optional.of(folder), Optional.of(key), Map.of(), List.of());
        } catch (CacheFile.Damaged | IOException | RuntimeException e) {
            return new FeedCache(Optional.of(folder), Optional.of(key), Map.of(), List.of("warning: feed cache "
                    + file + ": " + (e instanceof CacheFile.Damaged ? e.getMessage() : "cannot be read (" + e + ")")
                    + "; not used: every feed is made afresh"));
        }
    }

    /** What opening the cache found worth saying, one line each. */
    List<String> notes() {
        return notes;
    }

    /**
     * The validators of each file of the document in {@code folder} when it was made from inputs of
     * {@code fingerprint}; empty when none was stored, or for other inputs.
     */
    Optional<Document> find(String folder, String fingerprint) {
        Document document = stored.get(folder);
        return document != null && document.fingerprint().equals(fingerprint) ? Optional.of(document)
                : Optional.empty();
    }

    /**
     * Writes {@code documents} (by folder), replacing what the cache folder holds, unless it holds exactly these.
     *
     * @return why it could not be written, when it could not
     */
    Optional<String> save(Map<String, Document> documents) {
        if (folder.isEmpty() || key.isEmpty() || documents.equals(stored)) {
            return Optional.empty();
        }
        try {
            List<byte[]> entries = new TreeMap<>(documents).entrySet().stream()
                    .map(entry -> encode(entry.getKey(), entry.getValue())).toList();
            FILE.write(folder.get(), key.get(), entries);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("warning: feed cache " + folder.get().resolve(FILE.fileName()) + ": cannot be written ("
                    + e + "); the next run makes every feed afresh");
        }
    }

    private static byte[] encode(String folder, Document document) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            CacheFile.writeText(out, folder);
            CacheFile.writeText(out, document.fingerprint());
            out.writeInt(document.files().size());
            for (Map.Entry<String, OnDemandBody.Known> file : document.files().entrySet()) {
                CacheFile.writeText(out, file.getKey());
                CacheFile.writeText(out, file.getValue().etag());
                out.writeLong(file.getValue().length());
                out.writeLong(file.getValue().gzipLength());
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
    }

    private static Map<String, Document> decode(ByteBuffer payload) throws CacheFile.Damaged {
        ByteBuffer in = payload.duplicate();
        try {
            int count = CacheFile.entryCount(in);
            Map<String, Document> documents = new HashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                String folder = CacheFile.text(in);
                String fingerprint = CacheFile.text(in);
                int files = in.getInt();
                if (files < 0 || files > in.remaining()) {
                    throw new CacheFile.Damaged("damaged (a document of " + files + " files)");
                }
                SortedMap<String, OnDemandBody.Known> known = new TreeMap<>();
                for (int f = 0; f < files; f++) {
                    String path = CacheFile.text(in);
                    String etag = CacheFile.text(in);
                    long length = in.getLong();
                    long gzipLength = in.getLong();
                    if (length < 0 || gzipLength < -1) {
                        throw new CacheFile.Damaged("damaged (a file of " + length + " bytes)");
                    }
                    known.put(path, new OnDemandBody.Known(etag, length, gzipLength));
                }
                if (documents.put(folder, new Document(fingerprint, known)) != null) {
                    throw new CacheFile.Damaged("damaged (two entries for one document)");
                }
            }
            if (in.hasRemaining()) {
                throw new CacheFile.Damaged("damaged (" + in.remaining() + " bytes after the last entry)");
            }
            return documents;
        } catch (BufferUnderflowException e) {
            throw new CacheFile.Damaged("damaged (its entries end early)");
        }
    }
}
