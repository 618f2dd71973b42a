package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import feedwright.testing.CallbackServer;
import feedwright.testing.LiveSite;
import feedwright.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} with {@code websub.hubs} naming a hub (a capture server on 127.0.0.1): after an edit, the hub
 * is told of each feed whose bytes changed, once, and of no other; a ping answered 500 is tried again; a hub
 * that never answers holds up no reload; {@code /healthz} tells how the pings fare.
 */
@Timeout(120)
class ServeHubPingTest {

    private static final String BASE = "https://example.org/blog";
    private static final List<String> FORMATS = List.of("rss.xml", "atom.xml", "feed.json");

    @TempDir
    Path site;

    @Test
    void theHubIsToldOfEachChangedFeedOnceAndOfNoOther() throws Exception {
        try (CallbackServer hub = CallbackServer.start()) {
            writeSite(hub);
            try (ServeRun serve = serve()) {
                Map<String, String> before = etags(serve);
                edit("alpha", "Words of the first edit.");
                Set<String> changed = changedSince(serve, before, "/tags/alpha/rss.xml");
                assertThat(changed).contains("/tags/alpha/rss.xml", "/tags/alpha/atom.xml", "/tags/alpha/feed.json")
                        .noneMatch(path -> path.startsWith("/tags/beta/"));

                List<Map<String, String>> first = hub.nextPings(changed.size());
                assertThat(first).allSatisfy(form -> assertThat(form).containsEntry("hub.mode", "publish")
                        .containsOnlyKeys("hub.mode", "hub.url"));
                assertThat(first.stream().map(form -> form.get("hub.url")).toList())
                        .as("each changed feed once").doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(changed.stream().map(path -> BASE + path).toList());

                // Another tag's edit: its pings come after anything more the first edit could have sent.
                Map<String, String> middle = etags(serve);
                edit("beta", "Words of the second edit.");
                Set<String> changedAgain = changedSince(serve, middle, "/tags/beta/rss.xml");
                hub.nextPings(changedAgain.size());
                assertThat(hub.deliveriesSoFar().stream().map(r -> r.form().get("hub.url")).toList())
                        .as("no ping besides one per changed feed; changed " + changedAgain + "; log " + serve.err() + serve.out()).isEmpty();
            }
        }
    }

    @Test
    void aPingAnswered500IsTriedAgainAndHealthzTellsOfTheFailure() throws Exception {
        try (CallbackServer hub = CallbackServer.start()) {
            writeSite(hub);
            try (ServeRun serve = serve()) {
                Map<String, String> before = etags(serve);
                hub.answerDeliveriesWith(500);
                edit("alpha", "Words the hub refuses at first.");
                Set<String> changed = changedSince(serve, before, "/tags/alpha/rss.xml");
                String refused = hub.nextDelivery().form().get("hub.url");
                hub.answerDeliveriesWith(204);

                Map<String, Long> told = new HashMap<>();
                told.merge(refused, 1L, Long::sum);
                long deadline = System.nanoTime() + LiveSite.DEADLINE.toNanos();
                while (told.getOrDefault(refused, 0L) < 2) {
                    assertThat(System.nanoTime()).as("the refused ping tried again in time").isLessThan(deadline);
                    told.merge(hub.nextDelivery().form().get("hub.url"), 1L, Long::sum);
                }
                String health = awaitHealth(serve, "\"sent\":" + changed.size());
                assertThat(health).contains("\"websub\":{\"pending\":0", "\"url\":\"" + hub.uri() + "\"",
                        "\"lastFailureAt\":\"").doesNotContain("lastFailure\":\"answered");
            }
            // With the details, the reason is told too.
            try (ServeRun serve = ServeRun.start("serve", "--site", site.toString(), "--port", "0", "--health-details")) {
                hub.answerDeliveriesWith(503);
                edit("alpha", "Words refused again.");
                assertThat(hub.nextDelivery().form()).containsEntry("hub.mode", "publish");
                assertThat(awaitHealth(serve, "\"lastFailure\":\"answered 503\"")).contains("\"failed\":");
            }
        }
    }

