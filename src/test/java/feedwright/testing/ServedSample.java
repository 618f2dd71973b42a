package feedwright.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of test classes that only read from the server: one copy of the sample site is served, the way
 * {@code serve} does, for the whole class. Test classes run one after another, so the static site is
 * never shared between two at once.
 */
public abstract class ServedSample {

    @TempDir
    static Path sampleDir;

    /** The running server of this test class. */
    protected static LiveSite site;

    @BeforeAll
    static void serveTheSample() throws Exception {
        site = LiveSite.serveSample(sampleDir);
    }

    @AfterAll
    static void stopServing() {
        site.close();
    }
}
