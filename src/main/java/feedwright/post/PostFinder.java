package feedwright.post;

import feedwright.problem.IoReason;
import feedwright.problem.Problem;
import feedwright.config.JekyllSite;
import feedwright.config.PostSettings;
import feedwright.text.FileNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Finds the post files under {@code posts/}, apart from reading them ({@link PostLoader} does that): a
 * walk of the whole folder, or the last listing updated with the paths file events named; where a
 * {@code posts/} link leads; which names are posts ({@code post_patterns}, never hidden files); and whether
 * the folder can be listed at all. Every file is named by its place under {@code posts/}, even when
 * {@code posts/} is a link to the site's content kept elsewhere.
 *
 * <p>Not thread-safe: it keeps the last listing, which the loader's serialised loads update.
 */
public final class PostFinder {

    private final List<PathMatcher> patterns;
    /** The folder of posts, relative to the site ({@code posts}, or a Jekyll site's {@code _posts}). */
    private final String folder;
    /** The post files found last time, for {@link #find} to update from events. */
    private Map<Path, BasicFileAttributes> listing;

    PostFinder(List<String> postPatterns, String folder) {
        this.folder = folder;
        this.patterns = postPatterns.stream()
                .map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p))
                .toList();
    }

    /** What a look at {@code posts/} gave: the post files, or why the folder could not be listed. */
    sealed interface Listing permits Found, Unlistable {
    }

    /**
     * @param files post files by absolute path, with the attributes the listing saw (null when it could not
     *              read them: the reader reports why)
     * @param named  the files events named, which are read again even when they look unchanged
     * @param walked whether the whole folder was walked; when not, the last listing was updated from the named
     *               files, and a file gone since is one of them
     */
    record Found(Map<Path, BasicFileAttributes> files, Set<Path> named, boolean walked) implements Listing {
    }

    record Unlistable(Problem problem) implements Listing {
    }

    /**
     * The post files of {@code siteDir} (absolute and normalised). When file events named the only paths
     * that may have changed, those are examined again and the rest of the last listing is trusted instead
     * of walking all of {@code posts/} again (on a large site that walk is most of a reload). Whenever a
     * change could mean more than that one file (a folder, a path outside {@code posts/}, a deleted path that
     * was not a known post), or there is no earlier listing, it walks the whole folder.
     *
     * @param changed absolute paths named by file events; empty to walk the whole folder
     */
    Listing find(Path siteDir, Optional<Set<Path>> changed) {
        Path postsDir = siteDir.resolve(folder);
        // A file an event named is read again even if its size and time look unchanged: an edit within the
        // file system's time granularity that keeps the size would otherwise go unseen.
        Set<Path> named = changed.orElse(Set.of()).stream().map(p -> p.toAbsolutePath().normalize())
                .collect(Collectors.toSet());
        try {
            Map<Path, BasicFileAttributes> updated = changed.isPresent() ? updatedListing(postsDir, named) : null;
            listing = updated != null ? updated : walk(postsDir);
            return new Found(listing, named, updated == null);
        } catch (NoSuchFileException e) {
            return new Unlistable(Problem.error(folderName(folder), "folder not found"));
        } catch (IOException | UncheckedIOException e) {
            return new Unlistable(Problem.error(folderName(folder), "cannot be listed: " + IoReason.of(e, siteDir)));
        }
    }

    /**
     * {@code taken}, a walk of the whole folder made by another finder under the same settings, as if this one
     * had made it: later {@link #find}s update it from events.
     */
    Listing adopt(Listing taken) {
        if (taken instanceof Found found) {
            if (!found.walked()) {
                throw new IllegalArgumentException("a listing updated from events, not a walk");
            }
            listing = found.files();
        }
        return taken;
    }

    /**
     * Why {@code posts/} cannot be listed, if it cannot. Asked on both sides of a load: a listing updated
     * from events never opens the folder, and a folder that went away during a load gave no posts, which
     * would publish a site without posts rather than keep the last good one.
     */
    static Optional<Problem> folderProblem(Path siteDir, String folder) {
        try {
            Files.newDirectoryStream(siteDir.resolve(folder)).close();
            return Optional.empty();
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.of(Problem.error(folderName(folder), "folder not found"));
        } catch (IOException e) {
            return Optional.of(Problem.error(folderName(folder), "cannot be listed: " + IoReason.of(e, siteDir)));
        }
    }

    /** How problems name the folder of posts itself: {@code posts/}. */
    public static String folderName(String folder) {
        return folder + "/";
    }

    /** Whether a problem is about a folder of posts itself (missing, or cannot be listed). */
    static boolean isFolderProblem(Problem problem) {
        return problem.isError() && (problem.file().equals(folderName(PostSettings.POSTS_FOLDER))
                || problem.file().equals(folderName(JekyllSite.POSTS_FOLDER)));
    }

    /**
     * Every folder under {@code posts/} (itself included), each as the place it is found at (where a
     * {@code posts/} link leads) by the name its files get under {@code posts/}: what must be watched for
     * file events to name post files as {@link #find} does. Empty when {@code posts/} is gone.
     */
    public static Map<Path, Path> folders(Path siteDir, String folder) throws IOException {
        Path posts = siteDir.resolve(folder);
        Path start;
        try {
            start = posts.toRealPath();
        } catch (IOException e) {
            return Map.of(); // gone (for now)
        }
        if (!Files.isDirectory(start)) {
            return Map.of();
        }
        Map<Path, Path> folders = new LinkedHashMap<>();
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                folders.put(posts.resolve(start.relativize(dir).toString()), dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return folders;
    }

    /**
     * The last listing with the {@code changed} paths examined again, or null when only a full walk can
     * tell what changed.
     */
    private Map<Path, BasicFileAttributes> updatedListing(Path postsDir, Set<Path> changed) {
        Map<Path, BasicFileAttributes> last = listing;
        if (last == null) {
            return null;
        }
        Map<Path, BasicFileAttributes> files = new TreeMap<>(last);
        Path realPosts = realPath(postsDir);
        for (Path normal : changed) {
            if (!normal.startsWith(postsDir) || normal.equals(postsDir)) {
                return null;
            }
            if (isHidden(postsDir.relativize(normal))) {
                continue; // editors' temporary files and hidden folders are never posts
            }
            if (!realPath(normal.getParent()).startsWith(realPosts)) {
                return null; // reached through a linked folder: the walk, which never follows one, decides
            }
            try {
                BasicFileAttributes attrs = Files.readAttributes(normal, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (attrs.isDirectory()) {
                    return null;
                }
                if (isPostFile(normal)) {
                    files.put(normal, attrs);
                }
            } catch (NoSuchFileException gone) {
                if (files.remove(normal) == null) {
                    return null; // not a known post: perhaps a folder of them (even one named like a post)
                }
            } catch (IOException e) {
                if (isPostFile(normal)) {
                    files.put(normal, null); // reported when read
                }
            }
        }
        return files;
    }

    private static boolean isHidden(Path relative) {
        for (Path segment : relative) {
            if (segment.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** Post files with their attributes (read during the walk, so no second stat per file). */
    private Map<Path, BasicFileAttributes> walk(Path postsDir) throws IOException {
        // posts/ may itself be a link to the site's content elsewhere; the walk, which follows no link,
        // would see only the link. Walk its target, and name every file by its place under posts/.
        Path start = Files.isSymbolicLink(postsDir) ? postsDir.toRealPath() : postsDir;
        Map<Path, BasicFileAttributes> files = new TreeMap<>();
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                boolean hidden = !dir.equals(start) && dir.getFileName().toString().startsWith(".");
                return hidden ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                // A pipe, socket or device named as a post is listed too, to be refused as such when read (never
                // opened): an author who finds no post and no problem cannot tell what went wrong.
                if (isPostFile(file) && (attrs.isRegularFile() || attrs.isSymbolicLink() || attrs.isOther())) {
                    files.put(start == postsDir ? file : postsDir.resolve(FileNames.below(start, file)), attrs);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (file.equals(start)) {
                    throw e; // the walk reports a missing or unreadable start folder here, not by throwing
                }
                if (isPostFile(file)) {
                    files.put(postsDir.resolve(start.relativize(file)), null); // reported when read
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    private boolean isPostFile(Path path) {
        Path name = path.getFileName();
        // Hidden files are editors' temporary files (.#post.md, .post.md.swp), never posts.
        return name != null && !name.toString().startsWith(".") && patterns.stream().anyMatch(m -> m.matches(name));
    }

    /** {@code path} with every link resolved, or as it is written when it cannot be resolved. */
    static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
