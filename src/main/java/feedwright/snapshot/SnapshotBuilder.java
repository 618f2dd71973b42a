package feedwright.snapshot;

import feedwright.config.SiteConfig;
import feedwright.feed.Feed;
import feedwright.feed.FeedAliases;
import feedwright.feed.FeedAssembler;
import feedwright.feed.FeedFormat;
import feedwright.feed.FeedFormats;
import feedwright.feed.FeedListing;
import feedwright.feed.IncrementalPlanner;
import feedwright.feed.FeedSpec;
import feedwright.feed.IndexPage;
import feedwright.feed.OpmlWriter;
import feedwright.feed.PlannedFeed;
import feedwright.feed.PreviewPage;
import feedwright.feed.TermSpellings;
import feedwright.post.LoadedPosts;
import feedwright.post.Post;
import feedwright.post.PostFileChanged;
import feedwright.problem.Problem;
import feedwright.render.PostRenderer;
import feedwright.text.Digests;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Builds a {@link Snapshot} from loaded posts: plans the feeds, renders each needed post once (only
 * posts that appear in some feed are rendered, and a rendering is shared by every feed showing the
 * post), writes every feed in every format and its preview page, precomputes gzip and validators, and
 * decides the redirects of the old feed addresses ({@link FeedAliases}). Renderings are
 * remembered by post content, so a rebuild after an edit renders only what changed.
 *
 * <p>Thread-safe; meant to live as long as its configuration.
 */
public final class SnapshotBuilder {

    public static final String OPML_TYPE = "text/x-opml; charset=utf-8";
    public static final String HTML_TYPE = "text/html; charset=utf-8";
    /**
     * How many renderings of posts are kept for documents made on demand (archive pages, documents a former run
     * made): a few pages' worth, which the three formats of a page share when made one after another (a build
     * makes them in path order, a crawler asks for a page in one format, then the next page). Few, because at
     * 50,000 posts the posts alone fill most of a 1 GiB heap.
     */
    private static final int RECENT_RENDERINGS = 256;
    /** How many bytes of archive pages are kept: some dozens of pages of 50 long posts, in both encodings. */
    private static final long RECENT_BYTES = 32L * 1024 * 1024;

    private final SiteConfig config;
    private final FeedAssembler assembler;
    private final PostRenderer renderer = new PostRenderer();
    private final Map<String, FeedAssembler.Prepared> renderings = new ConcurrentHashMap<>();
    private final Map<FeedSpec, WrittenFeed> written = new ConcurrentHashMap<>();
    /** Posts only archive pages show that were rendered without fault, by {@link #renderKey}. */
    private final Set<String> renderable = ConcurrentHashMap.newKeySet();
    /** Renderings of posts only archive pages show, made lately. */
    private final RecentlyUsed<String, FeedAssembler.Prepared> recentRenderings =
            RecentlyUsed.counted(RECENT_RENDERINGS);
    /** The bytes of archive pages made lately. */
    private final RecentlyUsed<OnDemandBody, OnDemandBody.Made> recentBodies = OnDemandBody.Made.cache(RECENT_BYTES);
    private final AtomicReference<Representation> lastIndex = new AtomicReference<>();
    /** The newest update among the posts, which looks again only at posts an edit replaced. */
    private final NewestUpdate newestUpdate = new NewestUpdate();
    /** The last build's listing of each subscription document, by planned feed (by identity). */
    private volatile Map<PlannedFeed, FeedListing> lastListings = Map.of();
    /** The last build's index page and OPML lists, with what they were made from. */
    private volatile Pages lastPages;
    /** Each format's OPML lists (every feed, site-wide feeds), by file name. */
    private final Map<String, AtomicReference<Representation>> lastOpml = new ConcurrentHashMap<>();

    /** Plans the feeds, keeping the last plan when a reload changed nothing that decides it. */
    private final IncrementalPlanner planner;
    /** The last build's fingerprints: a feed planned as the same object, under the same spellings, has the same. */
    private volatile Fingerprints lastFingerprints = new Fingerprints("", Map.of());

    private final boolean precompress;
    private final FeedLinks links;
    /**
     * What a former run made of each feed document, opened when first needed (a pipeline replaced before its
     * first build never reads it): documents whose inputs are the same are not made again.
     */
    private final Supplier<FeedCache> openEarlier;
    private volatile FeedCache earlier;

    /** @param precompress also make the gzip form of everything (needed to serve; optional for a build) */
    public SnapshotBuilder(SiteConfig config, boolean precompress) {
        this(config, precompress, FeedCache::off);
    }

