package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.ArchiveCrawler;
import feedwright.testing.CliRun;
import feedwright.testing.Formats;
import feedwright.testing.TestSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives (RFC 5005) read back by {@link ArchiveCrawler}, which follows only link relations: from every
 * subscription document the OPML lists name, in every format, walking back to the oldest page, a reader
 * collects exactly the feed's published posts, each once, newest to oldest. The posts a feed has are
 * taken from a build with archives off and a limit above every feed's size, whose subscription documents
 * hold each feed whole. Pages keep their bytes as posts are added, and an edit changes one page per feed.
 */
class ArchiveCrawlTest {

    private static final String BASE_URL = "https://example.org/blog/";
    private static final List<String> OPML_LISTS = Formats.opmlFileNames();

    @TempDir
    Path dir;

    @Test
    void theSampleSiteReadsBackWholeFromEveryFeed() {
        Path site = TestSite.copyOfSample(dir.resolve("site")).dir();
        Map<String, ArchiveCrawler.Crawl> crawls = crawlAgainstWholeFeeds(site, 3, 2);
        assertThat(crawls.values()).as("some feed has more than one archive page")
                .anyMatch(crawl -> crawl.pages().size() > 1);
        assertThat(crawls.values()).as("some feed is complete").anyMatch(ArchiveCrawler.Crawl::complete);
    }

    @Test
    void theSeedPostsReadBackWholeFromEveryFeed() {
        assertThat(TestSite.SEEDS.resolve("README.md")).as("the seed posts, at ../shared/seeds/ beside the repository")
                .isRegularFile();
        Path site = TestSite.ofSeeds(dir.resolve("seeds")).dir();
        Map<String, ArchiveCrawler.Crawl> crawls = crawlAgainstWholeFeeds(site, 2, 2);
        assertThat(crawls.values()).anyMatch(crawl -> crawl.pages().size() > 1);
    }

