package feedwright.websub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The hub's requests to other servers (subscribers' callbacks, and the external hubs that publish notices go
 * to), each bounded: a connection within {@link HubLimits#connectTimeout},
 * the whole answer within {@link HubLimits#requestTimeout} after that (the request is abandoned then, its
 * connection closed), and no more of an answer's body read than the hub needs (a challenge's length, or
 * nothing), so a huge or endless body costs neither memory nor time. Redirects are not followed: a
 * callback is the address the subscriber verified, a hub the one site.yml names. Thread-safe.
 */
final class HubHttp {

    /** A callback's answer: its status and the first bytes of its body (as many as were asked for). */
    record Answer(int status, byte[] body) {
        boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient client;
    private final HubLimits limits;

    HubHttp(HubLimits limits) {
        this.limits = limits;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(limits.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** GET {@code uri}, reading at most {@code bodyLimit} bytes of the body. */
    Answer get(URI uri, int bodyLimit) throws IOException, InterruptedException {
        return send(request(uri).GET().build(), bodyLimit);
    }

    /** POST {@code body} to {@code uri} with {@code headers} (name, value, name, value…); the answer's body is not read. */
    Answer post(URI uri, byte[] body, List<String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        return send(request.build(), 0);
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(limits.requestTimeout()).header("User-Agent", "Feedwright-WebSub");
    }

    private Answer send(HttpRequest request, int bodyLimit) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> sent = client.sendAsync(request, info -> new Bounded(bodyLimit));
        // The request's own timeout ends at the answer's first line; this one bounds the body too.
        long waitMillis = limits.connectTimeout().plus(limits.requestTimeout()).toMillis();
        try {
            HttpResponse<byte[]> response = sent.get(waitMillis, TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw new HttpTimeoutException("no whole answer within " + waitMillis + " ms");
        } catch (InterruptedException e) {
            sent.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    /** Keeps the first {@code limit} bytes of a body and then stops reading it (the connection is closed). */
    private static final class Bounded implements HttpResponse.BodySubscriber<byte[]> {

        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Bounded(int limit) {
            this.limit = limit;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (limit == 0) {
                subscription.cancel();
                body.complete(new byte[0]);
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), limit - kept.size());
                byte[] bytes = new byte[take];
                buffer.get(bytes);
                kept.write(bytes, 0, take);
            }
            if (kept.size() >= limit) {
                subscription.cancel();
                body.complete(kept.toByteArray());
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            body.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            body.complete(kept.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }
    }
}
