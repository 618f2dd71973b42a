package feedwright.reload;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.WatchedSample;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Old feed addresses on a live site: switched on by an edit of site.yml, and following the posts (a tag
 * spelt anew gets jekyll-feed's address of that spelling) without a restart.
 */
@Timeout(120)
class AliasReloadTest extends WatchedSample {

    private static final String CONFIG = "feeds-config/site.yml";

    @Test
    void aliasesSwitchedOnAndANewTagSpellingAreRedirectedAfterTheirReload() throws Exception {
        assertThat(site.get("/feed.xml").statusCode()).isEqualTo(404);

        site.save(CONFIG, site.read(CONFIG) + "\njekyll_feed_aliases: true\n");
        HttpResponse<String> feed = site.awaitResponse("/feed.xml", r -> r.statusCode() == 301);
        assertThat(feed.headers().firstValue("Location")).contains("https://example.org/blog/atom.xml");
        assertThat(site.get("/feed/by_tag/Zig.xml").statusCode()).isEqualTo(404);

        site.save("posts/2025-11-30-zig.md", """
                ---
                title: "Zig"
                date: 2025-11-30 09:00:00 +0000
                excerpt: "An excerpt."
                tags: [Zig]
                ---
                A body.
                """);
        HttpResponse<String> tag = site.awaitResponse("/feed/by_tag/Zig.xml", r -> r.statusCode() == 301);
        assertThat(tag.headers().firstValue("Location")).contains("https://example.org/blog/tags/zig/atom.xml");
        assertThat(site.get("/tags/zig/atom.xml").statusCode()).isEqualTo(200);
    }
}
