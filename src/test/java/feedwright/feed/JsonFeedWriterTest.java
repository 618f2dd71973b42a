package feedwright.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import feedwright.post.Term;
import feedwright.text.CharBlocks;
import feedwright.testing.Json;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** JSON Feed 1.1 from a model built by hand: the exact bytes, what Atom agrees on, and hostile strings. */
class JsonFeedWriterTest {

    private static final OffsetDateTime FIRST = OffsetDateTime.parse("2025-10-03T21:14:09.750+09:00");
    private static final OffsetDateTime FIRST_EDIT = OffsetDateTime.parse("2025-10-04T08:00:00+09:00");
    private static final OffsetDateTime SECOND = OffsetDateTime.parse("2025-10-02T08:00:00Z");

    private final JsonFeedWriter writer = new JsonFeedWriter();

    @Test
    void writesEveryMemberInAFixedOrderPrettyPrintedWithLineFeeds() {
        Feed feed = feed(List.of(
                entry("tag:example.org,2025-10-03:posts/a", "First", FIRST, FIRST_EDIT, EntryContent.of("<p>a</p>"),
                        List.of(category("投資")), List.of(tag("ai"), tag("投資")), "https://example.org/a.jpg"),
                entry("tag:example.org,2025-10-02:posts/b", "Second", SECOND, SECOND, EntryContent.of("<p>b</p>"),
                        List.of(), List.of(), "")));

        assertThat(text(writer.write(feed))).isEqualTo("""
                {
                  "version": "https://jsonfeed.org/version/1.1",
                  "title": "Site",
                  "home_page_url": "https://example.org/",
                  "feed_url": "https://example.org/tags/%E6%8A%95/feed.json",
                  "description": "About the site",
                  "language": "ja",
                  "authors": [
                    {
                      "name": "編集部"
                    }
                  ],
                  "items": [
                    {
                      "id": "tag:example.org,2025-10-03:posts/a",
                      "url": "https://example.org/first/",
                      "title": "First",
                      "content_html": "<p>a</p>",
                      "summary": "summary of First",
                      "image": "https://example.org/a.jpg",
                      "date_published": "2025-10-03T21:14:09+09:00",
                      "date_modified": "2025-10-04T08:00:00+09:00",
                      "authors": [
                        {
                          "name": "Ed"
                        }
                      ],
                      "tags": [
                        "投資",
                        "ai"
                      ]
                    },
                    {
                      "id": "tag:example.org,2025-10-02:posts/b",
                      "url": "https://example.org/second/",
                      "title": "Second",
                      "content_html": "<p>b</p>",
                      "summary": "summary of Second",
                      "date_published": "2025-10-02T08:00:00Z",
                      "date_modified": "2025-10-02T08:00:00Z",
                      "authors": [
                        {
                          "name": "Ed"
                        }
                      ]
                    }
                  ]
                }
                """);
    }

    @Test
    void itemsHaveTheAtomEntrysIdsTitlesLinksAndDatesInTheSameOrder() throws Exception {
        Feed feed = feed(List.of(
                entry("tag:example.org,2025-10-03:posts/a", "First & <only>", FIRST, FIRST_EDIT,
                        EntryContent.of("<p>a</p>"), List.of(), List.of(), ""),
                entry("urn:uuid:0b5a2c4e-1111-4222-8333-444455556666", "Second", SECOND, SECOND,
                        EntryContent.of("<p>b</p>"), List.of(), List.of(), "")));
        SyndFeed atom = new SyndFeedInput().build(new StringReader(text(new AtomWriter().write(feed))));

        List<Map<String, Object>> items = Json.objects(Json.object(text(writer.write(feed))), "items");

        assertThat(items).hasSameSizeAs(atom.getEntries());
        for (int i = 0; i < items.size(); i++) {
            SyndEntry entry = atom.getEntries().get(i);
            Map<String, Object> item = items.get(i);
            assertThat(item.get("id")).isEqualTo(entry.getUri());
            assertThat(item.get("title")).isEqualTo(entry.getTitle());
            assertThat(item.get("url")).isEqualTo(entry.getLink());
            assertThat(OffsetDateTime.parse((String) item.get("date_published")).toInstant())
                    .isEqualTo(entry.getPublishedDate().toInstant());
            assertThat(OffsetDateTime.parse((String) item.get("date_modified")).toInstant())
                    .isEqualTo(entry.getUpdatedDate().toInstant());
        }
    }

