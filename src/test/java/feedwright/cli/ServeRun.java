package feedwright.cli;

import feedwright.testing.LiveSite;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * One {@code feedwright serve} run as the CLI runs it, on a thread of its own, with its output captured;
 * {@link #close()} stops it the way a signal does and waits for it to return.
 */
final class ServeRun implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("at http://127\\.0\\.0\\.1:(\\d+)/");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CommandLine commandLine;
    private final ExecutorService runner = Executors.newSingleThreadExecutor();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Future<Integer> status;

    private ServeRun(Clock clock, String... args) {
        commandLine = RootCommand.commandLine(clock).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        status = runner.submit(() -> commandLine.execute(args));
    }

    /** Starts {@code feedwright ARGS} ({@code serve …}). */
    static ServeRun start(String... args) {
        return new ServeRun(Clock.systemUTC(), args);
    }

    /** The port of the startup line, once it is printed. */
    int port() throws InterruptedException {
        long deadline = System.nanoTime() + LiveSite.DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = PORT.matcher(out.toString());
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
            if (status.isDone()) {
                throw new AssertionError("serve returned before listening; out: " + out + "; err: " + err);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no startup line within " + LiveSite.DEADLINE + "; out: " + out + "; err: " + err);
    }

    /** The exit status, once the command returned by itself. */
    int exitCode() throws Exception {
        return status.get(LiveSite.DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    String out() {
        return out.toString();
    }

    /**
     * The output once it holds {@code text}, or once serve returned: the lines after the startup line (the hub's,
     * polite polling's) are printed just after it, which {@link #port} does not wait for.
     */
    String outOnceItHas(String text) throws InterruptedException {
        LiveSite.await(() -> out.toString().contains(text) || status.isDone(), "serve's output to hold " + text);
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() throws InterruptedException {
        ((ServeCommand) commandLine.getSubcommands().get("serve").getCommand()).stop();
        runner.shutdown();
        if (!runner.awaitTermination(20, TimeUnit.SECONDS)) {
            throw new AssertionError("serve did not return within 20 s of being stopped");
        }
    }
}
