package feedwright.reload;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.Json;
import feedwright.testing.WatchedSample;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Live reload of configuration changes and of broken states, against the real server and watcher on a
 * copy of the sample site: every feed follows the configuration, {@code /healthz} shows a broken post's
 * {@code path:line:column: reason} until it is fixed or deleted, and a posts folder that goes away and
 * comes back never takes the site down.
 */
@Timeout(120)
class ReloadProblemsTest extends WatchedSample {

    private static final String CONFIG = "feeds-config/site.yml";
    private static final String FRESH = "posts/2025-11-15-fresh.md";
    private static final String BAD_DATE = FRESH + ":3:7: error: date: '2025-13-40' is not a date "
            + "(Invalid value for MonthOfYear (valid values 1 - 12): 13; expected YYYY-MM-DD HH:MM:SS +ZZZZ)";

    @Test
    void aNewTitleAndLimitReachEveryFeed() throws Exception {
        List<String> feeds = site.current().get().resources().keySet().stream()
                .filter(path -> path.endsWith(".xml")).sorted().toList();
        assertThat(feeds).hasSizeGreaterThan(20);

        site.save(CONFIG, site.read(CONFIG).replace("title: \"テックと市場ノート / Tech & Markets Notebook\"",
                "title: \"Renamed Notebook\"").replace("limit: 20", "limit: 2"));

        site.awaitResponse("/rss.xml", r -> r.body().contains("Renamed Notebook"));
        for (String feed : feeds) {
            String body = site.get(feed).body();
            assertThat(body).as(feed).contains("<title>Renamed Notebook").doesNotContain("テックと市場ノート");
            assertThat(entries(body)).as(feed).isBetween(1, 2);
        }
        assertThat(entries(site.get("/rss.xml").body())).isEqualTo(2);
        assertThat(entries(site.get("/atom.xml").body())).isEqualTo(2);
        assertThat(site.get("/feeds.opml").body()).contains("Renamed Notebook");
        assertThat(site.get("/index.html").body()).contains("Renamed Notebook");
    }

    @Test
    void aPostThatBecomesBrokenIsLocatedInHealthzUntilItIsFixed() throws Exception {
        site.save(FRESH, fresh("2025-11-15 09:00:00 +0000", "A fresh post"));
        site.awaitResponse("/rss.xml", r -> r.body().contains("A fresh post"));

        site.save(FRESH, fresh("2025-13-40", "A fresh post, broken"));
        Map<String, Object> health = awaitHealth("degraded");
        assertThat(health).containsEntry("errors", 1L);
        assertThat(problems(health)).contains(BAD_DATE, FRESH + ":0:0: warning: still serving the last good "
                + "version of this post until the errors are fixed");
        assertThat(site.get("/rss.xml").body()).contains("A fresh post").doesNotContain("broken");

        site.save(FRESH, fresh("2025-11-15 09:00:00 +0000", "A fresh post, fixed"));
        health = awaitHealth("ok");
        assertThat(problems(health)).noneMatch(problem -> problem.startsWith(FRESH));
        assertThat(site.get("/rss.xml").body()).contains("A fresh post, fixed");
    }

    @Test
    void aBrokenPostThatIsDeletedDisappearsFromFeedsAndHealthz() throws Exception {
        site.save(FRESH, fresh("2025-11-15 09:00:00 +0000", "A fresh post"));
        site.awaitResponse("/tags/fresh-tag/rss.xml", r -> r.statusCode() == 200);
        site.save(FRESH, fresh("2025-13-40", "A fresh post"));
        assertThat(problems(awaitHealth("degraded"))).contains(BAD_DATE);

        Files.delete(dir.resolve(FRESH));

        assertThat(problems(awaitHealth("ok"))).noneMatch(problem -> problem.startsWith(FRESH));
        assertThat(site.get("/tags/fresh-tag/rss.xml").statusCode()).isEqualTo(404);
        assertThat(site.get("/rss.xml").body()).doesNotContain("A fresh post");
    }

    @Test
    void aScheduledPostBrokenByAnEditStaysUnpublished() throws Exception {
        site.save(FRESH, fresh("2099-01-01 09:00:00 +0000", "A scheduled post"));
        awaitProblem(FRESH + ":0:0: warning: dated in the future");

        site.save(FRESH, fresh("2099-13-40", "A scheduled post"));
        awaitHealth("degraded");

        assertThat(site.get("/rss.xml").body()).doesNotContain("A scheduled post");
        assertThat(site.get("/tags/fresh-tag/rss.xml").statusCode()).isEqualTo(404);
    }

