package feedwright.post;

import feedwright.config.PostSettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One walk of a site's post files, taken once for a run that both compares their look with a record
 * ({@link PostFolderLook#of(PostListing, java.util.Set, java.time.Instant)}) and loads them
 * ({@link PostLoader#load(PostListing, java.time.Instant)}): at 10,000 posts a walk is a tenth of a second or
 * more of a rebuild. Taking it before the load began is what the load does anyway (it lists, then reads). Immutable.
 */
public final class PostListing {

    private final Path siteDir;
    private final PostSettings posts;
    private final PostFinder.Listing listing;

    private PostListing(Path siteDir, PostSettings posts, PostFinder.Listing listing) {
        this.siteDir = siteDir;
        this.posts = posts;
        this.listing = listing;
    }

    /** The post files of {@code siteDir} now, as the configuration's {@code posts} settings name them. */
    public static PostListing of(Path siteDir, PostSettings posts) {
        Path site = siteDir.toAbsolutePath().normalize();
        return new PostListing(site, posts,
                new PostFinder(posts.postPatterns(), posts.folder()).find(site, Optional.empty()));
    }

    /** The site folder, absolute and normalised. */
    Path siteDir() {
        return siteDir;
    }

    /** The settings the files were listed under: a loader under others must not use the listing. */
    PostSettings posts() {
        return posts;
    }

    PostFinder.Listing listing() {
        return listing;
    }

    /** Whether this listing is of {@code site}'s post files under {@code settings}. */
    public boolean isOf(Path site, PostSettings settings) {
        return siteDir.equals(site.toAbsolutePath().normalize()) && posts.equals(Objects.requireNonNull(settings));
    }
}
