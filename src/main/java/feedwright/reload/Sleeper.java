package feedwright.reload;

import java.time.Duration;

/**
 * How a reload waits for its clock to move on. Injected next to the reload's {@code Clock}, so a test
 * with its own clock moves that clock forward instead of sleeping on the wall clock.
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the wall clock. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
