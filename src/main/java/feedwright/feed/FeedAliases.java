package feedwright.feed;

import feedwright.config.AliasSettings;
import feedwright.config.ConfigLoader;
import feedwright.config.JekyllFeedLayout;
import feedwright.config.JekyllSite;
import feedwright.config.SiteConfig;
import feedwright.post.Post;
import feedwright.post.Term;
import feedwright.problem.Problem;
import feedwright.text.UrlPaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Decides the site's redirects from its old feed addresses: the {@code aliases} the configuration lists and,
 * with {@code jekyll_feed_aliases}, every address jekyll-feed published for the posts' categories and tags
 * (each to the Atom feed that took its place: jekyll-feed writes Atom only). Several spellings of one term
 * ({@code AI}, {@code ai}) had a jekyll-feed feed each and share one Feedwright feed, so all of theirs
 * redirect to it. A pure function of the configuration, the posts and the paths the site serves.
 *
 * <p>A term whose jekyll-feed address is not a plain path ({@code a/../b}) gets no redirect: no reader
 * could have subscribed to it. Every redirect ends at a path the site serves, in one step: an alias to another alias is followed to
 * the end. An alias of a path the site serves is dropped (the real path wins), as is one that ends nowhere
 * or goes round in a loop, each with a warning.
 */
public final class FeedAliases {


    /** jekyll-feed publishes Atom only, so its addresses go to the Atom feed. */
    private static final FeedFormat ATOM = FeedFormats.all().stream().filter(AtomWriter.class::isInstance)
            .findFirst().orElseThrow();

    private FeedAliases() {
    }

    /** The redirects decided and the warnings about the aliases left out. */
    public record Planned(Redirects redirects, List<Problem> problems) {
        public Planned {
            problems = List.copyOf(problems);
        }
    }

    /** An alias to check: where it comes from ({@code file}, line and column; 0 when no line says it). */
    private record Alias(String target, String file, int line, int column, String what) {
    }

    /**
     * @param posts   the published posts, whose categories' and tags' spellings jekyll-feed made feeds of
     * @param served  every path the site serves, decoded, with a leading '/'
     * @param feedUrl a path relative to the feed root made into its absolute URL ({@link FeedAssembler#feedUrl})
     */
    public static Planned plan(SiteConfig config, List<Post> posts, Set<String> served, UnaryOperator<String> feedUrl) {
        AliasSettings settings = config.aliases();
        if (settings.paths().isEmpty() && !settings.jekyllFeed()) {
            return new Planned(Redirects.NONE, List.of());
        }
        Map<String, Alias> aliases = new LinkedHashMap<>();
        if (settings.jekyllFeed()) {
            String file = config.jekyll().map(JekyllSite::configFile).orElse(ConfigLoader.CONFIG_FILE);
            jekyllFeedAddresses(config.jekyllFeedLayout(), posts).forEach((from, to) ->
                    aliases.put(from, new Alias(to, file, 0, 0, "jekyll-feed's address " + from)));
        }
        // Written ones win over those jekyll-feed's layout gives: the site's author said so.
        settings.written().forEach(alias -> aliases.put(alias.from(), new Alias(alias.to(), ConfigLoader.CONFIG_FILE,
                alias.line(), alias.column(), "aliases: " + alias.from())));

        List<Problem> problems = new ArrayList<>();
        aliases.entrySet().removeIf(alias -> {
            if (!served.contains(alias.getKey())) {
                return false;
            }
            if (!alias.getKey().equals(alias.getValue().target())) {
                problems.add(warning(alias.getValue(), "is a path the site serves itself, which wins; "
                        + "its redirect to " + alias.getValue().target() + " is dropped"));
            }
            return true;
        });
        SortedMap<String, Redirect> redirects = new TreeMap<>();
        aliases.forEach((from, alias) -> {
            Set<String> chain = new LinkedHashSet<>(List.of(from));
            String target = alias.target();
            while (!served.contains(target) && aliases.containsKey(target) && chain.add(target)) {
                target = aliases.get(target).target();
            }
            if (served.contains(target)) {
                redirects.put(from, new Redirect(target, feedUrl.apply(target.substring(1))));
            } else if (chain.contains(target)) {
                problems.add(warning(alias, "redirects in a loop (" + String.join(" → ", chain) + " → " + target
                        + "); dropped"));
            } else {
                problems.add(warning(alias, "redirects to " + target + ", which the site does not serve; dropped"));
            }
        });
        return new Planned(redirects.isEmpty() ? Redirects.NONE : new Redirects(redirects, settings.copies()),
                problems);
    }

    /**
     * Every address jekyll-feed published for these posts, to the path of the Atom feed that replaces it:
     * its site-wide feed, and the feed of each spelling of a category or tag it made one for.
     */
    static Map<String, String> jekyllFeedAddresses(JekyllFeedLayout layout, List<Post> posts) {
        Map<String, String> addresses = new TreeMap<>();
        // Keyed as requests are looked up, slashes merged: a path jekyll-feed was told with "//" is asked for so.
        addresses.put(UrlPaths.mergeSlashes(layout.path()), "/" + FeedSpec.SITE.path(ATOM));
        addTerms(addresses, posts, FeedFamilies.CATEGORY, post -> post.spellings().categories(), layout::categoryPath);
        addTerms(addresses, posts, FeedFamilies.TAG, post -> post.spellings().tags(), layout::tagPath);
        return addresses;
    }

    /**
     * @param written a post's spellings of the family's terms as its front matter writes them: jekyll-feed made
     *                a feed of each (one post tagged both {@code AI} and {@code ai} was in two)
     */
    private static void addTerms(Map<String, String> addresses, List<Post> posts, FeedFamily family,
                                 Function<Post, List<String>> written, Function<String, Optional<String>> jekyllPath) {
        Set<String> spellings = new TreeSet<>();
        posts.forEach(post -> spellings.addAll(written.apply(post)));
        spellings.forEach(spelling -> jekyllPath.apply(spelling).filter(FeedAliases::isPlainPath).ifPresent(path ->
                addresses.putIfAbsent(UrlPaths.mergeSlashes(path),
                        "/" + FeedSpec.of(family, Term.of(spelling)).path(ATOM))));
    }

    /**
     * Whether a path jekyll-feed made of a term is one a request can name and a file can have: no empty,
     * {@code .} or {@code ..} segment, no backslash and no control character (a category {@code a/../b} made
     * none a reader could have subscribed to).
     */
    private static boolean isPlainPath(String path) {
        return ("/" + UrlPaths.withinRoot(path)).equals(path) && !path.endsWith("/")
                && path.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == '\\');
    }

    private static Problem warning(Alias alias, String message) {
        return Problem.warning(alias.file(), alias.line(), alias.column(), alias.what() + " " + message);
    }
}
