package feedwright.feed;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One item of a feed, in no particular format; every writer maps the same fields. Immutable.
 *
 * @param content     sanitised HTML (and its XML form), or {@link EntryContent#NONE} when the site
 *                    publishes summaries only
 * @param categories  category names, in the post's order
 * @param tags        tag names, in the post's order
 */
public record Entry(
        String id,
        String title,
        String link,
        OffsetDateTime published,
        OffsetDateTime updated,
        String author,
        List<Category> categories,
        List<Category> tags,
        String summary,
        EntryContent content,
        String image) {

    public Entry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(image, "image");
        categories = List.copyOf(categories);
        tags = List.copyOf(tags);
    }

    public String contentHtml() {
        return content.html();
    }

    /**
     * A category or tag as a feed shows it.
     *
     * @param name   spelt as the term's own feed spells it (see {@link TermSpellings})
     * @param scheme the URL of the folder of its family's feeds ({@code …/tags/}): Atom's {@code scheme}
     * @param url    the URL of the folder of its own feeds ({@code …/tags/ai/}): RSS's {@code domain}
     */
    public record Category(String name, String scheme, String url) {

        public Category {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(url, "url");
        }
    }
}
