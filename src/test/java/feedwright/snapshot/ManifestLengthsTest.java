package feedwright.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The lengths a manifest records of each file and its {@code .gz} twin, and manifests written before it did. */
class ManifestLengthsTest {

    private static final String TYPE = "application/atom+xml; charset=utf-8";
    private static final Optional<String> DATE = Optional.of("Sat, 01 Mar 2025 10:00:00 GMT");

    @Test
    void aManifestRecordsTheLengthsOfEachFileAndItsTwinAsItsRepresentationHasThem() throws BuildManifest.Invalid {
        byte[] bytes = "<feed><title>投資</title></feed>".getBytes(StandardCharsets.UTF_8);
        Representation feed = Representation.of(TYPE, bytes, Optional.of(Instant.parse("2025-03-01T10:00:00Z")));
        Snapshot snapshot = new Snapshot(Map.of("/atom.xml", feed), 1, 1, List.of(), List.of(), Instant.EPOCH,
                Duration.ZERO);

        BuildManifest.Written plain = BuildManifest.of(snapshot, false).files().get("/atom.xml");
        BuildManifest gzipped = BuildManifest.of(snapshot, true);
        BuildManifest.Written withTwin = gzipped.files().get("/atom.xml");

        assertThat(plain.length()).hasValue(bytes.length);
        assertThat(plain.gzipLength()).isEmpty();
        assertThat(withTwin.length()).hasValue(bytes.length);
        assertThat(withTwin.gzipLength()).hasValue(feed.gzipBytes().length);
        assertThat(new String(gzipped.toJson(), StandardCharsets.UTF_8)).contains("\"lastModified\" : \"" + DATE.get()
                + "\",\n      \"length\" : " + bytes.length + ",\n      \"gzip\" : true,\n      \"gzipLength\" : "
                + feed.gzipBytes().length + "\n    }");
        assertThat(BuildManifest.parse(gzipped.toJson())).isEqualTo(gzipped);
    }

    @Test
    void aManifestWithoutLengthsReadsAsItDidAndNeverSaysAFileIsTheSame() throws BuildManifest.Invalid {
        BuildManifest old = BuildManifest.parse("""
                {"feedwrightManifest": 1, "posts": 1, "feeds": 1, "files": {"/atom.xml": {"contentType":
                "application/atom+xml; charset=utf-8", "etag": "\\"abc\\"", "lastModified":
                "Sat, 01 Mar 2025 10:00:00 GMT", "gzip": true}}}
                """.getBytes(StandardCharsets.UTF_8));

        BuildManifest.Written written = old.files().get("/atom.xml");
        assertThat(written).isEqualTo(new BuildManifest.Written(TYPE, "\"abc\"", DATE, true));
        assertThat(written.length()).isEmpty();
        assertThat(written.sameFileAs(written(5, OptionalLong.of(3)))).isFalse();
        assertThat(written.sameGzipTwinAs(written(5, OptionalLong.of(3)))).isFalse();
        assertThat(old.fileNames()).containsExactly("atom.xml", "atom.xml.gz");
    }

    @Test
    void aFileIsTheSameOnlyWithTheSameBytesTypeDateAndRecordedLength() {
        BuildManifest.Written recorded = written(5, OptionalLong.of(3));

        assertThat(recorded.sameFileAs(written(5, OptionalLong.of(3)))).isTrue();
        assertThat(recorded.sameGzipTwinAs(written(5, OptionalLong.of(3)))).isTrue();
        assertThat(recorded.sameFileAs(written(5, OptionalLong.empty()))).as("no twin now: the file itself is the same")
                .isTrue();
        assertThat(recorded.sameGzipTwinAs(written(5, OptionalLong.empty()))).isFalse();
        assertThat(recorded.sameGzipTwinAs(written(5, OptionalLong.of(4)))).as("another zlib's twin").isFalse();
        assertThat(recorded.sameFileAs(written(6, OptionalLong.of(3)))).isFalse();
        assertThat(recorded.sameFileAs(new BuildManifest.Written(TYPE, "\"other\"", DATE, true, false,
                OptionalLong.of(5), OptionalLong.of(3)))).isFalse();
        assertThat(recorded.sameFileAs(new BuildManifest.Written("application/xml", "\"abc\"", DATE, true, false,
                OptionalLong.of(5), OptionalLong.of(3)))).isFalse();
        assertThat(recorded.sameFileAs(new BuildManifest.Written(TYPE, "\"abc\"",
                Optional.of("Sat, 01 Mar 2025 10:00:01 GMT"), true, false, OptionalLong.of(5), OptionalLong.of(3))))
                .as("another Last-Modified: another modification time").isFalse();
        BuildManifest.Written undated = new BuildManifest.Written(TYPE, "\"abc\"", Optional.empty(), false, false,
                OptionalLong.of(5), OptionalLong.empty());
        assertThat(undated.sameFileAs(undated)).as("no date to find on the file").isFalse();
    }

    @Test
    void aLengthThatIsNotACountOrATwinsLengthWithoutATwinIsRefused() {
        assertThatThrownBy(() -> parse("\"length\": -1, \"gzip\": false"))
                .isInstanceOf(BuildManifest.Invalid.class).hasMessage("/atom.xml: length is not a length");
        assertThatThrownBy(() -> parse("\"length\": 1.5, \"gzip\": false"))
                .isInstanceOf(BuildManifest.Invalid.class).hasMessage("/atom.xml: length is not a length");
        assertThatThrownBy(() -> parse("\"length\": 99999999999999999999, \"gzip\": false"))
                .isInstanceOf(BuildManifest.Invalid.class).hasMessage("/atom.xml: length is not a length");
        assertThatThrownBy(() -> parse("\"length\": \"5\", \"gzip\": true, \"gzipLength\": 3"))
                .isInstanceOf(BuildManifest.Invalid.class).hasMessage("/atom.xml: length is not a length");
        assertThatThrownBy(() -> parse("\"gzipLength\": 3, \"length\": 5, \"gzip\": false"))
                .isInstanceOf(BuildManifest.Invalid.class).hasMessage("/atom.xml: gzipLength without gzip");
    }

    private static BuildManifest parse(String fields) throws BuildManifest.Invalid {
        return BuildManifest.parse(("{\"feedwrightManifest\": 1, \"files\": {\"/atom.xml\": {\"contentType\": \"" + TYPE
                + "\", \"etag\": \"\\\"abc\\\"\", " + fields + "}}}").getBytes(StandardCharsets.UTF_8));
    }

    private static BuildManifest.Written written(long length, OptionalLong gzipLength) {
        return new BuildManifest.Written(TYPE, "\"abc\"", DATE, gzipLength.isPresent(), false, OptionalLong.of(length),
                gzipLength);
    }
}
