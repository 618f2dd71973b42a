package feedwright.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code feedwright.Feedwright} (the jar's main class) in a child JVM — this JVM's {@code java}
 * and class path — with the environment a test chooses: what the JVM makes of the locale is fixed when
 * it starts, so only a new process can show it.
 *
 * @param exitCode the process's exit status
 */
public record ChildJvm(int exitCode, String out, String err) {

    private static final long TIMEOUT_SECONDS = 60;

    /** Runs the command line with the locale variables removed and then {@code locale} set (may be empty). */
    public static ChildJvm run(Map<String, String> locale, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "feedwright.Feedwright"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.equals("LANG") || name.equals("LANGUAGE")
                || name.startsWith("LC_") || name.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(locale);
        try {
            Path out = Files.createTempFile("feedwright-child", ".out");
            Path err = Files.createTempFile("feedwright-child", ".err");
            try {
                Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("feedwright " + String.join(" ", args) + " still running after "
                            + TIMEOUT_SECONDS + " s");
                }
                // The bytes as the child wrote them: under a non-UTF-8 locale only ASCII survives either way.
                return new ChildJvm(process.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
                        new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Both streams, for assertion messages. */
    public String transcript() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
