package feedwright.cli;

import feedwright.BuildIdentity;
import feedwright.config.PostSettings;
import feedwright.config.SiteConfig;
import feedwright.post.CacheFile;
import feedwright.post.ConfigDigest;
import feedwright.post.LoadedPosts;
import feedwright.post.PostCache;
import feedwright.post.PostFolderLook;
import feedwright.post.PostListing;
import feedwright.post.PostResultCodec;
import feedwright.problem.Problem;
import feedwright.sink.FolderSink;
import feedwright.text.Digests;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the last {@code build} with a cache folder read and wrote, kept there ({@code build.record}), so that a
 * build with nothing changed since reads no post and writes no file: it says what running the build again
 * would say ({@link BuildReport}) and is done. This is the whole-build form of what the post cache does for one
 * post, and as trusting: the record is used only when everything a build's output depends on is as it was.
 * <ul>
 *   <li>the same build of Feedwright and the same configuration (the header of the {@link CacheFile});</li>
 *   <li>the same output folder, with or without {@code --gzip} as before;</li>
 *   <li>the same look of the post files ({@link PostFolderLook}: every file's path, size and modification
 *       time, taken before that build read a post, and the bytes of a file modified too recently for its time
 *       to vouch, read again); files it cannot vouch for get no record;</li>
 *   <li>no post due since: the clock has not reached the date of a post dated in the future, nor an update
 *       time not yet used ({@link LoadedPosts#nextScheduled}), nor gone back before that build's time;</li>
 *   <li>the output folder as that build left it ({@link FolderSink#writtenState});</li>
 *   <li>the post and feed caches as that build left them, byte for byte, with every post file kept in the post
 *       cache, so that the line about the post cache is the one a build would print.</li>
 * </ul>
 * A record that is damaged, foreign or of other inputs is simply not used; a build that runs removes it before
 * it writes anything, and writes a new one when it is done, unless what it did cannot be vouched for (a folder
 * problem, a cache that could not be saved). Immutable.
 */
final class BuildRecord {

    static final CacheFile FILE = new CacheFile("build.record", "build record", 2);

    private final Path cacheFolder;
    private final CacheFile.Key key;
    private final Path siteDir;
    private final PostSettings posts;
    private final Path outDir;
    private final boolean gzip;

    private BuildRecord(Path cacheFolder, CacheFile.Key key, Path siteDir, PostSettings posts, Path outDir,
                        boolean gzip) {
        this.cacheFolder = cacheFolder;
        this.key = key;
        this.siteDir = siteDir;
        this.posts = posts;
        this.outDir = outDir;
        this.gzip = gzip;
    }

    /**
     * The record of builds of {@code siteDir} under {@code config} into {@code outDir} kept in {@code cacheFolder};
     * empty with no cache folder, or when the running code or the configuration cannot be identified.
     */
    static Optional<BuildRecord> of(Optional<Path> cacheFolder, SiteConfig config, Path siteDir, Path outDir,
                                    boolean gzip) {
        Optional<String> build = BuildIdentity.current();
        if (cacheFolder.isEmpty() || build.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BuildRecord(cacheFolder.get(), new CacheFile.Key(build.get(),
                    ConfigDigest.of(config)), siteDir, config.posts(), outDir, gzip));
        } catch (ConfigDigest.Undescribable e) {
            return Optional.empty();
        }
    }

    /**
     * What the last build said, when nothing has changed since (see the class comment); empty otherwise. Its
     * post cache kept every post file read ({@link #save}), so the next build would reuse all of them.
     *
     * @param now    the build's time, against which posts dated in the future are judged
     * @param listed the post files of the record's site as they are now, listed under its configuration
     */
    Optional<BuildReport> unchanged(Instant now, PostListing listed) {
        if (!listed.isOf(siteDir, posts)) {
            throw new IllegalArgumentException("post files of another site, or listed under other settings");
        }
        Optional<Stored> stored = read();
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Stored last = stored.get();
        try {
            boolean same = last.target().equals(target())
                    && !now.isBefore(last.builtAt()) && last.validUntil().map(now::isBefore).orElse(true)
                    && Optional.of(last.inputs().fingerprint()).equals(PostFolderLook.of(listed,
                            last.inputs().byBytes(), Instant.now()).map(PostFolderLook.Look::fingerprint))
                    && Optional.of(last.written()).equals(FolderSink.writtenState(outDir, gzip))
                    && last.caches().equals(contentsOfCaches());
            return same ? Optional.of(last.report()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // the build that runs instead will say what is wrong
        }
    }

    /** Removes the record, before a build writes anything; a record that cannot be removed is left to its checks. */
    void forget() {
        try {
            Files.deleteIfExists(cacheFolder.resolve(FILE.fileName()));
        } catch (IOException e) {
            // It names the output folder as it is now: once the build changes it, the record no longer matches.
        }
    }

    /**
     * Records what a build that is done read and wrote, when it can be vouched for: the look of the post files
     * before they were read ({@link LoadedPosts#look}), every one of them kept in the post cache (a file that
     * could not be read, or whose result cannot be kept, is read again by the next build, which may find it
     * otherwise), no cache that could not be saved, and the output folder as a build left it. Never fails the
     * build: a record that cannot be written is one the next build does without.
     *
     * @param now the build's time, before which the record is not used (a clock set back)
     */
    void save(LoadedPosts loaded, PostCache.Saved cache, BuildReport report, Instant now) {
        try {
            Optional<String> written = FolderSink.writtenState(outDir, gzip);
            if (loaded.look().isEmpty() || cache.entries() != loaded.results().size() || !cache.warnings().isEmpty()
                    || written.isEmpty() || report.manifestProblem().isPresent()) {
                return;
            }
            Stored stored = new Stored(target(), loaded.look().get(), written.get(), contentsOfCaches(), now,
                    loaded.nextScheduled(), report.again());
            byte[] entry = encode(stored);
            if (decode(ByteBuffer.wrap(entry)).filter(stored::equals).isPresent()) {
                FILE.write(cacheFolder, key, List.of(entry));
            }
        } catch (IOException | PostResultCodec.NotStorable e) {
            // A text that would not read back the same, a cache file replaced while it was read, a folder that
            // cannot be written (the post cache beside it said so): the next build runs in full.
        }
    }

    /** The output folder and whether it gets {@code .gz} twins, the folder as a fingerprint of its path. */
    private String target() {
        String path = outDir.toAbsolutePath().normalize().toString();
        return Digests.fingerprint(path.getBytes(StandardCharsets.UTF_8)) + (gzip ? " gzip" : "");
    }

    /**
     * Every file in the cache folder but this record, by name, with a fingerprint of its bytes: the caches as the
     * recording build left them, read and checked then, so a cache damaged since (even one keeping its size and
     * time) is told by the build that runs instead.
     */
    private String contentsOfCaches() throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> listed = Files.list(cacheFolder)) {
            for (Path file : listed.toList()) {
                String name = file.getFileName().toString();
                if (!name.startsWith(FILE.fileName())) {
                    files.add(name.length() + ":" + name + " " + Digests.fingerprint(file));
                }
            }
        }
        files.sort(null);
        return String.join("\n", files);
    }

    /** One record as the file holds it. */
    private record Stored(String target, PostFolderLook.Look inputs, String written, String caches, Instant builtAt,
                          Optional<Instant> validUntil, BuildReport report) {
    }

    private Optional<Stored> read() {
        try {
            byte[] bytes = FILE.readBytes(cacheFolder.resolve(FILE.fileName()), key);
            ByteBuffer entries = FILE.read(bytes, key);
            if (CacheFile.entryCount(entries) != 1) {
                return Optional.empty();
            }
            return decode(entries);
        } catch (IOException | CacheFile.Foreign | CacheFile.Damaged e) {
            return Optional.empty(); // none, or not one to trust: the build runs
        }
    }

    private static byte[] encode(Stored stored) throws IOException, PostResultCodec.NotStorable {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (String text : List.of(stored.target(), stored.inputs().fingerprint(), stored.written(),
                stored.caches())) {
            CacheFile.writeText(out, text);
        }
        out.writeInt(stored.inputs().byBytes().size());
        for (String file : stored.inputs().byBytes()) {
            CacheFile.writeText(out, file);
        }
        out.writeLong(stored.builtAt().getEpochSecond());
        out.writeInt(stored.builtAt().getNano());
        out.writeBoolean(stored.validUntil().isPresent());
        if (stored.validUntil().isPresent()) {
            out.writeLong(stored.validUntil().get().getEpochSecond());
            out.writeInt(stored.validUntil().get().getNano());
        }
        BuildReport report = stored.report();
        out.writeInt(report.read().files());
        out.writeInt(report.read().published());
        out.writeInt(report.read().skipped().size());
        for (LoadedPosts.Skipped skipped : report.read().skipped()) {
            CacheFile.writeText(out, skipped.file());
            CacheFile.writeText(out, skipped.reason());
        }
        out.writeInt(report.feeds());
        out.writeInt(report.files());
        out.writeInt(report.redirects());
        out.writeBoolean(report.redirectCopies());
        PostResultCodec.writeProblems(out, report.problems());
        out.flush();
        return bytes.toByteArray();
    }

    /** The record in {@code in}: its report as a build that changes nothing says it ({@link BuildReport#again}). */
    private static Optional<Stored> decode(ByteBuffer in) {
        try {
            String target = CacheFile.text(in);
            String inputs = CacheFile.text(in);
            String written = CacheFile.text(in);
            String caches = CacheFile.text(in);
            int byBytesCount = CacheFile.entryCount(in);
            List<String> byBytes = new ArrayList<>(byBytesCount);
            for (int i = 0; i < byBytesCount; i++) {
                byBytes.add(CacheFile.text(in));
            }
            Instant builtAt = Instant.ofEpochSecond(in.getLong(), in.getInt());
            Optional<Instant> validUntil = in.get() != 0
                    ? Optional.of(Instant.ofEpochSecond(in.getLong(), in.getInt())) : Optional.empty();
            int files = in.getInt();
            int published = in.getInt();
            int skippedCount = CacheFile.entryCount(in);
            List<LoadedPosts.Skipped> skipped = new ArrayList<>(skippedCount);
            for (int i = 0; i < skippedCount; i++) {
                skipped.add(new LoadedPosts.Skipped(CacheFile.text(in), CacheFile.text(in)));
            }
            int feeds = in.getInt();
            int fileCount = in.getInt();
            int redirects = in.getInt();
            boolean copies = in.get() != 0;
            List<Problem> problems = PostResultCodec.readProblems(in);
            if (in.hasRemaining()) {
                return Optional.empty();
            }
            BuildReport report = new BuildReport(new PostsRead(files, published, skipped), feeds, fileCount, 0,
                    redirects, copies, 0, problems, Optional.empty()).again();
            return Optional.of(new Stored(target, new PostFolderLook.Look(inputs, new TreeSet<>(byBytes)), written,
                    caches, builtAt, validUntil, report));
        } catch (CacheFile.Damaged | PostResultCodec.Unreadable | BufferUnderflowException
                 | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
