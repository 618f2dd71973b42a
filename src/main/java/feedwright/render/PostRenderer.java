package feedwright.render;

import feedwright.post.Post;
import feedwright.text.PlainText;
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
 * Markdown to safe HTML. Every link and image destination is first made absolute against the post's
 * own URL, as a browser showing the post would resolve it, and dropped when its scheme could run code
 * ({@link LinkResolver}). commonmark then renders the body. Markdown alone cannot produce markup that
 * runs (text is escaped, destinations were checked), so that output is used as it is; only a body
 * holding raw HTML goes through jsoup's {@link org.jsoup.safety.Cleaner}, which keeps the tags and
 * attributes of {@link #SAFELIST} and removes scripts, event handlers, {@code javascript:} URLs and
 * anything else that could run. Most bodies have no raw HTML, and the sanitizer is over half the cost
 * of rendering, so this is also what keeps a build fast.
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
        // No sanitizeUrls: LinkResolver already allows only http(s) and mailto destinations, and commonmark's
        // sanitizing would add rel="nofollow" to every link of the post.
        this.htmlRenderer = HtmlRenderer.builder().extensions(extensions).build();
        this.textRenderer = TextContentRenderer.builder().build();
        this.output = new Document.OutputSettings().prettyPrint(false);
    }

    public RenderedPost render(Post post) {
        Node document = parser.parse(post.body());
        boolean rawHtml = LinkResolver.resolve(document, post.link());
        // commonmark decodes an entity such as &#1; to the character itself, which XML forbids: remove it
        // before jsoup sees it, since jsoup would write it back as &#x1; and the removal below would miss it.
        String html = XmlChars.removeIllegal(htmlRenderer.render(document));
        if (rawHtml) {
            html = XmlChars.removeIllegal(Jsoup.clean(html, post.link(), SAFELIST, output.clone()));
        }
        String summary = post.summary().isEmpty() ? firstParagraph(document) : PlainText.of(post.summary());
        return new RenderedPost(html, XmlChars.removeIllegal(summary));
    }

    private String firstParagraph(Node document) {
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Paragraph) {
                String text = PlainText.oneLine(PlainText.of(textRenderer.render(node)));
                if (!text.isEmpty()) {
                    return shorten(text);
                }
            }
        }
        return "";
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
