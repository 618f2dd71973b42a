package feedwright.reload;

import feedwright.config.ConfigException;
import feedwright.config.ConfigLoader;
import feedwright.post.LoadedPosts;
import feedwright.post.Post;
import feedwright.post.PostResult;
import feedwright.problem.Problem;
import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.SitePipeline;
import feedwright.snapshot.Snapshot;
import feedwright.text.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the served snapshot after the site changed, without ever serving a worse site:
 * <ul>
 *   <li>a post that becomes broken keeps its last good version published (and its problems reported)
 *       until it is fixed or deleted, so a bad save never drops it from subscribers' readers;</li>
 *   <li>a broken {@code feeds-config/site.yml} keeps the whole previous snapshot and reports the error;
 *       fixing it resumes reloading;</li>
 *   <li>validators move forward only when bytes change ({@link Validators}).</li>
 * </ul>
 * The new snapshot is published with one atomic set. Reloads are serialised (one at a time).
 */
public final class SiteReloader {

    private static final Logger LOG = LoggerFactory.getLogger(SiteReloader.class);

    private final Path siteDir;
    private final CurrentSnapshot current;
    private final Clock clock;
    private final Map<String, Post> lastGood = new HashMap<>();
    private SitePipeline pipeline;
    private byte[] configDigest;

    /** @param first the run that produced the snapshot being served now */
    public SiteReloader(SitePipeline pipeline, SitePipeline.Run first, CurrentSnapshot current, Clock clock) {
        this.siteDir = pipeline.siteDir();
        this.pipeline = pipeline;
        this.current = current;
        this.clock = clock;
        this.configDigest = configDigest(siteDir);
        remember(first.loaded());
    }

    /** What a reload did. */
    public enum Outcome { UNCHANGED, RELOADED, CONFIG_BROKEN }

    /** Reloads now; safe to call at any time, from any thread. */
    public synchronized Outcome reload() {
        Instant now = clock.instant();
        long start = System.nanoTime();
        byte[] digest = configDigest(siteDir);
        if (!Arrays.equals(digest, configDigest)) {
            try {
                pipeline = SitePipeline.open(siteDir);
                configDigest = digest;
                LOG.info("{} changed; reloading everything with the new configuration", ConfigLoader.CONFIG_FILE);
            } catch (ConfigException e) {
                e.problems().forEach(problem -> LOG.error("{}", problem));
                LOG.error("keeping the previous site until {} is fixed", ConfigLoader.CONFIG_FILE);
                List<Problem> problems = new ArrayList<>(e.problems());
                problems.addAll(current.get().problems().stream()
                        .filter(p -> !p.file().equals(ConfigLoader.CONFIG_FILE)).toList());
                current.set(current.get().withProblems(problems));
                return Outcome.CONFIG_BROKEN;
            }
        }
        LoadedPosts loaded = keepLastGood(pipeline.load(now));
        Snapshot previous = current.get();
        Snapshot next = Validators.carryForward(previous, pipeline.build(loaded, now), now);
        if (next.sameAs(previous)) {
            return Outcome.UNCHANGED;
        }
        current.set(next);
        long changed = next.resources().entrySet().stream()
                .filter(e -> previous.find(e.getKey()).map(old -> old != e.getValue()).orElse(true))
                .count();
        LOG.info("reloaded in {} ms: {} posts, {} feeds, {} resources changed, {}",
                (System.nanoTime() - start) / 1_000_000, next.posts(), next.feeds(), changed,
                next.errorCount() == 0 ? "no errors" : next.errorCount() + " errors");
        next.problems().stream().filter(Problem::isError).forEach(problem -> LOG.warn("{}", problem));
        return Outcome.RELOADED;
    }

    /** Replaces each post that now fails with its last good version, and remembers the good ones. */
    private LoadedPosts keepLastGood(LoadedPosts loaded) {
        List<PostResult> results = new ArrayList<>(loaded.results().size());
        for (PostResult result : loaded.results()) {
            Post previous = lastGood.get(result.file());
            if (result.post().isEmpty() && result.hasErrors() && previous != null) {
                List<Problem> problems = new ArrayList<>(result.problems());
                problems.add(Problem.warning(result.file(), 0, 0,
                        "still serving the last good version of this post until the errors are fixed"));
                results.add(new PostResult(result.file(), Optional.of(previous), problems, Optional.empty()));
            } else {
                results.add(result);
            }
        }
        LoadedPosts adjusted = new LoadedPosts(results, loaded.sitewide(), loaded.future());
        remember(adjusted);
        return adjusted;
    }

    private void remember(LoadedPosts loaded) {
        lastGood.clear();
        for (PostResult result : loaded.results()) {
            result.post().ifPresent(post -> lastGood.put(result.file(), post));
        }
    }

    private static byte[] configDigest(Path siteDir) {
        try {
            return Digests.sha256(Files.readAllBytes(siteDir.resolve(ConfigLoader.CONFIG_FILE)));
        } catch (IOException e) {
            return new byte[0]; // missing or unreadable: differs from any real digest, so the next load reports it
        }
    }
}
