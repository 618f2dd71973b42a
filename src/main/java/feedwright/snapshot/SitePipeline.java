package feedwright.snapshot;

import feedwright.config.ConfigException;
import feedwright.config.ConfigLoader;
import feedwright.config.LoadedConfig;
import feedwright.config.ServerSettings;
import feedwright.config.SiteConfig;
import feedwright.config.WebSubSettings;
import feedwright.post.LoadedPosts;
import feedwright.post.PostCache;
import feedwright.post.PostListing;
import feedwright.post.PostLoader;
import feedwright.problem.Problem;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The one path from a site folder to a snapshot, shared by {@code build}, {@code check} and
 * {@code serve}, so all three see the same posts, the same problems and the same bytes. It keeps the
 * loader's and builder's caches, so running it again after an edit re-reads and re-renders only what
 * changed. Thread-safe, but runs are meant to be sequential (one rebuild at a time).
 */
public final class SitePipeline {

    private final Path siteDir;
    private final SiteConfig config;
    private final PostLoader loader;
    private final SnapshotBuilder builder;
    private final boolean precompress;
    /** WebSub settings that hold whatever a reopened site.yml says: the hubs running are the ones named. */
    private final Optional<WebSubSettings> fixedWebSub;
    /**
     * The configuration as site.yml gave it, before the settings that hold ({@link #fixedWebSub}, and a reopened
     * pipeline's server settings): to tell what changed in the file.
     */
    private final SiteConfig asRead;
    /** What opening the post cache found worth saying. */
    private final List<String> loaderNotes;
    private final Optional<Path> cacheFolder;
    /** {@link LoadedConfig#fingerprint}: of the site.yml bytes {@code config} was read from. */
    private final String configFingerprint;
    /** What reading the configuration warned of (a value taken as text, a Jekyll value not used). */
    private final List<Problem> configWarnings;

    /**
     * @param cacheFolder       where the post cache is, and the feed cache the builder reads (under the
     *                          configuration in effect, hubs included); empty for none
     * @param configFingerprint the fingerprint of the site.yml bytes {@code config} was read from
     * @param configWarnings    what reading {@code config} warned of
     */
    private SitePipeline(Path siteDir, SiteConfig config, PostLoader loader, boolean precompress,
                         Optional<WebSubSettings> fixedWebSub, List<String> loaderNotes, Optional<Path> cacheFolder,
                         String configFingerprint, List<Problem> configWarnings) {
        this(siteDir, config, Optional.empty(), loader, precompress, fixedWebSub, loaderNotes, cacheFolder,
                configFingerprint, configWarnings);
    }

    /** @param heldServer server settings in place of {@code config}'s: a reopened pipeline's, those it started with */
    private SitePipeline(Path siteDir, SiteConfig config, Optional<ServerSettings> heldServer, PostLoader loader,
                         boolean precompress, Optional<WebSubSettings> fixedWebSub, List<String> loaderNotes,
                         Optional<Path> cacheFolder, String configFingerprint, List<Problem> configWarnings) {
        this.siteDir = siteDir;
        this.configFingerprint = configFingerprint;
        this.configWarnings = List.copyOf(configWarnings);
        this.asRead = config;
        SiteConfig held = heldServer.map(config::withServer).orElse(config);
        this.config = fixedWebSub.map(held::withWebSub).orElse(held);
        this.loader = loader;
        SiteConfig effective = this.config;
        this.builder = new SnapshotBuilder(this.config, precompress,
                () -> cacheFolder.map(folder -> FeedCache.open(folder, effective)).orElse(FeedCache.off()));
        this.loaderNotes = loaderNotes;
        this.precompress = precompress;
        this.fixedWebSub = fixedWebSub;
        this.cacheFolder = cacheFolder;
    }

    /** Reads the site's configuration, for serving (everything is also precompressed with gzip). */
    public static SitePipeline open(Path siteDir) throws ConfigException {
        return open(siteDir, true);
    }

