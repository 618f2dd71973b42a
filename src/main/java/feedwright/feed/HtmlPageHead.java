package feedwright.feed;

import java.util.function.Function;
import org.jsoup.nodes.Entities;

/**
 * What the HTML pages written beside the feeds ({@link IndexPage}, {@link PreviewPage}) open with: the doctype, the
 * language, the character set, the viewport, the title and a {@code <link rel="alternate">} to a feed in each
 * registered format, which is how browsers and readers discover a feed from a page. One place, so both pages
 * announce every format the same way. Every text is escaped with jsoup's {@link Entities}. Pure.
 */
final class HtmlPageHead {

    private HtmlPageHead() {
    }

    /**
     * Appends the page's start up to its style: everything in {@code <head>} but the style and the closing tag.
     *
     * @param feedTitle what each format's link is called, with the format's label added
     * @param feedHref  the link's target in each format, relative to the page, not yet escaped
     */
    static void open(StringBuilder html, String language, String title, String feedTitle,
                     Function<FeedFormat, String> feedHref) {
        html.append("<!DOCTYPE html>\n<html lang=\"").append(escape(language)).append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n");
        for (FeedFormat format : FeedFormats.all()) {
            html.append("<link rel=\"alternate\" type=\"").append(format.mediaType()).append("\" title=\"")
                    .append(escape(feedTitle + " (" + format.label() + ")")).append("\" href=\"")
                    .append(escape(feedHref.apply(format))).append("\">\n");
        }
    }

    /** {@code text} escaped for HTML text and attribute values. */
    static String escape(String text) {
        return Entities.escape(text);
    }
}
