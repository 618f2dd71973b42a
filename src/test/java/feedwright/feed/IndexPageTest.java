package feedwright.feed;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.post.Term;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The index page of a site with more feeds than a page can usefully list. */
class IndexPageTest {


    @Test
    void listsAThousandTagsThoseWithMostEntriesInAddressOrderAndPointsToTheOpmlForTheRest() {
        List<FeedListing> feeds = new ArrayList<>(List.of(feed(FeedSpec.SITE, 2)));
        for (int i = 0; i < 1_500; i++) {
            // Every third tag has two entries: those 500 are listed, then the first 500 of the others.
            feeds.add(feed(FeedSpec.of(FeedFamilies.TAG, Term.of(String.format("t%04d", i))), i % 3 == 0 ? 2 : 1));
        }

        String html = new String(IndexPage.write("Site", "https://example.org/", "en", feeds), StandardCharsets.UTF_8);

        List<String> listed = Pattern.compile("href=\"tags/(t\\d{4})/rss\\.xml\"").matcher(html).results()
                .map(match -> match.group(1)).toList();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            if (i % 3 == 0 || i - i / 3 - 1 < 500) {
                expected.add(String.format("t%04d", i));
            }
        }
        assertThat(listed).hasSize(1_000).isEqualTo(expected);
        assertThat(html).contains("href=\"rss.xml\"")
                .contains("<p>… and 500 more tags: <a href=\"feeds.opml\">feeds.opml</a> lists every feed.</p>");
    }

    @Test
    void listsEveryTermWhenThereAreAThousandOrFewer() {
        List<FeedListing> feeds = new ArrayList<>(List.of(feed(FeedSpec.SITE, 1)));
        for (int i = 0; i < 1_000; i++) {
            feeds.add(feed(FeedSpec.of(FeedFamilies.CATEGORY, Term.of("c" + i)), 1));
        }

        String html = new String(IndexPage.write("Site", "https://example.org/", "en", feeds), StandardCharsets.UTF_8);

        assertThat(Pattern.compile("href=\"categories/c\\d+/atom\\.xml\"").matcher(html).results()).hasSize(1_000);
        assertThat(html).doesNotContain("more categories");
    }

    @Test
    void linksEveryPreviewFormatsFeedAndOpmlListWithAutodiscoveryForTheSiteFeed() {
        List<FeedListing> feeds = List.of(feed(FeedSpec.SITE, 1), feed(FeedSpec.of(FeedFamilies.TAG, Term.of("投資")), 1));

        String html = new String(IndexPage.write("Site", "https://example.org/", "en", feeds), StandardCharsets.UTF_8);

        for (FeedFormat format : FeedFormats.all()) {
            assertThat(html).contains("<link rel=\"alternate\" type=\"" + format.mediaType() + "\" title=\"Site ("
                    + format.label() + ")\" href=\"" + format.fileName() + "\">");
            assertThat(html).contains("<a class=\"fmt\" href=\"tags/%E6%8A%95%E8%B3%87/" + format.fileName() + "\">");
            assertThat(html).contains("<a href=\"" + OpmlWriter.fileName(format) + "\">" + format.label() + "</a>");
        }
        assertThat(html).contains("<li><a href=\"feed.html\">Site</a> <small>(1 entry)</small>")
                .contains("<li><a href=\"tags/%E6%8A%95%E8%B3%87/feed.html\">投資</a> <small>(1 entry)</small>");
    }

    private static FeedListing feed(FeedSpec spec, int entries) {
        return new FeedListing(spec, "Site", "https://example.org/", entries, Optional.empty());
    }
}
