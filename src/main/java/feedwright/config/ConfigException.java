package feedwright.config;

import feedwright.problem.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** The site configuration is unusable; nothing may be built from it. Carries every problem found. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