    /** @param earlier opens what a former run made of each feed document ({@link FeedCache}) */
    SnapshotBuilder(SiteConfig config, boolean precompress, Supplier<FeedCache> earlier) {
        this.config = config;
        this.planner = new IncrementalPlanner(config.feeds().limit(), config.feeds().archives());
        this.precompress = precompress;
        this.assembler = new FeedAssembler(config);
        this.links = FeedLinks.of(config);
        this.openEarlier = earlier;
    }

    private FeedCache earlier() {
        FeedCache opened = earlier;
        if (opened == null) {
            synchronized (this) {
                if (earlier == null) {
                    earlier = openEarlier.get();
                }
                opened = earlier;
            }
        }
        return opened;
    }

    /** @param startedAt when this build started, recorded in the snapshot (never written into a feed) */
    public Snapshot build(LoadedPosts loaded, Instant startedAt) {
        return build(loaded, startedAt, false);
    }

    /**
     * As {@link #build(LoadedPosts, Instant)}; with {@code writeWhenAsked}, for a server's start, a subscription
     * document that no former run made is not written now either: it is made when its bytes, its ETag or its
     * Last-Modified are first asked for, its validators learnt then ({@link Representation#heldOnceMade}), so that
     * the server answers before it has written every document (writing them was a fifth of a cold start at 10,000
     * posts). Its posts are rendered now all the same: a post that cannot be rendered must be left out of every
     * feed's plan before any is made.
     */
    Snapshot build(LoadedPosts loaded, Instant startedAt, boolean writeWhenAsked) {
        long start = System.nanoTime();
        List<Post> posts = loaded.posts();
        // By identity: a post is one object in every feed that shows it, and a record's hashCode and
        // equals would walk all of its fields, body included, on every lookup.
        Map<Post, FeedAssembler.Prepared> rendered = new IdentityHashMap<>();
        List<Problem> renderProblems = new ArrayList<>();
        List<LoadedPosts.Skipped> renderSkipped = new ArrayList<>();
        List<PlannedFeed> plan = planner.plan(posts);
        // Entries spell each term as its feed does, which depends on every post.
        TermSpellings spellings = assembler.spellings(plan);
        Map<PlannedFeed, String> fingerprints = fingerprints(plan, spellings);
        while (true) {
            // Subscription documents are made now and their posts' renderings kept, unless the document is made
            // of the same inputs as last time (this run's last build, or a former run's: then it is made only
            // when its bytes are asked for); a post only archive pages show is rendered once here to learn that
            // it can be (a post that cannot is left out, and the feeds planned again), and again whenever a
            // page showing it is made.
            Set<Post> needed = Collections.newSetFromMap(new IdentityHashMap<>());
            Set<Post> archived = Collections.newSetFromMap(new IdentityHashMap<>());
            for (PlannedFeed planned : plan) {
                if (planned.spec().page().isArchive()) {
                    archived.addAll(planned.posts());
                } else if (!isMadeAlready(planned, fingerprints.get(planned))) {
                    needed.addAll(planned.posts());
                }
            }
            needed.removeAll(rendered.keySet());
            archived.removeIf(post -> needed.contains(post) || rendered.containsKey(post)
                    || renderable.contains(renderKey(post)));
            List<Post> toRender = new ArrayList<>(needed);
            toRender.addAll(archived);
            List<Rendering> attempts = toRender.parallelStream()
                    .map(post -> archived.contains(post) ? renderArchived(post) : render(post)).toList();
            Set<Post> failed = Collections.newSetFromMap(new IdentityHashMap<>());
            for (int i = 0; i < toRender.size(); i++) {
                Post post = toRender.get(i);
                Rendering rendering = attempts.get(i);
                if (rendering.failure() != null) {
                    // Rare: a post the reader accepted and the renderer could not take. It is left out like
                    // a post with an error, and the feeds are planned again without it.
                    failed.add(post);
                    renderProblems.add(rendering.failure());
                    renderSkipped.add(new LoadedPosts.Skipped(post.file(), "could not be rendered"));
                } else if (!archived.contains(post)) {
                    rendered.put(post, rendering.prepared());
                }
            }
            if (failed.isEmpty()) {
                break;
            }
            posts = posts.stream().filter(post -> !failed.contains(post)).toList();
            plan = planner.plan(posts);
            spellings = assembler.spellings(plan);
            fingerprints = fingerprints(plan, spellings);
        }
        Set<String> live = rendered.keySet().stream().map(SnapshotBuilder::renderKey).collect(Collectors.toSet());
        renderings.keySet().retainAll(live);
        if (!renderable.isEmpty()) { // only with archives: not a key made for each of 10,000 posts on every reload
            Set<String> shown = posts.stream().map(SnapshotBuilder::renderKey).collect(Collectors.toSet());
            renderable.retainAll(shown);
        }
        // Applied per build, after the renderings (remembered across builds) are made.
        TermSpellings spelt = spellings;
        if (!spelt.isEmpty()) {
            rendered.replaceAll((post, prepared) -> prepared.respelled(spelt));
        }

        Map<PlannedFeed, String> fingerprinted = fingerprints;
        List<WrittenFeed> feeds = plan.parallelStream()
                .map(p -> write(p, fingerprinted.get(p), rendered, spelt, startedAt, writeWhenAsked)).toList();
        written.keySet().retainAll(plan.stream().map(PlannedFeed::spec).collect(Collectors.toSet()));
        Map<String, Representation> resources = new LinkedHashMap<>();
        feeds.forEach(feed -> resources.putAll(feed.representations()));

        Optional<Instant> newest = LastModified.ofEntries(newestUpdate.of(posts), startedAt);
        // The index page and the OPML lists name the documents readers subscribe to, never archive pages.
        List<FeedListing> models = listings(plan);
        Map<String, Representation> all = new LinkedHashMap<>(resources);
        all.putAll(pages(models, newest));
        FeedAliases.Planned aliases = FeedAliases.plan(config, posts, all.keySet(), assembler::feedUrl);
        List<Problem> found = new ArrayList<>(renderProblems);
        found.addAll(aliases.problems());
        return new Snapshot(all, posts.size(), models.size(),
                merged(loaded.problems(), found, Problem.ORDER),
                merged(loaded.skipped(), renderSkipped, Comparator.comparing(LoadedPosts.Skipped::file)),
                startedAt, Duration.ofNanos(System.nanoTime() - start), aliases.redirects());
    }

