package feedwright.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import feedwright.config.ConfigException;
import feedwright.config.ConfigLoader;
import feedwright.config.ContentMode;
import feedwright.config.IdScheme;
import feedwright.config.LoadedConfig;
import feedwright.config.SiteConfig;
import feedwright.problem.Problem;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Jekyll site read in place: _config.yml under site.yml, _posts/ as the posts, Jekyll's URLs and ids. */
class JekyllSiteTest {

    static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");

    @TempDir
    Path site;

    @BeforeEach
    void jekyllSite() throws IOException {
        write("_config.yml", """
                title: Jekyll Notes
                description: A blog built with Jekyll
                url: "https://example.org"
                baseurl: /blog
                author:
                  name: Site Author
                  email: site@example.org
                lang: ja
                timezone: Asia/Tokyo
                excerpt_separator: "<!--more-->"
                plugins:
                  - jekyll-feed
                feed:
                  posts_limit: 15
                  categories: [Markets]
                  tags:
                    except: [draft]
                exclude: [Gemfile]
                sass: {style: compressed}
                """);
        write("_data/authors.yml", """
                hana:
                  name: 山田 花子
                  twitter: hana
                """);
        write("_posts/2025-09-14-cooling.md", """
                ---
                title: Cooling
                date: 2025-09-14T08:30:00+09:00
                categories: [Technology, Markets]
                author: hana
                image:
                  path: /images/cooling.png
                ---
                The first part.

                Still the excerpt.
                <!--more-->
                The rest.
                """);
        write("_posts/2025-10-20-imported.md", """
                ---
                title: Imported
                date: 2025-10-20 07:45:00 +0000
                id: 12345
                slug: from-wordpress
                ---
                Body.
                """);
        write("_drafts/unfinished.md", "---\ntitle: Draft\n---\nNot yet.\n");
    }

    @Test
    void takesSiteYmlKeysFromConfigYmlWithJekyllFeedsDefaults() throws Exception {
        SiteConfig config = ConfigLoader.load(site);

        assertThat(config.site().title()).isEqualTo("Jekyll Notes");
        assertThat(config.site().description()).isEqualTo("A blog built with Jekyll");
        assertThat(config.site().baseUrl()).isEqualTo(URI.create("https://example.org/blog/"));
        assertThat(config.site().author()).isEqualTo("Site Author");
        assertThat(config.site().language()).isEqualTo("ja");
        assertThat(config.site().timezone().getId()).isEqualTo("Asia/Tokyo");
        assertThat(config.site().permalink()).isEqualTo("/:categories/:year/:month/:day/:title:output_ext");
        assertThat(config.feeds().limit()).isEqualTo(15);
        assertThat(config.feeds().idScheme()).isEqualTo(IdScheme.JEKYLL_FEED);
        assertThat(config.aliases().jekyllFeed()).isTrue();
        assertThat(config.posts().folder()).isEqualTo("_posts");
        assertThat(config.jekyllFeedLayout().categoryPath("Markets")).contains("/feed/Markets.xml");
        assertThat(config.jekyllFeedLayout().categoryPath("Technology")).isEmpty();
        assertThat(config.jekyllFeedLayout().tagPath("ai")).contains("/feed/by_tag/ai.xml");
        assertThat(config.jekyllFeedLayout().tagPath("draft")).isEmpty();
        assertThat(config.jekyllFeedLayout().tagPath("投資")).isEmpty(); // jekyll-feed: [a-zA-Z0-9_] only
    }

    @Test
    void siteYmlSaysOtherwiseWhereItWants() throws Exception {
        write("feeds-config/site.yml", "limit: 30\nid_scheme: tag\ncontent: summary\n");

        SiteConfig config = ConfigLoader.load(site);

        assertThat(config.feeds().limit()).isEqualTo(30);
        assertThat(config.feeds().idScheme()).isEqualTo(IdScheme.TAG);
        assertThat(config.feeds().content()).isEqualTo(ContentMode.SUMMARY);
        assertThat(config.site().title()).isEqualTo("Jekyll Notes");
    }

