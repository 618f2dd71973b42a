package feedwright.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feedwright.feed.Redirect;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The old feed addresses a manifest records, and manifests written before it recorded any. */
class ManifestRedirectsTest {

    private static final BuildManifest.Written ATOM = new BuildManifest.Written("application/atom+xml; charset=utf-8",
            "\"abc\"", Optional.of("Thu, 01 Jan 2026 00:00:00 GMT"), false);

    @Test
    void redirectsAreWrittenAfterTheFilesAndReadBackAsWritten() throws BuildManifest.Invalid {
        SortedMap<String, Redirect> redirects = new TreeMap<>(Map.of(
                "/feed/投資.xml", new Redirect("/atom.xml", "https://example.org/atom.xml"),
                "/feed.xml", new Redirect("/atom.xml", "https://example.org/atom.xml")));
        BuildManifest manifest = new BuildManifest(1, 1, new TreeMap<>(Map.of("/atom.xml", ATOM,
                "/feed.xml", ATOM)), redirects);

        String json = new String(manifest.toJson(), StandardCharsets.UTF_8);

        assertThat(json).endsWith("""
                  "redirects" : {
                    "/feed.xml" : {
                      "target" : "/atom.xml",
                      "location" : "https://example.org/atom.xml"
                    },
                    "/feed/投資.xml" : {
                      "target" : "/atom.xml",
                      "location" : "https://example.org/atom.xml"
                    }
                  }
                }
                """);
        BuildManifest read = BuildManifest.parse(manifest.toJson());
        assertThat(read).isEqualTo(manifest);
        assertThat(read.redirectsServed().copies()).as("/feed.xml is listed as a file: a copy").isTrue();
        assertThat(read.objectPaths()).containsExactly("/atom.xml", "/feed.xml", "/feed/投資.xml");
    }

    @Test
    void aManifestWithoutRedirectsHasNoSuchKeyAndOneFromBeforeReadsAsNone() throws BuildManifest.Invalid {
        BuildManifest plain = new BuildManifest(1, 1, new TreeMap<>(Map.of("/atom.xml", ATOM)));
        assertThat(new String(plain.toJson(), StandardCharsets.UTF_8)).doesNotContain("redirects");

        BuildManifest old = BuildManifest.parse("""
                {"feedwrightManifest": 1, "posts": 1, "feeds": 1, "files": {"/atom.xml": {"contentType":
                "application/atom+xml; charset=utf-8", "etag": "\\"abc\\"", "gzip": false}}}
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(old.redirects()).isEmpty();
        assertThat(old.redirectsServed().isEmpty()).isTrue();
    }

    @Test
    void aRedirectWithoutTargetOrWithAHeaderBreakIsNotTrusted() {
        assertThatThrownBy(() -> BuildManifest.parse("""
                {"feedwrightManifest": 1, "files": {}, "redirects": {"/feed.xml": {"location": "https://x/"}}}
                """.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BuildManifest.Invalid.class).hasMessage("/feed.xml: no target or location");
        assertThatThrownBy(() -> BuildManifest.parse("""
                {"feedwrightManifest": 1, "files": {}, "redirects": {"/feed.xml": {"target": "/atom.xml",
                "location": "https://x/\\r\\nSet-Cookie: a=b"}}}
                """.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BuildManifest.Invalid.class).hasMessage("/feed.xml: the location is not a URL as sent");
    }
}
