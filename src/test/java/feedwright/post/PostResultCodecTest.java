package feedwright.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feedwright.config.ConfigException;
import feedwright.config.ConfigLoader;
import feedwright.config.SiteConfig;
import feedwright.problem.Problem;
import feedwright.problem.Severity;
import feedwright.testing.TestSite;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The post cache's binary form gives back equal records: every result the reader makes of the sample posts,
 * the seeds and the hostile inputs, under a plain and a Jekyll-flavoured configuration, and a result with
 * every field set to something no default would give.
 */
class PostResultCodecTest {

    private static final SiteConfig PLAIN = TestSite.config();
    private static final SiteConfig OTHER_RULES = TestSite.config("id_scheme: permalink", "future: true",
            "permalink: /:categories/:year/:month/:day/:slug/", "end_marker: \"---END---\"");

    @TempDir
    Path jekyllSite;

    @Test
    void everySamplePostAndSeedComesBackEqual() throws IOException, ConfigException {
        Files.writeString(jekyllSite.resolve("_config.yml"), "title: J\nurl: https://example.org\nbaseurl: /b\n"
                + "timezone: Asia/Tokyo\nplugins: [jekyll-feed]\npermalink: pretty\n");
        SiteConfig jekyll = ConfigLoader.load(jekyllSite);
        assertThat(jekyll.jekyll()).isPresent();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> sample = Files.list(TestSite.sample().resolve("posts"));
             Stream<Path> seeds = Files.list(TestSite.SEEDS)) {
            files.addAll(sample.toList());
            files.addAll(seeds.filter(f -> f.getFileName().toString().endsWith(".txt")).toList());
        }
        assertThat(files).hasSizeGreaterThan(15);
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            for (SiteConfig config : List.of(PLAIN, OTHER_RULES, jekyll)) {
                assertRoundTrip(config, file.getFileName().toString(), bytes);
            }
        }
    }

    @Test
    void hostileAndBrokenPostsComeBackEqualWithTheirProblemsAndSkipReasons() {
        List<String> posts = List.of(
                "---\ntitle: Huge\ndate: 2025-06-01 09:00:00 +0000\nexcerpt: e\n---\n"
                        + "北海道のデータセンター構想について。\n\n".repeat(20_000),
                "---\ntitle: \"" + "\uFFFD".repeat(5_000) + "\"\ndate: 2025-06-02\nexcerpt: e\n---\nBody.\n",
                "---\ntitle: Stars\ndate: 2025-06-03\nexcerpt: e\n---\n" + "*".repeat(100_000) + "\n\n"
                        + "a_ ".repeat(50_000) + "\n",
                "---\ntitle: Deep\ndate: 2025-06-04\nexcerpt: e\n---\n" + ">".repeat(10_000) + " quote\n\n"
                        + "<div>".repeat(5_000) + "deep" + "</div>".repeat(5_000) + "\n",
                "---\ntitle: Nested\ndate: 2025-06-05\nx: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n---\nBody.\n",
                "---\ntitle: Bad date\ndate: someday\n---\nBody.\n",
                "---\ntitle: [unclosed\n---\nBody.\n",
                "no front matter at all\n",
                "---\ntitle: Draft\npublished: false\ndate: 2025-06-06\n---\nBody.\n",
                "---\ntitle: \"A \u202Ebidi\u202C title\"\ndate: 2025-06-07 10:00:00 +0900\n"
                        + "updated: 2025-06-08 11:30:00 +0200\n"
                        + "tags: [AI, ai, Ａｉ]\ncategories: 投資 分析\nid: 12345\nimage: /x.png\n"
                        + "title: again\n---\nA body ---END--- with a marker\n---END---\nsecond chunk\n---END---\n",
                "\uFEFF---\r\ntitle: CRLF and BOM\r\ndate: 2025-06-09\r\n---\r\nBody\r\n");
        int i = 0;
        for (String text : posts) {
            String name = "2025-06-0" + (i % 10) + "-hostile-" + i++ + ".md";
            for (SiteConfig config : List.of(PLAIN, OTHER_RULES)) {
                assertRoundTrip(config, name, text.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void everyFieldOfAResultComesBackAsWritten() {
        Post post = new Post("posts/sub/2025-01-02-x.md", "x", "tag:example.org,2025-01-02:posts/sub/x",
                "Title — 題",
                OffsetDateTime.parse("2025-01-02T03:04:05.123456789+09:00"),
                OffsetDateTime.parse("2025-02-03T04:05:06-04:30"), "著者",
                List.of(Term.of("AI"), new Term("Ｘ", "x-1")),
                List.of(Term.of("投資")), "Summary 😀", "https://example.org/x/", "https://example.org/i.png",
                "Body with 𝄞 and \u0000 and \n\r\t", "0123456789abcdef0123456789abcdef",
                new Post.Spellings(List.of("AI", "ai"), List.of("投資", "投 資")));
        PostResult result = new PostResult("posts/sub/2025-01-02-x.md", Optional.of(post), List.of(
                new Problem("posts/sub/2025-01-02-x.md", 3, 7, Severity.ERROR, "an error"),
                new Problem("posts/sub/2025-01-02-x.md", 0, 0, Severity.WARNING, "a warning"),
                new Problem("posts/other.md", Integer.MAX_VALUE, 1, Severity.INFO, "")), Optional.of("a reason"));

        assertThat(roundTrip(result, -1, "")).isEqualTo(result);
        String text = "---\ntitle: x\n---\n" + post.body();
        assertThat(roundTrip(result, text.indexOf(post.body()), text)).isEqualTo(result);
        assertThat(roundTrip(PostResult.skipped("posts/y.md", List.of(), "published: false"), -1, ""))
                .isEqualTo(PostResult.skipped("posts/y.md", List.of(), "published: false"));
    }

    @Test
    void aBodyIsKeptAsItsPlaceWhereItStandsInTheFileReadFromItWhenFirstNeededAndAPlaceOutsideTheTextIsRefused()
            throws PostResultCodec.Unreadable {
        String text = "---\ntitle: T\ndate: 2025-01-01\nexcerpt: e\n---\n" + "本文です。".repeat(30) + "\n";
        PostReader.Decoded read = new PostReader(PLAIN).readDecoded("posts/t.md", "t.md",
                text.getBytes(StandardCharsets.UTF_8), "h");
        int bodyAt = PostResultCodec.bodyAt(read.result(), read.text());
        byte[] placed = encode(read.result(), bodyAt);

        assertThat(text.substring(bodyAt)).isEqualTo(read.result().post().orElseThrow().body());
        assertThat(placed.length).isLessThan(encode(read.result(), -1).length - 300);
        // The text is decoded only when the body is first read (most runs render few posts), and only once.
        AtomicInteger decodings = new AtomicInteger();
        Post lazy = PostResultCodec.read(ByteBuffer.wrap(placed), () -> {
            decodings.incrementAndGet();
            return text;
        }).result().post().orElseThrow();
        assertThat(decodings).hasValue(0);
        assertThat(lazy.markdown().length()).isEqualTo(text.length() - bodyAt);
        assertThat(lazy.body()).isEqualTo(text.substring(bodyAt)).isSameAs(lazy.body());
        assertThat(decodings).hasValue(1);
        // A place outside the text it is read from fails the reading of the body, never giving another text.
        String shorter = text.substring(0, text.length() - 1);
        Post outside = PostResultCodec.read(ByteBuffer.wrap(placed), () -> shorter).result().post().orElseThrow();
        assertThatThrownBy(outside::body).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a body at " + bodyAt);
        String joined = "---\ntitle: T\ndate: 2025-01-01\nexcerpt: e\n---\n" + "First part. ".repeat(10)
                + "\n---END---\n" + "Second part. ".repeat(10) + "\n---END---\n";
        PostReader.Decoded chunks = new PostReader(TestSite.config()).readDecoded("posts/j.md", "j.md",
                joined.getBytes(StandardCharsets.UTF_8), "h");
        assertThat(PostResultCodec.bodyAt(chunks.result(), chunks.text())).as("joined chunks are nowhere as such")
                .isEqualTo(-1);
    }

    @Test
    void aBodyNotAsItStandsInItsFileIsKeptInTheCacheAndDecodedOnlyWhenFirstRead() throws Exception {
        String joined = "---\ntitle: T\ndate: 2025-01-01\nexcerpt: e\n---\n" + "前半です。".repeat(20)
                + "\n---END---\n" + "後半です。".repeat(20) + "\n---END---\n";
        PostReader.Decoded read = new PostReader(TestSite.config()).readDecoded("posts/j.md", "j.md",
                joined.getBytes(StandardCharsets.UTF_8), "h");
        String body = read.result().post().orElseThrow().body();
        byte[] kept = encode(read.result(), -1);
        Supplier<String> noFile = () -> {
            throw new AssertionError("a kept body is not read from its file");
        };

        Post lazy = PostResultCodec.read(ByteBuffer.wrap(kept), noFile).result().post().orElseThrow();
        assertThat(lazy.markdown()).hasToString("PostBody[" + body.length() + " characters, not read yet]");
        assertThat(lazy.markdown().length()).isEqualTo(body.length());
        assertThat(lazy.body()).isEqualTo(body).isSameAs(lazy.body());

        // Bytes that decode to another length fail the reading of the body (the cache file's checksum keeps such
        // bytes out), never giving another text; a length more characters than its bytes could hold is refused.
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        int at = indexOf(kept, bodyBytes);
        byte[] damaged = kept.clone();
        int lead = at;
        while ((kept[lead] & 0xF0) != 0xE0) {
            lead++; // to the first byte of a character of three bytes (前)
        }
        damaged[lead] = (byte) 0xFF; // three U+FFFD for one character
        Post broken = PostResultCodec.read(ByteBuffer.wrap(damaged), noFile).result().post().orElseThrow();
        assertThatThrownBy(broken::body).isInstanceOf(IllegalStateException.class);
        byte[] tooLong = kept.clone();
        ByteBuffer.wrap(tooLong).putInt(at - 2 * Integer.BYTES, bodyBytes.length + 1);
        assertThatThrownBy(() -> PostResultCodec.read(ByteBuffer.wrap(tooLong), noFile))
                .isInstanceOf(PostResultCodec.Unreadable.class).hasMessageContaining("characters in");
    }

    private static int indexOf(byte[] in, byte[] part) {
        for (int i = 0; i + part.length <= in.length; i++) {
            if (Arrays.equals(in, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void aTextUtf8CannotCarryRefusesTheResultInsteadOfChangingIt() {
        PostResult loneSurrogate = PostResult.skipped("posts/x.md",
                List.of(Problem.error("posts/x.md", 2, 8, "title: '\uD800' is odd")), "errors in the post");

        assertThatThrownBy(() -> PostResultCodec.write(new DataOutputStream(new ByteArrayOutputStream()), loneSurrogate,
                -1))
                .isInstanceOf(PostResultCodec.NotStorable.class);
        assertThat(PostResultCodec.hasLoneSurrogate("pair 😀 fine")).isFalse();
        assertThat(PostResultCodec.hasLoneSurrogate("low first \uDE00\uD83D")).isTrue();
        assertThat(PostResultCodec.hasLoneSurrogate("ends high \uD83D")).isTrue();
    }

    @Test
    void everyTruncationAndEveryFlippedByteOfAResultIsRefusedOrReadAsAValidResult() throws Exception {
        String text = "---\ntitle: A\ndate: 2025-01-01\ntags: [x, y]\nexcerpt: e\n---\n" + "A body. ".repeat(20);
        PostReader.Decoded read = new PostReader(PLAIN).readDecoded("posts/2025-01-01-a.md", "2025-01-01-a.md",
                text.getBytes(StandardCharsets.UTF_8), "h");
        int bodyAt = PostResultCodec.bodyAt(read.result(), read.text());
        assertThat(bodyAt).isPositive();
        byte[] bytes = encode(read.result(), bodyAt);

        for (int length = 0; length < bytes.length; length++) {
            int cut = length;
            assertThatThrownBy(() -> PostResultCodec.read(ByteBuffer.wrap(bytes, 0, cut).slice(), () -> text))
                    .as("cut at %d", cut).isInstanceOf(PostResultCodec.Unreadable.class);
        }
        // The file's checksum catches a flipped byte; the codec alone must still answer a result or a refusal
        // (Unreadable), never throw anything else or allocate what a damaged length claims.
        int refused = 0;
        for (int at = 0; at < bytes.length; at++) {
            byte[] flipped = bytes.clone();
            flipped[at] ^= (byte) 0x80;
            try {
                PostResultCodec.read(ByteBuffer.wrap(flipped), () -> text);
            } catch (PostResultCodec.Unreadable e) {
                refused++;
            }
        }
        assertThat(refused).as("flips of a length, a count or a flag are refused").isGreaterThan(bytes.length / 10);
    }

    /**
     * Reads {@code bytes} as the file {@code posts/NAME}, writes the result, with its body as its place in the
     * file's text where it is there, and reads it back: equal, and in the same place.
     */
    private static void assertRoundTrip(SiteConfig config, String name, byte[] bytes) {
        PostReader.Decoded read = new PostReader(config).readDecoded("posts/" + name, name, bytes, "0123");
        int bodyAt = PostResultCodec.bodyAt(read.result(), read.text());
        assertThat(roundTrip(read.result(), bodyAt, read.text())).as(name).isEqualTo(read.result());
        assertThat(roundTrip(read.result(), -1, "")).as(name).isEqualTo(read.result());
    }

    private static PostResult roundTrip(PostResult result, int bodyAt, String text) {
        try {
            PostResultCodec.Placed placed = PostResultCodec.read(ByteBuffer.wrap(encode(result, bodyAt)), () -> text);
            assertThat(placed.bodyAt()).isEqualTo(bodyAt);
            return placed.result();
        } catch (PostResultCodec.Unreadable e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] encode(PostResult result, int bodyAt) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PostResultCodec.write(new DataOutputStream(bytes), result, bodyAt);
            return bytes.toByteArray();
        } catch (IOException | PostResultCodec.NotStorable e) {
            throw new AssertionError(e);
        }
    }
}
