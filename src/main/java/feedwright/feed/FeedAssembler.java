package feedwright.feed;

import feedwright.Version;
import feedwright.config.ContentMode;
import feedwright.config.SiteConfig;
import feedwright.post.Post;
import feedwright.post.Term;
import feedwright.render.RenderedPost;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a {@link PlannedFeed} into the format-neutral {@link Feed} model: titles, absolute URLs,
 * entries with their rendered content. Pure: no clock, no I/O, so equal input gives equal feeds.
 * Thread-safe.
 */
public final class FeedAssembler {

    public static final String GENERATOR = "Feedwright";

    /**
     * Most categories and tags one entry lists: its categories first, then its tags, in the post's order.
     * A post appears in the feed of each of its terms, so if every entry listed all of them, one post with
     * n terms would write n feeds of n terms each; with this cap its cost grows with n. It matters only
     * when {@code max_terms_per_post} is raised above its default, which is the same number.
     */
    public static final int MAX_TERMS_PER_ENTRY = 100;

    private final SiteConfig config;
    private final Optional<PollingHint> polling;
    private final List<String> hubs;

    public FeedAssembler(SiteConfig config) {
        this.config = config;
        this.polling = PollingHint.ofMaxAge(config.server().maxAge());
        this.hubs = config.websub().advertised(config.site());
    }

    /**
     * What every feed showing a post takes from the post and its rendering, made once per rendering: the
     * summary, the content (empty when the site publishes summaries only) and the terms the entry lists,
     * spelt as the post spells them (which spelling a feed uses depends on every post: see
     * {@link Prepared#respelled}). Every feed's entry of the post holds these same objects, so the model
     * grows with the number of feeds, not with feeds times terms.
     */
    public Prepared prepare(Post post, RenderedPost rendered) {
        List<Entry.Category> categories = listed(post.categories(), FeedFamilies.CATEGORY, MAX_TERMS_PER_ENTRY);
        List<Entry.Category> tags = listed(post.tags(), FeedFamilies.TAG, MAX_TERMS_PER_ENTRY - categories.size());
        return new Prepared(rendered.summary(),
                config.feeds().content() == ContentMode.FULL ? EntryContent.of(rendered.html()) : EntryContent.NONE,
                categories, tags);
    }

    /** @param prepared what {@link #prepare} made of the rendering of each post of the plan */
    public Feed assemble(PlannedFeed planned, Function<Post, Prepared> prepared) {
        FeedSpec spec = planned.spec();
        List<Entry> entries = planned.posts().stream().map(post -> entry(post, prepared.apply(post))).toList();
        Optional<OffsetDateTime> updated = updated(planned);
        // An archive page asks nobody to poll it (settled ones are cached a year) and names no hub: readers
        // subscribe to the subscription document, whose pings tell them of new posts.
        boolean archive = planned.kind() == History.Kind.ARCHIVE;
        return new Feed(spec, title(spec), description(spec), config.site().language(), config.site().baseUrl().toString(),
                feedUrl(spec.folder()), config.site().author(), GENERATOR + " " + Version.NUMBER, updated, entries,
                archive ? Optional.empty() : polling, config.site().icon(), config.site().logo(),
                archive ? List.of() : hubs, history(planned));
    }

    /** What a list of feeds says of the planned document, known without rendering a post. */
    public FeedListing listing(PlannedFeed planned) {
        FeedSpec spec = planned.spec();
        return new FeedListing(spec, title(spec), feedUrl(spec.folder()), planned.posts().size(), updated(planned));
    }

    /** The newest update time of the planned posts: the feed's. */
    private static Optional<OffsetDateTime> updated(PlannedFeed planned) {
        return planned.posts().stream().map(Post::updated).max(Comparator.comparing(OffsetDateTime::toInstant));
    }

    /** The document's place in its feed's history: the folders of the pages it links to (RFC 5005). */
    private History history(PlannedFeed planned) {
        FeedSpec spec = planned.spec();
        int number = spec.page().number();
        return switch (planned.kind()) {
            case PLAIN -> History.NONE;
            case COMPLETE -> new History(History.Kind.COMPLETE, Optional.empty(), Optional.empty(), Optional.empty());
            case SUBSCRIPTION -> new History(History.Kind.SUBSCRIPTION, Optional.empty(),
                    pageFolder(spec, planned.archivePages()), Optional.empty());
            case ARCHIVE -> new History(History.Kind.ARCHIVE, Optional.of(feedUrl(pageOf(spec, Page.CURRENT).folder())),
                    pageFolder(spec, number - 1), number < planned.archivePages() ? pageFolder(spec, number + 1)
                            : Optional.empty());
        };
    }

    /** The folder URL of the feed's archive page {@code number}, or empty when there is none (0). */
    private Optional<String> pageFolder(FeedSpec spec, int number) {
        return number < 1 ? Optional.empty() : Optional.of(feedUrl(pageOf(spec, Page.archive(number)).folder()));
    }

    private static FeedSpec pageOf(FeedSpec spec, Page page) {
        return new FeedSpec(spec.family(), spec.term(), page);
    }

    /**
     * How the plan spells the terms that posts write in more than one way; {@link Prepared#respelled} makes
     * each entry write them so.
     */
    public TermSpellings spellings(List<PlannedFeed> plan) {
        return TermSpellings.of(plan, this);
    }

    /** Absolute URL of a path under the feed root, percent-encoded. */
    public String feedUrl(String path) {
        return config.site().feedUrl(path);
    }

    private String title(FeedSpec spec) {
        return spec.family().title().fill(config.site().title(), about(), termName(spec));
    }

    private String description(FeedSpec spec) {
        return spec.family().description().fill(config.site().title(), about(), termName(spec));
    }

    private String about() {
        return config.site().description().isEmpty() ? config.site().title() : config.site().description();
    }

    private static String termName(FeedSpec spec) {
        return spec.term().map(Term::name).orElse("");
    }

    private Entry entry(Post post, Prepared prepared) {
        return new Entry(post.id(), post.title(), post.link(), post.published(), post.updated(), post.author(),
                prepared.categories(), prepared.tags(), prepared.summary(), prepared.content(), post.image());
    }

    /**
     * A post and its rendering as feeds use them; see {@link #prepare}.
     *
     * @param categories the categories an entry lists, at most {@link #MAX_TERMS_PER_ENTRY}
     * @param tags       the tags an entry lists, at most {@link #MAX_TERMS_PER_ENTRY} with the categories
     */
    public record Prepared(String summary, EntryContent content, List<Entry.Category> categories,
                           List<Entry.Category> tags) {

        public Prepared {
            // copyOf of a copyOf is the same list: every Entry made from this shares it.
            categories = List.copyOf(categories);
            tags = List.copyOf(tags);
        }

        /** This post with each term spelt as its feed spells it; the same object when nothing changes. */
        public Prepared respelled(TermSpellings spellings) {
            List<Entry.Category> respelledCategories = spellings.respell(categories);
            List<Entry.Category> respelledTags = spellings.respell(tags);
            return respelledCategories == categories && respelledTags == tags ? this
                    : new Prepared(summary, content, respelledCategories, respelledTags);
        }
    }

    /** The first {@code most} terms, each with its family's folder (Atom's scheme) and its own feed folder. */
    private List<Entry.Category> listed(List<Term> terms, FeedFamily family, int most) {
        String scheme = feedUrl(family.folder());
        return terms.stream().limit(most)
                .map(t -> new Entry.Category(t.name(), scheme, feedUrl(FeedSpec.of(family, t).folder())))
                .toList();
    }
}
