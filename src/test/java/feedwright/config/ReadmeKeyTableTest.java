package feedwright.config;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.config.ConfigKey.Fallback;
import feedwright.testing.TestSite;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's table of site.yml keys says what {@link ConfigKeys} declares: the same keys, the same defaults. */
class ReadmeKeyTableTest {

    private static final String HEADING = "## Configuration: `feeds-config/site.yml`";

    @Test
    void listsEveryDeclaredKeyAndNoOther() throws IOException {
        assertThat(readmeDefaults().keySet())
                .containsExactlyInAnyOrderElementsOf(ConfigKeys.ALL.stream().map(ConfigKey::path).toList());
    }

    @Test
    void showsEachKeysDeclaredDefault() throws IOException {
        Map<String, String> readme = readmeDefaults();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            assertThat(readme.get(key.path())).as("README default of " + key.path()).isIn(documented(key.fallback()));
        }
    }

    /** The ways the README may write a default: a value in code font, "empty", "the title", "*(required)*". */
    private static List<String> documented(Fallback<?> fallback) {
        if (fallback instanceof Fallback.Required<?>) {
            return List.of("*(required)*");
        }
        if (fallback instanceof Fallback.SameAs<?> same) {
            return List.of("`" + same.key().path() + "`", "the " + same.key().path());
        }
        Object value = ((Fallback.Value<?>) fallback).value();
        if (value.equals("") || value.equals(List.of())) {
            return List.of("empty", "none");
        }
        if (value instanceof List<?> list) {
            return List.of(list.stream().map(item -> "\"" + item + "\"").collect(Collectors.joining(", ", "`[", "]`")));
        }
        String text = value instanceof Enum<?> constant ? constant.name().toLowerCase(Locale.ROOT).replace('_', '-') : value.toString();
        return List.of("`" + text + "`");
    }

    /** The key table under the configuration heading: key (without its code font) to default column. */
    private static Map<String, String> readmeDefaults() throws IOException {
        List<String> lines = Files.readAllLines(TestSite.sample().resolve("README.md"));
        int heading = lines.indexOf(HEADING);
        assertThat(heading).as("README heading " + HEADING).isNotNegative();
        Map<String, String> defaults = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : lines.subList(heading + 1, lines.size())) {
            if (line.startsWith("| `")) {
                inTable = true;
                String[] cells = line.split(" \\| ");
                defaults.put(cells[0].substring("| `".length(), cells[0].length() - 1), cells[1].strip());
            } else if (inTable) {
                break;
            }
        }
        return defaults;
    }
}
