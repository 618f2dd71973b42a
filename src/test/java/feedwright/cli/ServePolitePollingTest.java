package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} takes polite polling and {@code /stats} from site.yml's {@code server:} section. */
@Timeout(120)
class ServePolitePollingTest {

    @TempDir
    Path site;

    @Test
    void siteYmlTurnsOnTheLimitAndTheReport() throws Exception {
        writeSite("server:\n  polite_polling: true\n  min_poll_interval: 600\n  stats: loopback\n");
        try (ServeRun serve = serve()) {
            assertThat(serve.get("/rss.xml", "User-Agent", "curl/8.5.0").statusCode()).isEqualTo(200);
            HttpResponse<byte[]> again = serve.get("/rss.xml", "User-Agent", "curl/8.5.0");
            assertThat(again.statusCode()).isEqualTo(429);
            assertThat(again.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                    assertThat(Integer.parseInt(seconds)).isBetween(599, 600));
            assertThat(serve.out()).contains("Polite polling: a feed fetched in full again within 600 s, or"
                    + " revalidated within 5 s, gets 429").contains("Who polls how: /stats (loopback clients only)");
            String stats = new String(serve.get("/stats").body(), StandardCharsets.UTF_8);
            assertThat(stats).contains("\"family\":\"curl\",\"requests\":2").contains("\"tooManyRequests\":1");
        }
    }

    @Test
    void withoutTheKeysNothingIsLimitedAndThereIsNoReport() throws Exception {
        writeSite("");
        try (ServeRun serve = serve()) {
            for (int i = 0; i < 3; i++) {
                assertThat(serve.get("/rss.xml", "User-Agent", "curl/8.5.0").statusCode()).isEqualTo(200);
            }
            assertThat(serve.get("/stats").statusCode()).isEqualTo(404);
            assertThat(serve.out()).doesNotContain("Polite polling").doesNotContain("Who polls how");
        }
    }

    private void writeSite(String server) {
        TestSite.create(site, TestSite.CONFIG + server).post("2025-03-01-alpha.md",
                TestSite.taggedPost("Alpha", "2025-03-01", "[alpha]", "First words."));
    }

    private ServeRun serve() {
        return ServeRun.start("serve", "--site", site.toString(), "--port", "0");
    }
}
