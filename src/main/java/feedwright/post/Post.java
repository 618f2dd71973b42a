package feedwright.post;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One publishable post, validated and normalised: every string is free of XML-forbidden characters,
 * links are absolute, and the body is the Markdown to publish: end markers removed, generation chunks
 * joined and repeats dropped as configured ({@link WholeBody}). Immutable.
 *
 * @param file        the source file relative to the site folder ({@code posts/2025-10-03-x.md})
 * @param slug        from the file name, without extension and Jekyll date prefix
 * @param id          the entry id: front matter {@code id}, else a tag URI that survives edits of
 *                    title, body, tags and categories
 * @param summary     {@code excerpt}, else {@code description}, else empty (the renderer derives one)
 * @param link        absolute URL of the post
 * @param image       absolute URL of the post's image, or empty
 * @param markdown    the body, Markdown ({@link #body()}), read from the file when first needed if the post came
 *                    from the post cache
 * @param contentHash {@link feedwright.text.Digests#fingerprint} of the file's bytes; equal means equal posts
 * @param spellings   every spelling of its categories and tags as written, before spellings of one term are
 *                    merged: what Jekyll made URLs and jekyll-feed made feeds of
 */
public record Post(
        String file,
        String slug,
        String id,
        String title,
        OffsetDateTime published,
        OffsetDateTime updated,
        String author,
        List<Term> categories,
        List<Term> tags,
        String summary,
        String link,
        String image,
        PostBody markdown,
        String contentHash,
        Spellings spellings) {

    public Post {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(markdown, "markdown");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(spellings, "spellings");
        categories = List.copyOf(categories);
        tags = List.copyOf(tags);
    }

    /** A post whose body is at hand. */
    public Post(String file, String slug, String id, String title, OffsetDateTime published, OffsetDateTime updated,
                String author, List<Term> categories, List<Term> tags, String summary, String link, String image,
                String body, String contentHash, Spellings spellings) {
        this(file, slug, id, title, published, updated, author, categories, tags, summary, link, image,
                PostBody.of(body), contentHash, spellings);
    }

    /** The body: Markdown. */
    public String body() {
        return markdown.text();
    }

    /** This post with another update time. */
    public Post withUpdated(OffsetDateTime newUpdated) {
        return new Post(file, slug, id, title, published, newUpdated, author, categories, tags, summary, link, image,
                markdown, contentHash, spellings);
    }

    /**
     * The categories and tags as the front matter writes them, in order, each spelling once ({@code AI} and
     * {@code ai} both: one term, two spellings). Immutable.
     */
    public record Spellings(List<String> categories, List<String> tags) {

        public Spellings {
            categories = List.copyOf(categories);
            tags = List.copyOf(tags);
        }

        /** The spellings of terms read without others: each term's own name. */
        public static Spellings of(List<Term> categories, List<Term> tags) {
            return new Spellings(categories.stream().map(Term::name).toList(), tags.stream().map(Term::name).toList());
        }
    }
}
