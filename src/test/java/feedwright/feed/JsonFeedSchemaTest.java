package feedwright.feed;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.post.Term;
import feedwright.testing.JsonFeedSchema;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JSON Feed 1.1 schema the build tests validate with: what the writer makes passes it, and a feed
 * broken in any of the ways below fails it, so a passing check means something.
 */
class JsonFeedSchemaTest {

    private static final OffsetDateTime DATE = OffsetDateTime.parse("2025-10-03T21:14:09+09:00");

    @Test
    void theWritersFeedsAreValidWithContentWithSummariesOnlyAndEmpty() {
        Entry full = entry("tag:example.org,2025-10-03:posts/a", EntryContent.of("<p>a</p>"), "https://example.org/a.jpg");
        Entry summaryOnly = entry("tag:example.org,2025-10-03:posts/b", EntryContent.NONE, "");

        assertThat(JsonFeedSchema.problems(new JsonFeedWriter().write(feed(List.of(full, summaryOnly))))).isEmpty();
        assertThat(JsonFeedSchema.problems(new JsonFeedWriter().write(feed(List.of())))).isEmpty();
    }

    @Test
    void aFeedWithTheSitesIconIsValid() {
        Feed plain = feed(List.of(entry("tag:example.org,2025-10-03:posts/a", EntryContent.of("<p>a</p>"), "")));
        Feed withIcon = new Feed(plain.spec(), plain.title(), plain.description(), plain.language(), plain.siteUrl(),
                plain.folderUrl(), plain.author(), plain.generator(), plain.updated(), plain.entries(),
                PollingHint.ofMaxAge(300), "https://example.org/icon.png", "https://example.org/logo.png");
        String json = new String(new JsonFeedWriter().write(withIcon), StandardCharsets.UTF_8);

        assertThat(json).contains("\"favicon\": \"https://example.org/icon.png\"");
        assertThat(JsonFeedSchema.problems(json)).isEmpty();
        assertThat(JsonFeedSchema.problems(json.replace("\"favicon\": \"https://example.org/icon.png\"",
                "\"favicon\": 7"))).anySatisfy(problem -> assertThat(problem).startsWith("#/favicon: "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no version                        | "version": "https://jsonfeed.org/version/1.1",  |                                            | #
            version 1.0                       | version/1.1                                     | version/1                                  | #/version
            no title                          | "title": "Site",                                |                                            | #
            an item without id                | "id": "tag:example.org,2025-10-03:posts/a",     |                                            | #/items/0
            a numeric id                      | "id": "tag:example.org,2025-10-03:posts/a"      | "id": 7                                    | #/items/0/id
            an item with no content           | "content_html": "<p>a</p>",                     |                                            | #/items/0
            a date without offset             | "date_published": "2025-10-03T21:14:09+09:00"   | "date_published": "2025-10-03T21:14:09"    | #/items/0/date_published
            an RFC 822 date                   | "date_modified": "2025-10-03T21:14:09+09:00"    | "date_modified": "Fri, 03 Oct 2025 21:14:09 +0900" | #/items/0/date_modified
            a month 13                        | "date_published": "2025-10-03T21:14:09+09:00"   | "date_published": "2025-13-03T21:14:09+09:00" | #/items/0/date_published
            a relative feed_url               | "feed_url": "https://example.org/feed.json"     | "feed_url": "feed.json"                    | #/feed_url
            a misspelt member                 | "content_html":                                 | "content-html":                            | #/items/0
            an author with no member          | "name": "Ed"                                    | "_note": "Ed"                              | #/items/0/authors/0
            tags that are not strings         | "tags": [                                       | "tags": [ 1,                               | #/items/0/tags/0
            items that are not an array       | "items": [                                      | "items": {"x": [                           | #/items
            """)
    void rejectsABrokenFeed(String breakage, String valid, String broken, String location) {
        String feed = new String(new JsonFeedWriter().write(feed(List.of(entry("tag:example.org,2025-10-03:posts/a",
                EntryContent.of("<p>a</p>"), "")))), StandardCharsets.UTF_8);
        assertThat(JsonFeedSchema.problems(feed)).isEmpty();
        assertThat(feed).as(breakage).contains(valid);

        String changed = breakage.equals("items that are not an array")
                ? feed.replace(valid, broken).replaceFirst("]\\n}\\n$", "]}\n}\n")
                : feed.replace(valid, broken == null ? "" : broken);

        assertThat(JsonFeedSchema.problems(changed)).as(breakage + ":\n" + changed).isNotEmpty()
                .anySatisfy(problem -> assertThat(problem).startsWith(location + ": ").as(breakage));
    }

    private static Feed feed(List<Entry> entries) {
        return new Feed(FeedSpec.of(FeedFamilies.CATEGORY, Term.of("markets")), "Site", "About", "en-US", "https://example.org/",
                "https://example.org/",
                "Site Team", "Feedwright test", Optional.of(DATE), entries);
    }

    private static Entry entry(String id, EntryContent content, String image) {
        return new Entry(id, "A", "https://example.org/a/", DATE, DATE, "Ed",
                List.of(new Entry.Category("markets", "https://example.org/categories/", "https://example.org/categories/markets/")),
                List.of(new Entry.Category("yen", "https://example.org/tags/", "https://example.org/tags/yen/")), "s", content, image);
    }
}
