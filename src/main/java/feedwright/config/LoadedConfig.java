package feedwright.config;

import feedwright.problem.Problem;
import java.util.List;
import java.util.Objects;

/**
 * A usable configuration and the warnings met while reading it (a number where text was expected, a
 * character XML forbids removed), in {@link Problem#ORDER}; with the {@link ConfigLoader#fingerprint} of the
 * site.yml bytes it was read from, to tell later whether the file changed since. Immutable.
 */
public record LoadedConfig(SiteConfig config, List<Problem> warnings, String fingerprint) {

    public LoadedConfig {
        Objects.requireNonNull(config, "config");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
