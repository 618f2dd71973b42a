package feedwright.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import feedwright.config.ConfigException;
import feedwright.config.ConfigLoader;
import feedwright.config.ContentMode;
import feedwright.config.IdScheme;
import feedwright.config.SiteConfig;
import feedwright.problem.Problem;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
    void aPostsOwnIdWinsUnderTheOtherSchemesAndThePermalinkSchemeIsTheLink() throws Exception {
        write("feeds-config/site.yml", "id_scheme: permalink\n");

        Map<String, String> ids = new PostLoader(ConfigLoader.load(site)).load(site, NOW).posts().stream()
                .collect(Collectors.toMap(Post::title, Post::id));

        assertThat(ids).containsEntry("Cooling", "https://example.org/blog/technology/markets/2025/09/14/cooling.html")
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
    void reportsAWrongValueInConfigYmlAtItsLine() throws IOException {
        write("_config.yml", "title: T\nurl: https://example.org\ntimezone: Mars/Olympus\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(site));

        assertThat(e.problems()).map(Problem::toString).singleElement().asString()
                .startsWith("_config.yml:3:11: error: timezone: ");
    }

    private void write(String name, String text) throws IOException {
        Path file = site.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
