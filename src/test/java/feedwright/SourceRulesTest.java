package feedwright;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house rules of the source, checked on every build so they stay true: the data flows one way
 * (a package imports only packages of lower stages), and names are imported, never written out in full
 * in the code, except where the simple name is taken by a class of the same package or an import (ROME's
 * {@code atom.Feed} beside our {@code Feed}): Java has no other way to tell them apart.
 */
class SourceRulesTest {

    private static final Path MAIN = Path.of("src/main/java/feedwright");
    private static final Path TEST = Path.of("src/test/java/feedwright");

    /**
     * The stages, lowest first; a package may import its own stage and those before it. Packages of one
     * stage (the sinks and the server, which both only read a snapshot) may not import each other.
     */
    private static final List<List<String>> STAGES = List.of(
            List.of("text"), List.of("problem"), List.of("yaml"), List.of("config"), List.of("post"),
            List.of("render"), List.of("feed"), List.of("snapshot"), List.of("sink", "http", "reload", "websub"),
            List.of("cli"));

    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?feedwright\\.([a-z]+)\\.", Pattern.MULTILINE);
    /** A qualified type name in code: lower-case package segments, then a capitalised name. */
    private static final Pattern QUALIFIED = Pattern.compile(
            "(?<![\\w.$\"])((?:java|javax|jdk|com|org|io|feedwright)(?:\\.[a-z_][a-z0-9_]*)+\\.[A-Z]\\w*)");

    @Test
    void everyPackageImportsOnlyEarlierStages() throws IOException {
        List<String> upward = new ArrayList<>();
        try (Stream<Path> packages = Files.list(MAIN)) {
            for (Path dir : packages.filter(Files::isDirectory).toList()) {
                String from = dir.getFileName().toString();
                int fromStage = stage(from);
                assertThat(fromStage).as("package feedwright.%s has a stage in STAGES", from).isNotNegative();
                for (Path file : javaFiles(dir)) {
                    Matcher imported = IMPORT.matcher(Files.readString(file, StandardCharsets.UTF_8));
                    while (imported.find()) {
                        String to = imported.group(1);
                        if (!to.equals(from) && stage(to) >= fromStage) {
                            upward.add(MAIN.relativize(file) + " imports feedwright." + to);
                        }
                    }
                }
            }
        }
        assertThat(upward).as("imports against the flow of data").isEmpty();
    }

    @Test
    void noFullyQualifiedNamesInCode() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : List.of(MAIN, TEST)) {
            for (Path file : javaFiles(root)) {
                String source = Files.readString(file, StandardCharsets.UTF_8);
                String code = codeOnly(source);
                int lineNumber = 0;
                for (String line : code.split("\n", -1)) {
                    lineNumber++;
                    if (line.startsWith("import ") || line.startsWith("package ")) {
                        continue;
                    }
                    Matcher qualified = QUALIFIED.matcher(line);
                    while (qualified.find()) {
                        if (!clashes(file, source, qualified.group(1))) {
                            found.add(root.relativize(file) + ":" + lineNumber + ": " + qualified.group(1));
                        }
                    }
                }
            }
        }
        assertThat(found).as("names written out in full instead of imported").isEmpty();
    }

    @Test
    void theRulesCatchWhatTheyAreFor() {
        assertThat(QUALIFIED.matcher(codeOnly("List<String> a = new java.util.ArrayList<>();")).find()).isTrue();
        assertThat(QUALIFIED.matcher(codeOnly("String s = \"java.util.List\"; // java.util.List")).find()).isFalse();
        assertThat(QUALIFIED.matcher(codeOnly("/** {@link java.util.List} */ int x;")).find()).isFalse();
        assertThat(stage("http")).isGreaterThan(stage("snapshot"));
        assertThat(stage("sink")).isEqualTo(stage("http"));
    }

    /** Whether the simple name of {@code qualified} already means another class in {@code file}. */
    private static boolean clashes(Path file, String source, String qualified) {
        String simple = qualified.substring(qualified.lastIndexOf('.') + 1);
        String samePackage = qualified.substring(0, qualified.lastIndexOf('.'));
        boolean declaredBeside = Files.exists(file.resolveSibling(simple + ".java"))
                && !source.contains("package " + samePackage + ";");
        boolean importedOther = Pattern.compile("^import [\\w.]+\\." + simple + ";", Pattern.MULTILINE)
                .matcher(source).find() && !source.contains("import " + qualified + ";");
        return declaredBeside || importedOther;
    }

    private static int stage(String pkg) {
        for (int i = 0; i < STAGES.size(); i++) {
            if (STAGES.get(i).contains(pkg)) {
                return i;
            }
        }
        return -1;
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    /**
     * The source with comments, string and character literals blanked (line breaks kept, so line numbers
     * stay right): what is left is code. Text blocks count as strings.
     */
    static String codeOnly(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = skip(source, i, source.indexOf('\n', i), out);
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = skip(source, i, end < 0 ? -1 : end + 2, out);
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                i = skip(source, i, end < 0 ? -1 : end + 3, out);
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < source.length() && source.charAt(j) != c && source.charAt(j) != '\n') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                i = skip(source, i, Math.min(j + 1, source.length()), out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Blanks {@code source[from, to)} (to the end when {@code to} is -1) into {@code out}, keeping line breaks. */
    private static int skip(String source, int from, int to, StringBuilder out) {
        int end = to < 0 ? source.length() : to;
        for (int k = from; k < end; k++) {
            out.append(source.charAt(k) == '\n' ? '\n' : ' ');
        }
        return end;
    }
}
