package feedwright.reload;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.Json;
import feedwright.testing.WatchedSample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #11, items 3 and 5, against the real server and watcher on a copy of the sample site: a post
 * with a permalink that is no URI, and a {@code post_patterns} glob that does not compile, used to make
 * every later reload throw while {@code /healthz} kept saying {@code ok}. Now each is a located error in
 * {@code /healthz} ({@code degraded}), and the site goes on reloading.
 */
@Timeout(120)
class ReloadStaysVisibleTest extends WatchedSample {

    private static final String CONFIG = "feeds-config/site.yml";

    @Test
    void aPermalinkThatIsNoUriIsALocatedErrorAndLaterSavesStillArrive() throws Exception {
        site.save("posts/2025-11-20-no-host.md", post("No host", "permalink: \"http://\""));
        site.save("posts/2025-11-21-space.md", post("With a space", "permalink: \"https://example.org/a b/\""));

        Map<String, Object> health = awaitHealth("degraded");
        assertThat(problems(health)).contains(
                "posts/2025-11-20-no-host.md:4:12: error: permalink: 'http://' is not a URL (Expected authority)");
        assertThat(health).containsEntry("errors", 1L);
        site.awaitResponse("/rss.xml", r -> r.body().contains("<link>https://example.org/a%20b/</link>"));

        site.save("posts/2025-11-22-later.md", post("Saved later", ""));
        site.awaitResponse("/rss.xml", r -> r.body().contains("Saved later"));
        site.save("posts/2025-11-20-no-host.md", post("No host", "permalink: \"/fixed/\""));
        assertThat(errors(awaitHealth("ok"))).isEmpty();
        assertThat(site.get("/rss.xml").body()).contains("<link>https://example.org/blog/fixed/</link>");
    }

    @Test
    void aBadGlobInPostPatternsIsALocatedConfigErrorUntilItIsFixed() throws Exception {
        String config = site.read(CONFIG);
        site.save(CONFIG, config.replace("post_patterns: [\"*.md\", \"*.markdown\", \"*.txt\"]",
                "post_patterns: [\"*.md\", \"*.{markdown\"]"));

        Map<String, Object> health = awaitHealth("degraded");
        assertThat(errors(health)).containsExactly("feeds-config/site.yml:54:25: error: post_patterns: "
                + "'*.{markdown' is not a file-name pattern (Missing '} near index 10)");
        assertThat(site.get("/rss.xml").statusCode()).isEqualTo(200);

        site.save(CONFIG, config);
        site.save("posts/2025-11-22-later.md", post("Saved later", ""));
        site.awaitResponse("/rss.xml", r -> r.body().contains("Saved later"));
        assertThat(awaitHealth("ok")).containsEntry("errors", 0L);
    }

    /** A post whose third front matter line (file line 4) is {@code line}. */
    private static String post(String title, String line) {
        return "---\ntitle: \"" + title + "\"\ndate: 2025-11-20 09:00:00 +0000\n" + line
                + "\nexcerpt: \"Written by the test.\"\n---\nA body written by the test.\n";
    }

    private Map<String, Object> awaitHealth(String status) throws InterruptedException {
        return Json.object(site.awaitResponse("/healthz",
                r -> status.equals(Json.object(r.body()).get("status"))).body());
    }

    /** {@code /healthz}'s problem list, each as {@code path:line:column: severity: message}. */
    private static List<String> problems(Map<String, Object> health) {
        return Json.objects(health, "problemList").stream()
                .map(p -> p.get("file") + ":" + p.get("line") + ":" + p.get("column") + ": " + p.get("severity")
                        + ": " + p.get("message"))
                .toList();
    }

    private static List<String> errors(Map<String, Object> health) {
        return problems(health).stream().filter(p -> p.contains(": error: ")).toList();
    }
}
