package feedwright.post;

import feedwright.BuildIdentity;
import feedwright.config.SiteConfig;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What reading each post file gave, kept in a folder between runs, so that a build or a {@code serve} start
 * parses only the posts that changed since the last run. An entry is a post file's site-relative path and
 * content fingerprint ({@link feedwright.text.Digests#fingerprint}) with the {@link PostResult} that
 * {@link PostReader} made of them: what the reader returns before any rule of the clock is applied, so that a
 * post dated in the future or an update not yet due is judged afresh on every load ({@link PostLoader}).
 *
 * <p>The file is valid for one configuration and one build of Feedwright: its header names both
 * ({@link CacheFile}). A file made by another build or under another configuration, or one that is damaged,
 * truncated or not a cache at all, is never trusted: it is ignored, said so in {@link #notes}, and every post is
 * read afresh. A result taken from it is the record the reader would make, so the output is the same bytes
 * with or without it.
 *
 * <p>Thread-safe: the loader asks for entries from several threads at once.
 */
public final class PostCache {

    /** The cache folder when the command line names none, relative to the site folder. */
    public static final String DEFAULT_FOLDER = ".feedwright-cache";
    /** The file in the cache folder, and its format: raised whenever what an entry holds changes. */
    static final CacheFile FILE = new CacheFile("posts.cache", "post cache", 3);

    private static final PostCache OFF = new PostCache(Optional.empty(), Optional.empty(), Map.of(),
            ByteBuffer.allocate(0), List.of(), false);

    private final Optional<Path> folder;
    private final Optional<CacheFile.Key> key;
    private final Map<String, Slot> stored;
    private final ByteBuffer payload;
    private final List<String> notes;
    private final AtomicInteger reused = new AtomicInteger();
    private final boolean byLook;
    /** Whether an entry the index lists could not be read back: then the file is rewritten. */
    private final AtomicBoolean entryFailed = new AtomicBoolean();
    /** Whether a file changed behind the look an entry kept ({@link #distrust}): then no look vouches any more. */
    private final AtomicBoolean distrusted = new AtomicBoolean();

    /**
     * Where one stored result lies in the payload, the fingerprint of the bytes it was read from, and the size
     * and modification time (nanoseconds since the epoch; {@link #UNTRUSTED_TIME} when not to be trusted) the
     * file had.
     */
    private record Slot(String hash, long size, long modified, int offset, int length) {
    }

    /** A modification time that vouches for nothing: the file is read and its bytes compared. */
    static final long UNTRUSTED_TIME = -1;

    /**
     * A file changed less than this before it was read may change again without its time moving (a file system
     * that keeps whole seconds, two saves within one): its entry keeps no time to vouch for it.
     */
    static final Duration TOO_RECENT = Duration.ofSeconds(2);

    /**
     * One file's result, the fingerprint of the bytes it was read from, and where its body begins in the text
     * they decode to ({@link PostResultCodec#bodyAt}; -1 when not there); with the file's size and modification
     * time then, which vouch for the file in a later run as they do within one ({@link PostLoader}).
     */
    record Stored(String hash, PostResult result, int bodyAt, long size, FileTime modified) {
    }

    /** @param byLook whether a file's size and time vouch for it ({@link #findUnchanged}) */
    private PostCache(Optional<Path> folder, Optional<CacheFile.Key> key, Map<String, Slot> stored,
                      ByteBuffer payload, List<String> notes, boolean byLook) {
        this.byLook = byLook;
        this.folder = folder;
        this.key = key;
        this.stored = stored;
        this.payload = payload;
        this.notes = List.copyOf(notes);
    }

    /** No cache: every post is read afresh and nothing is kept ({@code --no-cache}). */
    public static PostCache off() {
        return OFF;
    }

    /**
     * The cache in {@code folder} for a site under {@code config}: what a former run of the same build of
     * Feedwright under the same configuration left there, or nothing (with a note saying why, unless there
     * simply was no cache yet). Never throws: a cache that cannot be read is a cache that is not used.
     */
    public static PostCache open(Path folder, SiteConfig config) {
        Optional<String> build = BuildIdentity.current();
        if (build.isEmpty()) {
            return new PostCache(Optional.empty(), Optional.empty(), Map.of(), ByteBuffer.allocate(0),
                    List.of("note: no post cache: the running Feedwright's code cannot be identified, and a cache"
                            + " made by other code must never be trusted"), false);
        }
        CacheFile.Key key;
        try {
            key = new CacheFile.Key(build.get(), ConfigDigest.of(config));
        } catch (ConfigDigest.Undescribable e) {
            return new PostCache(Optional.empty(), Optional.empty(), Map.of(), ByteBuffer.allocate(0),
                    List.of("note: no post cache: " + e.getMessage()), false);
        }
        Path file = folder.resolve(FILE.fileName());
        String note;
        try {
            ByteBuffer payload = FILE.read(FILE.readBytes(file, key), key);
            return new PostCache(Optional.of(folder), Optional.of(key), index(payload), payload, List.of(), false);
        } catch (NoSuchFileException first) {
            note = null; // the first run, or the cache was removed: nothing to say
        } catch (CacheFile.Foreign e) {
            note = "note: post cache " + file + ": " + e.getMessage() + "; every post is read afresh";
        } catch (CacheFile.Damaged | IOException | RuntimeException e) {
            note = "warning: post cache " + file + ": " + (e instanceof CacheFile.Damaged ? e.getMessage()
                    : "cannot be read (" + e + ")") + "; not used: every post is read afresh";
        }
        return new PostCache(Optional.of(folder), Optional.of(key), Map.of(), ByteBuffer.allocate(0),
                note == null ? List.of() : List.of(note), false);
    }

    /**
     * Each entry's file, fingerprint and place in the payload. A result is decoded only when asked for: on the
     * loader's threads, and never one of a file that changed.
     */
    private static Map<String, Slot> index(ByteBuffer payload) throws CacheFile.Damaged {
        ByteBuffer in = payload.duplicate();
        try {
            int count = CacheFile.entryCount(in);
            Map<String, Slot> index = new HashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                String file = CacheFile.text(in);
                String hash = CacheFile.text(in);
                long size = in.getLong();
                long modified = in.getLong();
                int length = in.getInt();
                if (length < 0 || length > in.remaining()) {
                    throw new CacheFile.Damaged("damaged (an entry of " + length + " bytes)");
                }
                if (index.put(file, new Slot(hash, size, modified, in.position(), length)) != null) {
                    throw new CacheFile.Damaged("damaged (two entries for one file)");
                }
                in.position(in.position() + length);
            }
            if (in.hasRemaining()) {
                throw new CacheFile.Damaged("damaged (" + in.remaining() + " bytes after the last entry)");
            }
            return index;
        } catch (BufferUnderflowException e) {
            throw new CacheFile.Damaged("damaged (its entries end early)");
        }
    }

    /**
     * This cache, where a file that still has the size and modification time it had when it was read need not be
     * opened ({@link #findUnchanged}). Its body is then read from the file when first needed, which fails
     * ({@link PostFileChanged}) if the file changed meanwhile: a run that reads the posts once (build, check,
     * deploy) fails then; a server reads every body right after its start ({@link PostLoader#readBodies}), before
     * a later change can take the version it loaded away.
     */
    public PostCache vouchedByLook() {
        return new PostCache(folder, key, stored, payload, notes, true);
    }

    /**
     * Drops the cache file: a file it vouched for by its size and time was found changed without them changing,
     * so no look recorded in it is to be trusted; this run reads every other file it still needs, and the next
     * run every post, afresh, and nothing is saved. A run that fails to drop it has nothing better to do than go
     * on (a build fails anyway).
     */
    void distrust() {
        distrusted.set(true);
        folder.ifPresent(place -> {
            try {
                Files.deleteIfExists(place.resolve(FILE.fileName()));
            } catch (IOException e) {
                // the run fails anyway (the caller's error says why); nothing more to report
            }
        });
    }

    /** Whether a file was found changed behind the look its entry kept ({@link #distrust}). */
    boolean distrusted() {
        return distrusted.get();
    }

    /** What opening the cache found worth saying: each line starts with {@code note:} or {@code warning:}. */
    public List<String> notes() {
        return notes;
    }

    /** The folder, when there is a cache; empty when it is off. */
    public Optional<Path> folder() {
        return folder;
    }

    /** How many results were taken from the cache rather than read afresh. */
    public int reused() {
        return reused.get();
    }

    /**
     * The result stored for {@code file} when it was read from bytes of fingerprint {@code hash}; empty when
     * there is none or it cannot be read back (then the file is read afresh, and the cache rewritten).
     *
     * @param source the text those bytes decode to, asked for when the body was stored as its place in it
     */
    Optional<Stored> find(String file, String hash, Supplier<String> source) {
        Slot slot = stored.get(file);
        if (slot == null || !slot.hash().equals(hash)) {
            return Optional.empty();
        }
        return read(file, slot, source);
    }

    /**
     * The result stored for {@code file} when it still has the size and modification time it had when it was
     * read, which vouch for its bytes as they do within a run: the file need not be opened. Empty when they
     * differ, or the entry keeps no time (the file had just changed when the cache was written), or the cache is
     * not {@link #vouchedByLook}, or no longer trusted ({@link #distrust}).
     *
     * @param source the text of the file, asked for when the body was stored as its place in it; it must read the
     *               file again and refuse bytes of another fingerprint than the stored one ({@link Stored#hash})
     */
    Optional<Stored> findUnchanged(String file, long size, FileTime modified, Function<String, String> source) {
        Slot slot = stored.get(file);
        if (!byLook || distrusted.get() || slot == null || slot.modified() == UNTRUSTED_TIME || slot.size() != size
                || slot.modified() != modified.to(TimeUnit.NANOSECONDS)) {
            return Optional.empty();
        }
        return read(file, slot, () -> source.apply(slot.hash()));
    }

    private Optional<Stored> read(String file, Slot slot, Supplier<String> source) {
        try {
            PostResultCodec.Placed read = PostResultCodec.read(payload.slice(slot.offset(), slot.length()), source);
            if (!read.result().file().equals(file)) {
                throw new PostResultCodec.Unreadable("the entry for one file holds another's result");
            }
            reused.incrementAndGet();
            return Optional.of(new Stored(slot.hash(), read.result(), read.bodyAt(), slot.size(),
                    FileTime.from(slot.modified(), TimeUnit.NANOSECONDS)));
        } catch (PostResultCodec.Unreadable | RuntimeException e) {
            entryFailed.set(true);
            return Optional.empty();
        }
    }

    /**
     * Writes {@code current} (each file's fingerprint and result), replacing what the folder holds, unless
     * that holds exactly these entries already. A result the reader made of an unexpected failure is left
     * out: it may depend on the run (memory, stack depth) rather than on the file.
     *
     * @param readSince when the run began reading the files: a file modified less than {@link #TOO_RECENT}
     *                  before it keeps no time to vouch for it
     * @return what was done; empty when there is no cache, or it was dropped ({@link #distrust})
     */
    Optional<Saved> save(Collection<Stored> current, Instant readSince) {
        if (folder.isEmpty() || key.isEmpty() || distrusted.get()) {
            return Optional.empty();
        }
        // In file order: the same entries make the same bytes, whichever order the loader's threads read them in.
        List<Stored> kept = current.stream().filter(entry -> !PostReader.isUnexpectedFailure(entry.result()))
                .sorted(Comparator.comparing(entry -> entry.result().file())).toList();
        boolean unchanged = !entryFailed.get() && kept.size() == stored.size() && kept.stream().allMatch(entry -> {
            Slot slot = stored.get(entry.result().file());
            // A time that now vouches where the stored one did not is not worth rewriting the file for.
            return slot != null && slot.hash().equals(entry.hash()) && slot.size() == entry.size()
                    && (slot.modified() == vouching(entry.modified(), readSince) || slot.modified() == UNTRUSTED_TIME);
        });
        if (unchanged) {
            return Optional.of(new Saved(folder.get(), reused(), kept.size(), false, List.of()));
        }
        try {
            List<List<ByteBuffer>> entries = kept.parallelStream()
                    .map(entry -> encode(entry, vouching(entry.modified(), readSince), storedResult(entry)))
                    .filter(Objects::nonNull).toList();
            FILE.writeInPieces(folder.get(), key.get(), entries);
            return Optional.of(new Saved(folder.get(), reused(), entries.size(), true, List.of()));
        } catch (IOException | RuntimeException e) {
            return Optional.of(new Saved(folder.get(), reused(), kept.size(), false, List.of("warning: post cache "
                    + folder.get().resolve(FILE.fileName()) + ": cannot be written (" + e
                    + "); the next run reads every post afresh")));
        }
    }

    /**
     * Writes {@code entries} as the cache for {@code key} into {@code folder}. An entry whose result cannot be
     * stored exactly is left out: that file is read afresh next time.
     */
    static void write(Path folder, CacheFile.Key key, List<Stored> entries, Instant now) throws IOException {
        FILE.writeInPieces(folder, key, entries.parallelStream()
                .map(entry -> encode(entry, vouching(entry.modified(), now), Optional.empty()))
                .filter(Objects::nonNull).toList());
    }

    /**
     * The bytes this cache holds of {@code entry}'s result, when it holds a result read from the same bytes: the
     * reader makes the same result of them (under the same configuration, which the key names), so the bytes
     * are written again rather than made again, which is most of rewriting the file after one post changed.
     */
    private Optional<ByteBuffer> storedResult(Stored entry) {
        Slot slot = stored.get(entry.result().file());
        if (slot == null || !slot.hash().equals(entry.hash()) || entryFailed.get()) {
            return Optional.empty(); // none, or of other bytes, or perhaps an entry that could not be read back
        }
        return Optional.of(payload.slice(slot.offset(), slot.length()));
    }

    /** The time an entry keeps for a file modified at {@code modified}, read at {@code now} or later. */
    private static long vouching(FileTime modified, Instant now) {
        return modified.toInstant().isAfter(now.minus(TOO_RECENT)) ? UNTRUSTED_TIME
                : modified.to(TimeUnit.NANOSECONDS);
    }

    /**
     * One entry's bytes (file, fingerprint, length, result) in two pieces, the head and the result, or null when
     * the result cannot be stored exactly.
     *
     * @param stored the result's bytes as this cache holds them, when it holds them ({@link #storedResult})
     */
    private static List<ByteBuffer> encode(Stored entry, long modified, Optional<ByteBuffer> stored) {
        try {
            ByteBuffer result;
            if (stored.isPresent()) {
                result = stored.get();
            } else {
                ByteArrayOutputStream made = new ByteArrayOutputStream(1024);
                PostResultCodec.write(new DataOutputStream(made), entry.result(), entry.bodyAt());
                result = ByteBuffer.wrap(made.toByteArray());
            }
            ByteArrayOutputStream head = new ByteArrayOutputStream(128);
            DataOutputStream out = new DataOutputStream(head);
            PostResultCodec.writeString(out, entry.result().file());
            PostResultCodec.writeString(out, entry.hash());
            out.writeLong(entry.size());
            out.writeLong(modified);
            out.writeInt(result.remaining());
            return List.of(ByteBuffer.wrap(head.toByteArray()), result);
        } catch (PostResultCodec.NotStorable e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
    }


    /**
     * What a run did with the cache.
     *
     * @param folder  where it is
     * @param reused  how many post files' results came from it
     * @param entries how many it holds now
     * @param written whether the file was rewritten (it is not when it held exactly these entries)
     * @param warnings why it (or the feed cache beside it) could not be written, when it could not
     */
    public record Saved(Path folder, int reused, int entries, boolean written, List<String> warnings) {

        public Saved {
            warnings = List.copyOf(warnings);
        }

        /** The same, with {@code more} said too (a warning of the feed cache kept beside it). */
        public Saved withWarning(String more) {
            return new Saved(folder, reused, entries, written,
                    Stream.concat(warnings.stream(), Stream.of(more)).toList());
        }
    }
}
