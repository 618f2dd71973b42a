package feedwright.sink;

import feedwright.config.CacheLifetimes;
import feedwright.feed.FeedFormat;
import feedwright.feed.FeedFormats;
import feedwright.feed.PreviewPage;
import feedwright.feed.Redirect;
import feedwright.snapshot.BuildManifest;
import feedwright.snapshot.Representation;
import feedwright.snapshot.Snapshot;
import feedwright.text.Digests;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one deploy will do to the bucket, decided before it changes anything: which objects it uploads and
 * why, which it deletes, how many are already as they should be. Made by {@link #of}, a pure function of
 * the snapshot, the earlier deploys' record and a listing of the bucket; carried out by {@link BucketSink}.
 *
 * <p>An object is uploaded when the bucket lacks it, when its bytes differ (the listing's ETag is the MD5
 * of what was uploaded), when the last deploy's manifest does not list it with the same type, ETag and
 * Last-Modified (the object's metadata says what the manifest says), or when the objects' Cache-Control
 * has changed since (kept in the manifest object's metadata): a store cannot change an object's headers
 * without uploading it again.
 *
 * <p>Uploads come in the order a reader follows links: feeds first, then their preview pages (which link
 * to them), then everything else (the index page and OPML lists, which link to both), then the old feed
 * addresses, each stored with {@code x-amz-website-redirect-location}: the copy of its feed with
 * {@code alias_copies}, else no bytes. A bucket's website endpoint answers such an object with a
 * {@code 301} to that URL; its REST endpoint ignores it and sends the bytes. Deletions follow the
 * uploads, so that no page still links to a deleted feed, and the manifest comes last.
 *
 * @param uploads   the objects to upload, in order
 * @param deletions the objects of earlier deploys that this one no longer publishes, in order
 * @param unchanged how many objects are already as this deploy would upload them
 * @param pending   the list of every object an earlier or this deploy may have uploaded, stored before the
 *                  first upload when this deploy adds an object no record lists yet
 * @param manifest  the new manifest, unless the bucket already holds it with the same bytes and metadata
 * @param clearPending whether a pending list is to be deleted once the manifest is stored
 */
public record DeployPlan(List<Upload> uploads, List<String> deletions, int unchanged, Optional<Upload> pending,
                         Optional<Upload> manifest, boolean clearPending) {

    /** User metadata: the strong ETag Feedwright gave the object's bytes (S3 sends its own MD5 as ETag). */
    public static final String ETAG_METADATA = "feedwright-etag";
    /** User metadata: the Last-Modified Feedwright decided for the object (S3 sends its upload time). */
    public static final String LAST_MODIFIED_METADATA = "feedwright-last-modified";
    /** User metadata of the manifest object: the Cache-Control every other object was stored with. */
    public static final String CACHE_CONTROL_METADATA = "feedwright-cache-control";

    /** The manifest and pending list are read by the next deploy, and by nobody else, at once. */
    static final String RECORD_CACHE_CONTROL = "no-cache";
    static final String RECORD_TYPE = "application/json; charset=utf-8";

    /** The file names of feeds, uploaded before any page that links to them. */
    private static final Set<String> FEED_FILES = FeedFormats.all().stream().map(FeedFormat::fileName)
            .collect(Collectors.toUnmodifiableSet());

    public DeployPlan {
        uploads = List.copyOf(uploads);
        deletions = List.copyOf(deletions);
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(manifest, "manifest");
    }

    /**
     * One object to upload.
     *
     * @param reason why, for the dry run's plan: {@code new}, {@code bytes changed}, ...
     */
    public record Upload(String name, byte[] bytes, Bucket.ObjectHeaders headers, String reason) {
        public Upload {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * @param snapshot     what to publish, validators decided ({@code "/"} is index.html under a second name
     *                     and is not an object of its own)
     * @param listing      every object under the prefix now
     * @param cacheControl the {@code Cache-Control} of every published object but settled archive pages
     *                     ({@link CacheLifetimes#IMMUTABLE})
     */
    public static DeployPlan of(Snapshot snapshot, DeployedState deployed, SortedMap<String, Bucket.Listed> listing,
                                String cacheControl) {
        BuildManifest manifest = BuildManifest.of(snapshot, false);
        SortedMap<String, Representation> files = snapshot.files();
        List<Upload> uploads = new ArrayList<>();
        int unchanged = 0;
        for (Map.Entry<String, BuildManifest.Written> file : manifest.files().entrySet()) {
            String path = file.getKey();
            Representation resource = files.get(path);
            String name = path.substring(1);
            Optional<Redirect> redirect = Optional.ofNullable(manifest.redirects().get(path));
            Optional<String> reason = reason(resource, Optional.ofNullable(listing.get(name)), deployed,
                    deployed.manifest().files().get(path), cacheControl)
                    .or(() -> redirectChanged(path, redirect, deployed));
            if (reason.isPresent()) {
                // A settled archive page is kept a year, as serve says; its bytes decide it, so a page that
                // settles (gains its next-archive link) is uploaded anew with it.
                String objectCacheControl = CacheLifetimes.of(resource.immutable(), cacheControl);
                uploads.add(new Upload(name, resource.bytes(), headers(file.getValue(), objectCacheControl, redirect),
                        reason.get()));
            } else {
                unchanged++;
            }
        }
        // An old address without a copy: an object with no bytes, which the bucket's website endpoint redirects.
        for (Map.Entry<String, Redirect> redirect : manifest.redirects().entrySet()) {
            String path = redirect.getKey();
            Representation target = snapshot.resources().get(redirect.getValue().target());
            if (manifest.files().containsKey(path) || !BuildManifest.isFilePath(path) || target == null) {
                continue;
            }
            String name = path.substring(1);
            Optional<String> reason = emptyRedirectReason(Optional.ofNullable(listing.get(name)), deployed, cacheControl)
                    .or(() -> redirectChanged(path, Optional.of(redirect.getValue()), deployed));
            if (reason.isPresent()) {
                uploads.add(new Upload(name, new byte[0], new Bucket.ObjectHeaders(target.contentType(), cacheControl,
                        Map.of(), Optional.of(redirect.getValue().location())), reason.get()));
            } else {
                unchanged++;
            }
        }
        uploads.sort(Comparator.comparingInt(DeployPlan::stage).thenComparing(Upload::name));

        List<String> deletions = new ArrayList<>();
        if (deployed.problem().isEmpty()) {
            SortedSet<String> published = manifest.objectPaths();
            for (String path : deployed.everListed().objectPaths()) {
                String name = path.substring(1);
                if (!published.contains(path) && listing.containsKey(name)) {
                    deletions.add(name);
                }
            }
        }

        BuildManifest covered = deployed.everListed();
        boolean addsUnlisted = deployed.problem().isPresent()
                || !covered.objectPaths().containsAll(manifest.objectPaths());
        Optional<Upload> pending = addsUnlisted ? Optional.of(record(BuildManifest.PENDING_FILE_NAME,
                covered.plus(manifest).toJson(), cacheControl, "pending")) : Optional.empty();
        Upload manifestUpload = record(BuildManifest.FILE_NAME, manifest.toJson(), cacheControl, "manifest");
        boolean manifestStored = deployed.problem().isEmpty()
                && deployed.cacheControl().equals(Optional.of(cacheControl))
                && sameBytes(listing.get(BuildManifest.FILE_NAME), manifestUpload.bytes());
        return new DeployPlan(uploads, deletions, unchanged, pending,
                manifestStored ? Optional.empty() : Optional.of(manifestUpload),
                deployed.pendingPresent() || pending.isPresent());
    }

    /** Why {@code resource} must be uploaded, or empty when the object in the bucket is already it. */
    private static Optional<String> reason(Representation resource, Optional<Bucket.Listed> listed,
                                          DeployedState deployed, BuildManifest.Written before, String cacheControl) {
        if (listed.isEmpty()) {
            return Optional.of(before == null ? "new" : "missing from the bucket");
        }
        if (!sameBytes(listed.get(), resource.bytes())) {
            return Optional.of("bytes changed");
        }
        if (deployed.problem().isPresent()) {
            return Optional.of("no readable record of the last deploy");
        }
        if (before == null) {
            return Optional.of("not in the last deploy's manifest");
        }
        if (!before.contentType().equals(resource.contentType()) || !before.etag().equals(resource.etag())
                || !before.lastModified().equals(resource.lastModifiedHeader())) {
            return Optional.of("validators changed");
        }
        if (!deployed.cacheControl().equals(Optional.of(cacheControl)) || before.immutable() != resource.immutable()) {
            // A page that settled with the same bytes (a JSON Feed page, which links back only) gets a year now.
            return Optional.of("Cache-Control changed");
        }
        return Optional.empty();
    }

    /**
     * Why an old address stored with no bytes must be uploaded (bar its redirect, which
     * {@link #redirectChanged} compares), or empty when the bucket already has it so.
     */
    private static Optional<String> emptyRedirectReason(Optional<Bucket.Listed> listed, DeployedState deployed,
                                                        String cacheControl) {
        if (listed.isEmpty()) {
            return Optional.of("new");
        }
        if (!sameBytes(listed.get(), new byte[0])) {
            return Optional.of("bytes changed");
        }
        if (deployed.problem().isPresent()) {
            return Optional.of("no readable record of the last deploy");
        }
        if (!deployed.cacheControl().equals(Optional.of(cacheControl))) {
            return Optional.of("Cache-Control changed");
        }
        return Optional.empty();
    }

    /**
     * Whether the object's redirect is not the one the last deploy stored (a store cannot change it without
     * an upload): a new or moved old address, or a path that no longer redirects.
     */
    private static Optional<String> redirectChanged(String path, Optional<Redirect> redirect, DeployedState deployed) {
        Optional<Redirect> before = Optional.ofNullable(deployed.manifest().redirects().get(path));
        return before.equals(redirect) ? Optional.empty() : Optional.of("redirect changed");
    }

    /**
     * The uploads in waves whose objects may go in any order, in parallel: the feeds, then the preview pages,
     * then the rest, then the old feed addresses. A wave starts once every upload of the one before it has
     * finished.
     */
    public List<List<Upload>> waves() {
        List<List<Upload>> waves = new ArrayList<>();
        int stage = -1;
        for (Upload upload : uploads) {
            if (stage(upload) != stage) {
                stage = stage(upload);
                waves.add(new ArrayList<>());
            }
            waves.get(waves.size() - 1).add(upload);
        }
        return waves.stream().map(List::copyOf).toList();
    }

    /**
     * Whether a listed object holds {@code bytes}: the same size, and an ETag that is their MD5 (quoted, as
     * S3 sends it, or bare, as some stores do). The ETag of a multipart upload ({@code "…-3"}) never matches.
     */
    static boolean sameBytes(Bucket.Listed listed, byte[] bytes) {
        if (listed == null || listed.size() != bytes.length) {
            return false;
        }
        String etag = listed.etag();
        String hex = etag.length() > 1 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1) : etag;
        return hex.equalsIgnoreCase(HexFormat.of().formatHex(Digests.md5(bytes)));
    }

    private static Bucket.ObjectHeaders headers(BuildManifest.Written written, String cacheControl,
                                                Optional<Redirect> redirect) {
        Map<String, String> metadata = new TreeMap<>();
        metadata.put(ETAG_METADATA, written.etag());
        written.lastModified().ifPresent(date -> metadata.put(LAST_MODIFIED_METADATA, date));
        return new Bucket.ObjectHeaders(written.contentType(), cacheControl, metadata,
                redirect.map(Redirect::location));
    }

    private static Upload record(String name, byte[] json, String cacheControl, String reason) {
        return new Upload(name, json, new Bucket.ObjectHeaders(RECORD_TYPE, RECORD_CACHE_CONTROL,
                Map.of(CACHE_CONTROL_METADATA, cacheControl)), reason);
    }

    /**
     * 0 for a feed, 1 for a preview page (it links to its feed), 2 for the rest (pages linking to both), 3 for
     * an old address (it redirects to a feed).
     */
    private static int stage(Upload upload) {
        if (upload.headers().websiteRedirect().isPresent()) {
            return 3;
        }
        String name = upload.name();
        String file = name.substring(name.lastIndexOf('/') + 1);
        if (FEED_FILES.contains(file)) {
            return 0;
        }
        return file.equals(PreviewPage.FILE_NAME) ? 1 : 2;
    }
}