    /**
     * Lets go of what only a rebuild would reuse, the renderings: the next build renders everything again. What
     * each document was made of stays, for {@link #saveFeedCache}.
     */
    void forgetForRebuilds() {
        renderings.clear();
        renderable.clear();
    }

    /** What opening the feed cache found worth saying, one line each. */
    List<String> feedCacheNotes() {
        return earlier().notes();
    }

    /**
     * Writes what the last build made of each document into the feed cache, for the next run: each document
     * whose every file's validators are known (an archive page nobody made is not).
     *
     * @return why it could not be written, when it could not
     */
    Optional<String> saveFeedCache() {
        Map<String, FeedCache.Document> documents = new LinkedHashMap<>();
        written.forEach((spec, feed) -> {
            SortedMap<String, OnDemandBody.Known> files = new TreeMap<>();
            feed.representations().forEach((path, representation) ->
                    representation.known().ifPresent(known -> files.put(path, known)));
            if (files.size() == feed.representations().size()) {
                documents.put(spec.folder(), new FeedCache.Document(feed.fingerprint(), files));
            }
        });
        return earlier().save(documents);
    }

    /**
     * Each planned document's fingerprint ({@link #fingerprint}), by identity: the last build's for a feed planned
     * as the same object under the same spellings (its inputs are the same), else taken now.
     */
    private Map<PlannedFeed, String> fingerprints(List<PlannedFeed> plan, TermSpellings spellings) {
        Fingerprints last = lastFingerprints;
        Map<PlannedFeed, String> known = last.spellings().equals(spellings.key()) ? last.byFeed() : Map.of();
        Map<PlannedFeed, String> fingerprints = new IdentityHashMap<>();
        plan.parallelStream().map(planned -> {
            String fingerprint = known.get(planned);
            return Map.entry(planned, fingerprint != null ? fingerprint : fingerprint(planned, spellings));
        }).toList().forEach(entry -> fingerprints.put(entry.getKey(), entry.getValue()));
        lastFingerprints = new Fingerprints(spellings.key(), fingerprints);
        return fingerprints;
    }

    /** Fingerprints by planned feed (by identity), and the spellings' key they were taken under. */
    private record Fingerprints(String spellings, Map<PlannedFeed, String> byFeed) {
    }

