package feedwright.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.io.WireFeedOutput;
import feedwright.Version;
import feedwright.feed.rome.AtomGenerator;
import feedwright.feed.rome.RssGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The XML writers' extensions to ROME (package {@code feedwright.feed.rome}): each element where readers
 * have always found it, dates in the post's own offset, namespaces declared only when used (content: always),
 * and the registration in {@code rome.properties}.
 */
class RomeExtensionsTest {

    private static final OffsetDateTime TOKYO = OffsetDateTime.parse("2025-10-03T21:14:09.750+09:00");
    private static final OffsetDateTime EDITED = OffsetDateTime.parse("2025-10-05T08:00:00+09:00");

    @Test
    void rssItemHasEveryExtensionInItsPlaceWithThePostsOwnOffset() {
        String xml = rss(feed(entry("<p>a & b</p>", "https://example.org/img/a.jpg")));

        assertThat(xml).contains("""
                    <item>
                      <title>A &amp; title</title>
                      <link>https://example.org/a/</link>
                      <description>summary a</description>
                      <category domain="https://example.org/categories/markets/">Markets</category>
                      <category domain="https://example.org/tags/ai/">ai</category>
                      <pubDate>Fri, 03 Oct 2025 21:14:09 +0900</pubDate>
                      <guid isPermaLink="false">tag:example.org,2025-10-03:posts/a</guid>
                      <dc:creator>編集部</dc:creator>
                      <atom:updated>2025-10-05T08:00:00+09:00</atom:updated>
                      <content:encoded>&lt;p&gt;a &amp; b&lt;/p&gt;</content:encoded>
                      <media:thumbnail url="https://example.org/img/a.jpg" />
                      <media:content medium="image" url="https://example.org/img/a.jpg" />
                    </item>
                """);
    }