    @Test
    void aSiteWithoutJekyllFeedKeepsFeedwrightsDefaults() throws Exception {
        write("_config.yml", "title: Plain Jekyll\nurl: https://example.org\n");

        SiteConfig config = ConfigLoader.load(site);

        assertThat(config.feeds().idScheme()).isEqualTo(IdScheme.TAG);
        assertThat(config.feeds().limit()).isEqualTo(20);
        assertThat(config.aliases().jekyllFeed()).isFalse();
    }

    @Test
    void readsPostsWithJekyllsUrlsIdsAuthorsImagesAndExcerpts() throws Exception {
        LoadedPosts loaded = new PostLoader(ConfigLoader.load(site)).load(site, NOW);
        Map<String, Post> posts = loaded.posts().stream().collect(Collectors.toMap(Post::title, post -> post));

        assertThat(posts).containsOnlyKeys("Cooling", "Imported"); // _drafts/ is not read
        Post cooling = posts.get("Cooling");
        assertThat(cooling.file()).isEqualTo("_posts/2025-09-14-cooling.md");
        // Jekyll's date in the site's zone (Asia/Tokyo): the 14th, though it is the 13th in UTC.
        assertThat(cooling.link()).isEqualTo("https://example.org/blog/technology/markets/2025/09/14/cooling.html");
        assertThat(cooling.id()).isEqualTo("https://example.org/blog/technology/markets/2025/09/14/cooling");
        assertThat(cooling.author()).isEqualTo("山田 花子");
        assertThat(cooling.image()).isEqualTo("https://example.org/blog/images/cooling.png");
        assertThat(cooling.summary()).isEqualTo("The first part. Still the excerpt.");

        Post imported = posts.get("Imported");
        assertThat(imported.link()).isEqualTo("https://example.org/blog/2025/10/20/from-wordpress.html");
        assertThat(imported.id()).isEqualTo("https://example.org/blog/2025/10/20/from-wordpress");
        assertThat(imported.author()).isEqualTo("Site Author");
        assertThat(loaded.problems()).map(Problem::toString).anyMatch(problem -> problem.startsWith(
                "_posts/2025-10-20-imported.md:4:5: info: id: not the entry id under id_scheme: jekyll-feed"));
    }

