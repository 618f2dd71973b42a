package feedwright.post;

import feedwright.text.PlainText;
import java.util.Optional;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * A Jekyll post's excerpt when its site or front matter sets {@code excerpt_separator}: the body up to the
 * separator, as jekyll-feed's summary shows it (plain text). Jekyll's default separator, a blank line, is
 * the first paragraph, which the renderer already takes when a post has no summary. Stateless.
 */
final class JekyllExcerpt {

    private static final String BLANK_LINE = "\n\n";
    private static final Parser MARKDOWN = Parser.builder().build();
    private static final TextContentRenderer TEXT = TextContentRenderer.builder().build();

    private JekyllExcerpt() {
    }

    /** The plain text before {@code separator} in {@code markdown}; empty when it is the default or absent. */
    static Optional<String> before(String markdown, String separator) {
        int at = separator.isEmpty() || separator.equals(BLANK_LINE) ? -1 : markdown.indexOf(separator);
        if (at < 0) {
            return Optional.empty();
        }
        String text = PlainText.oneLine(TEXT.render(MARKDOWN.parse(markdown.substring(0, at))));
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }
}
