package feedwright.http;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.LiveSite;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample site served with a {@code server.max_age} that is no whole number of minutes: every feed the
 * OPML list names, in RSS and Atom, says the one policy of the README in its header and in its body; and a
 * {@code max_age} changed while serving changes neither until a restart.
 */
class PollingHintsAgreeTest {

    private static final Pattern FEED_URL = Pattern.compile("xmlUrl=\"https://example\\.org/blog/([^\"]*)rss\\.xml\"");

    @TempDir
    Path dir;

    @Test
    void cacheControlTtlAndSyndicationSayTheSameIntervalInEveryFeed() throws Exception {
        LiveSite.copySample(dir);
        Path config = dir.resolve("feeds-config/site.yml");
        Files.writeString(config, Files.readString(config).replace("max_age: 300", "max_age: 2641"));

        try (LiveSite site = LiveSite.serve(dir, Clock.systemUTC(), FeedServer.Limits.DEFAULTS)) {
            Matcher feeds = FEED_URL.matcher(site.get("/feeds.opml").body());
            int rss = 0;
            int atom = 0;
            while (feeds.find()) {
                for (String file : new String[] {"rss.xml", "atom.xml"}) {
                    String path = "/" + feeds.group(1) + file;
                    HttpResponse<String> response = site.get(path);
                    assertThat(response.statusCode()).as(path).isEqualTo(200);
                    assertThat(response.headers().firstValue("Cache-Control")).as(path)
                            .hasValueSatisfying(value -> assertThat(value).startsWith("public, max-age=2641, "));
                    // 2641 s is 44.02 minutes: ttl 45, and 45 minutes is 32 times a day.
                    String sy = "<sy:updatePeriod>daily</sy:updatePeriod>\n%1$s<sy:updateFrequency>32</sy:updateFrequency>\n";
                    if (file.equals("rss.xml")) {
                        rss++;
                        assertThat(response.body()).as(path).contains("    <ttl>45</ttl>\n    " + sy.formatted("    "));
                    } else {
                        atom++;
                        assertThat(response.body()).as(path).doesNotContain("<ttl>").contains("  " + sy.formatted("  "));
                    }
                }
            }
            assertThat(rss).isGreaterThan(20).isEqualTo(atom);
        }
    }

    @Test
    void aMaxAgeChangedWhileServingWaitsForTheRestartInTheFeedsAsInTheHeaders() throws Exception {
        try (LiveSite site = LiveSite.watchSample(dir, Duration.ZERO, true)) {
            String config = site.read("feeds-config/site.yml");
            assertThat(config).contains("max_age: 300").contains("title: ");
            site.save("feeds-config/site.yml", config.replace("max_age: 300", "max_age: 2641")
                    .replaceFirst("(?m)^title: .*$", "title: Renamed While Serving"));

            // The reload that takes the new title keeps the running server's settings, in the body as in the header.
            HttpResponse<String> reloaded = site.awaitResponse("/rss.xml",
                    response -> response.body().contains("<title>Renamed While Serving</title>"));
            assertThat(reloaded.headers().firstValue("Cache-Control"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("public, max-age=300, "));
            assertThat(reloaded.body()).contains("<ttl>5</ttl>").doesNotContain("<ttl>45</ttl>");
        }
    }
}
