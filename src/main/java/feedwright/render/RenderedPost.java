package feedwright.render;

import java.util.Objects;

/**
 * A post's body as safe HTML and its summary as plain text, both ready to put into any feed format.
 *
 * @param html    sanitised HTML with absolute links
 * @param summary plain text: the post's excerpt, else the body's first paragraph, shortened
 */
public record RenderedPost(String html, String summary) {

    public RenderedPost {
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(summary, "summary");
    }
}
