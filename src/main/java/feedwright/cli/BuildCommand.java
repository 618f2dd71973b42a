package feedwright.cli;

import feedwright.sink.FolderSink;
import feedwright.config.ConfigException;
import feedwright.feed.FeedFormat;
import feedwright.feed.FeedFormats;
import feedwright.config.LoadedConfig;
import feedwright.config.SiteConfig;
import feedwright.post.LoadedPosts;
import feedwright.post.PostCache;
import feedwright.post.PostListing;
import feedwright.snapshot.SitePipeline;
import feedwright.snapshot.Snapshot;
import feedwright.websub.HubLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code feedwright build}: writes every feed, its preview page, the index page and the OPML lists to a folder. */
@Command(name = BuildCommand.NAME)
final class BuildCommand implements Callable<Integer> {

    static final String NAME = "build";

    static final int MAX_PROBLEMS_SHOWN = 50;

    /** The help text's description, naming the registered formats: set where the command line is built. */
    static final String DESCRIPTION = "Write every feed (" + FeedFormats.listed(FeedFormat::label)
            + ") with its preview page, index.html and OPML lists of the feeds in each format to a folder; remove"
            + " the files an earlier build wrote there and this one no longer writes.";

    @Spec
    CommandSpec spec;

    @Mixin
    SiteOption site;

    @Mixin
    CacheOptions cache;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: public/ in the site folder).")
    Path out;

    @Option(names = "--strict", description = "Exit with status 1 if any post has an error (after writing the rest).")
    boolean strict;

    @Option(names = "--gzip", description = "Also write a .gz beside each file, for servers that send precompressed files.")
    boolean gzip;

    @Option(names = "--ping", description = "Then tell each hub of websub.hubs of every feed this build changed"
            + " (WebSub publish), waiting up to 30 s for their answers; a hub that fails is reported, the build still succeeds.")
    boolean ping;

    private final Clock clock;
    private final HubLimits hubLimits;

    BuildCommand(Clock clock) {
        this(clock, HubLimits.DEFAULTS);
    }

    /** @param hubLimits the timeouts and retry delays of the pings (tests shorten them) */
    BuildCommand(Clock clock, HubLimits hubLimits) {
        this.clock = clock;
        this.hubLimits = hubLimits;
    }

    @Override
    public Integer call() throws IOException, ConfigException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        long start = System.nanoTime();
        LoadedConfig asRead = site.configForFiles(stderr);
        SiteConfig config = SiteOption.forFiles(asRead.config());
        Optional<Path> cacheFolder = cache.folder(site.site, spec);
        Path outDir = out != null ? out : site.site.resolve("public");
        Instant now = clock.instant();
        Optional<BuildRecord> record = BuildRecord.of(cacheFolder, config, site.site, outDir, gzip);
        // One walk of the post files: the record compares their look, and a build that runs loads them.
        PostListing listed = PostListing.of(site.site, config.posts());
        Optional<BuildReport> unchanged = record.flatMap(r -> r.unchanged(now, listed));
        if (unchanged.isPresent()) {
            // Nothing changed since the last build: say what building again would, and write nothing. Every post
            // file is in the post cache (or there would be no record), and a build would reuse every one.
            BuildReport report = unchanged.get();
            int files = report.read().files();
            report.print(stdout, stderr, outDir);
            CacheOptions.report(Optional.of(new PostCache.Saved(cacheFolder.get(), files, files, false, List.of())),
                    files, stdout, stderr);
            return finish(report, config, List.of(), start, stdout, stderr);
        }
        record.ifPresent(BuildRecord::forget);
        SitePipeline pipeline = site.openForFiles(asRead, gzip, cacheFolder, stderr);
        SitePipeline.Run run = pipeline.runOnce(listed, now);
        Snapshot snapshot = run.snapshot();
        FolderSink.Outcome written = FolderSink.write(snapshot, outDir, gzip, clock);
        LoadedPosts loaded = run.loaded();
        BuildReport report = BuildReport.of(loaded, snapshot, written);
        report.print(stdout, stderr, outDir);
        Optional<PostCache.Saved> saved = pipeline.saveCache();
        CacheOptions.report(saved, loaded.results().size(), stdout, stderr);
        if (record.isPresent() && saved.isPresent()) {
            record.get().save(loaded, saved.get(), report, now);
        }
        return finish(report, config, written.changes().topics(snapshot), start, stdout, stderr);
    }

    /** The pings ({@code --ping}), the last line, and the exit status. */
    private int finish(BuildReport report, SiteConfig config, List<String> changedFeeds, long start,
                       PrintWriter stdout, PrintWriter stderr) {
        if (ping) {
            HubPings.ping(config, changedFeeds, hubLimits, clock, stdout, stderr);
        }
        stdout.printf("%s; done in %.2f s%n", report.counts(), (System.nanoTime() - start) / 1e9);
        stdout.flush();
        return strict && report.hasErrors() ? ExitCode.POST_ERRORS.code() : ExitCode.OK.code();
    }
}