    @Test
    void aPostsFolderThatDisappearsKeepsTheSiteServingAndIsWatchedAgainWhenItComesBack() throws Exception {
        // Moved away in one step: deleting file by file would pass through an empty folder, which is
        // a site without posts, and whether a reload sees that depends on timing.
        String rssBefore = site.get("/rss.xml").body();
        Path posts = dir.resolve("posts");
        Path aside = dir.resolve("posts-aside");
        Files.move(posts, aside, StandardCopyOption.ATOMIC_MOVE);

        Map<String, Object> health = awaitHealth("degraded");
        assertThat(problems(health)).contains("posts/:0:0: error: folder not found");
        assertThat(site.get("/rss.xml").body()).isEqualTo(rssBefore);
        assertThat(site.get("/tags/ai/rss.xml").statusCode()).isEqualTo(200);

        Files.move(aside, posts, StandardCopyOption.ATOMIC_MOVE);
        assertThat(problems(awaitHealth("ok"))).noneMatch(problem -> problem.startsWith("posts/:"));
        assertThat(site.get("/rss.xml").body()).isEqualTo(rssBefore);

        site.save("posts/2025-11-10-ai-chip-earnings.md", site.read("posts/2025-11-10-ai-chip-earnings.md")
                .replace("Another quarter", "A quarter after the folder came back"));
        site.awaitResponse("/rss.xml", r -> r.body().contains("A quarter after the folder came back"));
    }

    /**
     * The JDK names the absolute path in most I/O errors; a problem names its file relative to the site
     * already, and the server's file system layout is nobody's business (problems reach /healthz).
     */
    @Test
    void aPostsFolderThatCannotBeListedIsReportedWithoutTheServersPaths() throws Exception {
        Path posts = dir.resolve("posts");
        Files.move(posts, dir.resolve("posts-aside"), StandardCopyOption.ATOMIC_MOVE);
        awaitProblem("posts/:0:0: error: folder not found");

        Files.createSymbolicLink(posts, Path.of("posts")); // a link to itself: every look-up loops
        awaitProblem("posts/:0:0: error: cannot be listed: ");

        String health = site.get("/healthz").body();
        assertThat(problems(Json.object(health))).filteredOn(p -> p.startsWith("posts/:"))
                .containsExactly("posts/:0:0: error: cannot be listed: Too many levels of symbolic links"
                        + " or unable to access attributes of symbolic link");
        assertNoServerPaths(health);
    }

    @Test
    void aConfigurationThatCannotBeReadIsReportedWithoutTheServersPaths() throws Exception {
        Path config = dir.resolve(CONFIG);
        Path loop = config.resolveSibling(".site.yml.loop");
        Files.createSymbolicLink(loop, config.getFileName()); // once renamed into place, a link to itself
        Files.move(loop, config, StandardCopyOption.ATOMIC_MOVE);

        String health = site.awaitResponse("/healthz", r -> r.body().contains(CONFIG + "\"")).body();
        assertThat(problems(Json.object(health))).filteredOn(p -> p.startsWith(CONFIG))
                .containsExactly(CONFIG + ":0:0: error: cannot be read: Too many levels of symbolic links"
                        + " or unable to access attributes of symbolic link");
        assertNoServerPaths(health);
    }

    private void assertNoServerPaths(String text) throws IOException {
        assertThat(text).doesNotContain(dir.toString()).doesNotContain(dir.toRealPath().toString())
                .doesNotContain("Exception");
    }

    @Test
    void aPostsFolderSwappedForAnotherByRenamingIsWatchedInItsPlace() throws Exception {
        // Deployment tools replace a folder by renaming: the old one moves aside, a new one takes its name.
        Path posts = dir.resolve("posts");
        Path next = dir.resolve("posts-next");
        copyTree(posts, next);
        Files.move(posts, dir.resolve("posts-old"), StandardCopyOption.ATOMIC_MOVE);
        Files.move(next, posts, StandardCopyOption.ATOMIC_MOVE);
        site.save("posts/2025-11-15-swapped.md", fresh("2025-11-15 09:00:00 +0000", "Written after the swap"));
        site.awaitResponse("/rss.xml", r -> r.body().contains("Written after the swap"));

        site.save(FRESH, fresh("2025-11-16 09:00:00 +0000", "Another one after the swap"));
        site.awaitResponse("/rss.xml", r -> r.body().contains("Another one after the swap"));
        assertThat(site.get("/healthz").body()).contains("\"ok\"");
    }

    private Map<String, Object> awaitHealth(String status) throws InterruptedException {
        return Json.object(site.awaitResponse("/healthz",
                r -> status.equals(Json.object(r.body()).get("status"))).body());
    }

    private void awaitProblem(String start) throws InterruptedException {
        site.awaitResponse("/healthz", r -> problems(Json.object(r.body())).stream().anyMatch(p -> p.startsWith(start)));
    }

    /** {@code /healthz}'s problem list, each as {@code path:line:column: severity: message}. */
    private static List<String> problems(Map<String, Object> health) {
        return Json.objects(health, "problemList").stream()
                .map(p -> p.get("file") + ":" + p.get("line") + ":" + p.get("column") + ": " + p.get("severity")
                        + ": " + p.get("message"))
                .toList();
    }

    private static int entries(String feed) {
        return Math.max(feed.split("<item>", -1).length, feed.split("<entry>", -1).length) - 1;
    }

    /** A post whose date is on line 3, column 7. */
    private static String fresh(String date, String title) {
        return "---\ntitle: \"" + title + "\"\ndate: " + date + "\ncategories: [\"Markets\"]\ntags: [\"fresh-tag\"]\n"
                + "excerpt: \"Written by the test.\"\n---\nA body written by the test.\n";
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }
}
