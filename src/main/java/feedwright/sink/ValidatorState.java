package feedwright.sink;

import feedwright.snapshot.BuildManifest;
import feedwright.snapshot.Snapshot;
import feedwright.snapshot.Validators;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code serve --site}'s memory of what it told readers, kept across restarts in {@value #FILE_NAME} under the
 * site folder (a folder of its own, which the site watcher does not watch, so writing it starts no reload): the validators of every resource last published, in the layout of a build's manifest. At
 * start the first snapshot carries them forward, so a feed whose bytes changed while the server was down
 * comes with a later Last-Modified (a reader sending only {@code If-Modified-Since} sees the change), and
 * one whose bytes did not keeps its old one. Archive pages nobody asked for are left out
 * ({@link BuildManifest#ofTold}). Written atomically after every publish. Stateless.
 */
public final class ValidatorState {

    public static final String FILE_NAME = ".feedwright/validators.json";

    private ValidatorState() {
    }

    /** What was published last, by path; empty when there is no state file yet. */
    public static Map<String, Validators> read(Path siteDir) throws IOException, BuildManifest.Invalid {
        return BuildManifest.read(siteDir.resolve(FILE_NAME)).map(BuildManifest::validators).orElse(Map.of());
    }

    /**
     * Records {@code published}'s validators, replacing the file in one rename; an archive page not made in
     * this run keeps what {@code toldBefore} (the file as this run found it) says of it.
     */
    public static void write(Path siteDir, Snapshot published, Map<String, Validators> toldBefore) throws IOException {
        Path file = siteDir.resolve(FILE_NAME);
        FolderSink.writeAtomically(file, BuildManifest.ofTold(published, toldBefore).toJson(),
                Optional.empty());
    }
}
