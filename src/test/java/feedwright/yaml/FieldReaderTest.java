package feedwright.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.problem.Problem;
import java.net.URI;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FieldReaderTest {

    private enum Mode { FULL, SUMMARY, NONE }

    private final List<Problem> problems = new ArrayList<>();

    @Test
    void urlEndsInASlashSoThatRelativePathsResolveUnderIt() {
        assertThat(read("u: HTTPS://example.org/blog", r -> r.url("u")))
                .contains(URI.create("https://example.org/blog/"));
        assertThat(read("u: http://example.org", r -> r.url("u"))).contains(URI.create("http://example.org/"));
        assertThat(problems).isEmpty();
    }

    @Test
    void urlRefusesOtherSchemesQueriesFragmentsAndNonUrls() {
        assertThat(read("a: ftp://example.org/\nb: https://example.org/?q\nc: https://example.org/#f\nd: /relative\n"
                + "e: \"https://exa mple.org/\"", r -> r.url("a").or(() -> r.url("b")).or(() -> r.url("c"))
                .or(() -> r.url("d")).or(() -> r.url("e")))).isEmpty();
        String expected = ": expected an absolute http(s) URL without query or fragment, found ";
        assertThat(messages()).containsExactly(
                "t.yml:1:4: error: a" + expected + "'ftp://example.org/'",
                "t.yml:2:4: error: b" + expected + "'https://example.org/?q'",
                "t.yml:3:4: error: c" + expected + "'https://example.org/#f'",
                "t.yml:4:4: error: d" + expected + "'/relative'",
                "t.yml:5:4: error: e: 'https://exa mple.org/' is not a URL (Illegal character in authority)");
    }

    @Test
    void choiceTakesAConstantInAnyCaseAndListsTheConstantsWhenWrong() {
        assertThat(read("m: Summary", r -> r.choice("m", Mode.class))).contains(Mode.SUMMARY);
        assertThat(read("m: partial", r -> r.choice("m", Mode.class))).isEmpty();
        assertThat(messages())
                .containsExactly("t.yml:1:4: error: m: expected 'full', 'summary' or 'none', found 'partial'");
    }

    @Test
    void zoneTakesARegionOrAnOffset() {
        assertThat(read("z: Asia/Tokyo", r -> r.zone("z"))).contains(ZoneId.of("Asia/Tokyo"));
        assertThat(read("z: \"+09:00\"", r -> r.zone("z"))).contains(ZoneOffset.ofHours(9));
        assertThat(read("z: Mars/Olympus", r -> r.zone("z"))).isEmpty();
        assertThat(messages()).containsExactly("t.yml:1:4: error: z: 'Mars/Olympus' is not a time zone "
                + "(expected a name such as Asia/Tokyo or an offset such as +09:00)");
    }

    @Test
    void languageTagMustNameARealLanguage() {
        assertThat(read("l: \" en-US \"", r -> r.languageTag("l"))).contains("en-US");
        assertThat(read("l: fil", r -> r.languageTag("l"))).contains("fil");
        assertThat(read("l: xx", r -> r.languageTag("l"))).isEmpty();
        assertThat(read("l: en_US", r -> r.languageTag("l"))).isEmpty();
        assertThat(messages()).containsExactly(
                "t.yml:1:4: error: l: 'xx' is not a BCP 47 language tag (such as en, ja or en-US)",
                "t.yml:1:4: error: l: 'en_US' is not a BCP 47 language tag (such as en, ja or en-US)");
    }

    @Test
    void fileNameGlobsReportsEveryBadItemAtItsLineAndThenGivesNothing() {
        assertThat(read("g: [\"*.md\", \"*.txt\"]", r -> r.fileNameGlobs("g"))).contains(List.of("*.md", "*.txt"));
        assertThat(read("g: \"*.md\"", r -> r.fileNameGlobs("g"))).contains(List.of("*.md"));
        assertThat(read("g:\n  - \"*.{md\"\n  - posts/*.md\n  - \"*.txt\"", r -> r.fileNameGlobs("g"))).isEmpty();
        assertThat(messages()).containsExactly(
                "t.yml:2:5: error: g: '*.{md' is not a file-name pattern (Missing '} near index 4)",
                "t.yml:3:5: error: g: 'posts/*.md' must be a file-name pattern such as *.md, without folders");
    }

    @Test
    void anEmptyListOfGlobsIsNoValue() {
        assertThat(read("g: []", r -> r.fileNameGlobs("g"))).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void aNestedReaderNamesTheKeyWithItsPrefix() {
        YamlMap map = parse("server:\n  port: many\n  mode: odd\n").get("server").orElseThrow().asMap();
        FieldReader nested = new FieldReader(map, "t.yml", problems, "server.");

        assertThat(nested.number("port", 0, 65_535)).isEmpty();
        assertThat(nested.choice("mode", Mode.class)).isEmpty();
        assertThat(nested.path("port")).isEqualTo("server.port");
        assertThat(messages()).containsExactly(
                "t.yml:2:9: error: server.port: expected a whole number from 0 to 65535, found 'many'",
                "t.yml:3:9: error: server.mode: expected 'full', 'summary' or 'none', found 'odd'");
    }

    @Test
    void aNumberWhereTextIsExpectedIsTakenAsTextWithAWarning() {
        assertThat(read("m: 1", r -> r.choice("m", Mode.class))).isEmpty();
        assertThat(messages()).containsExactly(
                "t.yml:1:4: warning: m: expected text, found a number; using '1' as text",
                "t.yml:1:4: error: m: expected 'full', 'summary' or 'none', found '1'");
    }

    private <T> Optional<T> read(String yaml, Function<FieldReader, Optional<T>> reader) {
        return reader.apply(new FieldReader(parse(yaml), "t.yml", problems));
    }

    private static YamlMap parse(String yaml) {
        try {
            return YamlParser.parseMapping(yaml, "t.yml", 0, 10_000);
        } catch (YamlSyntaxException e) {
            throw new AssertionError(e.problem().toString(), e);
        }
    }

    private List<String> messages() {
        return problems.stream().map(Problem::toString).toList();
    }
}