    @Test
    void frontMatterDefaultsGiveEachPostWhatItDoesNotWriteByJekyllsPrecedence() throws Exception {
        write("_config.yml", """
                title: Jekyll Notes
                url: "https://example.org"
                baseurl: /blog
                plugins: [jekyll-feed]
                defaults:
                  - scope: {path: ""}
                    values: {author: Everyone, permalink: "/all/:title/", categories: [Notes], id: every-posts}
                  - scope: {path: "", type: posts}
                    values: {author: hana}
                  - scope: {path: "_posts/2025-10", type: posts}
                    values: {permalink: "/october/:title/", categories: [Autumn]}
                  - scope: {path: "", type: pages}
                    values: {author: Pages only}
                  - scope: {path: "_posts/*-imported.md"}
                    values: {tags: [matched-by-glob]}
                  - scope: {path: ""}
                    values: {author: Later untyped}
                """);
        post("2025-08-01-plain.md", "date: 2025-08-01 09:00:00 +0000");

        Map<String, Post> posts = new PostLoader(ConfigLoader.load(site)).load(site, NOW).posts().stream()
                .collect(Collectors.toMap(Post::title, post -> post));

        // Its own author; its own categories after the first entry's, joined as Jekyll joins them; the permalink
        // of the first entry, which no longer one gives.
        Post cooling = posts.get("Cooling");
        assertThat(cooling.link()).isEqualTo("https://example.org/blog/all/cooling/");
        assertThat(cooling.id()).isEqualTo("https://example.org/blog/all/cooling");
        assertThat(cooling.author()).isEqualTo("山田 花子");
        assertThat(cooling.categories()).extracting(Term::name).containsExactly("Notes", "Technology", "Markets");
        assertThat(cooling.tags()).isEmpty();
        // Only the entries at "": the typed one keeps the author against the later one without a type.
        assertThat(posts.get("2025-08-01-plain").author()).isEqualTo("山田 花子");
        assertThat(posts.get("2025-08-01-plain").link()).isEqualTo("https://example.org/blog/all/plain/");
        // "_posts/2025-10" takes in this file as a string prefix, and outranks the shorter paths; the typed entry
        // at "" keeps its author against the later untyped one; the glob matches the file's path.
        Post imported = posts.get("Imported");
        assertThat(imported.link()).isEqualTo("https://example.org/blog/october/from-wordpress/");
        assertThat(imported.id()).isEqualTo("https://example.org/blog/october/from-wordpress");
        assertThat(imported.author()).isEqualTo("山田 花子");
        assertThat(imported.categories()).extracting(Term::name).containsExactly("Autumn");
        assertThat(imported.tags()).extracting(Term::name).containsExactly("matched-by-glob");

        // An id means nothing to Jekyll in front matter: one from defaults would be every post's, and is not taken.
        write("feeds-config/site.yml", "id_scheme: tag\n");
        assertThat(idsByTitle()).containsEntry("Cooling", "tag:example.org,2025-09-14:_posts/cooling")
                .containsEntry("Imported", "tag:example.org,2025-10-20:12345");
    }

    @Test
    void aDefaultPublishedFalseHoldsBackThePostsOfItsScopeAndAMalformedEntryIsSaidAndLeftOut() throws Exception {
        write("_config.yml", """
                title: Jekyll Notes
                url: "https://example.org"
                defaults:
                  - scope: {path: _posts/2025-10}
                    values: {published: false}
                  - scope: {path: ""}
                    values: [author, nobody]
                  - scope: {path: ""}
                    values: {categories: [Notes], tags: [from-defaults]}
                  - scope: {path: "_posts/[*"}
                    values: {author: nobody}
                """);
        post("2025-09-20-mapped.md", "date: 2025-09-20 09:00:00 +0000\ncategories: {oops: true}");
        post("2025-09-21-solo.md", "date: 2025-09-21 09:00:00 +0000\ntag: solo");

        LoadedConfig config = ConfigLoader.read(site);
        LoadedPosts loaded = new PostLoader(config.config()).load(site, NOW);

        Map<String, Post> posts = loaded.posts().stream().collect(Collectors.toMap(Post::title, post -> post));
        assertThat(posts).containsOnlyKeys("Cooling", "2025-09-21-solo");
        assertThat(posts.get("Cooling").categories()).extracting(Term::name)
                .containsExactly("Notes", "Technology", "Markets");
        assertThat(posts.get("Cooling").tags()).extracting(Term::name).containsExactly("from-defaults");
        assertThat(posts.get("Cooling").author()).isEqualTo("山田 花子");
        // Jekyll takes a post's `tag` instead of its `tags`, those of the defaults included.
        assertThat(posts.get("2025-09-21-solo").tags()).extracting(Term::name).containsExactly("solo");
        assertThat(loaded.skipped()).extracting(LoadedPosts.Skipped::reason)
                .containsExactly("errors in the post", "published: false");
        // Categories written as a mapping are not joined to the defaults' list, which would hide the mistake.
        assertThat(loaded.problems()).map(Problem::toString).anyMatch(problem -> problem.startsWith(
                "_posts/2025-09-20-mapped.md:4:13: error: categories: expected a list, found a mapping"));
        assertThat(config.warnings()).map(Problem::toString).satisfiesExactly(
                values -> assertThat(values).isEqualTo("_config.yml:6:5: warning: defaults: expected an entry with a "
                        + "mapping of values (and a scope); not used"),
                glob -> assertThat(glob).startsWith("_config.yml:10:19: warning: defaults: scope path '_posts/[*' is "
                        + "not a glob Feedwright can read (").endsWith("); not used"));
    }