    @Test
    void aHubThatNeverAnswersHoldsUpNoReload() throws Exception {
        try (CallbackServer hub = CallbackServer.start()) {
            writeSite(hub);
            hub.holdDeliveries();
            try (ServeRun serve = serve()) {
                assertThat(serve.port()).isPositive();
                edit("alpha", "Words of the first edit.");
                CallbackServer.Request held = hub.nextHeldDelivery();
                assertThat(held.form()).containsEntry("hub.mode", "publish");

                // The ping is still unanswered; the next edit is published all the same.
                edit("alpha", "Words of the second edit.");
                awaitFeedContaining(serve, "/tags/alpha/rss.xml", "Words of the second edit.");
                assertThat(hub.deliveriesSoFar()).as("the held ping is still unanswered").isEmpty();
                assertThat(health(serve)).matches("(?s).*\"websub\":\\{\"pending\":[1-9].*");
                hub.release();
            }
        }
    }

    @Test
    void withoutHubsThereIsNoWebSubPartInHealthz() throws Exception {
        TestSite.create(site).post("2025-03-01-alpha.md", TestSite.taggedPost("Alpha", "2025-03-01", "[alpha]", "x"));
        try (ServeRun serve = serve()) {
            assertThat(health(serve)).doesNotContain("websub");
        }
    }

    private void writeSite(CallbackServer hub) {
        TestSite.create(site, TestSite.CONFIG + "websub:\n  hubs: [\"" + hub.uri() + "\"]\n")
                .post("2025-03-01-alpha.md", TestSite.taggedPost("Alpha", "2025-03-01", "[alpha]", "First words."))
                .post("2025-02-01-beta.md", TestSite.taggedPost("Beta", "2025-02-01", "[beta]", "Other words."));
    }

    private ServeRun serve() {
        return ServeRun.start("serve", "--site", site.toString(), "--port", "0");
    }

    /** The ETag of every feed of the site, the tags' and the site-wide one, by path. */
    private static Map<String, String> etags(ServeRun serve) throws Exception {
        Map<String, String> etags = new LinkedHashMap<>();
        for (String folder : List.of("/", "/tags/alpha/", "/tags/beta/")) {
            for (String format : FORMATS) {
                HttpResponse<byte[]> response = serve.get(folder + format);
                assertThat(response.statusCode()).as(folder + format).isEqualTo(200);
                etags.put(folder + format, response.headers().firstValue("ETag").orElseThrow());
            }
        }
        return etags;
    }

    /** The feeds whose ETag changed, once {@code witness} has. */
    private static Set<String> changedSince(ServeRun serve, Map<String, String> before, String witness)
            throws Exception {
        long deadline = System.nanoTime() + LiveSite.DEADLINE.toNanos();
        while (true) {
            if (!etags(serve).get(witness).equals(before.get(witness))) {
                // Read again, all of it after the witness changed: the first read may have seen some feeds before.
                Map<String, String> now = etags(serve);
                Set<String> changed = new TreeSet<>();
                now.forEach((path, etag) -> {
                    if (!etag.equals(before.get(path))) {
                        changed.add(path);
                    }
                });
                return changed;
            }
            assertThat(System.nanoTime()).as("the edit published in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static String health(ServeRun serve) throws Exception {
        HttpResponse<byte[]> response = serve.get("/healthz");
        assertThat(response.statusCode()).isEqualTo(200);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertWellFormed(body);
        return body;
    }

    private static String awaitHealth(ServeRun serve, String part) throws Exception {
        long deadline = System.nanoTime() + LiveSite.DEADLINE.toNanos();
        while (true) {
            String body = health(serve);
            if (body.contains(part)) {
                return body;
            }
            assertThat(System.nanoTime()).as("/healthz to show " + part + "; last: " + body).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void awaitFeedContaining(ServeRun serve, String path, String words) throws Exception {
        long deadline = System.nanoTime() + LiveSite.DEADLINE.toNanos();
        while (!new String(serve.get(path).body(), StandardCharsets.UTF_8).contains(words)) {
            assertThat(System.nanoTime()).as(path + " to show the edit").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void assertWellFormed(String json) throws Exception {
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            while (parser.nextToken() != null) {
                assertThat(parser.currentToken()).isNotEqualTo(JsonToken.NOT_AVAILABLE);
            }
        }
    }

    private void edit(String tag, String words) throws Exception {
        Path post = site.resolve(tag.equals("alpha") ? "posts/2025-03-01-alpha.md" : "posts/2025-02-01-beta.md");
        Path temp = post.resolveSibling("." + tag + ".md.swp");
        Files.writeString(temp, Files.readString(post) + "\n" + words + "\n");
        Files.move(temp, post, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