    /**
     * Whether a subscription document of these inputs was made already: by the last build of this run, or by a
     * former run (the feed cache knows every one of its files).
     */
    private boolean isMadeAlready(PlannedFeed planned, String fingerprint) {
        WrittenFeed previous = written.get(planned.spec());
        return previous != null && previous.fingerprint().equals(fingerprint)
                || madeBefore(planned, fingerprint).isPresent();
    }

    /** A former run's record of the document made of these inputs, when it covers every file this run needs. */
    private Optional<FeedCache.Document> madeBefore(PlannedFeed planned, String fingerprint) {
        return earlier().find(planned.spec().folder(), fingerprint)
                .filter(document -> document.files().keySet().equals(paths(planned)));
    }

    /** The paths of a planned document's files: one per format, and the preview page of a subscription document. */
    private static Set<String> paths(PlannedFeed planned) {
        Set<String> paths = new TreeSet<>();
        FeedFormats.all().forEach(format -> paths.add("/" + planned.spec().path(format)));
        if (!planned.spec().page().isArchive()) {
            paths.add("/" + PreviewPage.path(planned.spec()));
        }
        return paths;
    }

    /**
     * Writes one feed in every format and its preview page, or reuses last build's bytes when the feed shows the same posts
     * (same content, same order) under the same name: an edit rewrites only the feeds it touches. A document a
     * former run made of the same inputs is made only when its bytes are asked for, its validators known now; so
     * is any other with {@code writeWhenAsked}, its validators learnt then.
     */
    private WrittenFeed write(PlannedFeed planned, String fingerprint, Map<Post, FeedAssembler.Prepared> rendered,
                              TermSpellings spellings, Instant startedAt, boolean writeWhenAsked) {
        WrittenFeed previous = written.get(planned.spec());
        if (previous != null && previous.fingerprint().equals(fingerprint)) {
            return previous;
        }
        Optional<FeedCache.Document> before = madeBefore(planned, fingerprint);
        WrittenFeed result;
        if (planned.spec().page().isArchive()) {
            result = new WrittenFeed(fingerprint, archivePage(planned, spellings, startedAt, before));
        } else if (before.isPresent() || writeWhenAsked) {
            result = new WrittenFeed(fingerprint, madeWhenAsked(planned, spellings, startedAt, before));
        } else {
            result = new WrittenFeed(fingerprint, madeNow(planned, rendered, startedAt));
        }
        written.put(planned.spec(), result);
        return result;
    }

    /** A subscription document in every format and its preview page, made now from the posts' renderings. */
    private Map<String, Representation> madeNow(PlannedFeed planned, Map<Post, FeedAssembler.Prepared> rendered,
                                                Instant startedAt) {
        Feed feed = assembler.assemble(planned, rendered::get);
        Map<String, Representation> representations = new LinkedHashMap<>();
        Optional<Instant> lastModified = lastModified(planned, startedAt);
        for (FeedFormat format : FeedFormats.all()) {
            String path = "/" + feed.spec().path(format);
            representations.put(path, Representation.of(format.contentType(), format.write(feed), lastModified,
                    precompress).withLinks(links.forResource(path, format.contentType())));
        }
        // The preview shows the same entries, so it changes with the feed and is as new as it. Archive pages
        // have none: a person follows the subscription document.
        representations.put("/" + PreviewPage.path(feed.spec()),
                Representation.of(HTML_TYPE, PreviewPage.write(feed, config.site().timezone()), lastModified,
                        precompress));
        return Map.copyOf(representations);
    }

    /**
     * A subscription document made when asked for: the same files as {@link #madeNow}, each made (its posts
     * rendered, unless this run holds their renderings) when its bytes are first asked for, its validators known
     * from a former run that made it of the same inputs ({@code before}), else learnt then.
     */
    private Map<String, Representation> madeWhenAsked(PlannedFeed planned, TermSpellings spellings,
                                                      Instant startedAt, Optional<FeedCache.Document> before) {
        Supplier<Feed> feed = () -> assembler.assemble(planned, post -> recentRendering(post, spellings));
        Map<String, Representation> representations = new LinkedHashMap<>();
        Optional<Instant> lastModified = lastModified(planned, startedAt);
        for (FeedFormat format : FeedFormats.all()) {
            String path = "/" + planned.spec().path(format);
            representations.put(path, Representation.heldOnceMade(format.contentType(),
                    () -> format.write(feed.get()), before.map(document -> document.files().get(path)), lastModified,
                    precompress)
                    .withLinks(links.forResource(path, format.contentType())));
        }
        String preview = "/" + PreviewPage.path(planned.spec());
        representations.put(preview, Representation.heldOnceMade(HTML_TYPE,
                () -> PreviewPage.write(feed.get(), config.site().timezone()),
                before.map(document -> document.files().get(preview)), lastModified, precompress));
        return Map.copyOf(representations);
    }

