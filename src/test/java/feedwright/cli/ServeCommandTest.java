package feedwright.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feedwright.testing.Json;
import feedwright.testing.LiveSite;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code feedwright serve} run as the CLI runs it, on a thread, and stopped the way a signal stops it. */
@Timeout(60)
class ServeCommandTest {

    private static final Pattern STARTUP = Pattern.compile(
            "Serving 14 posts in 34 feeds at http://127\\.0\\.0\\.1:(\\d+)/ \\(0 errors, 4 warnings, 7 info\\)(.*)\\R");
    /** The sample and one post not out yet: the same posts and feeds, one warning more. */
    private static final Pattern STARTUP_WITH_SCHEDULED = Pattern.compile(
            "Serving 14 posts in 34 feeds at http://127\\.0\\.0\\.1:(\\d+)/ \\(0 errors, 5 warnings, 7 info\\)(.*)\\R");
    private static final DateTimeFormatter FRONT_MATTER_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CommandLine commandLine = RootCommand.commandLine(Clock.systemUTC())
            .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    private final ExecutorService runner = Executors.newSingleThreadExecutor();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stopEverything() throws InterruptedException {
        serve().stop();
        runner.shutdown();
        assertThat(runner.awaitTermination(20, TimeUnit.SECONDS)).as("serve returned").isTrue();
    }

    @Test
    void printsOneStartupLineWithTheChosenPortAndServesUntilStopped() throws Exception {
        LiveSite.copySample(dir);
        Future<Integer> status = start("serve", "--site", dir.toString(), "--port", "0", "--no-watch");
        Matcher startup = awaitStartupLine();
        assertThat(startup.group(2)).isEmpty();
        assertThat(out.toString().lines()).hasSize(1);
        int port = Integer.parseInt(startup.group(1));
        assertThat(port).isPositive();
        assertThat(get(port, "/rss.xml").statusCode()).isEqualTo(200);
        assertThat(get(port, "/tags/%E6%8A%95%E8%B3%87/atom.xml").statusCode()).isEqualTo(200);

        serve().stop();
        assertThat(status.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK.code());
        assertThatThrownBy(() -> get(port, "/rss.xml")).isInstanceOf(ConnectException.class);
    }

    @Test
    void printsThePostProblemsAsCheckDoesBeforeServing() throws Exception {
        LiveSite.copySample(dir);
        start("serve", "--site", dir.toString(), "--port", "0", "--no-watch");
        awaitStartupLine();
        assertThat(err.toString().lines()).hasSize(11).contains(
                "posts/2025-07-09-semiconductor-supply.md:3:8: info: title: cut off (it ended in U+FFFD); '…' marks"
                        + " the cut",
                "posts/2025-11-10-ai-chip-earnings.md:34:1: warning: body ends mid-sentence before the end marker:"
                        + " '…d the reason is that'");
    }

