package feedwright.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The format registry: what every format declares, and the names the command line builds from it. */
class FeedFormatsTest {

    @Test
    void rssComesFirstAndEveryFormatHasItsOwnFileAndAUtf8ContentType() {
        List<FeedFormat> all = FeedFormats.all();

        assertThat(all.get(0)).isInstanceOf(RssWriter.class);
        assertThat(all).extracting(FeedFormat::fileName).doesNotHaveDuplicates();
        assertThat(all).extracting(FeedFormat::label).doesNotHaveDuplicates();
        assertThat(all).allSatisfy(format -> {
            assertThat(format.contentType()).isEqualTo(format.mediaType() + "; charset=utf-8");
            assertThat(format.fileName()).doesNotContain("/");
        });
    }

    @Test
    void formatNamesAreJoinedAsASentence() {
        assertThat(FeedFormats.joined(List.of("RSS"))).isEqualTo("RSS");
        assertThat(FeedFormats.joined(List.of("RSS", "Atom"))).isEqualTo("RSS and Atom");
        assertThat(FeedFormats.joined(List.of("RSS", "Atom", "JSON Feed"))).isEqualTo("RSS, Atom and JSON Feed");
    }
}