    @Test
    void aSummaryOnlySiteGivesTheSummaryAsContentText() {
        Feed feed = feed(List.of(entry("tag:example.org,2025-10-03:posts/a", "First", FIRST, FIRST,
                EntryContent.NONE, List.of(), List.of(), "")));

        Map<String, Object> item = Json.objects(Json.object(text(writer.write(feed))), "items").get(0);

        assertThat(item).containsEntry("content_text", "summary of First").containsEntry("summary", "summary of First")
                .doesNotContainKey("content_html");
    }

    @Test
    void tagsAreTheCategoriesThenTheTagsEachNameOnce() {
        Feed feed = feed(List.of(entry("tag:example.org,2025-10-03:posts/a", "First", FIRST, FIRST,
                EntryContent.of("<p>a</p>"), List.of(category("markets"), category("投資")),
                List.of(tag("投資"), tag("yen"), tag("markets"), tag("rates")), "")));

        Map<String, Object> item = Json.objects(Json.object(text(writer.write(feed))), "items").get(0);

        assertThat(item.get("tags")).isEqualTo(List.of("markets", "投資", "yen", "rates"));
    }

    @Test
    void anEmptyFeedHasAnEmptyItemsArray() {
        assertThat(text(writer.write(feed(List.of())))).endsWith("\"authors\": [\n    {\n      \"name\": \"編集部\"\n"
                + "    }\n  ],\n  \"items\": []\n}\n");
    }

    @Test
    void anEmptyAuthorNameWritesNoAuthors() {
        Entry anonymous = new Entry("tag:example.org,2025-10-03:posts/a", "First", "https://example.org/a/", FIRST,
                FIRST, "", List.of(), List.of(), "s", EntryContent.of("<p>a</p>"), "");
        Feed feed = new Feed(FeedSpec.SITE, "Site", "d", "en", "https://example.org/", "https://example.org/",
                "", "Feedwright test", Optional.of(FIRST), List.of(anonymous));

        Map<String, Object> json = Json.object(text(writer.write(feed)));

        assertThat(json).doesNotContainKey("authors");
        assertThat(Json.objects(json, "items").get(0)).doesNotContainKey("authors");
    }

    @Test
    void hostileStringsComeOutAsStrictUtf8AndParseBackToWhatWasMeant() throws CharacterCodingException {
        String title = "lone \uD800 high, lone \uDC00 low, pair 😀, \u2028 and \u2029, \u0000\u0001\u001f\u007f, "
                + "\"quoted\" \\ back, </script>";
        String html = "<p>😀 \uDBFF</p>\r\n<p>\u2028投資</p>";
        Feed feed = feed(List.of(entry("tag:example.org,2025-10-03:posts/a", title, FIRST, FIRST,
                EntryContent.of(html), List.of(), List.of(tag("x\uDFFFy")), "")));

        byte[] bytes = writer.write(feed);

        String decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        assertThat(decoded).contains("\\u2028 and \\u2029").contains("\\u0000\\u0001\\u001F")
                .doesNotContain("\u2028", "\u2029", "\\uD8", "\\uDC", "\\uDB", "\\uDF").contains("😀");
        Map<String, Object> item = Json.objects(Json.object(decoded), "items").get(0);
        assertThat(item.get("title")).isEqualTo("lone \uFFFD high, lone \uFFFD low, pair 😀, \u2028 and \u2029, "
                + "\u0000\u0001\u001f\u007f, \"quoted\" \\ back, </script>");
        assertThat(item.get("content_html")).isEqualTo("<p>😀 \uFFFD</p>\r\n<p>\u2028投資</p>");
        assertThat(item.get("tags")).isEqualTo(List.of("x\uFFFDy"));
    }

