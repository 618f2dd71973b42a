package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.testing.CliRun;
import feedwright.testing.TestBucket;
import feedwright.testing.TestSite;
import java.nio.file.Path;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** {@code deploy} of a site with old feed addresses, against a real S3-compatible server (S3Proxy). */
class OldFeedAddressesDeployTest {

    @RegisterExtension
    final S3ProxyExtension server = TestBucket.server();

    @TempDir
    Path siteDir;

    private TestBucket bucket;

    @BeforeEach
    void createBucket() {
        bucket = TestBucket.create(server);
    }

    @AfterEach
    void closeBucket() {
        bucket.close();
    }

    /**
     * S3Proxy implements no website hosting and refuses an upload that carries
     * {@code x-amz-website-redirect-location} (501 Not Implemented): what can be checked here is that the
     * deploy sends it (the refusal says so), says so, and keeps what the store does keep. The header's value
     * for each old address is {@link feedwright.sink.DeployPlan}'s, checked in its own test.
     */
    @Test
    void aStoreThatRefusesWebsiteRedirectsGetsEachCopyWithoutOneAndAWarning() {
        TestSite.create(siteDir, TestSite.CONFIG + "alias_copies: true\naliases:\n  /feed.xml: /atom.xml\n")
                .post("2025-03-01-first.md", TestSite.taggedPost("First", "2025-03-01", "[ai]", "Body."));

        CliRun deploy = CliRun.run(bucket.deployArgs(siteDir));

        assertThat(deploy.exitCode()).as(deploy.transcript()).isZero();
        assertThat(deploy.err()).contains("warning: s3://feeds/: uploading feed.xml with a website redirect was"
                + " refused: A header you provided implies functionality that is not implemented")
                .contains("the old feed addresses were stored without it (each copy of a feed as it is, each"
                        + " empty object not at all)");
        assertThat(bucket.read("feed.xml").asByteArray()).isEqualTo(bucket.read("atom.xml").asByteArray());
        HeadObjectResponse copy = bucket.client().headObject(request -> request.bucket(TestBucket.NAME).key("feed.xml"));
        assertThat(copy.contentType().replace(";charset", "; charset")).isEqualTo("application/atom+xml; charset=utf-8");
        assertThat(copy.websiteRedirectLocation()).isNull();

        CliRun again = CliRun.run(bucket.deployArgs(siteDir));
        assertThat(again.exitCode()).as(again.transcript()).isZero();
        assertThat(again.out()).contains("Uploaded 0 objects");
    }

    @Test
    void withoutCopiesAnOldAddressTheStoreCannotRedirectIsNotStoredAtAll() {
        TestSite.create(siteDir, TestSite.CONFIG + "aliases:\n  /feed.xml: /atom.xml\n")
                .post("2025-03-01-first.md", TestSite.taggedPost("First", "2025-03-01", "[ai]", "Body."));

        CliRun deploy = CliRun.run(bucket.deployArgs(siteDir));

        assertThat(deploy.exitCode()).as(deploy.transcript()).isZero();
        assertThat(deploy.err()).contains("uploading feed.xml with a website redirect was refused");
        assertThat(bucket.objects().keySet()).contains("atom.xml", "tags/ai/atom.xml").doesNotContain("feed.xml");
    }
}
