package feedwright.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every XML format, on a model built by hand: what goes in comes back out of a real feed parser (ROME's). */
class FeedWriterTest {

    static final String TRICKY_HTML = "<p>😀 a &amp; b < c > d \" ' ]]> <![CDATA[ x ]]>\r\nline</p>\n<p>投資 &lt;</p>";

    @ParameterizedTest
    @MethodSource("xmlFormats")
    void entryHtmlRoundTripsExactly(FeedFormat format) throws Exception {
        SyndFeed parsed = parse(format, feed("Title", TRICKY_HTML, "Second <b>html</b> & more"));

        assertThat(parsed.getEntries()).extracting(FeedWriterTest::content)
                .containsExactly(TRICKY_HTML, "Second <b>html</b> & more");
    }

    @ParameterizedTest
    @MethodSource("xmlFormats")
    void aTitleHoldingThePlaceholderCharacterStillGivesTheExactHtml(FeedFormat format) throws Exception {
        String title = "private use \uE000" + "0\uE001 here";

        SyndFeed parsed = parse(format, feed(title, TRICKY_HTML, "<p>two</p>"));

        assertThat(parsed.getEntries()).extracting(SyndEntry::getTitle).containsExactly(title, "second");
        assertThat(parsed.getEntries()).extracting(FeedWriterTest::content)
                .containsExactly(TRICKY_HTML, "<p>two</p>");
    }

    @ParameterizedTest
    @MethodSource("xmlFormats")
    void entriesWithoutContentWriteNoContentElement(FeedFormat format) throws Exception {
        String xml = new String(format.write(feed("Title", "", "")), StandardCharsets.UTF_8);

        assertThat(xml).doesNotContain("encoded", "<content", "\uE000");
        assertThat(parse(format, feed("Title", "", "")).getEntries()).hasSize(2);
    }

    private static String content(SyndEntry entry) {
        // A raw CR would be normalised away by any XML parser; written as &#xD; it survives.
        return entry.getContents().get(0).getValue();
    }

    private static SyndFeed parse(FeedFormat format, Feed feed) throws Exception {
        String xml = new String(format.write(feed), StandardCharsets.UTF_8);
        return new SyndFeedInput().build(new StringReader(xml));
    }

    static List<FeedFormat> xmlFormats() {
        return FeedFormats.all().stream().filter(format -> format.mediaType().endsWith("+xml")).toList();
    }

    private static Feed feed(String firstTitle, String firstHtml, String secondHtml) {
        OffsetDateTime first = OffsetDateTime.parse("2025-10-03T21:14:09+09:00");
        OffsetDateTime second = OffsetDateTime.parse("2025-10-02T08:00:00Z");
        List<Entry> entries = List.of(
                new Entry("tag:example.org,2025-10-03:posts/a", firstTitle, "https://example.org/a/", first, first,
                        "編集部", List.of(), List.of(), "summary a", EntryContent.of(firstHtml), ""),
                new Entry("tag:example.org,2025-10-02:posts/b", "second", "https://example.org/b/", second, second,
                        "Ed", List.of(), List.of(), "summary b", EntryContent.of(secondHtml), ""));
        return new Feed(FeedSpec.SITE, "Site", "About the site", "ja", "https://example.org/",
                "https://example.org/",
                "編集部", "Feedwright test", Optional.of(first), entries);
    }
}