    /** A feed document's Last-Modified as built: its newest entry's update (or the build's time, with none). */
    private static Optional<Instant> lastModified(PlannedFeed planned, Instant startedAt) {
        return LastModified.ofEntries(planned.posts().stream()
                .map(post -> post.updated().toInstant()).max(Comparator.naturalOrder()), startedAt);
    }

    /**
     * An archive page in every format, made on demand ({@link Representation#onDemand}): together the pages
     * hold every post of every feed, far more than a heap holds at 50,000 posts. Its dates and links are
     * known from the plan; its bytes are made from the posts when first needed, and its validators too unless
     * a former run made the same page ({@code before}). A page that has a newer one after it holds a fixed set
     * of posts: caches keep it a year.
     */
    private Map<String, Representation> archivePage(PlannedFeed planned, TermSpellings spellings, Instant startedAt,
                                                    Optional<FeedCache.Document> before) {
        Optional<Instant> lastModified = lastModified(planned, startedAt);
        Map<String, Representation> representations = new LinkedHashMap<>();
        for (FeedFormat format : FeedFormats.all()) {
            String path = "/" + planned.spec().path(format);
            Representation page = Representation.onDemand(format.contentType(),
                    () -> format.write(assembler.assemble(planned, post -> recentRendering(post, spellings))),
                    lastModified, precompress, recentBodies, before.map(document -> document.files().get(path)));
            representations.put(path, planned.isSettled() ? page.asImmutable() : page);
        }
        return representations;
    }

    /**
     * A post's rendering for a document made when its bytes are asked for (an archive page, or a document a
     * former run made): a kept one, a recent one, or made now and kept a while, not for good. A build made
     * every such document after letting go of its renderings, which a 1 GiB heap needs at 50,000 posts.
     */
    private FeedAssembler.Prepared recentRendering(Post post, TermSpellings spellings) {
        String key = renderKey(post);
        FeedAssembler.Prepared prepared = renderings.get(key);
        if (prepared == null) {
            prepared = recentRenderings.get(key);
        }
        if (prepared == null) {
            prepared = prepare(post);
            recentRenderings.put(key, prepared);
        }
        return prepared.respelled(spellings);
    }

    /** {@link #render}, for a post only archive pages show: its rendering is kept a while, not for good. */
    private Rendering renderArchived(Post post) {
        Rendering rendering = contained(post, () -> prepare(post));
        if (rendering.failure() != null) {
            return rendering;
        }
        recentRenderings.put(renderKey(post), rendering.prepared());
        renderable.add(renderKey(post));
        // Not handed back: a build holds every post's attempt at once, and these are not to be held.
        return new Rendering(null, null);
    }

    /**
     * What the index page and the OPML lists say of each subscription document (never of an archive page), in plan
     * order: the last build's listing for a feed planned as the same object, which has the same posts.
     */
    private List<FeedListing> listings(List<PlannedFeed> plan) {
        Map<PlannedFeed, FeedListing> known = lastListings;
        Map<PlannedFeed, FeedListing> listed = new IdentityHashMap<>();
        List<FeedListing> models = new ArrayList<>();
        for (PlannedFeed planned : plan) {
            if (!planned.spec().page().isArchive()) {
                FeedListing listing = known.get(planned);
                listing = listing != null ? listing : assembler.listing(planned);
                listed.put(planned, listing);
                models.add(listing);
            }
        }
        lastListings = listed;
        return List.copyOf(models);
    }

    /**
     * The index page (at {@code /index.html} and {@code /}) and the OPML lists, in that order, listing
     * {@code models}, as new as {@code newest}: the last build's when both are the same, as after most edits (a
     * reload does not write them again only to find the same bytes).
     */
    private Map<String, Representation> pages(List<FeedListing> models, Optional<Instant> newest) {
        Pages last = lastPages;
        if (last != null && last.newest().equals(newest) && last.models().equals(models)) {
            return last.made();
        }
        Map<String, Representation> made = new LinkedHashMap<>();
        Representation index = page(lastIndex, HTML_TYPE,
                IndexPage.write(config.site().title(), config.site().baseUrl().toString(), config.site().language(), models), newest);
        made.put("/index.html", index);
        made.put("/", index);
        for (FeedFormat format : FeedFormats.all()) {
            String name = OpmlWriter.fileName(format);
            made.put("/" + name, page(lastOpml.computeIfAbsent(name, n -> new AtomicReference<>()), OPML_TYPE,
                    OpmlWriter.write(config.site().title(), config.site().baseUrl().toString(), models, format), newest));
            String siteName = OpmlWriter.siteFileName(format);
            made.put("/" + siteName, page(lastOpml.computeIfAbsent(siteName, n -> new AtomicReference<>()), OPML_TYPE,
                    OpmlWriter.writeSiteWide(config.site().title(), config.site().baseUrl().toString(), models, format),
                    newest));
        }
        Map<String, Representation> pages = Collections.unmodifiableMap(made);
        lastPages = new Pages(models, newest, pages);
        return pages;
    }

