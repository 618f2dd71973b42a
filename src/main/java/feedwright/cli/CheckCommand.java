package feedwright.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import feedwright.config.ConfigException;
import feedwright.config.ConfigLoader;
import feedwright.post.LoadedPosts;
import feedwright.problem.Problem;
import feedwright.problem.ProblemJson;
import feedwright.snapshot.SitePipeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code feedwright check}: loads the site exactly as {@code build} and {@code serve} do, writes no feed (only the
 * caches), and lists every problem, the configuration's warnings among them. Exit status 1 when a post has an
 * error, 3 when {@code feeds-config/site.yml} is missing or broken (its problems are listed all the same, and no
 * post is read).
 */
@Command(name = CheckCommand.NAME,
        description = "Load the site as build and serve do, write no feed (only the caches), list every problem.")
final class CheckCommand implements Callable<Integer> {

    static final String NAME = "check";

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Mixin
    SiteOption site;

    @Mixin
    CacheOptions cache;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (one problem per line) or json (for CI). Default: ${DEFAULT-VALUE}.")
    Format format;

    private final Clock clock;

    CheckCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        List<Problem> problems;
        int files;
        int published;
        boolean configBroken = false;
        try {
            SitePipeline pipeline = site.openReportingWarnings(false, cache.folder(site.site, spec), true, stderr);
            SitePipeline.Run run = pipeline.runOnce(clock.instant());
            LoadedPosts loaded = run.loaded();
            // Only a warning, on stderr: the report on stdout (text or json) stays as it was.
            CacheOptions.warn(pipeline.saveCache(), stderr);
            // The configuration's warnings (a value taken otherwise than written) are the site's problems too,
            // counted and in the json for CI, as the configuration's errors are; then the loaded posts' and any
            // a post's rendering gave.
            problems = Stream.concat(pipeline.configWarnings().stream(), run.snapshot().problems().stream())
                    .sorted(Problem.ORDER).toList();
            files = loaded.results().size();
            published = run.snapshot().posts();
        } catch (ConfigException e) {
            // Still a report, not a failure of the command: CI wants the config's problems in the same
            // format (text or json) as a post's, but the exit status must say "config", as build's does.
            problems = e.problems();
            files = 0;
            published = 0;
            configBroken = true;
        }
        if (format == Format.json) {
            writeJson(stdout, problems, files, published);
        } else {
            problems.forEach(stdout::println);
            if (configBroken) {
                stdout.printf("%s; posts not checked: fix %s%n", ProblemReport.counts(problems),
                        ConfigLoader.CONFIG_FILE);
            } else {
                stdout.printf("%s in %s; %d published%n", ProblemReport.counts(problems),
                        ProblemReport.plural(files, "post file"), published);
            }
        }
        stdout.flush();
        if (configBroken) {
            return ExitCode.CONFIG_ERROR.code();
        }
        return problems.stream().anyMatch(Problem::isError) ? ExitCode.POST_ERRORS.code() : ExitCode.OK.code();
    }

    private static void writeJson(PrintWriter out, List<Problem> problems, int files, int published)
            throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeNumberField("files", files);
            json.writeNumberField("published", published);
            json.writeNumberField("errors", problems.stream().filter(Problem::isError).count());
            json.writeNumberField("warnings", problems.stream().filter(Problem::isWarning).count());
            json.writeNumberField("info", problems.stream().filter(p -> !p.isError() && !p.isWarning()).count());
            json.writeArrayFieldStart("problems");
            for (Problem problem : problems) {
                ProblemJson.write(json, problem);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.println();
    }
}