    @Test
    void aSeparatorOrLoneSurrogateOnlyFarIntoALongStringIsStillFound() throws CharacterCodingException {
        // Strings are looked through a block of chars at a time: these sit past the first block, each in a string of
        // its own, with nothing to look at before them.
        String body = "投".repeat(CharBlocks.SIZE + 10) + "\u2029" + "資".repeat(3000);
        String title = "t".repeat(CharBlocks.SIZE + 3) + "\uDC00";
        Feed feed = feed(List.of(entry("tag:example.org,2025-10-03:posts/a", title, FIRST, FIRST,
                EntryContent.of(body), List.of(), List.of(tag("t")), "")));

        String decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(writer.write(feed))).toString();

        assertThat(decoded).contains("投\\u2029資").doesNotContain("\u2029");
        Map<String, Object> item = Json.objects(Json.object(decoded), "items").get(0);
        assertThat(item.get("content_html")).isEqualTo(body);
        assertThat(item.get("title")).isEqualTo("t".repeat(CharBlocks.SIZE + 3) + "\uFFFD");
    }

    @Test
    void findsTheFirstCharToLookAtInAnyBlock() {
        assertThat(JsonFeedWriter.firstToLookAt("")).isEqualTo(-1);
        assertThat(JsonFeedWriter.firstToLookAt("投資 \u2027\u202A\uD7FF\uE000\uFFFD ascii")).isEqualTo(-1);
        for (String found : List.of("\u2028", "\u2029", "\uD800", "\uDBFF", "\uDC00", "\uDFFF")) {
            for (int at : List.of(0, 5, CharBlocks.SIZE - 1, CharBlocks.SIZE, 2 * CharBlocks.SIZE + 4)) {
                String text = "a".repeat(at) + found + "\u2028".repeat(2);
                assertThat(JsonFeedWriter.firstToLookAt(text)).as("U+%04X at %d", (int) found.charAt(0), at)
                        .isEqualTo(at);
            }
        }
    }

    @Test
    void theSameFeedGivesTheSameBytes() {
        Feed feed = feed(List.of(entry("tag:example.org,2025-10-03:posts/a", "First", FIRST, FIRST,
                EntryContent.of("<p>a</p>"), List.of(category("c")), List.of(tag("t")), "")));

        assertThat(writer.write(feed)).isEqualTo(new JsonFeedWriter().write(feed)).isEqualTo(writer.write(feed));
    }

    @Test
    void theSitesIconIsTheFeedsIconAndFaviconAfterTheDescriptionAndTheLogoIsNotWritten() {
        Feed plain = feed(List.of());
        Feed withImages = new Feed(plain.spec(), plain.title(), plain.description(), plain.language(),
                plain.siteUrl(), plain.folderUrl(), plain.author(), plain.generator(), plain.updated(),
                plain.entries(), PollingHint.ofMaxAge(300), "https://example.org/icon.png",
                "https://example.org/logo.png");

        assertThat(text(writer.write(withImages))).isEqualTo("""
                {
                  "version": "https://jsonfeed.org/version/1.1",
                  "title": "Site",
                  "home_page_url": "https://example.org/",
                  "feed_url": "https://example.org/tags/%E6%8A%95/feed.json",
                  "description": "About the site",
                  "icon": "https://example.org/icon.png",
                  "favicon": "https://example.org/icon.png",
                  "language": "ja",
                  "authors": [
                    {
                      "name": "編集部"
                    }
                  ],
                  "items": []
                }
                """);
    }

    private static Feed feed(List<Entry> entries) {
        FeedSpec spec = FeedSpec.of(FeedFamilies.TAG, Term.of("投"));
        return new Feed(spec, "Site", "About the site", "ja", "https://example.org/",
                "https://example.org/tags/%E6%8A%95/", "編集部", "Feedwright test",
                entries.stream().map(Entry::updated).max(OffsetDateTime::compareTo), entries);
    }

    private static Entry entry(String id, String title, OffsetDateTime published, OffsetDateTime updated,
                               EntryContent content, List<Entry.Category> categories, List<Entry.Category> tags,
                               String image) {
        String link = "https://example.org/" + title.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-") + "/";
        return new Entry(id, title, link, published, updated, "Ed", categories, tags, "summary of " + title,
                content, image);
    }

    private static Entry.Category category(String name) {
        return new Entry.Category(name, "https://example.org/categories/", "https://example.org/categories/" + name + "/");
    }

    private static Entry.Category tag(String name) {
        return new Entry.Category(name, "https://example.org/tags/", "https://example.org/tags/" + name + "/");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
