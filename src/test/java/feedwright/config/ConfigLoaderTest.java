package feedwright.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import feedwright.problem.Problem;
import feedwright.testing.TestSite;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void readsTheShippedSampleConfiguration() throws ConfigException {
        SiteConfig config = ConfigLoader.load(TestSite.sample());

        assertThat(config.site().baseUrl()).hasToString("https://example.org/blog/");
        assertThat(config.site().feedBaseUrl()).isEqualTo(config.site().baseUrl());
        assertThat(config.site().language()).isEqualTo("ja");
        assertThat(config.site().timezone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(config.feeds().limit()).isEqualTo(20);
        assertThat(config.feeds().content()).isEqualTo(ContentMode.FULL);
        assertThat(config.posts().body()).isEqualTo(new BodyRules("---END---", BodyRules.MarkerMode.JOIN, true));
        assertThat(config.site().permalink()).isEqualTo("/:year/:month/:day/:slug/");
        assertThat(config.posts().postPatterns()).containsExactly("*.md", "*.markdown", "*.txt");
    }

    @Test
    void fillsEveryAbsentKeyWithItsDocumentedDefault() throws ConfigException {
        SiteConfig config = ConfigLoader.parse("title: Minimal\nbase_url: https://example.org\n");

        assertThat(config.site()).isEqualTo(new SiteSettings("Minimal", "", URI.create("https://example.org/"),
                URI.create("https://example.org/"), "en", "Minimal", ZoneId.of("UTC"), "/:year/:month/:day/:slug/", "", ""));
        assertThat(config.feeds()).isEqualTo(new FeedSettings(20, ContentMode.FULL, false, 100, IdScheme.TAG));
        assertThat(config.posts()).isEqualTo(new PostSettings(List.of("*.md", "*.markdown", "*.txt"), 1024L * 1024,
                new BodyRules("", BodyRules.MarkerMode.JOIN, false), "posts"));
        assertThat(config.server()).isEqualTo(new ServerSettings("127.0.0.1", 8080, new CacheLifetimes(300, 300, 60, 86_400), CorsOrigin.ANY, false, PollingSettings.OFF));
    }

    @Test
    void namesFileLineAndKeyOfAValueOfTheWrongType() {
        assertThat(problems("title: T\nbase_url: https://example.org/\nlimit: many\n")).containsExactly(
                "feeds-config/site.yml:3:8: error: limit: expected a whole number from 1 to 10000, found 'many'");
    }

    @Test
    void maxTermsPerPostIsAWholeNumberFromOneToTenThousand() throws ConfigException {
        assertThat(ConfigLoader.parse("title: T\nbase_url: https://example.org/\nmax_terms_per_post: 500\n")
                .feeds().maxTermsPerPost()).isEqualTo(500);
        assertThat(problems("title: T\nbase_url: https://example.org/\nmax_terms_per_post: 0\n")).containsExactly(
                "feeds-config/site.yml:3:21: error: max_terms_per_post: expected a whole number from 1 to 10000, "
                        + "found '0'");
    }

    @Test
    void iconAndLogoAreAbsoluteUrlsOrSitePathsMadeAbsoluteUnderTheBaseUrl() throws ConfigException {
        SiteSettings site = ConfigLoader.parse("title: T\nbase_url: https://example.org/blog\n"
                + "icon: /images/アイコン.png\nlogo: HTTPS://cdn.example.net/logo wide.png\n").site();

        assertThat(site.icon()).isEqualTo("https://example.org/blog/images/%E3%82%A2%E3%82%A4%E3%82%B3%E3%83%B3.png");
        assertThat(site.logo()).isEqualTo("HTTPS://cdn.example.net/logo%20wide.png");
        // A site path stays under base_url, however it is written, as a permalink does.
        assertThat(ConfigLoader.parse("title: T\nbase_url: https://example.org/blog/\nicon: //evil.example/../x.png\n")
                .site().icon()).isEqualTo("https://example.org/blog/x.png");
    }

    @Test
    void anIconWrittenAsAnotherHostWithoutSchemeIsAWarning() throws ConfigException {
        LoadedConfig loaded = ConfigLoader.readText("title: T\nbase_url: https://example.org/blog/\n"
                + "icon: //cdn.example.net/i.png\nlogo: /images/logo.png\n");

        assertThat(loaded.config().site().icon()).isEqualTo("https://example.org/blog/cdn.example.net/i.png");
        assertThat(loaded.warnings()).map(Problem::toString).containsExactly("feeds-config/site.yml:3:7: warning: icon:"
                + " '//cdn.example.net/i.png' is taken as a path under base_url, not as another host; for another host"
                + " write its https:// URL");
    }

    @Test
    void iconAndLogoOfAnotherSchemeOrWithoutHostAreRefused() {
        assertThat(problems("title: T\nbase_url: https://example.org/\nicon: data:image/png;base64,AAAA\n"
                + "logo: https:///logo.png\n")).containsExactly(
                "feeds-config/site.yml:3:7: error: icon: expected an absolute http(s) URL or a path under base_url, "
                        + "found 'data:image/png;base64,AAAA'",
                "feeds-config/site.yml:4:7: error: logo: expected an absolute http(s) URL or a path under base_url, "
                        + "found 'https:///logo.png'");
    }

    @Test
    void refusesAnUnknownKeyNamingIt() {
        assertThat(problems("title: T\nbase_url: https://example.org/\nlimt: 3\n")).containsExactly(
                "feeds-config/site.yml:3:1: error: limt: unknown key (known keys: alias_copies, aliases, "
                        + "archive_page_size, archives, author, base_url, complete, content, deploy, description, "
                        + "drop_repeated_paragraphs, end_marker, end_marker_mode, "
                        + "feed_base_url, future, icon, id_scheme, jekyll_feed_aliases, language, limit, logo, "
                        + "max_post_bytes, max_terms_per_post, permalink, post_patterns, server, timezone, title, websub)");
    }

    @Test
    void readsTheEndMarkerModeAndTheRepeatsSwitch() throws ConfigException {
        SiteConfig config = ConfigLoader.parse("title: T\nbase_url: https://example.org/\nend_marker: \"<!-- end -->\"\n"
                + "end_marker_mode: cut\ndrop_repeated_paragraphs: true\n");

        assertThat(config.posts().body()).isEqualTo(new BodyRules("<!-- end -->", BodyRules.MarkerMode.CUT, true));
    }

    @Test
    void anUnknownEndMarkerModeOrARepeatsSwitchThatIsNoBooleanIsAnErrorNamingFileLineAndKey() {
        assertThat(problems("title: T\nbase_url: https://example.org/\nend_marker_mode: glue\n"
                + "drop_repeated_paragraphs: sometimes\n")).containsExactly(
                "feeds-config/site.yml:3:18: error: end_marker_mode: expected 'join' or 'cut', found 'glue'",
                "feeds-config/site.yml:4:27: error: drop_repeated_paragraphs: expected true or false, found 'sometimes'");
    }

    @Test
    void namesTheNestedKeyOfAServerSetting() {
        assertThat(problems("title: T\nbase_url: https://example.org/\nserver:\n  port: 99999\n")).containsExactly(
                "feeds-config/site.yml:4:9: error: server.port: expected a whole number from 0 to 65535, found '99999'");
    }

    @Test
    void reportsEveryBadKeyAtOnce() {
        assertThat(problems("title: T\nbase_url: ftp://example.org/\ntimezone: Mars/Olympus\n")).containsExactly(
                "feeds-config/site.yml:2:11: error: base_url: expected an absolute http(s) URL without query or "
                        + "fragment, found 'ftp://example.org/'",
                "feeds-config/site.yml:3:11: error: timezone: 'Mars/Olympus' is not a time zone (expected a name "
                        + "such as Asia/Tokyo or an offset such as +09:00)");
    }

    @Test
    void locatesAYamlSyntaxError() {
        assertThat(problems("title: \"T\nbase_url: https://example.org/\n")).containsExactly(
                "feeds-config/site.yml:3:1: error: YAML syntax error: found unexpected end of stream");
    }

    @Test
    void saysBaseUrlIsRequiredWhenItIsMissing() {
        assertThat(problems("title: T\n")).containsExactly(
                "feeds-config/site.yml:1:1: error: base_url: required, the absolute URL of the site "
                        + "(for example https://example.org/)");
    }

    @Test
    void saysBaseUrlIsRequiredWhenItIsEmpty() {
        // Once a silent failure: the config was refused with no problem printed at all.
        assertThat(problems("title: T\nbase_url:\n")).containsExactly(
                "feeds-config/site.yml:2:1: error: base_url: required, the absolute URL of the site "
                        + "(for example https://example.org/)");
        assertThat(problems("title: T\nbase_url: ~\n")).hasSize(1);
    }

    @Test
    void saysWhatIsRequiredWhenTheFileIsEmpty() {
        // Once a NullPointerException: an empty file has no key to point the message at.
        assertThat(problems("# nothing configured yet\n")).containsExactly(
                "feeds-config/site.yml:1:1: error: base_url: required, the absolute URL of the site "
                        + "(for example https://example.org/)",
                "feeds-config/site.yml:1:1: error: title: required");
    }

    @Test
    void refusesADocumentThatIsNotAMapping() {
        assertThat(problems("- title\n- base_url\n")).containsExactly(
                "feeds-config/site.yml:1:1: error: expected a mapping of keys to values, found a list");
    }

    @Test
    void saysWhenTheFileIsMissing(@TempDir Path site) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(site));

        assertThat(e.problems()).map(Problem::toString).containsExactly(
                "feeds-config/site.yml:0:0: error: not found: every site needs feeds-config/site.yml (see README), "
                        + "or a Jekyll site's _config.yml");
    }

    @Test
    void readsAFileWithAByteOrderMarkAndCrlfLineEnds(@TempDir Path site) throws Exception {
        Files.createDirectories(site.resolve("feeds-config"));
        Files.writeString(site.resolve("feeds-config/site.yml"),
                "\uFEFFtitle: T\r\nbase_url: https://example.org/x\r\nlimit: 5\r\n");

        SiteConfig config = ConfigLoader.load(site);

        assertThat(config.site().title()).isEqualTo("T");
        assertThat(config.site().baseUrl()).hasToString("https://example.org/x/");
        assertThat(config.feeds().limit()).isEqualTo(5);
    }

    @Test
    void aRequiredKeyWrittenWithoutAValueMustNotBeEmpty() {
        assertThat(problems("title:\nbase_url: https://example.org/\n")).containsExactly(
                "feeds-config/site.yml:1:7: error: title: must not be empty");
    }

    @Test
    void saysWhatTheServerSectionShouldHoldWhenItIsNoMapping() {
        assertThat(problems("title: T\nbase_url: https://example.org/\nserver: 8080\n")).containsExactly(
                "feeds-config/site.yml:3:9: error: server: expected a mapping with host, port, max_age, "
                        + "s_maxage, stale_while_revalidate, stale_if_error, cors_origin, noindex, polite_polling, min_poll_interval, "
                        + "min_conditional_poll_interval, poll_clients, trusted_proxies and stats, found a number");
    }

    @Test
    void namesTheServerKeysWhenOneIsUnknown() {
        assertThat(problems("title: T\nbase_url: https://example.org/\nserver:\n  hots: x\n")).containsExactly(
                "feeds-config/site.yml:4:3: error: server.hots: unknown key (known keys: cors_origin, host, "
                        + "max_age, min_conditional_poll_interval, min_poll_interval, noindex, polite_polling, "
                        + "poll_clients, port, s_maxage, stale_if_error, stale_while_revalidate, stats, trusted_proxies)");
    }

    @Test
    void anEmptyServerSectionLeavesEveryServerSettingAtItsDefault() throws ConfigException {
        assertThat(ConfigLoader.parse("title: T\nbase_url: https://example.org/\nserver:\n").server())
                .isEqualTo(new ServerSettings("127.0.0.1", 8080, new CacheLifetimes(300, 300, 60, 86_400), CorsOrigin.ANY, false, PollingSettings.OFF));
    }

    @Test
    void returnsTheWarningsOfAUsableConfiguration() throws ConfigException {
        LoadedConfig loaded = ConfigLoader.readText("title: 2025\nbase_url: https://example.org/\nauthor: \"A\\aB\"\n");

        assertThat(loaded.config().site().title()).isEqualTo("2025");
        assertThat(loaded.config().site().author()).isEqualTo("AB");
        assertThat(loaded.warnings()).map(Problem::toString).containsExactly(
                "feeds-config/site.yml:1:8: warning: title: expected text, found a number; using '2025' as text",
                "feeds-config/site.yml:3:9: warning: author: removed 1 control character(s) that XML does not allow "
                        + "(first: U+0007)");
    }

    @Test
    void aKeyDefaultingToAnotherIsReadAfterIt() {
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            if (key.fallback() instanceof ConfigKey.Fallback.SameAs<?> same) {
                assertThat(ConfigKeys.ALL.indexOf(same.key())).as(key.path() + " defaults to " + same.key().path())
                        .isLessThan(ConfigKeys.ALL.indexOf(key));
            }
        }
    }

    @Test
    void readsAliasesAsDecodedPathsFromTheRootInTheOrderWritten() throws ConfigException {
        SiteConfig config = ConfigLoader.parse("title: T\nbase_url: https://example.org/\nid_scheme: jekyll-feed\n"
                + "aliases:\n  /feed.xml: /atom.xml\n  \"/feed/%E6%8A%95%E8%B3%87.xml\": /categories/投資/atom.xml\n"
                + "alias_copies: true\n");

        assertThat(config.aliases().paths()).containsExactly(Map.entry("/feed.xml", "/atom.xml"),
                Map.entry("/feed/投資.xml", "/categories/投資/atom.xml"));
        assertThat(config.aliases().copies()).isTrue();
        assertThat(config.aliases().jekyllFeed()).isFalse();
        assertThat(config.feeds().idScheme()).isEqualTo(IdScheme.JEKYLL_FEED);
        assertThat(config.jekyll()).isEmpty();
    }

    @Test
    void refusesAliasesThatAreNotPathsFromTheRoot() {
        assertThat(problems("title: T\nbase_url: https://example.org/\naliases:\n  feed.xml: /atom.xml\n"
                + "  /old/../x.xml: /atom.xml\n  /a.xml: /atom.xml?x=1\n  /b.xml: [1]\n  /c.xml:\n")).containsExactly(
                "feeds-config/site.yml:4:3: error: aliases: 'feed.xml' is not a path from the root of the feeds "
                        + "(expected one such as /feed.xml: starting with '/', without '..', '//', a query or a fragment)",
                "feeds-config/site.yml:5:3: error: aliases: '/old/../x.xml' is not a path from the root of the feeds "
                        + "(expected one such as /feed.xml: starting with '/', without '..', '//', a query or a fragment)",
                "feeds-config/site.yml:6:11: error: aliases: '/atom.xml?x=1' is not a path from the root of the feeds "
                        + "(expected one such as /feed.xml: starting with '/', without '..', '//', a query or a fragment)",
                "feeds-config/site.yml:7:11: error: aliases./b.xml: expected text, found a list",
                "feeds-config/site.yml:8:3: error: aliases./c.xml: expected the new path, such as /atom.xml");
        assertThat(problems("title: T\nbase_url: https://example.org/\naliases: /feed.xml\n")).containsExactly(
                "feeds-config/site.yml:3:10: error: aliases: expected a mapping of old paths to new ones "
                        + "(/feed.xml: /atom.xml), found text");
        assertThat(problems("title: T\nbase_url: https://example.org/\naliases:\n  /healthz: /atom.xml\n"))
                .containsExactly("feeds-config/site.yml:4:3: error: aliases: /healthz is a path serve answers itself, which "
                        + "no redirect may take");
        assertThat(problems("title: T\nbase_url: https://example.org/\nid_scheme: hugo\n")).containsExactly(
                "feeds-config/site.yml:3:12: error: id_scheme: expected 'tag', 'jekyll-feed' or 'permalink', found 'hugo'");
    }

    /** What refusing {@code yaml} says, each problem as {@code check} prints it; fails when it is taken. */
    static List<String> problems(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml));
        assertThat(e).as("config should be refused:\n" + yaml).isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }
}
