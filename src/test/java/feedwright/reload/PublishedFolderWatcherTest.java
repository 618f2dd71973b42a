package feedwright.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import feedwright.snapshot.BuildManifest;
import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.PublishedFolder;
import feedwright.snapshot.Snapshot;
import feedwright.testing.CliRun;
import feedwright.testing.LiveSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a server of a published folder does when it looks at the folder: serve a new build whole, or keep the old. */
class PublishedFolderWatcherTest {

    @TempDir
    Path site;

    @TempDir
    Path out;

    @Test
    void filesThatNoLongerMatchTheManifestKeepTheServedBuildUntilTheNextManifestLands() throws Exception {
        LiveSite.copySample(site);
        build();
        Snapshot first = PublishedFolder.read(out, true);
        CurrentSnapshot current = new CurrentSnapshot(first);
        // Polling only, once an hour: the test makes every look itself.
        try (PublishedFolderWatcher watcher = new PublishedFolderWatcher(out, current, Duration.ofHours(1), false)) {
            assertThat(watcher.refresh()).isEqualTo(PublishedFolderWatcher.Outcome.UNCHANGED);

            // A build writing the folder: the site-wide feed has new bytes, the manifest is still the old one.
            Path feed = out.resolve("rss.xml");
            String built = Files.readString(feed, StandardCharsets.UTF_8);
            Files.writeString(feed, built.replace("</channel>", "<!-- next build --></channel>"), StandardCharsets.UTF_8);
            Files.writeString(out.resolve(BuildManifest.FILE_NAME),
                    Files.readString(out.resolve(BuildManifest.FILE_NAME)) + "\n"); // a new manifest names the old bytes

            assertThat(watcher.refresh()).isEqualTo(PublishedFolderWatcher.Outcome.NOT_READY);
            assertThat(current.get()).isSameAs(first);

            Path post = site.resolve("posts/2025-11-10-ai-chip-earnings.md");
            Files.writeString(post, Files.readString(post, StandardCharsets.UTF_8) + "\nOne more paragraph.\n",
                    StandardCharsets.UTF_8);
            build();

            assertThat(watcher.refresh()).isEqualTo(PublishedFolderWatcher.Outcome.PUBLISHED);
            assertThat(current.get().find("/rss.xml").orElseThrow().etag())
                    .isNotEqualTo(first.find("/rss.xml").orElseThrow().etag())
                    .isEqualTo(PublishedFolder.read(out, false).find("/rss.xml").orElseThrow().etag());
            assertThat(watcher.refresh()).as("the same manifest again").isEqualTo(PublishedFolderWatcher.Outcome.UNCHANGED);
        }
    }

    @Test
    void aFileListedButMissingIsNotReadyAndSaysABuildMayBeWriting() throws Exception {
        LiveSite.copySample(site);
        build();
        Files.delete(out.resolve("tags/cooling/atom.xml"));

        PublishedFolder.NotReady notReady = catchThrowableOfType(
                PublishedFolder.NotReady.class, () -> PublishedFolder.read(out, true));

        assertThat(notReady.buildWriting()).isTrue();
        assertThat(notReady).hasMessage("/tags/cooling/atom.xml: listed by the manifest but not a file in " + out
                + " (a build is writing?)");
    }

    @Test
    void aFolderOnTheWayThatIsALinkIsNotFollowedOutOfThePublishedFolder(@TempDir Path elsewhere) throws Exception {
        LiveSite.copySample(site);
        build();
        Path moved = elsewhere.resolve("tags");
        Files.move(out.resolve("tags"), moved);
        Files.createSymbolicLink(out.resolve("tags"), moved);

        PublishedFolder.NotReady notReady = catchThrowableOfType(PublishedFolder.NotReady.class,
                () -> PublishedFolder.read(out, false));

        assertThat(notReady).hasMessageStartingWith("/tags/").hasMessageContaining(": listed by the manifest but not a file in " + out);
    }

    private void build() {
        CliRun run = CliRun.run("build", "--site", site.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.transcript()).isZero();
    }
}
