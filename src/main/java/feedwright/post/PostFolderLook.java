package feedwright.post;

import feedwright.config.PostSettings;
import feedwright.text.Digests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How the post files look without one being opened: the path, size and modification time of every file
 * {@link PostFinder} lists, as one fingerprint. Two looks are equal only when no post file was added, removed,
 * renamed, resized or modified between them, which is what {@code make}, rsync and Git trust too; the post cache
 * trusts the same of each file ({@link PostCache}). Files that are not posts (by {@code post_patterns}, which the
 * configuration holds) are never read, so they do not count.
 *
 * <p>A look is not given when it could not vouch for the files:
 * <ul>
 *   <li>a link among them: a change to what it points at does not show in the link's own time;</li>
 *   <li>a file modified less than {@link PostCache#TOO_RECENT} before the files began to be read, or after: it
 *       may change again without its time moving (a file system that keeps whole seconds, two saves within one);</li>
 *   <li>a file that cannot be looked at, or a folder that cannot be listed.</li>
 * </ul>
 * Stateless.
 */
public final class PostFolderLook {

    private PostFolderLook() {
    }

    /**
     * The look of the post files of {@code siteDir} as the finder lists them now, judged against
     * {@code readingStarts} (the machine's clock, which file times are of); empty when it cannot vouch for them.
     */
    public static Optional<String> of(Path siteDir, PostSettings posts, Instant readingStarts) {
        PostFinder.Listing listing = new PostFinder(posts.postPatterns(), posts.folder())
                .find(siteDir.toAbsolutePath().normalize(), Optional.empty());
        return listing instanceof PostFinder.Found found ? of(found.files(), readingStarts) : Optional.empty();
    }

    /**
     * The look of {@code files} (by absolute path, with the attributes a walk saw: null when it could not read
     * them), listed before {@code readingStarts}.
     */
    static Optional<String> of(Map<Path, BasicFileAttributes> files, Instant readingStarts) {
        Instant settledBefore = readingStarts.minus(PostCache.TOO_RECENT);
        StringBuilder lines = new StringBuilder(files.size() * 100);
        // The finder's listing is sorted by path: the same files give the same text.
        for (Map.Entry<Path, BasicFileAttributes> file : files.entrySet()) {
            BasicFileAttributes attrs = file.getValue();
            if (attrs == null || !attrs.isRegularFile()) {
                return Optional.empty();
            }
            Instant modified = attrs.lastModifiedTime().toInstant();
            if (!modified.isBefore(settledBefore)) {
                return Optional.empty();
            }
            String name = file.getKey().toString();
            // The name's length first: no name, whatever it holds, reads as another entry.
            lines.append(name.length()).append(':').append(name).append(' ').append(attrs.size()).append(' ')
                    .append(modified.getEpochSecond()).append('.').append(modified.getNano()).append('\n');
        }
        return Optional.of(Digests.fingerprint(lines.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
