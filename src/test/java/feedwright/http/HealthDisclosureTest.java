package feedwright.http;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.Json;
import feedwright.testing.LiveSite;
import feedwright.testing.TestSite;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code /healthz} tells anyone who asks, against the real server: status and counts only. File
 * names, titles quoted in warnings and the embargo dates of scheduled posts are details, shown only
 * when the operator asks for them ({@code serve --health-details}).
 */
@Timeout(60)
class HealthDisclosureTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-01-15T00:00:00Z"), ZoneOffset.UTC);
    /** Every secret the site holds; none may appear in the public answer. */
    private static final List<String> SECRETS = List.of("posts/", "kestrel", "2099", "quiet-merger", "Merger",
            "problemList", "builtAt");

    @TempDir
    Path dir;

    @Test
    void thePublicAnswerIsStatusAndCountsOnly() throws Exception {
        siteWithSecrets();
        try (LiveSite site = LiveSite.serve(dir, NOW, FeedServer.Limits.DEFAULTS, FeedServer.HealthDetails.HIDDEN)) {
            HttpResponse<String> response = site.get("/healthz");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Json.object(response.body())).containsExactly(Map.entry("status", "degraded"),
                    Map.entry("posts", 1L), Map.entry("feeds", 1L), Map.entry("problems", 3L), Map.entry("errors", 1L));
            for (String secret : SECRETS) {
                assertThat(response.body()).as(secret).doesNotContainIgnoringCase(secret);
            }
            assertThat(response.body()).doesNotContain(dir.toString());
            HttpResponse<String> head = site.send(site.request("/healthz")
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofString());
            assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length());
        }
    }

    @Test
    void theOperatorsSwitchAddsTheProblemsAndBuildTimes() throws Exception {
        siteWithSecrets();
        try (LiveSite site = LiveSite.serve(dir, NOW, FeedServer.Limits.DEFAULTS, FeedServer.HealthDetails.SHOWN)) {
            Map<String, Object> health = Json.object(site.get("/healthz").body());
            assertThat(health).containsEntry("status", "degraded").containsEntry("posts", 1L)
                    .containsKeys("builtAt", "buildMillis");
            assertThat(Json.objects(health, "problemList")).extracting(p -> p.get("file") + ": " + p.get("message"))
                    .contains("posts/2099-05-01-kestrel.md: dated in the future (2099-05-01T09:00Z); left out until"
                            + " then (set future: true to publish it now)")
                    .anySatisfy(line -> assertThat(line).startsWith("posts/2025-12-01-quiet-merger.md: title:"
                            + " removed HTML markup ('<b>Merger</b>"));
        }
    }

    /**
     * One good post, one scheduled post, one post whose title markup gets a warning quoting it, one
     * broken post.
     */
    private void siteWithSecrets() {
        TestSite.create(dir).withGoodNeighbour()
                .post("2099-05-01-kestrel.md", "---\ntitle: \"Project Kestrel launches\"\n"
                        + "date: 2099-05-01 09:00:00 +0000\nexcerpt: \"Under embargo.\"\n---\nNot yet.\n")
                .post("2025-12-01-quiet-merger.md", "---\ntitle: \"<b>Merger</b> with Example Corp\"\n"
                        + "date: 2025-99-01\nexcerpt: \"x\"\n---\nBody.\n");
    }
}