    @Test
    void aPostsOwnIdWinsUnderTheOtherSchemesAndThePermalinkSchemeIsTheLink() throws Exception {
        write("feeds-config/site.yml", "id_scheme: permalink\n");

        assertThat(idsByTitle()).containsEntry("Cooling", "https://example.org/blog/technology/markets/2025/09/14/cooling.html")
                .containsEntry("Imported", "tag:example.org,2025-10-20:12345");
    }

    @Test
    void warnsWhenTwoPostsGetOneIdUnderTheChosenScheme() throws Exception {
        write("feeds-config/site.yml", "permalink: /:year/:month/:day/:title/\n");
        write("_posts/2025-10-20-from-wordpress.md", "---\ntitle: Twin\ndate: 2025-10-20 09:00:00 +0000\n---\nB\n");

        LoadedPosts loaded = new PostLoader(ConfigLoader.load(site)).load(site, NOW);

        assertThat(loaded.problems()).map(Problem::toString).anyMatch(problem -> problem.contains("same id as")
                && problem.contains("https://example.org/blog/2025/10/20/from-wordpress"));
    }

    @Test
    void aNativeSiteCanUseJekyllFeedIdsMadeFromItsOwnPermalinks() throws Exception {
        Path nativeSite = site.resolve("native");
        Files.createDirectories(nativeSite.resolve("posts"));
        Files.createDirectories(nativeSite.resolve("feeds-config"));
        Files.writeString(nativeSite.resolve("feeds-config/site.yml"),
                "title: T\nbase_url: https://example.org/\nid_scheme: jekyll-feed\n");
        Files.writeString(nativeSite.resolve("posts/2025-01-02-hello.md"),
                "---\ntitle: Hello\ndate: 2025-01-02 10:00:00 +0000\nid: urn:uuid:1f0e7c1a-0000-4000-8000-000000000001\n---\nB\n");
        Files.writeString(nativeSite.resolve("posts/2025-01-03-world.md"),
                "---\ntitle: World\ndate: 2025-01-03 10:00:00 +0000\n---\nB\n");

        Map<String, String> ids = new PostLoader(ConfigLoader.load(nativeSite)).load(nativeSite, NOW).posts().stream()
                .collect(Collectors.toMap(Post::title, Post::id));

        assertThat(ids).containsEntry("World", "https://example.org/2025/01/03/world")
                .containsEntry("Hello", "urn:uuid:1f0e7c1a-0000-4000-8000-000000000001");
        assertThat(Optional.of(ids.size())).contains(2);
    }

