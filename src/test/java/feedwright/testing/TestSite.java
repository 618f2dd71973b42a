package feedwright.testing;

import feedwright.config.ConfigException;
import feedwright.config.ConfigLoader;
import feedwright.config.SiteConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A site folder written by a test: {@code feeds-config/site.yml} and the posts it asks for. */
public final class TestSite {

    /** A small valid configuration; tests that need another key append it. */
    public static final String CONFIG = """
            title: Test Site
            base_url: https://example.org/blog/
            language: en
            author: Test Author
            timezone: Asia/Tokyo
            end_marker: "---END---"
            """;

    /** A post that is fine in every way, to prove a broken neighbour does not take it down. */
    public static final String GOOD_FILE = "2025-03-01-good-neighbour.md";
    public static final String GOOD_TITLE = "A good neighbour";

    private final Path dir;

    private TestSite(Path dir) {
        this.dir = dir;
    }

    /**
     * {@link #CONFIG} with {@code extraLines} appended (a later key wins over the same key above it), as a
     * {@link SiteConfig}, every other key at its default: the one way a test gets a configuration without
     * files. Refusal fails the test with the problems.
     */
    public static SiteConfig config(String... extraLines) {
        String yaml = CONFIG + Stream.of(extraLines).map(line -> line + "\n").collect(Collectors.joining());
        try {
            return ConfigLoader.parse(yaml);
        } catch (ConfigException e) {
            throw new AssertionError("test configuration refused:\n" + e.getMessage(), e);
        }
    }

    /**
     * The text of a post with a title, a date ({@code 2025-03-01}, at 10:00 UTC), an excerpt, tags ({@code [a, b]})
     * and a body: the shape most build and deploy tests need, varied only where it matters to them.
     */
    public static String taggedPost(String title, String day, String tags, String body) {
        return """
                ---
                title: "%s"
                date: %s 10:00:00 +0000
                excerpt: "An excerpt."
                tags: %s
                ---
                %s
                """.formatted(title, day, tags, body);
    }

    public static TestSite create(Path dir) {
        return create(dir, CONFIG);
    }

    public static TestSite create(Path dir, String config) {
        TestSite site = new TestSite(dir);
        site.write("feeds-config/site.yml", config.getBytes(StandardCharsets.UTF_8));
        try {
            Files.createDirectories(dir.resolve("posts"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return site;
    }

    /** A copy of the sample site shipped at the repository root (Surefire runs in the project folder). */
    public static TestSite copyOfSample(Path dir) {
        for (String folder : new String[] {"posts", "feeds-config"}) {
            Path source = sample().resolve(folder);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path copy = dir.resolve(folder).resolve(source.relativize(file).toString());
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new TestSite(dir);
    }

    /** The real posts beside the repository, which some tests build. */
    public static final Path SEEDS = Path.of("../shared/seeds");

    /**
     * A site in {@code dir} of every seed post ({@code ../shared/seeds/*.txt}) with the sample site's
     * configuration.
     */
    public static TestSite ofSeeds(Path dir) {
        try {
            Files.createDirectories(dir.resolve("posts"));
            Files.createDirectories(dir.resolve("feeds-config"));
            Files.copy(sample().resolve("feeds-config/site.yml"), dir.resolve("feeds-config/site.yml"));
            try (Stream<Path> files = Files.list(SEEDS)) {
                for (Path seed : files.filter(f -> f.getFileName().toString().endsWith(".txt")).toList()) {
                    Files.copy(seed, dir.resolve("posts").resolve(seed.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestSite(dir);
    }

    /** The shipped sample site: the project folder itself. */
    public static Path sample() {
        Path root = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(root.resolve("feeds-config/site.yml")) || !Files.isDirectory(root.resolve("posts"))) {
            throw new IllegalStateException("run the tests from the project folder; no sample site in " + root);
        }
        return root;
    }

    public Path dir() {
        return dir;
    }

    public TestSite withGoodNeighbour() {
        return post(GOOD_FILE, """
                ---
                title: "%s"
                date: 2025-03-01 10:00:00 +0000
                excerpt: "Nothing wrong here."
                ---
                A perfectly ordinary body.
                """.formatted(GOOD_TITLE));
    }

    public TestSite post(String name, String text) {
        return write("posts/" + name, text.getBytes(StandardCharsets.UTF_8));
    }

    public TestSite write(String relative, byte[] bytes) {
        Path file = dir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public String read(String relative) {
        try {
            return Files.readString(dir.resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every post file of the site as last changed an hour ago, so that the post cache keeps each one's time (a file
     * changed in the last moments before it is read is not vouched for by its time: a coarse clock could leave
     * the time of a second change the same).
     */
    public static void settlePosts(Path siteDir) throws IOException {
        FileTime anHourAgo = FileTime.from(Instant.now().minusSeconds(3600));
        try (Stream<Path> files = Files.walk(siteDir.resolve("posts"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, anHourAgo);
            }
        }
    }

    /**
     * Changes a sample post keeping its size and modification time (its body's last "データ" spelt "デエタ", as many
     * bytes): only reading the file tells, as a tool that restores times in bulk would leave it.
     */
    public static void changeBehindItsLook(Path post) throws IOException {
        FileTime time = Files.getLastModifiedTime(post);
        String text = Files.readString(post);
        int at = text.lastIndexOf("データ");
        if (at < 0) {
            throw new IllegalArgumentException(post + " holds no データ to change");
        }
        String changed = text.substring(0, at) + "デエタ" + text.substring(at + "データ".length());
        if (changed.getBytes(StandardCharsets.UTF_8).length != text.getBytes(StandardCharsets.UTF_8).length) {
            throw new IllegalStateException("the change altered the size");
        }
        Files.writeString(post, changed);
        Files.setLastModifiedTime(post, time);
    }

    /** Every regular file under {@code root} with its bytes, by path relative to it: what a build wrote. */
    public static Map<String, byte[]> filesUnder(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }
}