    /** The pages made for these listings and date. */
    private record Pages(List<FeedListing> models, Optional<Instant> newest, Map<String, Representation> made) {
    }

    /**
     * The index page or the OPML list: last build's representation when the bytes and date are the same
     * (they change only when a feed is added, removed or renamed), so a reload does not compress and hash
     * them again.
     */
    private Representation page(AtomicReference<Representation> last, String type, byte[] bytes,
                                Optional<Instant> lastModified) {
        Representation previous = last.get();
        if (previous != null && previous.lastModified().equals(lastModified)
                && previous.body(false).equals(ByteBuffer.wrap(bytes))) {
            return previous;
        }
        Representation fresh = Representation.of(type, bytes, lastModified, precompress);
        last.set(fresh);
        return fresh;
    }

    private static String fingerprint(PlannedFeed planned, TermSpellings spellings) {
        StringBuilder key = new StringBuilder(planned.posts().size() * 100);
        planned.spec().term().ifPresent(term -> key.append(term.name()).append('\n'));
        // Usually empty; when a term's spelling changes, every feed is written again (rare, and simple).
        key.append(spellings.key()).append('\n');
        key.append(planned.historyKey()).append('\n');
        // The file and id take part too: a renamed file with the same bytes is a different entry. So does
        // the update time, which is not always the file's: an update claimed for later waits for its time.
        planned.posts().forEach(post -> key.append(renderKey(post)).append('\0').append(post.file())
                .append('\0').append(post.id()).append('\0').append(post.updated()).append('\n'));
        // Kept for every feed document as long as the process runs: a digest of it, not the text (at 50,000
        // posts with archives the texts would hold some 150 MB).
        return Base64.getEncoder().encodeToString(Digests.sha256(key.toString()));
    }

    /**
     * The post rendered and prepared, or the problem when that threw: no exception from one post's
     * rendering may escape that post (it would fail the whole build, and every later reload).
     */
    private Rendering render(Post post) {
        return contained(post, () -> renderings.computeIfAbsent(renderKey(post), k -> prepare(post)));
    }

    /**
     * {@code rendering}'s result, or the problem when that threw; except when the post's file changed since it
     * was loaded and its body, read only now, is not the one loaded ({@link PostFileChanged}): that fails the
     * run, which would otherwise publish the feeds without a post that is fine.
     */
    private static Rendering contained(Post post, Supplier<FeedAssembler.Prepared> rendering) {
        try {
            return new Rendering(rendering.get(), null);
        } catch (PostFileChanged e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            return new Rendering(null, Problem.unexpected(post.file(), "rendered", e));
        }
    }

    /** What every feed needs of a post: its rendering, prepared once for all of them. */
    private FeedAssembler.Prepared prepare(Post post) {
        return assembler.prepare(post, renderer.render(post));
    }

    private static <T> List<T> merged(List<T> loaded, List<T> added, Comparator<? super T> order) {
        if (added.isEmpty()) {
            return loaded;
        }
        List<T> all = new ArrayList<>(loaded);
        all.addAll(added);
        all.sort(order);
        return all;
    }

    private static String renderKey(Post post) {
        // The link takes part because relative URLs in the body are resolved against it. The terms an
        // entry lists come from the same bytes, so they are remembered with the rendering.
        return post.contentHash() + '\0' + post.link();
    }

    /**
     * One post's rendering: what feeds need of it, or why it could not be made ({@code failure}); neither for
     * a post only archive pages show, which was rendered without fault and is not kept.
     */
    private record Rendering(FeedAssembler.Prepared prepared, Problem failure) {
    }

    /**
     * A feed document as last written: what it was made from, and its bytes in every format with the preview
     * page of a subscription document.
     */
    private record WrittenFeed(String fingerprint, Map<String, Representation> representations) {
    }
}
