package feedwright.yaml;

import feedwright.problem.Problem;

/** The YAML could not be read at all; the problem says where and why. */
public final class YamlSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public YamlSyntaxException(Problem problem) {
        super(problem.toString());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