    @Test
    void saysWhereToWriteWhatNeitherFileGives() throws IOException {
        write("_config.yml", "baseurl: /blog\nplugins: [jekyll-feed]\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(site));

        assertThat(e.problems()).map(Problem::toString).containsExactly(
                "_config.yml:1:1: error: base_url: required: write url (with baseurl) in _config.yml, or base_url in "
                        + "feeds-config/site.yml",
                "_config.yml:1:1: error: title: required: write title in _config.yml, or title in feeds-config/site.yml");
    }

    @Test
    void matchesJekyllOnZonesSpellingsPlaceholdersAndNormalisation() throws Exception {
        write("_config.yml", """
                title: T
                url: https://Example.ORG:443/
                baseurl: /blog
                timezone: America/New_York
                permalink: /:year/:month_:day/:title:output_ext
                plugins: [jekyll-feed]
                feed: {tags: true}
                """);
        Files.walk(site.resolve("_posts")).sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        post("2024-04-02-plain.md", "date: 2024-04-02 01:00:00");
        post("2024-04-02-quoted.md", "date: \"2024-04-02 01:00:00\"");
        post("2024-04-02-noseconds.md", "date: 2024-04-02 01:00");
        post("2024-04-03-singular.md", "date: 2024-04-03 12:00:00 +0000\ncategory: Machine Learning\npermalink: /:categories/:title/");
        post("2024-04-04-spellings.md", "date: 2024-04-04 12:00:00 +0000\ntags: [AI, ai]\n"
                + "categories: [Machine Learning, machine-learning]\npermalink: /:categories/:title/");
        post("sub/2024-03-08-pathy.md", "date: 2024-03-08 12:00:00 +0000\npermalink: /p/:path/");
        post("2024-05-03-end..md", "date: 2024-05-03 12:00:00 +0000");
        post("2024-05-04-root.md", "date: 2024-05-04 12:00:00 +0000\npermalink: /");
        post("2024-05-05-cafe\u0301.md", "date: 2024-05-05 12:00:00 +0000");
        post("2024-05-06-page.htm", "date: 2024-05-06 12:00:00 +0000");
        post("2024-05-07-whatisc.md", "date: 2024-05-07 12:00:00 +0000\nslug: what-is-c#");

        SiteConfig config = ConfigLoader.load(site);
        List<Post> posts = new PostLoader(config).load(site, NOW).posts();

        String base = "https://example.org//blog/";
        assertThat(posts).extracting(Post::id).containsExactlyInAnyOrder(base + "2024/04_01/plain",
                base + "2024/04_02/quoted", base + "2024/04_02/noseconds", base + "machine%20learning/singular",
                base + "machine%20learning/machine-learning/spellings", base + "p/sub/pathy", base + "2024/05_03/end",
                base + "root", base + "2024/05_05/caf%C3%A9", base + "2024/05_06/page", base + "2024/05_07/what-is-c");
        assertThat(posts).extracting(Post::link).contains(base, base + "p/sub/2024-03-08-pathy/",
                base + "2024/05_03/end.html", base + "2024/05_06/page.htm", base + "2024/05_07/what-is-c.html",
                base + "2024/05_05/caf%C3%A9.html");
        assertThat(config.jekyllFeedLayout().tagPath("ai")).contains("/feed/by_tag/ai.xml");
        assertThat(posts.stream().filter(post -> post.title().equals("2024-04-04-spellings")).findFirst()
                .or(() -> posts.stream().filter(post -> post.link().contains("spellings")).findFirst()).orElseThrow()
                .spellings().tags()).containsExactly("AI", "ai");
    }

    @Test
    void aValueOfConfigYmlFeedwrightCannotUseIsAWarningAndLeftOut() throws Exception {
        write("_config.yml", "title: T\nurl: https://example.org\nlang: en_US\ntimezone: Mars/Olympus\n");

        LoadedConfig loaded = ConfigLoader.read(site);

        assertThat(loaded.config().site().language()).isEqualTo("en");
        assertThat(loaded.config().site().timezone().getId()).isEqualTo("UTC");
        assertThat(loaded.warnings()).map(Problem::toString).satisfiesExactly(
                lang -> assertThat(lang).startsWith("_config.yml:3:7: warning: lang: ")
                        .endsWith("; not used (site.yml may give the key instead)"),
                zone -> assertThat(zone).startsWith("_config.yml:4:11: warning: timezone: "));
    }

    /** Each published post's id, by its title, as the site reads now. */
    private Map<String, String> idsByTitle() throws Exception {
        return new PostLoader(ConfigLoader.load(site)).load(site, NOW).posts().stream()
                .collect(Collectors.toMap(Post::title, Post::id));
    }

    private void post(String name, String frontMatter) throws IOException {
        write("_posts/" + name, "---\ntitle: " + name.replaceAll("\\.[a-z]+$", "") + "\n" + frontMatter + "\n---\nBody.\n");
    }

    private void write(String name, String text) throws IOException {
        Path file = site.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
