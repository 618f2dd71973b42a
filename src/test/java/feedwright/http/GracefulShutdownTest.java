package feedwright.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feedwright.config.CorsOrigin;
import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.Representation;
import feedwright.snapshot.Snapshot;
import feedwright.testing.RawHttp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Closing the server lets a response that is being sent finish. The response is kept in flight without
 * sleeping: it is far larger than the socket buffers and the client stops reading until the server has
 * started shutting down (seen as new requests getting 503).
 */
@Timeout(60)
class GracefulShutdownTest {

    private static final int SIZE = 32 * 1024 * 1024;

    @Test
    void anInFlightResponseCompletesWhenTheServerIsClosed() throws Exception {
        byte[] big = new byte[SIZE];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        Snapshot snapshot = new Snapshot(Map.of("/big.xml", Representation.of("application/rss+xml; charset=utf-8",
                big, Optional.of(Instant.parse("2025-11-10T00:00:00Z")), false)), 1, 1, List.of(), List.of(),
                Instant.now(), Duration.ZERO);
        FeedServer server = FeedServer.start("127.0.0.1", 0, new CurrentSnapshot(snapshot),
                new ResponsePolicy("public, max-age=300", CorsOrigin.ANY, false),
                FeedServer.Limits.DEFAULTS, FeedServer.HealthDetails.HIDDEN);
        int port = server.port();
        CompletableFuture<Void> closing;
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096); // set before connecting, so the window stays small
            socket.setSoTimeout(RawHttp.READ_TIMEOUT_MILLIS);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            RawHttp.send(socket, "GET /big.xml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] start = in.readNBytes(12);
            assertThat(new String(start, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");

            closing = CompletableFuture.runAsync(server::close);
            awaitShuttingDown(port);
            assertThat(closing).isNotDone();

            RawHttp.Response rest = RawHttp.read(new SequenceInputStream(
                    new ByteArrayInputStream("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII)),
                    skipLine(in)), false);
            assertThat(rest.header("Content-Length")).contains(String.valueOf(SIZE));
            assertThat(rest.body()).isEqualTo(big);
        }
        closing.get(20, TimeUnit.SECONDS);
        try (Socket refused = new Socket()) {
            assertThatThrownBy(() -> refused.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000))
                    .isInstanceOf(ConnectException.class);
        }
        server.close(); // a second close does nothing
    }

    /** Polls with new requests until the server answers 503 (shutting down); fails after a deadline. */
    private static void awaitShuttingDown(int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 503) {
                return;
            }
            assertThat(response.statusCode()).isEqualTo(200);
            Thread.sleep(10);
        }
        throw new AssertionError("the server did not start shutting down");
    }

    /** The stream after the rest of the status line already partly read. */
    private static InputStream skipLine(InputStream in) throws IOException {
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            // skip " OK\r"
        }
        return in;
    }
}
