package feedwright.render;

import feedwright.post.Post;
import feedwright.text.XmlChars;
import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Markdown to safe HTML. commonmark renders the body (raw HTML passes through it), then jsoup's
 * {@link org.jsoup.safety.Cleaner} keeps only the tags and attributes of {@link #SAFELIST}: scripts,
 * event handlers, {@code javascript:} URLs and anything else that could run are removed, and every
 * relative link or image source is resolved against the post's own URL, as a browser showing the post
 * would resolve it.
 *
 * <p>Build one per process: the commonmark parser and renderers are immutable and thread-safe, and the
 * safelist is only read after construction.
 */
public final class PostRenderer {

    /** The summary derived from the body stops near this many characters. */
    static final int SUMMARY_LENGTH = 280;

    private static final Safelist SAFELIST = Safelist.relaxed()
            .addTags("hr", "del", "s", "ins", "mark", "abbr", "figure", "figcaption")
            .addAttributes("th", "align")
            .addAttributes("td", "align")
            .addAttributes("code", "class")
            .addAttributes("abbr", "title")
            .addAttributes("ol", "start");

    private final Parser parser;
    private final HtmlRenderer htmlRenderer;
    private final TextContentRenderer textRenderer;
    private final Document.OutputSettings output;

    public PostRenderer() {
        List<Extension> extensions = List.of(TablesExtension.create(), StrikethroughExtension.create(),
                AutolinkExtension.create());
        this.parser = Parser.builder().extensions(extensions).build();
        this.htmlRenderer = HtmlRenderer.builder().extensions(extensions).sanitizeUrls(true).build();
        this.textRenderer = TextContentRenderer.builder().build();
        this.output = new Document.OutputSettings().prettyPrint(false);
    }

    public RenderedPost render(Post post) {
        Node document = parser.parse(post.body());
        // commonmark decodes an entity such as &#1; to the character itself, which XML forbids: remove it
        // before jsoup sees it, since jsoup would write it back as &#x1; and the removal below would miss it.
        String rendered = XmlChars.removeIllegal(htmlRenderer.render(document));
        String html = Jsoup.clean(rendered, post.link(), SAFELIST, output.clone());
        String summary = post.summary().isEmpty() ? firstParagraph(document) : plainText(post.summary());
        return new RenderedPost(XmlChars.removeIllegal(html), XmlChars.removeIllegal(summary));
    }

    private String firstParagraph(Node document) {
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Paragraph) {
                String text = plainText(textRenderer.render(node)).replaceAll("\\s+", " ").strip();
                if (!text.isEmpty()) {
                    return shorten(text);
                }
            }
        }
        return "";
    }

    /** Text with any markup removed: summaries are plain text in every format. */
    private static String plainText(String maybeHtml) {
        return maybeHtml.indexOf('<') < 0 && maybeHtml.indexOf('&') < 0 ? maybeHtml.strip()
                : Jsoup.parse(maybeHtml).text().strip();
    }

    private static String shorten(String text) {
        if (text.codePointCount(0, text.length()) <= SUMMARY_LENGTH) {
            return text;
        }
        String cut = text.substring(0, text.offsetByCodePoints(0, SUMMARY_LENGTH));
        int space = cut.lastIndexOf(' ');
        // Japanese has no spaces between words; only back up to a space when one is near.
        if (space > SUMMARY_LENGTH * 3 / 4) {
            cut = cut.substring(0, space);
        }
        return cut.strip() + "…";
    }
}
