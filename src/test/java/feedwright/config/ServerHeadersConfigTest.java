package feedwright.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import feedwright.problem.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code server.cors_origin} and {@code server.noindex}: the shapes site.yml may give them, and the refusals. */
class ServerHeadersConfigTest {

    private static final String SITE = "title: T\nbase_url: https://example.org/\n";

    @Test
    void anyOriginAndIndexingByDefault() throws ConfigException {
        ServerSettings server = ConfigLoader.parse(SITE).server();
        assertThat(server.corsOrigin()).isEqualTo(CorsOrigin.ANY);
        assertThat(server.corsOrigin().header()).contains("*");
        assertThat(server.noindex()).isFalse();
    }

    @Test
    void aQuotedStarAllowsAnyOrigin() throws ConfigException {
        assertThat(server("cors_origin: \"*\"").corsOrigin()).isEqualTo(CorsOrigin.ANY);
        assertThat(server("cors_origin: '*'").corsOrigin()).isEqualTo(CorsOrigin.ANY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "off", "no", "False"})
    void falseTurnsCorsOff(String value) throws ConfigException {
        CorsOrigin cors = server("cors_origin: " + value).corsOrigin();
        assertThat(cors).isEqualTo(CorsOrigin.NONE);
        assertThat(cors.header()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://reader.example", "http://127.0.0.1:8081", "http://[::1]:3000",
        "https://reader.example:8443"})
    void oneOriginAsBrowsersSendItIsTheAllowedOne(String origin) throws ConfigException {
        assertThat(server("cors_origin: \"" + origin + "\"").corsOrigin().header()).contains(origin);
    }

    @ParameterizedTest
    @CsvSource({
        "https://Reader.Example, https://reader.example",
        "https://reader.example/, https://reader.example",
        "HTTPS://reader.example, https://reader.example",
        "https://reader.example:443, https://reader.example",
        "http://reader.example:80/, http://reader.example"})
    void anOriginWrittenOtherwiseIsRefusedWithTheFormToWrite(String written, String serialised) {
        assertThat(problems("cors_origin: " + written)).containsExactly("feeds-config/site.yml:4:16: error: "
                + "server.cors_origin: '" + written + "' is not written as browsers send an origin: write '"
                + serialised + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://reader.example/feeds/", "reader.example", "ftp://reader.example",
        "https://user@reader.example", "https://reader.example?x=1", "https://reader.example#top", "true", "yes"})
    void whatNamesNoOneOriginIsRefused(String written) {
        assertThat(problems("cors_origin: " + written)).containsExactly("feeds-config/site.yml:4:16: error: "
                + "server.cors_origin: expected \"*\" (any origin), one origin such as https://reader.example, or "
                + "false, found '" + written + "'");
    }

    @Test
    void theOriginOfASandboxedPageIsRefused() {
        // A quoted "null": what a sandboxed iframe or a file: page sends, which any page can make itself.
        assertThat(problems("cors_origin: \"null\"")).containsExactly("feeds-config/site.yml:4:16: error: "
                + "server.cors_origin: expected \"*\" (any origin), one origin such as https://reader.example, or "
                + "false, found 'null'");
    }

    @Test
    void anUnquotedStarIsAYamlAliasAndRefused() {
        assertThat(problems("cors_origin: *")).hasSize(1).first().asString().startsWith("feeds-config/site.yml:4:");
    }

    @Test
    void aListOfOriginsIsRefused() {
        assertThat(problems("cors_origin: [\"https://a.example\", \"https://b.example\"]")).containsExactly(
                "feeds-config/site.yml:4:16: error: server.cors_origin: expected text, found a list");
    }

    @Test
    void noindexIsASwitch() throws ConfigException {
        assertThat(server("noindex: true").noindex()).isTrue();
        assertThat(server("noindex: false").noindex()).isFalse();
        assertThat(problems("noindex: sometimes")).containsExactly(
                "feeds-config/site.yml:4:12: error: server.noindex: expected true or false, found 'sometimes'");
    }

    private static ServerSettings server(String line) throws ConfigException {
        return ConfigLoader.parse(SITE + "server:\n  " + line + "\n").server();
    }

    private static List<String> problems(String line) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse(SITE + "server:\n  " + line + "\n"));
        assertThat(e).as("config should be refused: " + line).isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }
}