    /**
     * Reads the site's configuration; fails when it is broken, before anything else is done.
     *
     * @param precompress whether snapshots carry the gzip form of every resource
     */
    public static SitePipeline open(Path siteDir, boolean precompress) throws ConfigException {
        return open(siteDir, precompress, Optional.empty());
    }

    /**
     * As {@link #open(Path, boolean)}, with the post cache kept in {@code cacheFolder} between runs (none when
     * empty): the first run reads only the posts that changed since the last ({@link PostCache}).
     */
    public static SitePipeline open(Path siteDir, boolean precompress, Optional<Path> cacheFolder)
            throws ConfigException {
        return open(siteDir, precompress, cacheFolder, false);
    }

    /**
     * As {@link #open(Path, boolean, Optional)}; {@code byLook} when a post file that has the size and time the
     * post cache recorded need not be opened ({@link PostCache#vouchedByLook}); a server then reads the bodies
     * right after its start ({@link #readBodies}).
     */
    public static SitePipeline open(Path siteDir, boolean precompress, Optional<Path> cacheFolder, boolean byLook)
            throws ConfigException {
        LoadedConfig loaded = ConfigLoader.read(siteDir);
        return open(siteDir, loaded.config(), precompress, cacheFolder, byLook, loaded.fingerprint(),
                loaded.warnings());
    }

    /**
     * As {@link #open(Path, boolean, Optional, boolean)}, under {@code loaded}, already read from the site (its
     * warnings told by the caller): for a command that reads the configuration before it opens the pipeline.
     */
    public static SitePipeline open(Path siteDir, LoadedConfig loaded, boolean precompress, Optional<Path> cacheFolder,
                                    boolean byLook) {
        return open(siteDir, loaded.config(), precompress, cacheFolder, byLook, loaded.fingerprint(), List.of());
    }

    private static SitePipeline open(Path siteDir, SiteConfig config, boolean precompress, Optional<Path> cacheFolder,
                                     boolean byLook, String configFingerprint, List<Problem> configWarnings) {
        PostCache cache = cacheFolder.map(folder -> PostCache.open(folder, config)).orElse(PostCache.off());
        if (byLook) {
            cache = cache.vouchedByLook();
        }
        return new SitePipeline(siteDir, config, new PostLoader(config, cache), precompress, Optional.empty(),
                cache.notes(), cache.folder(), configFingerprint, configWarnings);
    }

    /**
     * This pipeline, and every one {@link #reopen} makes of it, with {@code websub} in place of site.yml's:
     * the documents and Link fields name the hubs that run (serve starts its hub and pings once), and a
     * build names no built-in hub, which no static host runs.
     */
    public SitePipeline withWebSub(WebSubSettings websub) {
        return new SitePipeline(siteDir, asRead, heldServer(), loader, precompress, Optional.of(websub), loaderNotes,
                cacheFolder, configFingerprint, configWarnings);
    }

    /**
     * Reads the site's configuration again, for a pipeline that starts afresh under it but keeps the posts'
     * last good versions ({@link PostLoader#reopened}); fails when it is broken. The server settings stay those
     * this pipeline has: a server applies them (its port, headers, polite polling) only when it starts, and the
     * feeds' polling hints must keep saying what its Cache-Control says.
     */
    public SitePipeline reopen() throws ConfigException {
        LoadedConfig loaded = ConfigLoader.read(siteDir);
        SiteConfig changed = loaded.config();
        // Started afresh: the feed cache was made under the configuration this run started with.
        return new SitePipeline(siteDir, changed, Optional.of(config.server()), loader.reopened(changed), precompress,
                fixedWebSub, List.of(), Optional.empty(), loaded.fingerprint(), loaded.warnings());
    }

    /** The server settings held in place of site.yml's, when they differ from what it said. */
    private Optional<ServerSettings> heldServer() {
        return config.server().equals(asRead.server()) ? Optional.empty() : Optional.of(config.server());
    }

