package feedwright.feed;

import feedwright.Version;
import feedwright.config.ContentMode;
import feedwright.config.SiteConfig;
import feedwright.post.Post;
import feedwright.post.Term;
import feedwright.render.RenderedPost;
import feedwright.text.UrlPaths;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a {@link PlannedFeed} into the format-neutral {@link Feed} model: titles, absolute URLs,
 * entries with their rendered content. Pure: no clock, no I/O, so equal input gives equal feeds.
 * Thread-safe.
 */
public final class FeedAssembler {

    public static final String GENERATOR = "Feedwright";

    private final SiteConfig config;

    public FeedAssembler(SiteConfig config) {
        this.config = config;
    }

    /**
     * What every feed showing a post takes from its rendering, made once per rendering: the summary and
     * the content (empty when the site publishes summaries only).
     */
    public Prepared prepare(RenderedPost rendered) {
        return new Prepared(rendered.summary(),
                config.content() == ContentMode.FULL ? EntryContent.of(rendered.html()) : EntryContent.NONE);
    }

    /** @param prepared what {@link #prepare} made of the rendering of each post of the plan */
    public Feed assemble(PlannedFeed planned, Function<Post, Prepared> prepared) {
        FeedSpec spec = planned.spec();
        Map<FeedFormat, String> selfUrls = new EnumMap<>(FeedFormat.class);
        for (FeedFormat format : FeedFormat.values()) {
            selfUrls.put(format, feedUrl(spec.path(format)));
        }
        List<Entry> entries = planned.posts().stream().map(post -> entry(post, prepared.apply(post))).toList();
        Optional<OffsetDateTime> updated = planned.posts().stream()
                .map(Post::updated)
                .max(java.util.Comparator.comparing(OffsetDateTime::toInstant));
        return new Feed(spec, title(spec), description(spec), config.language(), config.baseUrl().toString(),
                selfUrls, config.author(), GENERATOR + " " + Version.NUMBER, updated, entries);
    }

    /** Absolute URL of a path under the feed root, percent-encoded. */
    public String feedUrl(String path) {
        return config.feedBaseUrl() + UrlPaths.encodePath(path);
    }

    private String title(FeedSpec spec) {
        return switch (spec.kind()) {
            case SITE -> config.title();
            case CATEGORY -> config.title() + " · Category: " + spec.term().orElseThrow().name();
            case TAG -> config.title() + " · Tag: " + spec.term().orElseThrow().name();
        };
    }

    private String description(FeedSpec spec) {
        String base = config.description().isEmpty() ? config.title() : config.description();
        return switch (spec.kind()) {
            case SITE -> base;
            case CATEGORY -> "Posts in the category " + spec.term().orElseThrow().name() + " — " + base;
            case TAG -> "Posts tagged " + spec.term().orElseThrow().name() + " — " + base;
        };
    }

    private Entry entry(Post post, Prepared prepared) {
        return new Entry(post.id(), post.title(), post.link(), post.published(), post.updated(), post.author(),
                categories(post.categories(), FeedKind.CATEGORY), categories(post.tags(), FeedKind.TAG),
                prepared.summary(), prepared.content(), post.image());
    }

    /** A post's rendering as feeds use it; see {@link #prepare}. */
    public record Prepared(String summary, EntryContent content) {
    }

    private List<Entry.Category> categories(List<Term> terms, FeedKind kind) {
        return terms.stream().map(t -> new Entry.Category(t.name(), feedUrl(kind.folder()))).toList();
    }
}
