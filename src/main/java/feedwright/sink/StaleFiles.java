package feedwright.sink;

import feedwright.snapshot.BuildManifest;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Deletes files an earlier build wrote and this one does not, then the folders that deleting them left
 * empty (a removed tag's folder). Only regular files, only inside the output folder, and never through a
 * link: a listed path whose folder is a symbolic link, or that is now a link or a folder, is left alone,
 * since whatever is there is not what a build wrote. A folder is removed only when it is empty (the
 * operating system checks that as it removes it), and never the output folder itself. Stateless.
 */
final class StaleFiles {

    private StaleFiles() {
    }

    /**
     * @param stale paths relative to {@code root}, each checked by {@link BuildManifest#isFilePath}
     * @return how many files were deleted
     */
    static int remove(Path root, SortedSet<String> stale) throws IOException {
        if (stale.isEmpty()) {
            return 0;
        }
        Path realRoot = root.toRealPath();
        // Deepest first: a folder's own path sorts before every path inside it.
        SortedSet<Path> emptied = new TreeSet<>(Comparator.reverseOrder());
        int removed = 0;
        for (String name : stale) {
            Path file = root.resolve(name).normalize();
            Path folder = file.getParent();
            if (!file.startsWith(root) || !isRealFolderInside(root, realRoot, folder)
                    || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                Files.delete(file);
                removed++;
            } catch (NoSuchFileException goneMeanwhile) {
                continue;
            }
            for (Path up = folder; !up.equals(root); up = up.getParent()) {
                emptied.add(up);
            }
        }
        for (Path folder : emptied) {
            try {
                Files.delete(folder);
            } catch (DirectoryNotEmptyException | NoSuchFileException keptOrGone) {
                // holds other files (this build's, or anyone's): kept
            }
        }
        return removed;
    }

    /** Whether {@code folder} is a folder under {@code root} reached without following any link. */
    private static boolean isRealFolderInside(Path root, Path realRoot, Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        return folder.toRealPath().equals(realRoot.resolve(root.relativize(folder)));
    }
}
