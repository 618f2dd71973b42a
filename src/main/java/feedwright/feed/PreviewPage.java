package feedwright.feed;

import static feedwright.feed.HtmlPageHead.escape;

import feedwright.text.FeedDates;
import feedwright.text.UrlPaths;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * A feed's preview: the HTML page a person gets who follows a link to the feed, now that browsers no longer
 * run the XSLT that once dressed a feed up. It lists the feed's entries (title linked to the post, date in
 * the site language's format, summary) and each format's address to copy, and carries
 * {@code <link rel="alternate">} autodiscovery for those formats. It is written as {@link #FILE_NAME} in the
 * feed's own folder, beside the feed's files: one rule for every family and page, which leaves the root
 * {@code index.html} to the site's list of feeds and a term folder's {@code index.html} to the blog
 * generator that may publish its own tag page there.
 *
 * <p>The page needs nothing but itself (inline CSS, no fonts, images or scripts from elsewhere) and works
 * without JavaScript: each address is text in a read-only field. A small inline script only shows the
 * copy buttons, which stay hidden when scripts do not run. Links are relative, as on the index page, so a
 * build opens from a local folder too; the addresses to copy are the published absolute URLs. Every text
 * is escaped with jsoup's entities ({@link HtmlPageHead#escape}). Pure and thread-safe.
 */
public final class PreviewPage {

    /** The page's file name in each feed's folder. */
    public static final String FILE_NAME = "feed.html";

    private static final String STYLE = "<style>\n"
            + ":root{color-scheme:light dark;--muted:#666;--line:#ddd}\n"
            + "@media (prefers-color-scheme:dark){:root{--muted:#aaa;--line:#444}}\n"
            + "body{font-family:system-ui,sans-serif;line-height:1.5;max-width:46rem;margin:0 auto;"
            + "padding:1rem;overflow-wrap:anywhere}\n"
            + "h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}h2{font-size:1.2rem;margin-top:2rem}"
            + "h3{font-size:1.05rem;margin:0}\n"
            + ".muted,time{color:var(--muted)}\n"
            + ".formats{list-style:none;padding:0}.formats li{margin:.6rem 0}\n"
            + ".address{display:flex;gap:.5rem;margin-top:.2rem}"
            + ".address input{flex:1;min-width:0;font:inherit;font-size:.9rem;padding:.3rem}"
            + ".address button{font:inherit;padding:.3rem .8rem}\n"
            + ".entries{list-style:none;padding:0}.entries li{border-top:1px solid var(--line);padding:.8rem 0}"
            + ".entries p{margin:.3rem 0}\n"
            + "</style>\n";

    /**
     * The page's one script, the same in every page: shows the copy buttons and copies a field's address on a
     * click, through the asynchronous clipboard where the page is a secure context, else through the
     * selection. Fixed text: no data goes into it, so audits for script in the output may set it aside.
     */
    public static final String SCRIPT = "<script>\n"
            + "for (const button of document.querySelectorAll(\"button[data-copy]\")) {\n"
            + "  const field = document.getElementById(button.dataset.copy);\n"
            + "  button.hidden = false;\n"
            + "  button.addEventListener(\"click\", async () => {\n"
            + "    field.select();\n"
            + "    let copied = true;\n"
            + "    try { await navigator.clipboard.writeText(field.value); }"
            + " catch (notAllowed) { copied = document.execCommand(\"copy\"); }\n"
            + "    button.textContent = copied ? \"Copied\" : \"Press Ctrl+C\";\n"
            + "    setTimeout(() => { button.textContent = \"Copy\"; }, 2000);\n"
            + "  });\n"
            + "}\n"
            + "</script>\n";

    private PreviewPage() {
    }

    /** The page's path relative to the feed root, unencoded: {@code tags/投資/feed.html}. */
    public static String path(FeedSpec spec) {
        return spec.folder() + FILE_NAME;
    }

    /**
     * @param timezone the site's zone: a date is shown on the day it is there, the day its permalink names,
     *                 whatever offset the post was written with
     */
    public static byte[] write(Feed feed, ZoneId timezone) {
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(Locale.forLanguageTag(feed.language())).withZone(timezone);
        StringBuilder html = new StringBuilder(4096 + feed.entries().size() * 600);
        HtmlPageHead.open(html, feed.language(), feed.title(), feed.title(),
                format -> UrlPaths.encodePath(format.fileName()));
        html.append(STYLE).append("</head>\n<body>\n<header>\n")
                .append("<p class=\"muted\"><a href=\"").append(toRoot(feed.spec())).append("index.html\">All feeds</a>")
                .append(" · <a href=\"").append(escape(feed.siteUrl())).append("\">").append(escape(feed.siteUrl()))
                .append("</a></p>\n<h1>").append(escape(feed.title())).append("</h1>\n");
        if (!feed.description().isEmpty()) {
            html.append("<p>").append(escape(feed.description())).append("</p>\n");
        }
        html.append("</header>\n");
        subscribe(html, feed);
        entries(html, feed, dates);
        html.append(SCRIPT).append("</body>\n</html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void subscribe(StringBuilder html, Feed feed) {
        html.append("<section>\n<h2>Subscribe</h2>\n<p>This page previews a web feed. To follow it, copy one of its"
                + " addresses into a feed reader; each format carries the same entries.</p>\n<ul class=\"formats\">\n");
        for (FeedFormat format : FeedFormats.all()) {
            String id = "address-" + format.fileName().replaceAll("[^A-Za-z0-9]", "-");
            html.append("<li><a href=\"").append(escape(UrlPaths.encodePath(format.fileName()))).append("\">")
                    .append(escape(format.label() + " " + format.version())).append("</a>\n")
                    .append("<div class=\"address\"><input id=\"").append(id)
                    .append("\" type=\"text\" readonly value=\"").append(escape(feed.selfUrl(format.fileName())))
                    .append("\" aria-label=\"").append(escape(format.label())).append(" address\">")
                    .append("<button type=\"button\" data-copy=\"").append(id).append("\" hidden>Copy</button>")
                    .append("</div></li>\n");
        }
        html.append("</ul>\n</section>\n");
    }

    private static void entries(StringBuilder html, Feed feed, DateTimeFormatter dates) {
        html.append("<section>\n<h2>Latest entries</h2>\n");
        if (feed.entries().isEmpty()) {
            html.append("<p>No entries yet.</p>\n</section>\n");
            return;
        }
        html.append("<p class=\"muted\">").append(feed.entries().size())
                .append(feed.entries().size() == 1 ? " entry" : " entries").append(", newest first");
        feed.updated().ifPresent(updated -> html.append("; updated ").append(time(updated, dates)));
        html.append(".</p>\n<ol class=\"entries\">\n");
        for (Entry entry : feed.entries()) {
            html.append("<li><article>\n<h3><a href=\"").append(escape(entry.link())).append("\">")
                    .append(escape(entry.title())).append("</a></h3>\n<p>").append(time(entry.published(), dates))
                    .append("</p>\n");
            if (!entry.summary().isEmpty()) {
                html.append("<p>").append(escape(entry.summary())).append("</p>\n");
            }
            html.append("</article></li>\n");
        }
        html.append("</ol>\n</section>\n");
    }

    /** A date as the site's language writes it, on its day in the site's zone, with the exact time for machines. */
    private static String time(OffsetDateTime time, DateTimeFormatter dates) {
        return "<time datetime=\"" + FeedDates.rfc3339(time) + "\">" + escape(dates.format(time)) + "</time>";
    }

    /** From the feed's folder back to the feed root: {@code ../../} for {@code tags/投資/}. */
    private static String toRoot(FeedSpec spec) {
        return "../".repeat((int) spec.folder().chars().filter(c -> c == '/').count());
    }
}
