package feedwright.testing;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of live-reload test classes: each test gets its own copy of the sample site, served and watched
 * for file events as {@code serve} does, which it may edit freely.
 */
public abstract class WatchedSample {

    @TempDir
    protected Path dir;

    /** The running server of this test, following {@link #dir}. */
    protected LiveSite site;

    @BeforeEach
    void serveAndWatchACopyOfTheSample() throws Exception {
        site = LiveSite.watchSample(dir, Duration.ZERO, true);
    }

    @AfterEach
    void stopServing() {
        site.close();
    }
}
