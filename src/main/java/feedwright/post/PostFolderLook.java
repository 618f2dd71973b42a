package feedwright.post;

import feedwright.text.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the folder of posts looks without a file being opened: the path, size and modification time of every file
 * the walk of {@link PostFinder} could come to, as one fingerprint. Two looks are equal only when no such file
 * was added, removed, renamed, resized or modified between them, which is what {@code make}, rsync and Git trust
 * too; the post cache trusts the same of each file ({@link PostCache}).
 *
 * <p>A look is not given when it could not vouch for the files:
 * <ul>
 *   <li>a link under the folder: a change to what it points at does not show in the link's own time;</li>
 *   <li>a file modified less than {@link PostCache#TOO_RECENT} before the files are to be read, or after: it may change
 *       again without its time moving (a file system that keeps whole seconds, two saves within one);</li>
 *   <li>an entry that cannot be looked at, or a folder that cannot be listed.</li>
 * </ul>
 * Hidden files and folders are left out, as the finder leaves them out; any other file counts, a post or not.
 * Stateless.
 */
public final class PostFolderLook {

    private PostFolderLook() {
    }

    /**
     * The look of {@code folder} (e.g. {@code posts}) in {@code siteDir}, judged against {@code readingStarts}
     * (the machine's clock, which file times are of); empty when it cannot vouch for the files.
     */
    public static Optional<String> of(Path siteDir, String folder, Instant readingStarts) {
        Path postsDir = siteDir.resolve(folder);
        Instant settledBefore = readingStarts.minus(PostCache.TOO_RECENT);
        List<String> lines = new ArrayList<>();
        try {
            // As the finder: posts/ may itself be a link to the site's content kept elsewhere.
            Path start = Files.isSymbolicLink(postsDir) ? postsDir.toRealPath() : postsDir;
            boolean[] vouches = {true};
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    boolean hidden = !dir.equals(start) && dir.getFileName().toString().startsWith(".");
                    return hidden ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (file.getFileName().toString().startsWith(".")) {
                        return FileVisitResult.CONTINUE;
                    }
                    Instant modified = attrs.lastModifiedTime().toInstant();
                    if (attrs.isSymbolicLink() || !modified.isBefore(settledBefore)) {
                        vouches[0] = false;
                        return FileVisitResult.TERMINATE;
                    }
                    String name = start.relativize(file).toString();
                    // The name's length first: no name, whatever it holds, reads as another entry.
                    lines.add(name.length() + ":" + name + " " + attrs.size() + " " + modified.getEpochSecond()
                            + "." + modified.getNano());
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    vouches[0] = false;
                    return FileVisitResult.TERMINATE;
                }
            });
            if (!vouches[0]) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        // The walk's order is the folder's, which no file system promises to keep.
        lines.sort(null);
        return Optional.of(Digests.fingerprint(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
    }
}
