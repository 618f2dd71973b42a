import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import org.commonmark.parser.Parser;
import org.jdom2.output.Format;
import org.jdom2.output.LineSeparator;
import org.jdom2.output.XMLOutputter;
import org.commonmark.renderer.html.HtmlRenderer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A build of the benchmark's corpus that does only the fixed libraries' part, timed by the benchmark's phase
 * "floor" beside Feedwright and Hugo: what reading with SnakeYAML and rendering with commonmark-java take on this
 * JVM before any of Feedwright's own work.
 *
 * <p>It reads every post's front matter with SnakeYAML (one loader per thread), plans the same feeds a build
 * plans (the site's, each category's and each tag's, newest {@code LIMIT} posts each), renders with
 * commonmark-java each post a feed shows, once, escapes its HTML once for XML and once for JSON, and writes every
 * feed as RSS, Atom and JSON Feed by joining strings (not through ROME, which Feedwright's RSS and Atom go
 * through). It checks nothing, repairs no body, keeps no cache, and writes no preview page, index or OPML list;
 * a feed's folder is its term with anything but letters and digits made a hyphen. Not part of Feedwright.
 *
 * <p>With {@code --rome} it writes RSS and Atom through ROME instead, the fixed choice for feeds, with the same
 * fields: each feed as ROME's model ({@link Channel}, {@link Feed}), made into a JDOM document by
 * {@link WireFeedOutput} and serialised by JDOM's {@link XMLOutputter} in Feedwright's format, with each entry's
 * escaped HTML copied in where a short placeholder stood, as Feedwright copies it ({@code XmlDocuments.write}; it
 * copies bytes encoded once per post, this program text that is encoded with the document, as in the other mode).
 *
 * <p>Usage: {@code java -cp floor.jar:feedwright.jar Floor [--rome] POSTS_FOLDER OUT_FOLDER}
 */
public final class Floor {
    private static final int LIMIT = 20;
    private static final String BASE = "https://blog.example.com/";
    private static final Parser MARKDOWN = Parser.builder().build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().build();
    // The corpus's dates ("2025-11-26 20:35:16 +0000"), which YAML's timestamp form does not take.
    private static final DateTimeFormatter JEKYLL_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");
    private static final ThreadLocal<Yaml> YAML =
            ThreadLocal.withInitial(() -> new Yaml(new SafeConstructor(new LoaderOptions())));

    private record Post(String name, String title, Instant date, List<String> categories, List<String> tags,
            String body) {}

    /** A post's HTML, escaped for XML and for JSON. */
    private record Rendered(String xml, String json) {}

    private Floor() {}

    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        boolean rome = args[0].equals("--rome");
        Path out = Path.of(args[rome ? 2 : 1]);
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of(args[rome ? 1 : 0]))) {
            files = listed.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        }
        List<Post> posts = files.parallelStream().map(Floor::read)
                .sorted(Comparator.comparing(Post::date).reversed()).toList();
        long read = System.nanoTime();

        Map<String, List<Post>> feeds = new TreeMap<>();
        feeds.put("", newest(posts));
        Map<String, List<Post>> byTerm = new TreeMap<>();
        for (Post post : posts) {
            post.categories().forEach(c -> byTerm.computeIfAbsent("categories/" + folder(c), k -> new ArrayList<>())
                    .add(post));
            post.tags().forEach(t -> byTerm.computeIfAbsent("tags/" + folder(t), k -> new ArrayList<>()).add(post));
        }
        byTerm.forEach((name, shown) -> feeds.put(name, newest(shown)));
        Set<Post> shown = Collections.newSetFromMap(new IdentityHashMap<>());
        feeds.values().forEach(shown::addAll);
        // Each post rendered once, and its HTML escaped once for XML and once for JSON, as Feedwright does: every
        // feed that shows the post splices in the same strings.
        List<Post> toRender = List.copyOf(shown);
        List<Rendered> renderings = toRender.parallelStream().map(Floor::render).toList();
        Map<Post, Rendered> html = new IdentityHashMap<>();
        for (int i = 0; i < toRender.size(); i++) {
            html.put(toRender.get(i), renderings.get(i));
        }
        long rendered = System.nanoTime();

        feeds.entrySet().parallelStream()
                .forEach(feed -> write(out.resolve(feed.getKey()), feed.getValue(), html, rome));
        long written = System.nanoTime();
        System.err.printf("floor: %d posts, %d feeds, %d rendered; read %.2f s, render %.2f s, write %.2f s%n",
                posts.size(), feeds.size(), shown.size(), (read - start) / 1e9, (rendered - read) / 1e9,
                (written - rendered) / 1e9);
    }

    private static Rendered render(Post post) {
        String html = HTML.render(MARKDOWN.parse(post.body()));
        return new Rendered(xml(html), json(html));
    }

    private static List<Post> newest(List<Post> sortedNewestFirst) {
        return sortedNewestFirst.subList(0, Math.min(LIMIT, sortedNewestFirst.size()));
    }

    @SuppressWarnings("unchecked")
    private static Post read(Path file) {
        try {
            String text = Files.readString(file);
            int end = text.indexOf("\n---\n", 4);
            Map<String, Object> front = YAML.get().load(text.substring(4, end));
            Object date = front.get("date");
            String name = file.getFileName().toString().replaceFirst("\\.md$", "");
            return new Post(name, String.valueOf(front.get("title")),
                    date instanceof Date d ? d.toInstant() : JEKYLL_DATE.parse(String.valueOf(date), Instant::from),
                    (List<String>) front.getOrDefault("categories", List.of()),
                    (List<String>) front.getOrDefault("tags", List.of()), text.substring(end + 5));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String folder(Object term) {
        StringBuilder name = new StringBuilder();
        String.valueOf(term).codePoints().forEach(c -> name.appendCodePoint(Character.isLetterOrDigit(c) ? c : '-'));
        return name.toString();
    }

    private static void write(Path folder, List<Post> posts, Map<Post, Rendered> html, boolean rome) {
        try {
            Files.createDirectories(folder);
            if (rome) {
                Files.writeString(folder.resolve("rss.xml"), spliced(rss(folder, posts), posts, html));
                Files.writeString(folder.resolve("atom.xml"), spliced(atom(folder, posts), posts, html));
            } else {
                Files.writeString(folder.resolve("rss.xml"), joinedRss(folder, posts, html));
                Files.writeString(folder.resolve("atom.xml"), joinedAtom(folder, posts, html));
            }
            Files.writeString(folder.resolve("feed.json"), joinedJson(folder, posts, html));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String joinedRss(Path folder, List<Post> posts, Map<Post, Rendered> html) {
        String title = xml("Feed " + folder.getFileName());
        StringBuilder rss = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<rss version=\"2.0\"><channel><title>").append(title).append("</title>")
                .append("<link>").append(BASE).append("</link>")
                .append("<description>").append(title).append("</description>\n");
        for (Post post : posts) {
            String link = BASE + post.name() + "/";
            rss.append("<item><title>").append(xml(post.title())).append("</title><link>").append(link)
                    .append("</link><guid>").append(link).append("</guid><pubDate>").append(post.date())
                    .append("</pubDate><description>").append(html.get(post).xml()).append("</description></item>\n");
        }
        return rss.append("</channel></rss>\n").toString();
    }

    private static String joinedAtom(Path folder, List<Post> posts, Map<Post, Rendered> html) {
        StringBuilder atom = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>").append(xml("Feed " + folder.getFileName()))
                .append("</title><id>").append(BASE).append("</id><updated>")
                .append(posts.isEmpty() ? Instant.EPOCH : posts.get(0).date()).append("</updated>\n");
        for (Post post : posts) {
            String link = BASE + post.name() + "/";
            atom.append("<entry><title>").append(xml(post.title())).append("</title><link href=\"").append(link)
                    .append("\"/><id>").append(link).append("</id><updated>").append(post.date())
                    .append("</updated><content type=\"html\">").append(html.get(post).xml()).append("</content></entry>\n");
        }
        return atom.append("</feed>\n").toString();
    }

    private static String joinedJson(Path folder, List<Post> posts, Map<Post, Rendered> html) {
        StringBuilder json = new StringBuilder("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"")
                .append(json("Feed " + folder.getFileName())).append("\",\"items\":[");
        for (Post post : posts) {
            json.append(post == posts.get(0) ? "" : ",").append("{\"id\":\"").append(BASE).append(post.name())
                    .append("/\",\"title\":\"").append(json(post.title())).append("\",\"content_html\":\"")
                    .append(html.get(post).json()).append("\"}");
        }
        return json.append("]}\n").toString();
    }

    /** Entry {@code i}'s content in the ROME model: a placeholder that {@link #spliced} replaces. */
    private static String placeholder(int i) {
        return "\uE000" + i + "\uE001";
    }

    private static Channel rss(Path folder, List<Post> posts) {
        Channel channel = new Channel("rss_2.0");
        channel.setTitle("Feed " + folder.getFileName());
        channel.setLink(BASE);
        channel.setDescription("Feed " + folder.getFileName());
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            Post post = posts.get(i);
            Item item = new Item();
            item.setTitle(post.title());
            item.setLink(BASE + post.name() + "/");
            Guid guid = new Guid();
            guid.setValue(BASE + post.name() + "/");
            item.setGuid(guid);
            item.setPubDate(Date.from(post.date()));
            Description description = new Description();
            description.setValue(placeholder(i));
            item.setDescription(description);
            items.add(item);
        }
        channel.setItems(items);
        return channel;
    }

    private static Feed atom(Path folder, List<Post> posts) {
        Feed feed = new Feed("atom_1.0");
        feed.setTitle("Feed " + folder.getFileName());
        feed.setId(BASE);
        feed.setUpdated(Date.from(posts.isEmpty() ? Instant.EPOCH : posts.get(0).date()));
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            Post post = posts.get(i);
            Entry entry = new Entry();
            entry.setTitle(post.title());
            Link link = new Link();
            link.setHref(BASE + post.name() + "/");
            entry.setAlternateLinks(List.of(link));
            entry.setId(BASE + post.name() + "/");
            entry.setUpdated(Date.from(post.date()));
            Content content = new Content();
            content.setType("html");
            content.setValue(placeholder(i));
            entry.setContents(List.of(content));
            entries.add(entry);
        }
        feed.setEntries(entries);
        return feed;
    }

    /**
     * The feed through ROME and JDOM (serialised with Feedwright's format), each placeholder replaced by its post's
     * HTML, escaped once per post.
     */
    private static String spliced(WireFeed feed, List<Post> posts, Map<Post, Rendered> html) {
        String skeleton;
        try {
            skeleton = new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8").setLineSeparator(LineSeparator.UNIX)
                    .setIndent("  ").setTextMode(Format.TextMode.TRIM_FULL_WHITE))
                    .outputString(new WireFeedOutput().outputJDom(feed));
        } catch (FeedException e) {
            throw new IllegalStateException(e);
        }
        // A title holding the placeholder's character would splice the wrong post in: refuse it.
        if (skeleton.chars().filter(c -> c == '\uE000').count() != posts.size()) {
            throw new IllegalStateException("a post's title holds U+E000, the placeholder's character");
        }
        StringBuilder out = new StringBuilder(skeleton.length() + posts.stream().mapToInt(p -> html.get(p).xml().length()).sum());
        int from = 0;
        for (int start = skeleton.indexOf('\uE000'); start >= 0; start = skeleton.indexOf('\uE000', from)) {
            int end = skeleton.indexOf('\uE001', start);
            out.append(skeleton, from, start).append(html.get(posts.get(Integer.parseInt(skeleton, start + 1, end, 10))).xml());
            from = end + 1;
        }
        return out.append(skeleton, from, skeleton.length()).toString();
    }

    private static String xml(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 32);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String json(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 32);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
