package feedwright.reload;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.http.FeedServer;
import feedwright.snapshot.SitePipeline;
import feedwright.testing.Json;
import feedwright.testing.LiveSite;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #11, item 3: a reload that throws must never leave {@code /healthz} saying {@code ok}. Reading and
 * rendering now keep every problem with its post, so no known input makes a reload throw; the one fault
 * injected here is a clock that fails while {@link #failing} is set (the reloader asks it the time first).
 */
@Timeout(60)
class ReloadFailureTest {

    @TempDir
    Path dir;

    private volatile boolean failing;

    private final Clock clock = new Clock() {
        private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            if (failing) {
                throw new IllegalStateException("injected fault");
            }
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    };

    @Test
    void aReloadThatThrowsShowsInHealthzUntilOneSucceeds() throws Exception {
        LiveSite.copySample(dir);
        SitePipeline pipeline = SitePipeline.open(dir);
        pipeline.run(clock.instant());
        try (LiveSite site = LiveSite.serve(dir, clock, FeedServer.Limits.DEFAULTS);
             SiteReloader reloader = new SiteReloader(pipeline, site.current(), clock)) {
            assertThat(health(site)).containsEntry("status", "ok");
            String etag = site.etag("/rss.xml");

            failing = true;
            assertThat(reloader.reload().outcome()).isEqualTo(SiteReloader.Outcome.FAILED);

            Map<String, Object> health = health(site);
            assertThat(health).containsEntry("status", "degraded").containsEntry("errors", 1L);
            assertThat(Json.objects(health, "problemList")).extracting(p -> p.get("file") + ": " + p.get("message"))
                    .contains("posts/: reload failed: unexpected IllegalStateException (details in the server log); "
                            + "still serving the previous site");
            assertThat(site.etag("/rss.xml")).isEqualTo(etag);

            failing = false;
            reloader.reload();
            assertThat(health(site)).containsEntry("status", "ok").containsEntry("errors", 0L);
        }
    }

    private static Map<String, Object> health(LiveSite site) {
        return Json.object(site.get("/healthz").body());
    }
}
