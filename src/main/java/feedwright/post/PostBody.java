package feedwright.post;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A post's Markdown: at hand, or taken from its file or from the post cache's bytes when first read. A post the
 * post cache gives back has its body as a place in its file's text, or, when the body is not its file's text as
 * it stands, as the bytes the cache holds; most runs never render it (a rebuild whose feeds did not change, a
 * post no feed shows), and decoding every file's text or every kept body just in case was the largest part of a
 * warm load. The length is known either way, so the cache can write the place again without decoding.
 *
 * <p>Thread-safe; equal when the texts are (which decodes both).
 */
public final class PostBody {

    private final int length;
    /** Set once; null until a body taken from its file is first read. */
    private volatile String text;
    /** Gives the text when first read; null once it did (its captured bytes are then let go). */
    private Supplier<String> source;

    private PostBody(int length, String text, Supplier<String> source) {
        this.length = length;
        this.text = text;
        this.source = source;
    }

    /** A body at hand. */
    public static PostBody of(String text) {
        return new PostBody(text.length(), text, null);
    }

    /**
     * A body of {@code length} characters that {@code source} gives when first read, and never again: it must
     * give the same text whichever thread asks, and a text of that length.
     */
    static PostBody whenRead(int length, Supplier<String> source) {
        if (length < 0) {
            throw new IllegalArgumentException("length " + length);
        }
        return new PostBody(length, null, Objects.requireNonNull(source, "source"));
    }

    /** The Markdown, taken from the file first if it was not yet. */
    public String text() {
        String known = text;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (text == null) {
                String read = source.get();
                if (read.length() != length) {
                    throw new IllegalStateException("a body of " + length + " characters read as " + read.length());
                }
                text = read;
                source = null;
            }
            return text;
        }
    }

    /** How many characters the Markdown has, known without reading it. */
    public int length() {
        return length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PostBody body && length == body.length && text().equals(body.text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        String known = text;
        return known != null ? known : "PostBody[" + length + " characters, not read yet]";
    }
}