    @Test
    void saysWhenItIsWatchingForChanges() throws Exception {
        LiveSite.copySample(dir);
        start("serve", "--site", dir.toString(), "--port", "0");
        assertThat(awaitStartupLine().group(2)).isEqualTo("; watching posts/ and feeds-config/ for changes");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--poll-interval=2|; watching posts/ and feeds-config/ for changes, and polling every 2 s",
        "--no-watch --poll-interval=2|; watching posts/ and feeds-config/ by polling every 2 s"})
    void saysHowItWatchesWhenItPolls(String options, String watching) throws Exception {
        LiveSite.copySample(dir);
        List<String> args = new ArrayList<>(List.of("serve", "--site", dir.toString(), "--port", "0"));
        args.addAll(List.of(options.split(" ")));
        start(args.toArray(String[]::new));
        assertThat(awaitStartupLine().group(2)).isEqualTo(watching);
    }

    /** /healthz tells anyone status and counts; problems and build times only with the operator's switch. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void healthShowsItsDetailsOnlyWithTheSwitch(boolean details) throws Exception {
        LiveSite.copySample(dir);
        String site = dir.toString();
        start(details ? new String[] {"serve", "--site", site, "--port", "0", "--no-watch", "--health-details"}
                : new String[] {"serve", "--site", site, "--port", "0", "--no-watch"});
        int port = Integer.parseInt(awaitStartupLine().group(1));
        Map<String, Object> health = Json.object(get(port, "/healthz").body());
        assertThat(health).containsEntry("status", "ok").containsEntry("posts", 14L).containsEntry("problems", 11L);
        if (details) {
            assertThat(health).containsKeys("builtAt", "buildMillis");
            assertThat(Json.objects(health, "problemList")).hasSize(11);
        } else {
            assertThat(health).containsOnlyKeys("status", "posts", "feeds", "problems", "errors");
        }
    }

    /**
     * The issue's proof: a post dated a few seconds ahead, written before serve starts and no file
     * touched afterwards, is served from its date (within a second) with its date as Last-Modified, and
     * /healthz says ok while it waits; with the watcher (the default) and without it, since the clock
     * alone publishes it. This one waits on the wall clock: the real server's alarm is what is tested.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void publishesAPostDatedAFewSecondsAheadAtItsDateWithoutAnyFileTouched(boolean watching) throws Exception {
        LiveSite.copySample(dir);
        Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(4);
        Files.writeString(dir.resolve("posts/2030-01-01-on-time.md"), "---\ntitle: Out on time\ndate: "
                + FRONT_MATTER_DATE.format(due) + " +0000\ncategories: [Markets]\ntags: [on-time]\nexcerpt: e\n---\n"
                + "Written ahead.\n", StandardCharsets.UTF_8);
        start(watching ? new String[] {"serve", "--site", dir.toString(), "--port", "0"}
                : new String[] {"serve", "--site", dir.toString(), "--port", "0", "--no-watch"});
        int port = Integer.parseInt(awaitStartupLine(STARTUP_WITH_SCHEDULED).group(1));
        assertThat(Instant.now()).as("started before the post's date").isBefore(due);
        assertThat(Json.object(get(port, "/healthz").body())).containsEntry("status", "ok").containsEntry("posts", 14L);
        assertThat(get(port, "/tags/on-time/rss.xml").statusCode()).isEqualTo(404);

        HttpResponse<String> published;
        Instant seen;
        do {
            published = get(port, "/rss.xml");
            seen = Instant.now();
            assertThat(published.body().contains("Out on time") && seen.isBefore(due)).as("served before its date")
                    .isFalse();
            Thread.sleep(20);
        } while (!published.body().contains("Out on time") && seen.isBefore(due.plusSeconds(5)));

        assertThat(published.body().contains("Out on time")).as("served at all, 5 s after its date").isTrue();
        assertThat(seen).as("served within a second of its date").isBefore(due.plusSeconds(1));
        assertThat(lastModified(published)).isEqualTo(due);
        HttpResponse<String> tagFeed = get(port, "/tags/on-time/atom.xml");
        assertThat(tagFeed.statusCode()).isEqualTo(200);
        assertThat(lastModified(tagFeed)).isEqualTo(due);
        assertThat(lastModified(get(port, "/categories/markets/feed.json"))).isEqualTo(due);
        assertThat(Json.object(get(port, "/healthz").body())).containsEntry("status", "ok").containsEntry("posts", 15L);
    }

    @Test
    void aPortOutOfRangeIsACommandLineError() throws Exception {
        LiveSite.copySample(dir);
        Future<Integer> status = start("serve", "--site", dir.toString(), "--port", "70000");
        assertThat(status.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).contains("invalid value for --port: 70000 (expected 0 to 65535)");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aPortInUseIsReportedWithTheAddress() throws Exception {
        LiveSite.copySample(dir);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Future<Integer> status = start("serve", "--site", dir.toString(), "--port",
                    String.valueOf(taken.getLocalPort()), "--no-watch");
            assertThat(status.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCode.IO_ERROR.code());
            assertThat(err.toString()).contains("error: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ");
            assertThat(out.toString()).isEmpty();
        }
    }

    private Future<Integer> start(String... args) {
        return runner.submit(() -> commandLine.execute(args));
    }

    private ServeCommand serve() {
        return (ServeCommand) commandLine.getSubcommands().get("serve").getCommand();
    }

    private Matcher awaitStartupLine() throws InterruptedException {
        return awaitStartupLine(STARTUP);
    }

    /** Polls the captured output until the startup line is there; fails after the deadline. */
    private Matcher awaitStartupLine(Pattern startup) throws InterruptedException {
        long deadline = System.nanoTime() + LiveSite.DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = startup.matcher(out.toString());
            if (matcher.find()) {
                return matcher;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no startup line within " + LiveSite.DEADLINE + "; out: " + out + "; err: " + err);
    }

    private static Instant lastModified(HttpResponse<?> response) {
        return ZonedDateTime.parse(response.headers().firstValue("Last-Modified").orElseThrow(),
                DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