    @Test
    void aThousandPostsReadBackWholeAndOldPagesKeepTheirBytesAsPostsAreAddedAndOneIsEdited() throws IOException {
        Path site = TestSite.create(dir.resolve("corpus")).dir();
        for (int number = 1; number <= 1_000; number++) {
            writePost(site, number, "The body of post " + number + ".");
        }
        ArchiveCrawler before = new ArchiveCrawler(build(site, "before", 20, 50, true), BASE_URL);
        Map<String, ArchiveCrawler.Crawl> first = crawlAgainstWholeFeeds(site, 20, 50);
        ArchiveCrawler.Crawl siteFeed = first.get(BASE_URL + "atom.xml");
        assertThat(siteFeed.history()).hasSize(1_000);
        assertThat(siteFeed.pages()).hasSize(20).allMatch(page -> page.entries().size() == 50);
        assertThat(first.get(BASE_URL + "tags/rare/atom.xml").complete()).as("10 posts fit in limit 20").isTrue();

        for (int number = 1_001; number <= 1_050; number++) {
            writePost(site, number, "The body of post " + number + ".");
        }
        ArchiveCrawler after = new ArchiveCrawler(build(site, "added", 20, 50, true), BASE_URL);
        int compared = 0;
        for (ArchiveCrawler.Crawl crawl : first.values()) {
            // The newest page was still filling, or gains its next-archive link; every older one is settled.
            List<ArchiveCrawler.Page> pages = crawl.pages();
            List<ArchiveCrawler.Page> settled = pages.isEmpty() ? pages : pages.subList(1, pages.size());
            for (ArchiveCrawler.Page page : settled) {
                assertThat(after.text(page.url())).as("%s after 50 more posts", page.url())
                        .isEqualTo(before.text(page.url()));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(100);

        writePost(site, 100, "The body of post 100, corrected.");
        ArchiveCrawler edited = new ArchiveCrawler(build(site, "edited", 20, 50, true), BASE_URL);
        int feedsWithThePost = 0;
        for (String subscription : after.subscriptionsOfEveryList(OPML_LISTS)) {
            ArchiveCrawler.Crawl crawl = after.crawl(subscription);
            List<String> documents = new ArrayList<>(List.of(subscription));
            crawl.pages().forEach(page -> documents.add(page.url()));
            List<String> changed = documents.stream()
                    .filter(url -> !edited.text(url).equals(after.text(url)))
                    .toList();
            boolean holdsThePost = crawl.history().stream().anyMatch(id -> id.contains("post-0100"));
            assertThat(changed).as("documents of %s changed by editing post 100", subscription)
                    .hasSize(holdsThePost ? 1 : 0);
            if (holdsThePost) {
                feedsWithThePost++;
                assertThat(edited.text(changed.get(0))).contains("corrected");
            }
        }
        // The site feed, its category, its tag and "rare", in three formats.
        assertThat(feedsWithThePost).isEqualTo(12);
    }

    /**
     * Builds {@code site} twice, archived and whole, crawls every subscription document of the archived build
     * and checks that each reads back its whole feed: the archive pages hold every post once, newest to oldest,
     * and the subscription document the newest {@code limit}. The crawls, by subscription document.
     */
    private Map<String, ArchiveCrawler.Crawl> crawlAgainstWholeFeeds(Path site, int limit, int pageSize) {
        ArchiveCrawler archived = new ArchiveCrawler(build(site, "archived", limit, pageSize, true), BASE_URL);
        ArchiveCrawler whole = new ArchiveCrawler(build(site, "whole", 10_000, pageSize, false), BASE_URL);
        List<String> subscriptions = archived.subscriptionsOfEveryList(OPML_LISTS);
        assertThat(subscriptions).isEqualTo(whole.subscriptionsOfEveryList(OPML_LISTS)).isNotEmpty();
        Map<String, ArchiveCrawler.Crawl> crawls = new LinkedHashMap<>();
        for (String subscription : subscriptions) {
            ArchiveCrawler.Crawl crawl = archived.crawl(subscription);
            ArchiveCrawler.Crawl all = whole.crawl(subscription);
            assertThat(all.pages()).isEmpty();
            assertThat(crawl.history()).as("the history of %s", subscription)
                    .isEqualTo(all.subscribed()).doesNotHaveDuplicates();
            assertThat(crawl.subscribed()).as("the subscription document %s", subscription)
                    .isEqualTo(all.subscribed().subList(0, Math.min(limit, all.subscribed().size())));
            assertThat(crawl.complete()).isEqualTo(all.subscribed().size() <= limit
                    && !subscription.endsWith(".json"));
            crawls.put(subscription, crawl);
        }
        return crawls;
    }

    private Path build(Path site, String name, int limit, int pageSize, boolean archives) {
        Path config = site.resolve("feeds-config/site.yml");
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(config).stream()
                    .filter(line -> !line.startsWith("limit:") && !line.startsWith("archives:")
                            && !line.startsWith("archive_page_size:"))
                    .toList());
            lines.add("limit: " + limit);
            lines.add("archives: " + archives);
            lines.add("archive_page_size: " + pageSize);
            Files.write(config, lines);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Path out = dir.resolve("out").resolve(site.getFileName() + "-" + name + "-" + limit);
        CliRun build = CliRun.run("build", "--site", site.toString(), "--out", out.toString());
        assertThat(build.exitCode()).as(build.transcript()).isZero();
        return out;
    }

    /** Post {@code number}, a day after the one before it, in one of three categories and seven tags. */
    private static void writePost(Path site, int number, String body) throws IOException {
        String day = LocalDate.of(2020, 1, 1).plusDays(number).toString();
        String tags = "[t" + number % 7 + (number % 100 == 0 ? ", rare" : "") + "]";
        String text = TestSite.taggedPost("Post %04d".formatted(number), day, tags, body)
                .replace("tags:", "categories: [c" + number % 3 + "]\ntags:");
        Files.writeString(site.resolve("posts/%s-post-%04d.md".formatted(day, number)), text);
    }
}
