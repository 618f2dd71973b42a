package feedwright.render;

import feedwright.text.UrlPaths;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;

/**
 * Rewrites the link and image destinations of a parsed Markdown document before it is rendered:
 * each becomes absolute, resolved against the post's own URL as a browser showing the post would
 * resolve it (the one rule for URLs in a post, {@link UrlPaths#resolveInPost}: the front matter's
 * {@code image} follows it too), and one whose scheme could run code or leave the web ({@code javascript:}, {@code data:},
 * {@code vbscript:}, …) is dropped: a link keeps its text, an image its description. Also notes whether
 * the document holds raw HTML, which only a sanitizer can make safe.
 *
 * <p>One instance per document: it mutates the tree it visits and is not thread-safe.
 */
final class LinkResolver extends AbstractVisitor {

    private static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto");
    private static final Set<String> IMAGE_SCHEMES = Set.of("http", "https");

    private final URI base;
    private boolean rawHtml;

    private LinkResolver(URI base) {
        this.base = base;
    }

    /**
     * Resolves every destination of {@code document} against {@code baseUrl}.
     *
     * @return whether the document contains raw HTML (blocks or inline)
     */
    static boolean resolve(Node document, String baseUrl) {
        LinkResolver resolver = new LinkResolver(URI.create(baseUrl));
        document.accept(resolver);
        return resolver.rawHtml;
    }

    @Override
    public void visit(Link link) {
        visitChildren(link); // first: unwrapping moves the children out
        resolveOrUnwrap(link, link.getDestination(), LINK_SCHEMES, link::setDestination);
    }

    @Override
    public void visit(Image image) {
        visitChildren(image);
        resolveOrUnwrap(image, image.getDestination(), IMAGE_SCHEMES, image::setDestination);
    }

    /** Sets the absolute destination, or replaces the node by its children when it is not allowed. */
    private void resolveOrUnwrap(Node node, String destination, Set<String> schemes, Consumer<String> set) {
        String resolved = absolute(destination, schemes);
        if (resolved == null) {
            unwrap(node);
        } else {
            set.accept(resolved);
        }
    }

    @Override
    public void visit(HtmlBlock htmlBlock) {
        rawHtml = true;
    }

    @Override
    public void visit(HtmlInline htmlInline) {
        rawHtml = true;
    }

    /** Replaces {@code node} by its children. */
    private static void unwrap(Node node) {
        Node child = node.getFirstChild();
        while (child != null) {
            Node next = child.getNext(); // fetched first: insertBefore unlinks the child from this node
            node.insertBefore(child);
            child = next;
        }
        node.unlink();
    }

    /** The absolute form of {@code destination} ({@link UrlPaths#resolveInPost}), or null when it is not allowed. */
    private String absolute(String destination, Set<String> schemes) {
        return UrlPaths.resolveInPost(base, destination)
                .filter(resolved -> resolved.getScheme() != null
                        && schemes.contains(resolved.getScheme().toLowerCase(Locale.ROOT)))
                .map(URI::toString).orElse(null);
    }
}