    @Test
    void rssChannelHasItsSelfLinkAfterTheDescriptionAndItsBuildDateInThePostsOffset() {
        String xml = rss(feed(entry("<p>x</p>", "")));

        assertThat(xml).startsWith("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" \
                xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0">
                  <channel>
                    <title>Site</title>
                    <link>https://example.org/</link>
                    <description>About the site</description>
                    <atom:link href="https://example.org/rss.xml" rel="self" type="application/rss+xml" />
                    <language>ja</language>
                    <lastBuildDate>Sun, 05 Oct 2025 08:00:00 +0900</lastBuildDate>
                    <docs>https://www.rssboard.org/rss-specification</docs>
                    <generator>Feedwright test</generator>
                    <item>
                """);
    }

    @Test
    void atomEntryHasEveryExtensionInItsPlaceWithThePostsOwnOffset() {
        String xml = atom(feed(entry("<p>a & b</p>", "https://example.org/img/a.jpg")));

        assertThat(xml).contains("""
                  <entry>
                    <title type="text">A &amp; title</title>
                    <link rel="alternate" type="text/html" href="https://example.org/a/" />
                    <category term="Markets" scheme="https://example.org/categories/" />
                    <category term="ai" scheme="https://example.org/tags/" />
                    <author>
                      <name>編集部</name>
                    </author>
                    <id>tag:example.org,2025-10-03:posts/a</id>
                    <updated>2025-10-05T08:00:00+09:00</updated>
                    <published>2025-10-03T21:14:09+09:00</published>
                    <content type="html">&lt;p&gt;a &amp; b&lt;/p&gt;</content>
                    <summary type="text">summary a</summary>
                    <media:thumbnail url="https://example.org/img/a.jpg" />
                    <media:content medium="image" url="https://example.org/img/a.jpg" />
                  </entry>
                """);
    }

    @Test
    void atomFeedCarriesItsLanguageAsXmlLangAndItsUpdateTimeInThePostsOffset() {
        String xml = atom(feed(entry("<p>x</p>", "")));

        assertThat(xml).startsWith("""
                <?xml version="1.0" encoding="UTF-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja">
                """);
        assertThat(xml).contains("""
                  <generator version="%s">Feedwright</generator>
                  <updated>2025-10-05T08:00:00+09:00</updated>
                  <entry>
                """.formatted(Version.NUMBER));
    }

    @Test
    void atomFeedWithoutEntriesIsUpdatedAtTheEpoch() {
        String xml = atom(feed());

        assertThat(xml).contains("  <updated>1970-01-01T00:00:00Z</updated>\n</feed>");
    }

    @Test
    void mediaNamespaceIsDeclaredOnlyWhenSomeEntryHasAnImage() {
        Feed without = feed(entry("<p>x</p>", ""));
        Feed with = feed(entry("<p>x</p>", ""), entry("<p>y</p>", "https://example.org/img/a.jpg"));

        assertThat(rss(without)).doesNotContain("xmlns:media");
        assertThat(atom(without)).doesNotContain("xmlns:media");
        assertThat(rss(with)).contains("xmlns:media=\"http://search.yahoo.com/mrss/\" version=\"2.0\">");
        assertThat(atom(with)).contains("xmlns:media=\"http://search.yahoo.com/mrss/\" xml:lang=\"ja\">");
    }

    @Test
    void summaryOnlyRssStillDeclaresTheContentNamespace() {
        String xml = rss(feed(entry("", "")));

        assertThat(xml).doesNotContain("content:encoded")
                .contains("<rss xmlns:atom=\"http://www.w3.org/2005/Atom\" "
                        + "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
                        + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" version=\"2.0\">");
    }

    @Test
    void rssWithoutEntriesHasNoBuildDateAndDeclaresOnlyWhatItUses() {
        String xml = rss(feed());

        assertThat(xml).doesNotContain("lastBuildDate", "xmlns:dc", "<item>")
                .contains("<rss xmlns:atom=\"http://www.w3.org/2005/Atom\" "
                        + "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" version=\"2.0\">");
    }

    @Test
    void rssChannelSaysItsPollingHintAsTtlAndSyndicationAndShowsTheLogo() {
        String xml = rss(withHintAndImages(feed(entry("<p>x</p>", "")), "https://example.org/icon.png",
                "https://example.org/logo.png"));

        assertThat(xml).contains("xmlns:sy=\"http://purl.org/rss/1.0/modules/syndication/\" version=\"2.0\">");
        assertThat(xml).contains("""
                    <generator>Feedwright test</generator>
                    <ttl>5</ttl>
                    <sy:updatePeriod>hourly</sy:updatePeriod>
                    <sy:updateFrequency>12</sy:updateFrequency>
                    <image>
                      <title>Site</title>
                      <url>https://example.org/logo.png</url>
                      <link>https://example.org/</link>
                    </image>
                    <item>
                """);
    }

    @Test
    void rssImageIsTheIconWhenThereIsNoLogo() {
        String xml = rss(withHintAndImages(feed(entry("<p>x</p>", "")), "https://example.org/icon.png", ""));

        assertThat(xml).contains("""
                    <image>
                      <title>Site</title>
                      <url>https://example.org/icon.png</url>
                      <link>https://example.org/</link>
                    </image>
                """);
    }

    @Test
    void atomFeedSaysItsPollingHintAsSyndicationAndCarriesIconAndLogo() {
        String xml = atom(withHintAndImages(feed(entry("<p>x</p>", "")), "https://example.org/icon.png",
                "https://example.org/logo.png"));

        assertThat(xml).startsWith("""
                <?xml version="1.0" encoding="UTF-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/" \
                xml:lang="ja">
                """);
        assertThat(xml).contains("""
                  <generator version="%s">Feedwright</generator>
                  <icon>https://example.org/icon.png</icon>
                  <logo>https://example.org/logo.png</logo>
                  <updated>2025-10-05T08:00:00+09:00</updated>
                  <sy:updatePeriod>hourly</sy:updatePeriod>
                  <sy:updateFrequency>12</sy:updateFrequency>
                  <entry>
                """.formatted(Version.NUMBER));
    }

    @Test
    void withoutHintOrImagesNothingOfThemIsWrittenNorTheirNamespaceDeclared() {
        Feed plain = feed(entry("<p>x</p>", ""));

        assertThat(rss(plain)).doesNotContain("xmlns:sy", "<ttl>", "<image>");
        assertThat(atom(plain)).doesNotContain("xmlns:sy", "<icon>", "<logo>");
    }

    @Test
    void romeFindsTheGeneratorsOfFeedwrightsFeedTypes() {
        assertThat(WireFeedOutput.getSupportedFeedTypes()).contains(RssGenerator.TYPE, AtomGenerator.TYPE);
    }

    /**
     * The shaded jar appends every rome.properties into one, where a key given twice keeps only its last
     * value: ours must share no key with any other on the class path (rome-modules'), or one of them
     * would silently lose its registrations there and not in the tests.
     */
    @Test
    void ourRomePropertiesShareNoKeyWithAnyOtherRomeProperties() throws IOException {
        List<URL> files = Collections.list(getClass().getClassLoader().getResources("rome.properties"));
        List<Set<String>> others = new ArrayList<>();
        Set<String> ours = null;
        for (URL file : files) {
            Set<String> keys = keys(file);
            if (keys.contains("WireFeedGenerator.classes")
                    && load(file).getProperty("WireFeedGenerator.classes").contains(RssGenerator.class.getName())) {
                ours = keys;
            } else {
                others.add(keys);
            }
        }

        assertThat(ours).as("Feedwright's rome.properties on the class path").isNotNull();
        assertThat(others).as("rome-modules' rome.properties on the class path").isNotEmpty();
        for (Set<String> other : others) {
            assertThat(other).doesNotContainAnyElementsOf(ours);
        }
    }

    private static Set<String> keys(URL file) throws IOException {
        return new HashSet<>(load(file).stringPropertyNames());
    }

    private static Properties load(URL file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = file.openStream()) {
            properties.load(in);
        }
        return properties;
    }

    private static String rss(Feed feed) {
        return new String(new RssWriter().write(feed), StandardCharsets.UTF_8);
    }

    private static String atom(Feed feed) {
        return new String(new AtomWriter().write(feed), StandardCharsets.UTF_8);
    }

    private static Entry entry(String html, String image) {
        return new Entry("tag:example.org,2025-10-03:posts/a", "A & title", "https://example.org/a/", TOKYO, EDITED,
                "編集部", List.of(new Entry.Category("Markets", "https://example.org/categories/", "https://example.org/categories/markets/")),
                List.of(new Entry.Category("ai", "https://example.org/tags/", "https://example.org/tags/ai/")),
                "summary a", EntryContent.of(html), image);
    }

    private static Feed withHintAndImages(Feed feed, String icon, String logo) {
        return new Feed(feed.spec(), feed.title(), feed.description(), feed.language(), feed.siteUrl(),
                feed.folderUrl(), feed.author(), feed.generator(), feed.updated(), feed.entries(),
                PollingHint.ofMaxAge(300), icon, logo);
    }

    private static Feed feed(Entry... entries) {
        Optional<OffsetDateTime> updated = entries.length == 0 ? Optional.empty() : Optional.of(EDITED);
        return new Feed(FeedSpec.SITE, "Site", "About the site", "ja", "https://example.org/",
                "https://example.org/",
                "編集部", "Feedwright test", updated, List.of(entries));
    }
}
