package feedwright.post;

import feedwright.problem.Problem;
import feedwright.problem.Severity;
import feedwright.text.Surrogates;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The post cache's binary form of a {@link PostResult}: every field of the result, its post and its problems
 * (a body that stands as it is in its file as its place there, {@link #bodyAt}), written with
 * {@link DataOutput} and read back (from a buffer) into equal records. Not Java serialization: reading a file
 * others can write must never construct anything but these values, and every value read goes through the
 * records' own checks. A string is its UTF-8 length and bytes; a text that UTF-8 cannot carry exactly (a
 * lone surrogate, which a YAML escape can make) refuses the whole result ({@link NotStorable}) rather than
 * come back changed. Reading checks every length against what is left, so damaged bytes fail with
 * {@link Unreadable} instead of a huge allocation. Stateless.
 */
public final class PostResultCodec {

    private static final Severity[] SEVERITIES = Severity.values();
    /** A body shorter than this is written out: its place would save little, and it may be found elsewhere. */
    static final int MIN_PLACED_BODY = 64;

    private PostResultCodec() {
    }

    /** A result read back, and where its body begins in its file's text (-1 when it was written out). */
    record Placed(PostResult result, int bodyAt) {
    }

    /** Bytes that are not a result this codec wrote. */
    public static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /** A result that cannot be written so as to be read back equal; it is read afresh next time instead. */
    public static final class NotStorable extends Exception {
        NotStorable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param bodyAt where the post's body begins in the text its file decodes to ({@link #bodyAt}), or -1: a
     *               body found there is written as that place, not as text, and read back from the file's text
     */
    static void write(DataOutput out, PostResult result, int bodyAt) throws IOException, NotStorable {
        writeString(out, result.file());
        out.writeBoolean(result.post().isPresent());
        if (result.post().isPresent()) {
            writePost(out, result.post().get(), bodyAt);
        }
        writeProblems(out, result.problems());
        out.writeBoolean(result.skipReason().isPresent());
        if (result.skipReason().isPresent()) {
            writeString(out, result.skipReason().get());
        }
    }

    /** Writes problems as a result's own are written; also for a record of what a whole build reported. */
    public static void writeProblems(DataOutput out, List<Problem> problems) throws IOException, NotStorable {
        out.writeInt(problems.size());
        for (Problem problem : problems) {
            writeString(out, problem.file());
            out.writeInt(problem.line());
            out.writeInt(problem.column());
            out.writeByte(problem.severity().ordinal());
            writeString(out, problem.message());
        }
    }

    /** The problems {@link #writeProblems} wrote at {@code in}'s position, leaving it after them. */
    public static List<Problem> readProblems(ByteBuffer in) throws Unreadable {
        try {
            return new Reader(in, () -> {
                throw new IllegalStateException("problems hold no body");
            }).problems();
        } catch (BufferUnderflowException e) {
            throw new Unreadable("the problems end early");
        } catch (RuntimeException e) {
            throw new Unreadable("not problems: " + e.getMessage());
        }
    }

    /**
     * The result written at {@code in}'s position, to its limit.
     *
     * @param source the text the result's file decodes to, asked for only when its body was written as a place
     *
     * @throws Unreadable when the bytes are not a result this codec wrote (damaged, or written otherwise)
     */
    static Placed read(ByteBuffer in, Supplier<String> source) throws Unreadable {
        try {
            Reader reader = new Reader(in, source);
            PostResult result = reader.result();
            if (in.hasRemaining()) {
                throw new Unreadable(in.remaining() + " bytes after the result");
            }
            return new Placed(result, reader.bodyAt);
        } catch (BufferUnderflowException e) {
            throw new Unreadable("the result ends early");
        } catch (RuntimeException e) {
            // A value the records refuse (a negative line, a missing name): not what this codec wrote.
            throw new Unreadable("not a result: " + e.getMessage());
        }
    }

    /**
     * Where {@code result}'s body begins in {@code text}, the text its file was decoded to, or -1 when it is not
     * there as it stands (chunks joined, repeats dropped): most bodies are the end of their file, and a cache
     * that kept them again would be as large as the posts, and take as long to read as parsing them saves.
     * Looks only where the body's first characters are, a few times, so a hostile file costs no more than its
     * length a few times over.
     */
    static int bodyAt(PostResult result, String text) {
        if (result.post().isEmpty() || result.post().get().body().length() < MIN_PLACED_BODY) {
            return -1;
        }
        String body = result.post().get().body();
        String start = body.substring(0, MIN_PLACED_BODY);
        int at = text.indexOf(start);
        for (int tries = 0; at >= 0 && tries < 4; tries++) {
            if (text.regionMatches(at, body, 0, body.length())) {
                return at;
            }
            at = text.indexOf(start, at + 1);
        }
        return -1;
    }

    private static void writePost(DataOutput out, Post post, int bodyAt) throws IOException, NotStorable {
        for (String text : List.of(post.file(), post.slug(), post.id(), post.title())) {
            writeString(out, text);
        }
        writeTime(out, post.published());
        writeTime(out, post.updated());
        writeString(out, post.author());
        writeTerms(out, post.categories());
        writeTerms(out, post.tags());
        for (String text : List.of(post.summary(), post.link(), post.image())) {
            writeString(out, text);
        }
        if (bodyAt >= 0) {
            out.writeBoolean(true);
            out.writeInt(bodyAt);
            out.writeInt(post.markdown().length());
        } else {
            out.writeBoolean(false);
            out.writeInt(post.markdown().length());
            writeString(out, post.body());
        }
        writeString(out, post.contentHash());
        writeStrings(out, post.spellings().categories());
        writeStrings(out, post.spellings().tags());
    }

    /** The instant and the offset it was written with: {@code +09:00} and {@code Z} print differently. */
    private static void writeTime(DataOutput out, OffsetDateTime time) throws IOException {
        out.writeLong(time.toEpochSecond());
        out.writeInt(time.getNano());
        out.writeInt(time.getOffset().getTotalSeconds());
    }

    private static void writeTerms(DataOutput out, List<Term> terms) throws IOException, NotStorable {
        out.writeInt(terms.size());
        for (Term term : terms) {
            writeString(out, term.name());
            writeString(out, term.slug());
        }
    }

    private static void writeStrings(DataOutput out, List<String> texts) throws IOException, NotStorable {
        out.writeInt(texts.size());
        for (String text : texts) {
            writeString(out, text);
        }
    }

    static void writeString(DataOutput out, String text) throws IOException, NotStorable {
        if (hasLoneSurrogate(text)) {
            throw new NotStorable("a text holds a lone surrogate, which UTF-8 cannot carry");
        }
        CacheFile.writeText(out, text);
    }

    /** Whether UTF-8 would change {@code text}: it writes a surrogate without its pair as '?'. */
    static boolean hasLoneSurrogate(String text) {
        return Surrogates.firstLone(text) >= 0;
    }

    /** Reads values back, refusing any count or length larger than what is left of the input. */
    private static final class Reader {

        private final ByteBuffer in;
        private final Supplier<String> source;
        private int bodyAt = -1;

        Reader(ByteBuffer in, Supplier<String> source) {
            this.in = in;
            this.source = source;
        }

        PostResult result() throws Unreadable {
            String file = string();
            Optional<Post> post = bool() ? Optional.of(post()) : Optional.empty();
            List<Problem> problems = problems();
            Optional<String> skipReason = bool() ? Optional.of(string()) : Optional.empty();
            return new PostResult(file, post, problems, skipReason);
        }

        List<Problem> problems() throws Unreadable {
            int problemCount = count();
            List<Problem> problems = new ArrayList<>(problemCount);
            for (int i = 0; i < problemCount; i++) {
                String problemFile = string();
                int line = in.getInt();
                int column = in.getInt();
                Severity severity = severity();
                problems.add(new Problem(problemFile, line, column, severity, string()));
            }
            return problems;
        }

        Post post() throws Unreadable {
            String file = string();
            String slug = string();
            String id = string();
            String title = string();
            OffsetDateTime published = time();
            OffsetDateTime updated = time();
            String author = string();
            List<Term> categories = terms();
            List<Term> tags = terms();
            String summary = string();
            String link = string();
            String image = string();
            PostBody body = bool() ? placedBody() : keptBody();
            String contentHash = string();
            Post.Spellings spellings = new Post.Spellings(strings(), strings());
            return new Post(file, slug, id, title, published, updated, author, categories, tags, summary, link,
                    image, body, contentHash, spellings);
        }

        /**
         * A body written as its place in the file's text, taken from that text when first read: the text is
         * decoded only then. The cache file's checksum and the file's fingerprint vouch for the place; a place
         * outside the text fails that reading (the post's rendering then), not this one.
         */
        PostBody placedBody() throws Unreadable {
            int at = in.getInt();
            int length = in.getInt();
            if (at < 0 || length < 0) {
                throw new Unreadable("a body at " + at + " of " + length + " characters");
            }
            bodyAt = at;
            Supplier<String> text = source;
            return PostBody.whenRead(length, () -> {
                String whole = text.get();
                if (at > whole.length() - length) {
                    throw new IllegalStateException("a body at " + at + " of " + length
                            + " characters, in a text of " + whole.length());
                }
                return whole.substring(at, at + length);
            });
        }

        /**
         * A body written out (chunks joined, repeats dropped: most posts of the blog Feedwright is made for),
         * decoded from the cache's bytes when first read. Decoding 10,000 of them, and copying the strings through
         * the young collections that follow, was most of a load from the cache; most runs render a few posts. The
         * checksum of the cache file vouches for the bytes; a length that does not match fails that reading.
         */
        PostBody keptBody() throws Unreadable {
            int length = in.getInt();
            int bytes = count();
            if (length < 0 || length > bytes) {
                // UTF-8 takes at least one byte for each UTF-16 character (four for a pair of two).
                throw new Unreadable("a body of " + length + " characters in " + bytes + " bytes");
            }
            ByteBuffer kept = in.slice(in.position(), bytes);
            in.position(in.position() + bytes);
            return PostBody.whenRead(length,
                    () -> new String(kept.array(), kept.arrayOffset(), bytes, StandardCharsets.UTF_8));
        }

        OffsetDateTime time() throws Unreadable {
            long seconds = in.getLong();
            int nanos = in.getInt();
            int offset = in.getInt();
            try {
                return OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos),
                        ZoneOffset.ofTotalSeconds(offset));
            } catch (RuntimeException e) {
                throw new Unreadable("not a time: " + seconds + "." + nanos + " at offset " + offset);
            }
        }

        List<Term> terms() throws Unreadable {
            int count = count();
            List<Term> terms = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                terms.add(new Term(string(), string()));
            }
            return terms;
        }

        List<String> strings() throws Unreadable {
            int count = count();
            List<String> texts = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                texts.add(string());
            }
            return texts;
        }

        boolean bool() throws Unreadable {
            byte value = in.get();
            if (value != 0 && value != 1) {
                throw new Unreadable("not a yes or no: " + value);
            }
            return value == 1;
        }

        Severity severity() throws Unreadable {
            int ordinal = Byte.toUnsignedInt(in.get());
            if (ordinal >= SEVERITIES.length) {
                throw new Unreadable("no severity numbered " + ordinal);
            }
            return SEVERITIES[ordinal];
        }

        String string() throws Unreadable {
            int length = count();
            String text = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
            in.position(in.position() + length);
            return text;
        }

        /** A count or length: never negative, never more than the bytes left could hold. */
        int count() throws Unreadable {
            int count = in.getInt();
            if (count < 0 || count > in.remaining()) {
                throw new Unreadable("a length of " + count + " where " + in.remaining() + " bytes are left");
            }
            return count;
        }
    }
}
