package feedwright.cli;

import feedwright.config.ConfigException;
import feedwright.config.DeploySettings;
import feedwright.post.PostCache;
import feedwright.sink.Bucket;
import feedwright.sink.BucketSink;
import feedwright.sink.DeployPlan;
import feedwright.sink.DeployedState;
import feedwright.sink.S3Bucket;
import feedwright.snapshot.BuildManifest;
import feedwright.snapshot.PublishedFolder;
import feedwright.snapshot.SitePipeline;
import feedwright.snapshot.Snapshot;
import feedwright.snapshot.SnapshotChanges;
import feedwright.text.TerminalText;
import feedwright.websub.HubLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code feedwright deploy}: builds the site (or reads the folder a build wrote) and uploads it to a bucket of
 * an S3-compatible object store,
 * only what changed, deleting what an earlier deploy uploaded and this one no longer publishes.
 */
@Command(name = DeployCommand.NAME,
        description = "Build the site and upload it to an S3-compatible bucket: only the objects"
        + " that changed, feeds before the pages that link to them; delete the objects of feeds that no longer exist."
        + " Credentials come from the AWS SDK's usual places (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
        + " AWS_PROFILE).")
final class DeployCommand implements Callable<Integer> {

    static final String NAME = "deploy";

    @Spec
    CommandSpec spec;

    @Mixin
    SiteOption site;

    @Mixin
    CacheOptions cache;

