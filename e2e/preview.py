"""Preview pages (issue 14, item 1) in headless Chromium: every feed's feed.html lists exactly the feed's
entries in order (expected from the posts' front matter, not from Feedwright), links and advertises every
format, and works with and without JavaScript; screenshots of the index page, a Japanese tag's preview
(desktop and phone) and a feed URL are kept under target/e2e/."""

import html.parser
import urllib.parse

from clients import chromium
from harness import (OUT, Server, copy_sample_site, expected_entries, feed_folder, opml_feed_paths, read_config,
                     site_posts)

FORMATS = {  # file name -> media type, as the registry has them
    "rss.xml": "application/rss+xml",
    "atom.xml": "application/atom+xml",
    "feed.json": "application/feed+json",
}
JA_TAG = "/tags/%E6%8A%95%E8%B3%87/"       # 投資


class _Preview(html.parser.HTMLParser):
    """What a person sees of a preview page in the DOM Chromium built: entries, formats, addresses, buttons."""

    def __init__(self):
        super().__init__()
        self.lang = None
        self.alternates = {}        # type -> href
        self.format_links = []      # hrefs in ul.formats
        self.addresses = []         # readonly input values
        self.buttons = []           # (data-copy, hidden)
        self.entries = []           # (title, href) in ol.entries
        self.index_link = None
        self._in = set()
        self._entry = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "link" and (a.get("rel") or "").lower() == "alternate":
            self.alternates[a.get("type")] = a.get("href")
        elif tag == "ul" and "formats" in classes:
            self._in.add("formats")
        elif tag == "ol" and "entries" in classes:
            self._in.add("entries")
        elif tag == "header":
            self._in.add("header")
        elif tag == "h3":
            self._in.add("h3")
        elif tag == "a" and "formats" in self._in:
            self.format_links.append(a.get("href"))
        elif tag == "a" and "h3" in self._in and "entries" in self._in:
            self._entry = [a.get("href"), ""]
        elif tag == "a" and "header" in self._in and self.index_link is None:
            self.index_link = a.get("href")
        elif tag == "input" and "readonly" in a:
            self.addresses.append(a.get("value"))
        elif tag == "button" and "data-copy" in a:
            self.buttons.append((a.get("data-copy"), "hidden" in a))

    def handle_endtag(self, tag):
        if tag == "ul":
            self._in.discard("formats")
        elif tag == "ol":
            self._in.discard("entries")
        elif tag in ("header", "h3"):
            self._in.discard(tag)
        elif tag == "a" and self._entry is not None:
            self.entries.append((self._entry[1].strip(), self._entry[0]))
            self._entry = None

    def handle_data(self, data):
        if self._entry is not None:
            self._entry[1] += data


def _dump(url, *flags):
    p = chromium(*flags, "--dump-dom", url)
    page = _Preview()
    page.feed(p.stdout.decode("utf-8", errors="replace"))
    return page, p


def _screenshot(R, name, url, what, size="1200,1600"):
    shot = OUT / name
    shot.unlink(missing_ok=True)
    p = chromium(f"--screenshot={shot}", f"--window-size={size}", "--hide-scrollbars", url)
    ok = shot.exists() and shot.stat().st_size > 10_000
    R.add(f"preview: screenshot of {what}", ok, f"{shot.relative_to(OUT.parent.parent)} "
          f"({shot.stat().st_size if shot.exists() else 0} bytes)", p.stderr.decode(errors="replace")[-800:])


