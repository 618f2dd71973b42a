package feedwright.feed;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.post.Term;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** One feed's preview page, read back with jsoup's HTML parser as a browser would build it. */
class PreviewPageTest {

    private static final String HOSTILE = "<script>alert(1)</script> \"q\" & <img src=x onerror=alert(2)>";
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void listsTheFeedsEntriesInItsOrderWithLinkedTitleDateAndSummary() {
        Feed feed = feed(FeedSpec.SITE, "en", List.of(
                entry("Newest", "https://example.org/blog/c/", "2025-10-03T21:14:09Z", "Third."),
                entry("Middle", "https://example.org/blog/b/", "2025-09-01T03:00:00+09:00", ""),
                entry("Oldest", "https://example.org/blog/a/", "2025-01-02T10:00:00Z", "First.")));

        Document page = parse(feed, ZoneOffset.UTC);

        List<Element> entries = page.select("ol.entries > li");
        assertThat(entries).extracting(li -> li.selectFirst("h3 a").text()).containsExactly("Newest", "Middle", "Oldest");
        assertThat(entries).extracting(li -> li.selectFirst("h3 a").attr("href")).containsExactly(
                "https://example.org/blog/c/", "https://example.org/blog/b/", "https://example.org/blog/a/");
        assertThat(entries).extracting(li -> li.selectFirst("time").attr("datetime"))
                .containsExactly("2025-10-03T21:14:09Z", "2025-09-01T03:00:00+09:00", "2025-01-02T10:00:00Z");
        assertThat(entries).extracting(li -> li.select("p").eachText()).containsExactly(
                List.of("October 3, 2025", "Third."), List.of("August 31, 2025"), List.of("January 2, 2025", "First."));
        assertThat(page.selectFirst("p.muted time").text()).isEqualTo("October 3, 2025");
        assertThat(page.text()).contains("3 entries, newest first");
    }

    @Test
    void writesDatesAsTheSitesLanguageDoesOnTheirDayInTheSitesZone() {
        List<Entry> entries = List.of(entry("Late", "https://example.org/blog/x/", "2025-10-03T21:14:09Z", ""));

        Document japanese = parse(feed(FeedSpec.SITE, "ja", entries), TOKYO);
        Document english = parse(feed(FeedSpec.SITE, "en-US", entries), TOKYO);

        assertThat(japanese.selectFirst("html").attr("lang")).isEqualTo("ja");
        assertThat(japanese.selectFirst("ol.entries time").text()).isEqualTo("2025年10月4日");
        assertThat(english.selectFirst("html").attr("lang")).isEqualTo("en-US");
        assertThat(english.selectFirst("ol.entries time").text()).isEqualTo("October 4, 2025");
    }

    @Test
    void linksEveryFormatWithItsAddressToCopyAndAutodiscovery() {
        Feed feed = feed(FeedSpec.of(FeedFamilies.TAG, Term.of("投資")), "ja", List.of());

        Document page = parse(feed, TOKYO);

        for (FeedFormat format : FeedFormats.all()) {
            String address = "https://example.org/feeds/tags/%E6%8A%95%E8%B3%87/" + format.fileName();
            Element alternate = page.selectFirst("head link[rel=alternate][type=" + format.mediaType() + "]");
            assertThat(alternate).as(format.label()).isNotNull();
            assertThat(alternate.attr("href")).isEqualTo(format.fileName());
            assertThat(alternate.attr("title")).isEqualTo("Site · Tag: 投資 (" + format.label() + ")");
            Element link = page.selectFirst("ul.formats a[href=" + format.fileName() + "]");
            assertThat(link.text()).isEqualTo(format.label() + " " + format.version());
            Element field = link.parent().selectFirst("input");
            assertThat(field.attr("value")).isEqualTo(address);
            assertThat(field.hasAttr("readonly")).isTrue();
            Element button = page.selectFirst("button[data-copy=" + field.id() + "]");
            assertThat(button.hasAttr("hidden")).as("without scripts there is no button that does nothing").isTrue();
        }
        assertThat(page.select("head link[rel=alternate]")).hasSize(FeedFormats.all().size());
        assertThat(page.select("input[readonly]")).hasSize(FeedFormats.all().size());
        assertThat(page.selectFirst("header a").attr("href")).isEqualTo("../../index.html");
        assertThat(page.text()).contains("No entries yet.");
    }

    @Test
    void theSiteFeedsPageLinksTheIndexBesideIt() {
        Document page = parse(feed(FeedSpec.SITE, "en", List.of()), ZoneOffset.UTC);

        assertThat(page.selectFirst("header a").attr("href")).isEqualTo("index.html");
        assertThat(PreviewPage.path(FeedSpec.SITE)).isEqualTo("feed.html");
        assertThat(PreviewPage.path(FeedSpec.of(FeedFamilies.CATEGORY, Term.of("投資")))).isEqualTo("categories/投資/feed.html");
    }

    @Test
    void hostileTitlesSummariesAndTermsStayText() {
        Feed feed = new Feed(FeedSpec.of(FeedFamilies.TAG, Term.of(HOSTILE)), "Site · Tag: " + HOSTILE, HOSTILE,
                "en\"><script>alert(3)</script>", "https://example.org/?a=1&b=\"2\"",
                "https://example.org/feeds/tags/x/", "A", "g", Optional.empty(),
                List.of(entry(HOSTILE, "https://example.org/p/?q=\"><script>alert(4)</script>", "2025-01-02T10:00:00Z",
                        HOSTILE)));

        String html = new String(PreviewPage.write(feed, ZoneOffset.UTC), StandardCharsets.UTF_8);
        Document page = Jsoup.parse(html);

        assertThat(page.select("script")).as("only the page's own script").hasSize(1);
        assertThat(page.select("script").first().data()).doesNotContain("alert");
        assertThat(page.select("img, [onerror]")).isEmpty();
        assertThat(page.title()).isEqualTo("Site · Tag: " + HOSTILE);
        assertThat(page.selectFirst("h1").text()).isEqualTo("Site · Tag: " + HOSTILE);
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("en\"><script>alert(3)</script>");
        Element entry = page.selectFirst("ol.entries li");
        assertThat(entry.selectFirst("h3 a").text()).isEqualTo(HOSTILE);
        assertThat(entry.selectFirst("h3 a").attr("href")).isEqualTo("https://example.org/p/?q=\"><script>alert(4)</script>");
        assertThat(entry.select("p").last().text()).isEqualTo(HOSTILE);
        assertThat(html.replace(PreviewPage.SCRIPT, "")).doesNotContain("<img").doesNotContainIgnoringCase("<script");
    }

    private static Document parse(Feed feed, ZoneId zone) {
        return Jsoup.parse(new String(PreviewPage.write(feed, zone), StandardCharsets.UTF_8));
    }

    private static Feed feed(FeedSpec spec, String language, List<Entry> entries) {
        String title = spec.term().map(t -> "Site · Tag: " + t.name()).orElse("Site");
        return new Feed(spec, title, "About the site.", language, "https://example.org/blog/",
                "https://example.org/feeds/" + spec.term().map(t -> "tags/%E6%8A%95%E8%B3%87/").orElse(""),
                "A", "g", entries.stream().map(Entry::updated).max(OffsetDateTime::compareTo), entries);
    }

    private static Entry entry(String title, String link, String published, String summary) {
        OffsetDateTime date = OffsetDateTime.parse(published);
        return new Entry("tag:example.org,2025:" + title, title, link, date, date, "A", List.of(), List.of(),
                summary, EntryContent.NONE, "");
    }
}
