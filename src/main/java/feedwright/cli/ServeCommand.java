package feedwright.cli;

import feedwright.config.ConfigException;
import feedwright.config.SiteConfig;
import feedwright.http.FeedServer;
import feedwright.snapshot.CurrentSnapshot;
import feedwright.snapshot.SitePipeline;
import feedwright.snapshot.Snapshot;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code feedwright serve}: answers every feed from memory over HTTP until stopped (SIGTERM, Ctrl-C). */
@Command(name = "serve", description = "Serve every feed from memory over HTTP, with caching headers.")
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SiteOption site;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (default: server.host, else 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port (default: server.port, else 8080; 0 picks a free one).")
    Integer port;

    private final Clock clock;

    ServeCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws ConfigException, InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        SitePipeline pipeline = SitePipeline.open(site.site);
        SiteConfig config = pipeline.config();
        Snapshot first = pipeline.run(clock.instant()).snapshot();
        CurrentSnapshot current = new CurrentSnapshot(first);
        String bindHost = host != null ? host : config.server().host();
        int bindPort = port != null ? port : config.server().port();
        if (bindPort < 0 || bindPort > 65_535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "invalid value for --port: " + bindPort + " (expected 0 to 65535)");
        }
        FeedServer server;
        try {
            server = FeedServer.start(bindHost, bindPort, current, config.server().maxAge(), FeedServer.Limits.DEFAULTS);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().printf("error: cannot listen on %s:%d: %s%n", bindHost, bindPort,
                    e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            return ExitCode.IO_ERROR.code();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "feedwright-shutdown"));

        ProblemReport.print(spec.commandLine().getErr(), first.problems(), BuildCommand.MAX_PROBLEMS_SHOWN);
        stdout.printf("Serving %d posts in %d feeds at http://%s:%d/ (%s)%n", first.posts(), first.feeds(),
                displayHost(bindHost), server.port(), ProblemReport.counts(first.problems()));
        stdout.flush();
        stopped.await();
        return ExitCode.OK.code();
    }

    private static String displayHost(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
