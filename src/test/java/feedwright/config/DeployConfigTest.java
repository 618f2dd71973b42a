package feedwright.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import feedwright.problem.Problem;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code deploy:} section of site.yml: its defaults, the values it takes, and the refusals. */
class DeployConfigTest {

    private static final String SITE = "title: T\nbase_url: https://example.org/\n";

    @Test
    void withoutTheSectionNoBucketIsNamedAndAHundredDeletionsAreAllowed() throws ConfigException {
        assertThat(ConfigLoader.parse(SITE).deploy()).isEqualTo(new DeploySettings("", "", Optional.empty(),
                Optional.empty(), false, 100));
    }

    @Test
    void readsEveryKey() throws ConfigException {
        DeploySettings deploy = ConfigLoader.parse(SITE + """
                deploy:
                  bucket: my-feeds.example
                  prefix: sites/blog
                  endpoint: http://127.0.0.1:9000
                  region: eu-central-1
                  path_style: true
                  max_deletions: 0
                """).deploy();

        assertThat(deploy).isEqualTo(new DeploySettings("my-feeds.example", "sites/blog/",
                Optional.of(URI.create("http://127.0.0.1:9000/")), Optional.of("eu-central-1"), true, 0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "blog|blog/", "/blog/|blog/", "sites/blog|sites/blog/", "/|''", "''|''", "日記|日記/"})
    void aPrefixIsWrittenWithATrailingSlashOnly(String given, String kept) {
        assertThat(DeploySettings.normalPrefix(given)).contains(kept);
    }

    @Test
    void refusesAPrefixThatCouldLeaveItsPlaceAndABucketThatCannotBeOne() {
        assertThat(problems(SITE + "deploy:\n  bucket: my bucket\n  prefix: a/../b\n")).containsExactly(
                "feeds-config/site.yml:4:11: error: deploy.bucket: " + DeploySettings.BUCKET_RULE
                        + ", found 'my bucket'",
                "feeds-config/site.yml:5:11: error: deploy.prefix: " + DeploySettings.PREFIX_RULE + ", found 'a/../b'");
        assertThat(DeploySettings.normalPrefix("a//b")).isEmpty();
        assertThat(DeploySettings.normalPrefix("a\\b")).isEmpty();
    }

    @Test
    void refusesAnEndpointThatIsNotAnHttpUrlAndAnUnknownKey() {
        assertThat(problems(SITE + "deploy:\n  endpoint: s3.example\n  acl: public-read\n")).containsExactly(
                "feeds-config/site.yml:4:13: error: deploy.endpoint: expected an absolute http(s) URL without query or"
                        + " fragment, found 's3.example'",
                "feeds-config/site.yml:5:3: error: deploy.acl: unknown key (known keys: bucket, endpoint,"
                        + " max_deletions, path_style, prefix, region)");
    }

    private static List<String> problems(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml));
        assertThat(e).as("config should be refused:\n" + yaml).isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }
}