    @Option(names = "--bucket", paramLabel = "NAME", description = "Bucket to upload to (default: deploy.bucket).")
    String bucket;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "Key prefix in the bucket, such as blog/"
            + " (default: deploy.prefix).")
    String prefix;

    @Option(names = "--endpoint", paramLabel = "URL", description = "Address of an S3-compatible store"
            + " (default: deploy.endpoint, else AWS S3).")
    URI endpoint;

    @Option(names = "--region", paramLabel = "REGION", description = "Region to sign for (default: deploy.region,"
            + " else AWS_REGION or the profile's).")
    String region;

    @Option(names = "--path-style", negatable = true, description = "Put the bucket in the path, not the host name"
            + " (default: deploy.path_style).")
    Boolean pathStyle;

    @Option(names = "--max-deletions", paramLabel = "N", description = "Stop before changing anything when the deploy"
            + " would delete more than N objects (default: deploy.max_deletions).")
    Integer maxDeletions;

    @Option(names = "--from", paramLabel = "DIR", description = "Upload the folder a build wrote, with the validators"
            + " its manifest records, instead of building the site (the configuration is still read from --site).")
    Path from;

    @Option(names = "--dry-run", description = "Print what would be uploaded and deleted, and why; change nothing.")
    boolean dryRun;

    @Option(names = "--strict", description = "Exit with status 1 if any post has an error (after deploying the rest).")
    boolean strict;

    @Option(names = "--ping", description = "After the upload, tell each hub of websub.hubs of every feed it changed"
            + " (WebSub publish), waiting up to 30 s for their answers; a hub that fails is reported, the deploy still succeeds.")
    boolean ping;

    private final Clock clock;
    private final HubLimits hubLimits;

    DeployCommand(Clock clock, HubLimits hubLimits) {
        this.clock = clock;
        this.hubLimits = hubLimits;
    }

    @Override
    public Integer call() throws IOException, ConfigException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        long start = System.nanoTime();
        // A folder a build wrote has no posts to read: no cache to open.
        SitePipeline pipeline = site.openForFiles(site.configForFiles(stderr), false,
                from != null ? Optional.empty() : cache.folder(site.site, spec), stderr);
        DeploySettings target = target(pipeline.config().deploy());
        String cacheControl = pipeline.config().server().cache().cacheControl();
        Optional<Snapshot> published = Optional.empty();
        if (from != null) {
            try {
                published = Optional.of(PublishedFolder.read(from, false));
            } catch (PublishedFolder.NotReady e) {
                stderr.printf("error: %s; nothing was uploaded%n", TerminalText.escapeControls(e.getMessage()));
                stderr.flush();
                return ExitCode.IO_ERROR.code();
            }
        }
        Optional<SitePipeline.Run> run = published.isPresent() ? Optional.empty()
                : Optional.of(pipeline.runOnce(clock.instant()));
        Optional<PostCache.Saved> cached = run.isPresent() ? pipeline.saveCache() : Optional.empty();
        try (S3Bucket bucket = S3Bucket.open(target)) {
            DeployedState deployed = DeployedState.read(bucket);
            // A folder comes with the validators its build decided; a build in memory carries the bucket's.
            Snapshot snapshot = published.isPresent() ? published.get()
                    : BucketSink.carriedForward(run.get().snapshot(), deployed, clock);
            DeployPlan plan = DeployPlan.of(snapshot, deployed, bucket.list(), cacheControl);

            ProblemReport.print(stderr, snapshot.problems(), BuildCommand.MAX_PROBLEMS_SHOWN);
            deployed.problem().ifPresent(problem -> stderr.printf("%s%n", TerminalText.escapeControls(problem)));
            if (run.isPresent()) {
                PostsRead.of(run.get().loaded(), snapshot).print(stdout);
                CacheOptions.report(cached, run.get().loaded().results().size(), stdout, stderr);
            } else {
                stdout.printf("Read %s: %d feeds of %s, as a build wrote them%n", from, snapshot.feeds(),
                        ProblemReport.plural(snapshot.posts(), "post"));
            }
            int code = dryRun ? printPlan(stdout, stderr, bucket, plan, target.maxDeletions())
                    : deploy(stdout, stderr, bucket, plan, target.maxDeletions());
            if (ping && !dryRun && code == ExitCode.OK.code()) {
                // What readers of the bucket find changed: against what the last deploy's manifest recorded.
                HubPings.ping(pipeline.config(),
                        SnapshotChanges.since(deployed.manifest().validators(), snapshot).topics(snapshot), hubLimits,
                        clock, stdout, stderr);
            }
            stdout.printf("%s; done in %.2f s%n", ProblemReport.counts(snapshot.problems()),
                    (System.nanoTime() - start) / 1e9);
            stdout.flush();
            stderr.flush();
            if (code == ExitCode.OK.code() && strict && snapshot.errorCount() > 0) {
                return ExitCode.POST_ERRORS.code();
            }
            return code;
        }
    }

    /** The configured target with the command line's overrides. */
    private DeploySettings target(DeploySettings configured) {
        String name = bucket != null ? bucket.strip() : configured.bucket();
        if (name.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "deploy needs a bucket: set deploy.bucket in"
                    + " feeds-config/site.yml or give --bucket");
        }
        if (!DeploySettings.isBucketName(name)) {
            throw new ParameterException(spec.commandLine(), "invalid value given for --bucket: "
                    + DeploySettings.BUCKET_RULE + ", found '" + name + "'");
        }
        String keyPrefix = configured.prefix();
        if (prefix != null) {
            keyPrefix = DeploySettings.normalPrefix(prefix).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "invalid value given for --prefix: " + DeploySettings.PREFIX_RULE + ", found '" + prefix + "'"));
        }
        if (endpoint != null && !(("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
                && endpoint.getHost() != null)) {
            throw new ParameterException(spec.commandLine(), "invalid value given for --endpoint: expected an"
                    + " absolute http(s) URL, found '" + endpoint + "'");
        }
        if (maxDeletions != null && maxDeletions < 0) {
            throw new ParameterException(spec.commandLine(), "invalid value given for --max-deletions: expected a"
                    + " number >= 0, found " + maxDeletions);
        }
        return new DeploySettings(name, keyPrefix, endpoint != null ? Optional.of(endpoint) : configured.endpoint(),
                region != null && !region.isBlank() ? Optional.of(region.strip()) : configured.region(),
                pathStyle != null ? pathStyle : configured.pathStyle(),
                maxDeletions != null ? maxDeletions : configured.maxDeletions());
    }


    private static int deploy(PrintWriter stdout, PrintWriter stderr, Bucket bucket, DeployPlan plan, int maxDeletions)
            throws IOException {
        try {
            BucketSink.Outcome done = BucketSink.apply(bucket, plan, maxDeletions);
            stdout.printf("Uploaded %s to %s, deleted %d, %d unchanged%n",
                    ProblemReport.plural(done.uploaded(), "object"), TerminalText.escapeControls(bucket.address()),
                    done.deleted(), done.unchanged());
            done.redirectsRefused().ifPresent(why -> stderr.printf("warning: %s; the old feed addresses were"
                    + " stored without it (each copy of a feed as it is, each empty object not at all)%n",
                    TerminalText.escapeControls(why)));
            return ExitCode.OK.code();
        } catch (BucketSink.TooManyDeletions e) {
            refuse(stderr, bucket, e.deletions(), e.allowed());
            return ExitCode.DEPLOY_REFUSED.code();
        }
    }

    /** The plan in the order it would be carried out; the exit status the deploy itself would have. */
    private static int printPlan(PrintWriter stdout, PrintWriter stderr, Bucket bucket, DeployPlan plan,
                                 int maxDeletions) {
        stdout.printf("Dry run: nothing in %s is changed; a deploy would do this:%n",
                TerminalText.escapeControls(bucket.address()));
        plan.pending().ifPresent(upload -> printUpload(stdout, upload));
        plan.uploads().forEach(upload -> printUpload(stdout, upload));
        plan.deletions().forEach(name -> stdout.printf("  delete %s (no longer published)%n",
                TerminalText.escapeControls(name)));
        plan.manifest().ifPresent(upload -> printUpload(stdout, upload));
        if (plan.clearPending()) {
            stdout.printf("  delete %s (pending list)%n", BuildManifest.PENDING_FILE_NAME);
        }
        stdout.printf("Would upload %s, delete %d, %d unchanged%n",
                ProblemReport.plural(plan.uploads().size(), "object"), plan.deletions().size(), plan.unchanged());
        if (plan.deletions().size() > maxDeletions) {
            refuse(stderr, bucket, plan.deletions().size(), maxDeletions);
            return ExitCode.DEPLOY_REFUSED.code();
        }
        return ExitCode.OK.code();
    }

    private static void printUpload(PrintWriter stdout, DeployPlan.Upload upload) {
        stdout.printf("  upload %s (%s)%n", TerminalText.escapeControls(upload.name()), upload.reason());
    }

    private static void refuse(PrintWriter stderr, Bucket bucket, int deletions, int allowed) {
        stderr.printf("error: this deploy would delete %d objects from %s, more than the %d allowed"
                        + " (deploy.max_deletions, --max-deletions); nothing was changed. If that many feeds really"
                        + " went away, run it again with --max-deletions %d; --dry-run lists them.%n",
                deletions, TerminalText.escapeControls(bucket.address()), allowed, deletions);
    }
}
