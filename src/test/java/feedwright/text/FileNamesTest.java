package feedwright.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void namesAFileBelowAFolderAsRelativizeDoes() {
        List<List<String>> pairs = List.of(
                List.of("/site", "/site/posts/2025-11-26-投資.md"),
                List.of("/site/", "/site/posts/a.md"),
                List.of("site", "site/posts/sub/a.md"),
                List.of("/site/../other", "/site/../other/posts/a.md"),
                List.of("./site", "./site/posts/a.md"),
                List.of("", "posts/a.md"),
                List.of("/site", "/site"),
                List.of("/site", "/sitemap/posts/a.md"),
                List.of("/site/posts", "/site/other/a.md"),
                List.of("/site", "/site/posts/../../etc/x.md"),
                List.of("/", "/a/./b"),
                List.of("/site", "/site/posts/.."),
                List.of("/site", "/site/./posts/.hidden/..x/a..md"),
                List.of("/site", "/site/posts/.hidden/..x/a..md/..."));
        for (List<String> pair : pairs) {
            Path base = Path.of(pair.get(0));
            Path path = Path.of(pair.get(1));
            assertThat(FileNames.below(base, path)).as(pair.toString()).isEqualTo(base.relativize(path));
        }
    }

    @Test
    void namesAFileBelowAFolderWithoutItsFolderNames() {
        Path below = FileNames.below(Path.of("/site"), Path.of("/site/posts/a.md"));
        assertThat(below.isAbsolute()).isFalse();
        assertThat(below.getNameCount()).isEqualTo(2);
        assertThat(below.toString()).isEqualTo("posts/a.md");
    }
}
