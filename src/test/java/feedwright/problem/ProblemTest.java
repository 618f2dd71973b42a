package feedwright.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void aWholeFileProblemIsLocatedAtLineAndColumnZero() {
        assertThat(Problem.error("posts/a.md", "file is too large")).hasToString("posts/a.md:0:0: error: file is too large");
        assertThat(Problem.warning("posts/b.md", "dated in the future"))
                .isEqualTo(new Problem("posts/b.md", 0, 0, Severity.WARNING, "dated in the future"));
    }

    @Test
    void anUnexpectedFailureNamesTheStageAndTheExceptionOnOneLine() {
        Problem problem = Problem.unexpected("posts/c.md", "rendered", new IllegalStateException("bad\nstate"));
        assertThat(problem.isError()).isTrue();
        assertThat(problem.message()).isEqualTo("could not be rendered: unexpected IllegalStateException (bad state); left out");
    }

    @Test
    void controlCharactersInFileNamesAreShownAsEscapes() {
        assertThat(Problem.error("posts/\u001b[31m.md", 2, 3, "x").toString()).doesNotContain("\u001b");
    }
}
