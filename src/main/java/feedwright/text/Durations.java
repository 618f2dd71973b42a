package feedwright.text;

import java.time.Duration;

/** How a message names a short duration. Pure. */
public final class Durations {

    private Durations() {
    }

    /** Whole seconds as {@code 2 s}, anything finer as {@code 1500 ms}: the units of the command line's options. */
    public static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
