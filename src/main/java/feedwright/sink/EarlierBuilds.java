package feedwright.sink;

import feedwright.snapshot.BuildManifest;
import feedwright.snapshot.Validators;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What earlier builds left a record of in an output folder: the files listed by the last manifest and by
 * a pending list a killed build left behind, together. A folder with neither (a first build, or a folder
 * written by a version without manifests) has an empty record, which removes nothing. A record that
 * cannot be read is reported and trusted for nothing.
 *
 * @param files     every file the records list (empty when a record was broken)
 * @param finished  what the last finished build wrote, by path, as its manifest lists it: a file it lists can
 *                  be kept without being read ({@link BuildManifest.Written#sameFileAs}); empty when a record
 *                  was broken. Not the pending list: a killed build names there files it may not have
 *                  written, and one killed after it may have written others under the same list.
 * @param published what the last finished build published, by path: the validators to carry forward (a
 *                  pending list names files a killed build may not have finished, so it is not used)
 * @param problem   which record could not be read and why
 */
record EarlierBuilds(BuildManifest files, Map<String, BuildManifest.Written> finished,
                     Map<String, Validators> published, Optional<String> problem) {

    static EarlierBuilds read(Path root) throws IOException {
        BuildManifest all = BuildManifest.EMPTY;
        Map<String, BuildManifest.Written> finished = Map.of();
        Map<String, Validators> published = Map.of();
        for (String name : new String[] {BuildManifest.FILE_NAME, BuildManifest.PENDING_FILE_NAME}) {
            Path file = root.resolve(name);
            try {
                Optional<BuildManifest> read = BuildManifest.read(file);
                if (read.isEmpty()) {
                    continue;
                }
                BuildManifest manifest = read.get();
                if (name.equals(BuildManifest.FILE_NAME)) {
                    finished = manifest.files();
                    published = manifest.validators();
                }
                all = all.plus(manifest);
            } catch (BuildManifest.Invalid e) {
                return broken(file, e.getMessage(), published);
            }
        }
        return new EarlierBuilds(all, finished, published, Optional.empty());
    }

    /** @param published the manifest's validators when it was read, still carried forward (never trusted for deleting) */
    private static EarlierBuilds broken(Path file, String reason, Map<String, Validators> published) {
        return new EarlierBuilds(BuildManifest.EMPTY, Map.of(), published, Optional.of(file + ": warning: not read ("
                + reason + "); no file of an earlier build was removed"));
    }
}