    /** What reading the configuration warned of; nothing when it was read elsewhere and handed in. */
    public List<Problem> configWarnings() {
        return configWarnings;
    }

    /**
     * The fingerprint of the site.yml bytes this pipeline's configuration was read from: a reload that finds the
     * file's ({@link ConfigLoader#fingerprint}) another reads the configuration again.
     */
    public String configFingerprint() {
        return configFingerprint;
    }

    public Path siteDir() {
        return siteDir;
    }

    /** The configuration in effect: site.yml's, with the settings that hold ({@link #withWebSub}, {@link #reopen}). */
    public SiteConfig config() {
        return config;
    }

    /** The configuration as site.yml gave it, before the settings that hold: to tell what changed in the file. */
    public SiteConfig configAsRead() {
        return asRead;
    }

    /**
     * What opening the post cache and the feed cache found worth saying, one line each ({@code note: …},
     * {@code warning: …}).
     */
    public List<String> cacheNotes() {
        return Stream.concat(loaderNotes.stream(), builder.feedCacheNotes().stream()).toList();
    }

    /**
     * Writes the posts read so far into the post cache ({@link PostLoader#saveCache}) and what the last build
     * made of each feed document into the feed cache, for the next run; done once, after the first run.
     *
     * @return what was done; empty when there is no cache
     */
    public Optional<PostCache.Saved> saveCache() {
        Optional<PostCache.Saved> saved = loader.saveCache();
        Optional<String> feedsProblem = builder.saveFeedCache();
        return saved.map(posts -> feedsProblem.map(posts::withWarning).orElse(posts));
    }

    /** Reads every post body the first load left in its file ({@link PostLoader#readBodies}). */
    public PostLoader.BodiesRead readBodies() {
        return loader.readBodies();
    }

    /** Loads every post and builds the snapshot; posts dated after {@code now} wait (unless configured). */
    public Run run(Instant now) {
        LoadedPosts loaded = load(now);
        return new Run(loaded, build(loaded, now));
    }

    /**
     * As {@link #run}, for a server's start: a subscription document no former run made is made when first asked
     * for, not before the server answers ({@link SnapshotBuilder#build(LoadedPosts, Instant, boolean)}).
     */
    public Run runForStart(Instant now) {
        LoadedPosts loaded = load(now);
        return new Run(loaded, builder.build(loaded, now, true));
    }

    /**
     * As {@link #run}, for a command that builds once (build, check, deploy): what the builder keeps for a
     * rebuild (renderings, each feed's model) is let go before the snapshot is written, which at 50,000 posts
     * with archives is what a 1 GiB heap needs to make and write every page.
     */
    public Run runOnce(Instant now) {
        return runOnce(PostListing.of(siteDir, config.posts()), now);
    }

    /**
     * As {@link #runOnce(Instant)}, loading the post files {@code listed} found, listed under this pipeline's
     * configuration: a build that compared their look with its record lists them once.
     */
    public Run runOnce(PostListing listed, Instant now) {
        if (!listed.isOf(siteDir, config.posts())) {
            throw new IllegalArgumentException("post files of another site, or listed under other settings");
        }
        LoadedPosts loaded = loader.load(listed, now);
        Run run = new Run(loaded, build(loaded, now));
        builder.forgetForRebuilds();
        return run;
    }

    /** The first half of {@link #run}: reads the posts (only those changed since the last load). */
    public LoadedPosts load(Instant now) {
        return loader.load(siteDir, now);
    }

    /** As {@link #load(Instant)}, when file events named the only files that may have changed. */
    public LoadedPosts load(Instant now, Set<Path> changed) {
        return loader.load(siteDir, now, Optional.of(changed));
    }

    /** The second half of {@link #run}: renders and writes what changed, reusing the rest. */
    public Snapshot build(LoadedPosts loaded, Instant now) {
        return builder.build(loaded, now);
    }

    /** The posts as loaded and the snapshot built from them. */
    public record Run(LoadedPosts loaded, Snapshot snapshot) {
    }
}