def check_preview(R, _root):
    site = copy_sample_site("preview")
    cfg = read_config(site)
    posts = site_posts(site)
    server = Server(site, name="preview")
    try:
        folders = [feed_folder(rss) for rss, _atom in opml_feed_paths(server, cfg)]
        wrong, entries_seen = [], 0
        for folder in folders:
            url = server.url(folder + "feed.html")
            page, p = _dump(url)
            where = urllib.parse.unquote(folder) + "feed.html"
            want = [e["title"] for e in expected_entries(posts, urllib.parse.unquote(folder) + "rss.xml", cfg["limit"])]
            got = [title for title, _href in page.entries]
            entries_seen += len(got)
            if got != want:
                wrong.append(f"{where}: entries {got} != expected {want}")
            if page.lang != cfg["language"]:
                wrong.append(f"{where}: lang {page.lang!r}")
            for href in (h for _t, h in page.entries):
                if not href.startswith(cfg["base_url"]):
                    wrong.append(f"{where}: entry link {href} outside {cfg['base_url']}")
            for name, media_type in FORMATS.items():
                target = urllib.parse.urlparse(urllib.parse.urljoin(url, name)).path
                if name not in page.format_links:
                    wrong.append(f"{where}: no link to {name}")
                if page.alternates.get(media_type) != name:
                    wrong.append(f"{where}: autodiscovery for {media_type} is {page.alternates.get(media_type)!r}")
                address = cfg["feed_base_url"] + folder.lstrip("/") + name
                if address not in page.addresses:
                    wrong.append(f"{where}: address {address} not offered ({page.addresses})")
                r = server.get(target)
                if r.status != 200 or not r.headers.get("content-type", "").startswith(media_type):
                    wrong.append(f"{where}: {target} answered {r.status} {r.headers.get('content-type')}")
            if len(page.buttons) != len(FORMATS) or any(hidden for _id, hidden in page.buttons):
                wrong.append(f"{where}: copy buttons after the script ran: {page.buttons}")
            back = urllib.parse.urlparse(urllib.parse.urljoin(url, page.index_link or "")).path
            if back != "/index.html":
                wrong.append(f"{where}: header links {page.index_link!r} ({back}), not the index page")
            if not page.entries and p.returncode != 0:
                wrong.append(f"{where}: chromium exit {p.returncode}: {p.stderr.decode(errors='replace')[-300:]}")
        R.add("preview: every feed's page lists exactly its entries in order, links and advertises every format",
              folders and not wrong, f"{len(folders)} pages, {entries_seen} entries", "\n".join(wrong[:30]))

        # Headless Chromium dumps and screenshots nothing with scripts turned off (it drives the page with
        # script itself), so the page without JavaScript is the served HTML as parsed, before any script.
        quiet = _Preview()
        quiet.feed(server.get(JA_TAG + "feed.html").body.decode("utf-8"))
        ok = (quiet.entries and len(quiet.addresses) == len(FORMATS)
              and len(quiet.buttons) == len(FORMATS) and all(hidden for _id, hidden in quiet.buttons))
        R.add("preview: without JavaScript the entries and addresses are there, the copy buttons hidden", ok,
              f"{len(quiet.entries)} entries, {len(quiet.addresses)} addresses, buttons {quiet.buttons}")

        index_links = _IndexLinks()
        index_links.feed(chromium("--dump-dom", server.url("/")).stdout.decode("utf-8", errors="replace"))
        linked = {urllib.parse.urlparse(urllib.parse.urljoin(server.url("/"), h)).path for h in index_links.hrefs}
        missing = [f + "feed.html" for f in folders if f + "feed.html" not in linked]
        R.add("preview: index page links every feed's preview", folders and not missing,
              f"{len(folders)} previews", f"missing {missing}")

        _screenshot(R, "preview-index.png", server.url("/"), "the index page")
        _screenshot(R, "preview-tag-ja.png", server.url(JA_TAG + "feed.html"), "the 投資 tag's preview (desktop)")
        _screenshot(R, "preview-tag-ja-phone.png", server.url(JA_TAG + "feed.html"), "the 投資 tag's preview (phone)",
                    size="390,1400")
        _screenshot(R, "preview-feed-url.png", server.url(JA_TAG + "rss.xml"), "the 投資 tag's RSS feed URL")
    finally:
        server.stop()


class _IndexLinks(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
