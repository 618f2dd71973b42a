package feedwright.post;

import feedwright.config.PostSettings;
import feedwright.text.Digests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * How the post files look, for a record of a whole build: the path, size and modification time of every file
 * {@link PostFinder} lists, as one fingerprint. Two looks are equal only when no post file was added, removed,
 * renamed, resized or modified between them, which is what {@code make}, rsync and Git trust too; the post cache
 * trusts the same of each file ({@link PostCache}). Files that are not posts (by {@code post_patterns}, which the
 * configuration holds) are never read, so they do not count.
 *
 * <p>A file modified less than {@link PostCache#TOO_RECENT} before the files began to be read may change again
 * without its time moving (a file system that keeps whole seconds, two saves within one): its time vouches for
 * nothing, so such a file is vouched for by the fingerprint of its bytes instead ({@link Look#byBytes}), those the
 * load read, and a later look reads it again. There is no look when a file cannot be vouched for at all: a link
 * (a change to what it points at does not show in the link's own time), a file that cannot be looked at or read,
 * a folder that cannot be listed. Stateless.
 */
public final class PostFolderLook {

    private PostFolderLook() {
    }

    /**
     * A look at the post files.
     *
     * @param fingerprint what they looked like
     * @param byBytes     the files (named as problems name them, {@code posts/…}) vouched for by their bytes
     */
    public record Look(String fingerprint, SortedSet<String> byBytes) {

        public Look {
            Objects.requireNonNull(fingerprint, "fingerprint");
            byBytes = Collections.unmodifiableSortedSet(new TreeSet<>(byBytes));
        }
    }

    /**
     * The look of the post files {@code listed} found, to compare with an earlier one: the files the earlier look
     * vouched for by their bytes, and any modified too recently for its time to vouch, are read; empty when a
     * file cannot be vouched for, or is larger than a post may be.
     *
     * @param now the machine's clock, which file times are of
     */
    public static Optional<Look> of(PostListing listed, Set<String> byBytes, Instant now) {
        if (!(listed.listing() instanceof PostFinder.Found found)) {
            return Optional.empty();
        }
        Path site = listed.siteDir();
        PostSettings posts = listed.posts();
        // Read as a load reads a post: no link followed, no more than a post may hold, a hung volume given up on.
        Path postsDir = site.resolve(posts.folder());
        PostFileReader reader = new PostFileReader(site, PostFinder.realPath(postsDir), posts.maxPostBytes(),
                PostLoader.READ_TIMEOUT);
        return of(site, found.files(), now, byBytes, path ->
                reader.read(postsDir.relativize(path)) instanceof PostFileReader.Read read
                        ? Optional.of(Digests.fingerprint(read.bytes())) : Optional.empty());
    }

    /**
     * The look of {@code files} (by absolute path, with the attributes a walk saw: null when it could not read
     * them), listed before {@code readingStarts}.
     *
     * @param alsoByBytes files to vouch for by their bytes even when their time could vouch
     * @param bytesOf     the fingerprint of a file's bytes, as a load read them; empty when it could not
     */
    static Optional<Look> of(Path siteDir, Map<Path, BasicFileAttributes> files, Instant readingStarts,
                             Set<String> alsoByBytes, Function<Path, Optional<String>> bytesOf) {
        Instant settledBefore = readingStarts.minus(PostCache.TOO_RECENT);
        StringBuilder lines = new StringBuilder(files.size() * 100);
        SortedSet<String> byBytes = new TreeSet<>();
        // The finder's listing is sorted by path: the same files give the same text.
        for (Map.Entry<Path, BasicFileAttributes> file : files.entrySet()) {
            BasicFileAttributes attrs = file.getValue();
            if (attrs == null || !attrs.isRegularFile()) {
                return Optional.empty();
            }
            Instant modified = attrs.lastModifiedTime().toInstant();
            String name = PostLoader.siteRelative(siteDir, file.getKey());
            // The name's length first: no name, whatever it holds, reads as another entry.
            lines.append(name.length()).append(':').append(name).append(' ').append(attrs.size()).append(' ')
                    .append(modified.getEpochSecond()).append('.').append(modified.getNano());
            if (!modified.isBefore(settledBefore) || alsoByBytes.contains(name)) {
                Optional<String> bytes = bytesOf.apply(file.getKey());
                if (bytes.isEmpty()) {
                    return Optional.empty();
                }
                byBytes.add(name);
                lines.append(' ').append(bytes.get());
            }
            lines.append('\n');
        }
        return Optional.of(new Look(Digests.fingerprint(lines.toString().getBytes(StandardCharsets.UTF_8)), byBytes));
    }
}
