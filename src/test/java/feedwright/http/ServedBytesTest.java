package feedwright.http;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.cli.RootCommand;
import feedwright.testing.Formats;
import feedwright.testing.LiveSite;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The server sends exactly what {@code build} writes, and two servers that built the same site
 * independently, at different moments, agree on every byte and validator (replicas behind one load
 * balancer must, or readers would download every feed again whenever they hit another replica).
 */
@Timeout(60)
class ServedBytesTest {

    private static final Clock JANUARY = Clock.fixed(Instant.parse("2026-01-05T03:00:00Z"), ZoneOffset.UTC);
    private static final Clock MARCH = Clock.fixed(Instant.parse("2026-03-17T21:45:13.5Z"), ZoneOffset.UTC);

    @Test
    void everyServedResourceIsByteForByteWhatBuildWrites(@TempDir Path siteDir, @TempDir Path out) throws Exception {
        LiveSite.copySample(siteDir);
        build(siteDir, out, "--gzip");
        try (LiveSite site = LiveSite.serve(siteDir, MARCH, FeedServer.Limits.DEFAULTS)) {
            List<Path> files = files(out);
            Set<String> written = new TreeSet<>();
            for (Path file : files) {
                String relative = out.relativize(file).toString().replace('\\', '/');
                if (relative.equals("feedwright-manifest.json")) {
                    continue; // the build's record of what it wrote, not a resource of the site
                }
                if (relative.endsWith(".gz")) {
                    String path = "/" + relative.substring(0, relative.length() - 3);
                    HttpResponse<byte[]> gzip = site.bytes(FeedHeadersTest.encode(path), "Accept-Encoding", "gzip");
                    assertThat(gzip.headers().firstValue("Content-Encoding")).as(path).contains("gzip");
                    assertThat(gzip.body()).as(path + " (gzip)").isEqualTo(Files.readAllBytes(file));
                } else {
                    String path = "/" + relative;
                    written.add(path);
                    HttpResponse<byte[]> plain = site.bytes(FeedHeadersTest.encode(path));
                    assertThat(plain.statusCode()).as(path).isEqualTo(200);
                    assertThat(plain.body()).as(path).isEqualTo(Files.readAllBytes(file));
                }
            }
            Set<String> served = new TreeSet<>(site.current().get().resources().keySet());
            served.remove("/");
            assertThat(written).isEqualTo(served).hasSize(Formats.siteFiles(34));
        }
    }

    @Test
    void twoIndependentlyBuiltServersAgreeOnEveryValidator(@TempDir Path first, @TempDir Path second) throws Exception {
        LiveSite.copySample(first);
        LiveSite.copySample(second);
        try (LiveSite january = LiveSite.serve(first, JANUARY, FeedServer.Limits.DEFAULTS);
             LiveSite march = LiveSite.serve(second, MARCH, FeedServer.Limits.DEFAULTS)) {
            assertThat(january.current().get().builtAt()).isNotEqualTo(march.current().get().builtAt());
            assertThat(january.port()).isNotEqualTo(march.port());
            for (String path : january.current().get().resources().keySet()) {
                String encoded = FeedHeadersTest.encode(path);
                for (String encoding : new String[] {"identity", "gzip"}) {
                    HttpResponse<byte[]> a = january.bytes(encoded, "Accept-Encoding", encoding);
                    HttpResponse<byte[]> b = march.bytes(encoded, "Accept-Encoding", encoding);
                    assertThat(a.statusCode()).as(path).isEqualTo(200);
                    assertThat(b.headers().allValues("ETag")).as(path + " " + encoding)
                            .isEqualTo(a.headers().allValues("ETag")).hasSize(1);
                    assertThat(b.headers().allValues("Last-Modified")).as(path + " " + encoding)
                            .isEqualTo(a.headers().allValues("Last-Modified")).hasSize(1);
                    assertThat(b.body()).as(path + " " + encoding).isEqualTo(a.body());
                }
                // A validator from one replica revalidates at the other.
                String etag = january.etag(encoded);
                assertThat(march.bytes(encoded, "If-None-Match", etag).statusCode()).as(path).isEqualTo(304);
            }
        }
    }

    private static void build(Path siteDir, Path out, String... extra) {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CommandLine commandLine = RootCommand.commandLine(MARCH)
                .setOut(new PrintWriter(stdout, true)).setErr(new PrintWriter(stderr, true));
        String[] args = Stream.concat(Stream.of("build", "--site", siteDir.toString(), "--out", out.toString()),
                Stream.of(extra)).toArray(String[]::new);
        int status = commandLine.execute(args);
        assertThat(status).as("build\n%s\n%s", stdout, stderr).isZero();
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }
}
