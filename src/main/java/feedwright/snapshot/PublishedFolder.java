package feedwright.snapshot;

import feedwright.feed.Redirect;
import feedwright.feed.Redirects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A snapshot read back from a folder {@code build} wrote: every file its manifest lists, with the
 * validators the manifest records, which the build decided once, and the redirects of the old feed
 * addresses (a copy written at one is not served: it is answered with the redirect). This is how many
 * servers answer from one build ({@code serve --published}) with identical ETag and Last-Modified
 * whichever of them answers.
 *
 * <p>Nothing is trusted that the manifest does not prove: each file's bytes must hash to the ETag listed
 * for it. A build writes its files first and its manifest last, so a file that does not match (or is
 * missing) means a build is writing the folder right now; the read is refused as {@link NotReady}, and the
 * caller keeps what it serves and tries again once the new manifest is there. Stateless.
 */
public final class PublishedFolder {

    private PublishedFolder() {
    }

    /** The folder cannot be served as it is: no manifest yet, or a build is writing it. */
    public static final class NotReady extends Exception {
        private final boolean buildWriting;

        NotReady(String reason, boolean buildWriting) {
            super(reason);
            this.buildWriting = buildWriting;
        }

        /** Whether files do not match the manifest, as while a build writes: trying again soon may succeed. */
        public boolean buildWriting() {
            return buildWriting;
        }
    }

    /**
     * Reads the build in {@code folder}.
     *
     * @param precompress whether to make each resource's gzip form (for serving)
     * @throws NotReady    when the manifest is missing or broken, or a listed file does not match it
     * @throws IOException when a file cannot be read for another reason
     */
    public static Snapshot read(Path folder, boolean precompress) throws IOException, NotReady {
        return read(folder, precompress, FeedLinks.NONE);
    }

    /**
     * As {@link #read(Path, boolean)}, each feed answered with the {@code Link} fields {@code links} gives (those
     * of the site whose settings the server reads).
     */
    public static Snapshot read(Path folder, boolean precompress, FeedLinks links) throws IOException, NotReady {
        long start = System.nanoTime();
        Path root = folder.toAbsolutePath().normalize();
        Path manifestFile = root.resolve(BuildManifest.FILE_NAME);
        BuildManifest manifest;
        FileTime written;
        try {
            manifest = BuildManifest.read(manifestFile).orElseThrow(() -> new NoSuchFileException(manifestFile.toString()));
            written = Files.getLastModifiedTime(manifestFile);
        } catch (NoSuchFileException e) {
            throw new NotReady(manifestFile + ": no manifest (is this a folder written by 'feedwright build'?)", false);
        } catch (BuildManifest.Invalid e) {
            throw new NotReady(manifestFile + ": " + e.getMessage(), false);
        }
        Path realRoot = root.toRealPath();
        Map<String, Validators> validators = manifest.validators();
        Map<String, Representation> resources = new HashMap<>();
        for (Map.Entry<String, BuildManifest.Written> listed : manifest.files().entrySet()) {
            String path = listed.getKey();
            if (manifest.redirects().containsKey(path)) {
                continue; // a copy for hosts that cannot redirect: a server answers the redirect instead
            }
            BuildManifest.Written expected = listed.getValue();
            Path file = root.resolve(path.substring(1)).normalize();
            byte[] bytes;
            try {
                // Through no link at all, not even a linked folder on the way: a manifest names files in the folder.
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !file.toRealPath().startsWith(realRoot)) {
                    throw new NotReady(path + ": listed by the manifest but not a file in " + root
                            + " (a build is writing?)", true);
                }
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException removedMeanwhile) {
                throw new NotReady(path + ": listed by the manifest but not a file in " + root
                        + " (a build is writing?)", true);
            }
            Representation resource = Representation.of(expected.contentType(), bytes,
                    validators.get(path).lastModified(), precompress);
            if (!resource.etag().equals(expected.etag())) {
                throw new NotReady(path + ": bytes differ from the manifest's ETag (a build is writing?)", true);
            }
            resource = resource.withLinks(links.forResource(path, resource.contentType()));
            resources.put(path, expected.immutable() ? resource.asImmutable() : resource);
        }
        Representation index = resources.get("/index.html");
        if (index != null) {
            resources.put("/", index); // served under both names, as a built snapshot is
        }
        // A path the folder serves wins over a redirect of it, as in a build (a manifest edited by hand).
        SortedMap<String, Redirect> redirects = new TreeMap<>(manifest.redirects());
        redirects.keySet().removeAll(resources.keySet());
        return new Snapshot(resources, manifest.posts(), manifest.feeds(), List.of(), List.of(),
                written.toInstant(), Duration.ofNanos(System.nanoTime() - start),
                redirects.isEmpty() ? Redirects.NONE : new Redirects(redirects, manifest.redirectsServed().copies()));
    }
}
