"""Archives (RFC 5005, issue 17) read by outside tools: the sample site and a dozen more posts with
``archives: true`` and small pages, served by ``serve``. A crawler of our own (e2e/archive_crawler.py) follows
only link relations from every subscription document the OPML lists name; what it collects is compared with
what the post files say. Every document is checked by xmllint (well-formed; Atom against RFC 4287's RELAX NG
grammar, e2e/atom.rnc turned into XML syntax by trang), feedparser and npm feedsmith
(e2e/node/archives.mjs, its own walk); nginx with proxy_cache in front of serve must not ask serve again for
a settled page; and serve's Cache-Control, ETag and 304 on the pages.

Then, while serve runs, a new post must change no settled page, and an edit of an old post only the page of
each feed that holds it.

Beside most checks a control shows it can fail: a crawl with a page left out, a page without its fh:archive
mark and next-archive link, an index linking a page, a cut page, an Atom page without its id or authors, the
settled pages the relay saw in the first crawl.
"""

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import time
import urllib.parse
import xml.etree.ElementTree as ET

import feedparser

from archive_crawler import ATOM, crawl
from clients import Relay
from harness import (OUT, ROOT, Server, copy_sample_site, etag_of, expected_entries, front_matter, gunzip,
                     http_request, node_report, read_config, site_posts, wait_until)
from nginx_copies import Nginx

WORK = OUT / "archives"
SCHEMA = ROOT / "e2e" / "atom.rnc"
PROXY_CONF = ROOT / "e2e" / "nginx" / "proxy-cache.conf"

LIMIT = 4           # entries of a subscription document: feeds of up to 4 posts are complete (fh:complete)
PAGE_SIZE = 3       # entries of a settled archive page
S_MAXAGE = 1        # how long nginx keeps a subscription document or a newest page before it revalidates
YEAR = "public, max-age=31536000, immutable"
SITE_CACHE = f"public, max-age=300, s-maxage={S_MAXAGE}, stale-while-revalidate=60, stale-if-error=86400"
EVERY_POST = 10 ** 9

# Older than every sample post, in one category and two tags (one Japanese), so that they have several pages;
# a draft and a post dated in 2099 in the same terms must be on none.
POST = """---
title: "Archive note {n}"
date: 2024-{month:02d}-15 09:00:00 +0900
categories: ["Engineering"]
tags: ["AI", "投資"]
{extra}---
Note {n} of a series that gives the Engineering category and the AI and 投資 tags several archive pages.
"""


def archive_site():
    site = copy_sample_site("archives")
    config = site / "feeds-config" / "site.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^limit: .*$", f"limit: {LIMIT}", text)
    text = re.sub(r"(?m)^server:\n", f"server:\n  s_maxage: {S_MAXAGE}\n", text)
    config.write_text(text + f"\narchives: true\narchive_page_size: {PAGE_SIZE}\n", encoding="utf-8")
    for n in range(1, 13):
        (site / "posts" / f"2024-{n:02d}-15-archive-note-{n}.md").write_text(
            POST.format(n=n, month=n, extra=""), encoding="utf-8")
    (site / "posts" / "2024-06-20-archive-draft.md").write_text(
        POST.format(n="draft", month=6, extra="published: false\n"), encoding="utf-8")
    (site / "posts" / "2099-01-01-archive-future.md").write_text(
        POST.format(n="future", month=1, extra="").replace("2024-01-15", "2099-01-01"), encoding="utf-8")
    return site


def published_posts(site):
    """harness.site_posts, less the drafts (its reader takes `published: false` as a string)."""
    drafts = {p.relative_to(site).as_posix() for p in (site / "posts").rglob("*.md")
              if str((front_matter(p) or {}).get("published", "")).lower() == "false"}
    return [p for p in site_posts(site) if p["file"] not in drafts]


def fetcher(port, base):
    """fetch(url) asking the server on ``port`` for a URL published under ``base``."""
    def fetch(url, headers=None, method="GET"):
        if not url.startswith(base):
            raise ValueError(f"{url} is not under {base}")
        return http_request(port, local_path(url, base), headers, method)
    return fetch


def local_path(url, base):
    return "/" + urllib.parse.quote(urllib.parse.unquote(url[len(base):]), safe="/")


def subscriptions(fetch, base):
    """The OPML lists the index page links, and every subscription document they name, each once."""
    index = fetch(base).body.decode("utf-8")
    lists = sorted({urllib.parse.urljoin(base, href) for href in re.findall(r'href="([^"]+\.opml)"', index)})
    urls = []
    for opml in lists:
        for outline in ET.fromstring(fetch(opml).body).iter("outline"):
            url = outline.get("xmlUrl")
            if url and url not in urls:
                urls.append(url)
    linked = {urllib.parse.urljoin(base, href) for href in re.findall(r'href="([^"]+)"', index)}
    return lists, urls, linked


def crawl_all(fetch, urls):
    return {url: crawl(fetch, url) for url in urls}


def shape(c):
    """What two crawls of a feed must agree on: the subscription document's ids, each page's URL and ids."""
    return c.start.ids, [(p.url, p.ids) for p in c.pages]


def history_problems(c, want):
    """Where a crawl differs from the posts the front matter gives its feed (``want``, newest first)."""
    url = c.start.url
    problems = list(c.problems)
    if c.start.ids != want[:LIMIT]:
        problems.append(f"{url}: subscription document holds {c.start.ids}, expected {want[:LIMIT]}")
    if len(want) <= LIMIT:
        if c.pages:
            problems.append(f"{url}: all {len(want)} posts fit in limit, yet {len(c.pages)} archive pages")
        if c.start.kind != "json" and not c.start.complete:
            problems.append(f"{url}: all {len(want)} posts fit in limit, not marked fh:complete")
        return problems
    if c.start.complete:
        problems.append(f"{url}: {len(want)} posts, more than limit, marked fh:complete")
    got = c.archived()
    if got != want:
        missing = [i for i in want if i not in got]
        twice = sorted({i for i in got if got.count(i) > 1})
        extra = [i for i in got if i not in want]
        problems.append(f"{url}: pages hold {len(got)} entries, expected {len(want)}; missing {missing}, "
                        f"twice {twice}, not of this feed {extra}" + ("; order differs" if
                                                                       not (missing or twice or extra) else ""))
    sizes = [len(p.ids) for p in c.pages]
    if not sizes or not 1 <= sizes[0] <= PAGE_SIZE or any(s != PAGE_SIZE for s in sizes[1:]):
        problems.append(f"{url}: page sizes newest first {sizes}; every page but the newest holds {PAGE_SIZE}")
    return problems


def check_archives(R, _root):
    WORK.mkdir(parents=True, exist_ok=True)
    site = archive_site()
    cfg = read_config(site)
    base = cfg["feed_base_url"]
    posts = published_posts(site)
    server = Server(site, name="archives")
    try:
        fetch = fetcher(server.port, base)
        lists, urls, linked = subscriptions(fetch, base)
        crawls = crawl_all(fetch, urls)
        check_histories(R, crawls, posts, base, fetch)
        pages = [p for c in crawls.values() for p in c.pages]
        check_lists(R, lists, urls, linked, pages)
        documents = [c.start for c in crawls.values()] + pages
        check_xml(R, documents)
        check_feedparser(R, documents)
        check_feedsmith(R, server, base, crawls)
        check_cache_control(R, crawls, fetch)
        check_nginx(R, server, base, urls, crawls)
        check_changes(R, site, fetch, base, urls, crawls)
    finally:
        server.stop()


def without_marks(fetch, url):
    """``fetch``, except that the document at ``url`` loses its fh:archive mark and its next-archive link."""
    def tampering(asked, headers=None, method="GET"):
        r = fetch(asked, headers, method)
        if asked == url:
            r.body = re.sub(rb'<fh:archive ?/>|<atom:link [^>]*rel="next-archive"[^>]*/>', b"", r.body)
        return r
    return tampering


def feed_path(url, base):
    """The decoded path of a subscription document (``/tags/投資/atom.xml``): what harness.expected_entries takes."""
    return urllib.parse.unquote("/" + url[len(base):])


def all_history_problems(crawls, posts, base):
    return [problem for url, c in crawls.items() for problem in
            history_problems(c, [p["id"] for p in expected_entries(posts, feed_path(url, base), EVERY_POST)])]


def check_histories(R, crawls, posts, base, fetch):
    problems, families = all_history_problems(crawls, posts, base), {}
    for url, c in crawls.items():
        path = feed_path(url, base)
        family = path.split("/")[1] if path.count("/") > 1 else "site"
        families[family] = max(families.get(family, 0), len(c.pages))
    # The controls: the site's RSS crawl with its second page left out, and a crawl of it whose second page
    # comes without its fh:archive mark and its next-archive link, must both be refused.
    site_rss = crawls[base + "rss.xml"]
    cut = type(site_rss)(site_rss.start, site_rss.pages[:1] + site_rss.pages[2:], [])
    control = history_problems(cut, [p["id"] for p in expected_entries(posts, "/rss.xml", EVERY_POST)])
    tampered = crawl(without_marks(fetch, site_rss.pages[1].url), site_rss.start.url).problems
    pages = sum(len(c.pages) for c in crawls.values())
    R.add("archives: each subscription document's prev-archive chain holds its feed's posts once, newest to oldest",
          not problems and control and len(tampered) == 2 and pages > 0,
          f"{len(crawls)} subscription documents (every OPML list), {pages} archive pages; controls refused: a page "
          f"left out {bool(control)}, a page without fh:archive and next-archive {len(tampered)} problems",
          "\n".join(problems[:30]))
    R.add("archives: the site, a category and a tag each have at least 3 archive pages",
          all(families.get(k, 0) >= 3 for k in ("site", "categories", "tags")),
          ", ".join(f"{k} {v}" for k, v in sorted(families.items())))


def check_lists(R, lists, urls, linked, pages):
    page_urls = {p.url for p in pages}
    listed = page_urls & (set(urls) | linked)
    control = page_urls & (set(urls) | {pages[0].url})     # the same test, had the index linked one page
    R.add("archives: the OPML lists and the index page name no archive page", lists and not listed and control,
          f"{len(lists)} OPML lists, {len(urls)} subscription documents, {len(linked)} index links; control (an "
          f"index linking a page) refused: {bool(control)}", "\n".join(sorted(listed)))


def save(documents, folder):
    """Writes each document to ``folder`` (one file each, numbered); returns {path: document}."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    files = {}
    for n, doc in enumerate(documents):
        path = folder / f"{n:04d}.{ {'json': 'json'}.get(doc.kind, 'xml') }"
        path.write_bytes(doc.body)
        files[path] = doc
    return files


def xmllint(*args):
    return subprocess.run(["xmllint", "--noout", *map(str, args)], capture_output=True, text=True, timeout=120)


def check_xml(R, documents):
    files = save(documents, WORK / "documents")
    xml_files = [p for p, d in files.items() if d.kind != "json"]
    atom_files = [p for p, d in files.items() if d.kind == "atom"]
    pages = sum(1 for d in documents if d.archive)

    cut = WORK / "control-cut.xml"
    cut.write_bytes(files[atom_files[-1]].body[:-40])
    plain, control = xmllint(*xml_files), xmllint(cut)
    R.add("archives: xmllint --noout: every RSS and Atom document well-formed",
          plain.returncode == 0 and control.returncode != 0 and len(xml_files) > pages > 0,
          f"{len(xml_files)} documents, {pages} of them archive pages; control (a cut page) refused: "
          f"{control.returncode != 0}", plain.stderr[-3000:])

    rng = WORK / "atom.rng"
    trang = subprocess.run(["trang", "-I", "rnc", "-O", "rng", str(SCHEMA), str(rng)], capture_output=True,
                           text=True, timeout=60)
    if trang.returncode != 0:
        R.add("archives: trang turns e2e/atom.rnc into atom.rng", False, f"exit {trang.returncode}", trang.stderr)
        return
    no_id = WORK / "control-no-id.xml"
    no_id.write_text(re.sub(r"<id>[^<]*</id>", "", files[atom_files[-1]].body.decode("utf-8"), count=1),
                     encoding="utf-8")
    valid = xmllint("--relaxng", rng, *atom_files)
    control = xmllint("--relaxng", rng, no_id)
    validated = valid.stderr.count(" validates\n")
    R.add("archives: xmllint --relaxng: every Atom document valid against RFC 4287's grammar (e2e/atom.rnc)",
          valid.returncode == 0 and validated == len(atom_files) and "fails to validate" in control.stderr,
          f"{validated} of {len(atom_files)} validate; control (an atom:feed without atom:id) refused: "
          f"{'fails to validate' in control.stderr}",
          "\n".join(line for line in valid.stderr.splitlines() if "validates" not in line)[-3000:])

    problems = [f"{files[p].url}: {why}" for p in atom_files for why in schematron_rules(files[p].body)]
    # The control: a page of several entries without any author element, its first entry without links or content.
    page = next(files[p].body.decode("utf-8") for p in atom_files if files[p].archive and len(files[p].ids) > 1)
    page = re.sub(r"<author>.*?</author>", "", page, flags=re.S)
    page = re.sub(r"<entry>.*?</entry>", lambda m: re.sub(r"<link [^>]*/>|<content[ >].*?</content>", "", m.group(),
                                                          flags=re.S), page, count=1, flags=re.S)
    control = schematron_rules(page.encode("utf-8"))
    R.add("archives: RFC 4287's two Schematron rules (a feed's or every entry's author; an entry's alternate "
          "link or content)", not problems and atom_files and len(control) == 2,
          f"{len(atom_files)} Atom documents; control (no author, an entry without links or content) refused: "
          f"{len(control)} problems", "\n".join(problems[:20]))


def schematron_rules(body):
    """RFC 4287 Appendix B's Schematron assertions, which xmllint does not run."""
    feed = ET.fromstring(body)
    author = f"{{{ATOM}}}author"
    entries = feed.findall(f"{{{ATOM}}}entry")
    problems = []
    if feed.find(author) is None and any(e.find(author) is None for e in entries):
        problems.append("no atom:author on the feed nor on every entry")
    for e in entries:
        alternate = [link for link in e.findall(f"{{{ATOM}}}link") if link.get("rel", "alternate") == "alternate"]
        if not alternate and e.find(f"{{{ATOM}}}content") is None:
            problems.append(f"entry {e.findtext(f'{{{ATOM}}}id')}: no alternate link and no content")
    return problems


RELS = ("self", "current", "prev-archive", "next-archive")


def check_feedparser(R, documents):
    problems, n = [], 0
    for doc in documents:
        if doc.kind == "json":
            continue
        n += 1
        d = feedparser.parse(doc.body)
        if d.bozo:
            problems.append(f"{doc.url}: bozo {d.bozo_exception!r}")
        ids = [e.get("id") for e in d.entries]
        if ids != doc.ids:
            problems.append(f"{doc.url}: feedparser reads ids {ids}, the crawler {doc.ids}")
        links = {rel: sorted(link["href"] for link in d.feed.get("links", []) if link.get("rel") == rel)
                 for rel in RELS}
        mine = {rel: sorted(doc.links.get(rel, [])) for rel in RELS}
        if links != mine:
            problems.append(f"{doc.url}: feedparser reads links {links}, the crawler {mine}")
    control = feedparser.parse(documents[-1].body[:-40]).bozo
    R.add("archives: feedparser: every RSS and Atom document bozo 0, with the crawler's ids and self, current, "
          "prev-archive and next-archive links", not problems and n > 0 and control,
          f"{n} documents; control (a cut page) bozo: {bool(control)}", "\n".join(problems[:20]))


def check_feedsmith(R, server, base, crawls):
    report, failure = node_report("archives.mjs", server.url("/"), base, *crawls, timeout=120)
    if report is None:
        R.add("archives: feedsmith walks every feed's archive pages", False, "no report", failure)
        return
    theirs = {c["start"]: c for c in report["crawls"]}
    problems = report["problems"] + feedsmith_differences(crawls, theirs)
    # The control: the same comparison with one page of the site's RSS crawl left out of ours.
    site_rss = crawls[base + "rss.xml"]
    cut = dict(crawls)
    cut[base + "rss.xml"] = type(site_rss)(site_rss.start, site_rss.pages[1:], [])
    control = feedsmith_differences(cut, theirs)
    kinds = sorted({c["kind"] for c in report["crawls"]})
    R.add("archives: npm feedsmith, walking prev-archive (next_url) by itself, reaches the crawler's pages in its "
          "order, with its ids and links",
          not problems and kinds == ["atom", "json", "rss"] and control,
          f"{len(theirs)} feeds ({', '.join(kinds)}), {sum(len(c['pages']) for c in theirs.values())} pages; "
          f"control (a page left out) refused: {bool(control)}", "\n".join(problems[:20]))


def feedsmith_differences(crawls, theirs):
    problems = []
    for url, c in crawls.items():
        t = theirs.get(url)
        if t is None:
            problems.append(f"{url}: feedsmith did not read it")
            continue
        if (t["kind"], t["ids"]) != (c.start.kind, c.start.ids):
            problems.append(f"{url}: feedsmith reads {t['kind']} {t['ids']}, the crawler {c.start.kind} {c.start.ids}")
        ours = [(p.url, p.ids, {r: p.links.get(r) for r in RELS}) for p in c.pages]
        got = [(p["url"], p["ids"], {r: p["links"].get(r) for r in RELS}) for p in t["pages"]]
        if got != ours:
            problems.append(f"{url}: feedsmith reaches {[g[0] for g in got]}, the crawler {[o[0] for o in ours]}"
                            + ("" if [g[0] for g in got] != [o[0] for o in ours] else " (ids or links differ)"))
    return problems


def check_cache_control(R, crawls, fetch):
    """Settled pages a year and immutable; the newest page and the subscription document the site's."""
    problems, settled, other = [], 0, 0
    for c in crawls.values():
        for doc, want in [(c.start, SITE_CACHE)] + [(p, SITE_CACHE if i == 0 else YEAR) for i, p in enumerate(c.pages)]:
            got = doc.headers.get("cache-control")
            settled, other = (settled + 1, other) if want == YEAR else (settled, other + 1)
            if got != want:
                problems.append(f"{doc.url}: Cache-Control {got!r}, expected {want!r}")
            if doc.headers.get("etag") != etag_of(doc.body):
                problems.append(f"{doc.url}: ETag {doc.headers.get('etag')}, the bytes' {etag_of(doc.body)}")
    R.add("archives: Cache-Control: settled pages a year, immutable; the newest page and the subscription "
          "document the site's; ETag the bytes' hash",
          not problems and settled > 0, f"{settled} settled pages, {other} newest pages and subscription documents",
          "\n".join(problems[:20]))

    tag = next(c for url, c in crawls.items() if "/tags/" in url and url.endswith("atom.xml") and len(c.pages) >= 3)
    problems = []
    for page in (tag.pages[-1], tag.pages[0]):
        etag = page.headers.get("etag")
        again = fetch(page.url, {"If-None-Match": etag})
        if again.status != 304 or again.body or again.headers.get("etag") != etag or \
                again.headers.get("cache-control") != page.headers.get("cache-control"):
            problems.append(f"{page.url}: If-None-Match {etag}: {again.status}, {len(again.body)} bytes, "
                            f"{again.headers.get('etag')}, {again.headers.get('cache-control')!r}")
        gz = fetch(page.url, {"Accept-Encoding": "gzip"})
        if gz.headers.get("content-encoding") != "gzip" or gunzip(gz.body) != page.body or \
                gz.headers.get("etag") != etag_of(page.body, True) or \
                gz.headers.get("cache-control") != page.headers.get("cache-control"):
            problems.append(f"{page.url}: gzip answer {gz.status} {gz.headers.get('content-encoding')} "
                            f"{gz.headers.get('etag')} {gz.headers.get('cache-control')!r}")
        stale = fetch(page.url, {"If-None-Match": '"not-this-one"'})
        if stale.status != 200:
            problems.append(f"{page.url}: a stale ETag got {stale.status}")
        since = fetch(page.url, {"If-Modified-Since": page.headers.get("last-modified", "")})
        if since.status != 304:
            problems.append(f"{page.url}: If-Modified-Since its Last-Modified got {since.status}")
        head = fetch(page.url, method="HEAD")
        if head.body or {k: v for k, v in head.headers.items() if k != "date"} != \
                {k: v for k, v in page.headers.items() if k != "date"}:
            problems.append(f"{page.url}: HEAD sent a body or other headers than GET's")
    R.add("archives: an archive page answers 304 to its ETag and its Last-Modified, 200 to another ETag, gzip with "
          "the -gzip ETag, HEAD with GET's headers",
          not problems, f"the oldest and the newest page of {tag.start.url}", "\n".join(problems))


class CachingNginx(Nginx):
    """nginx (as nginx_copies.Nginx starts it) with its prefix under target/e2e/archives/nginx (emptied first:
    a cache left by an earlier run would answer the first crawl), e2e/nginx/proxy-cache.conf in its server
    block, and an access log of each request's $upstream_cache_status."""

    def __init__(self, origin_port):
        prefix = WORK / "nginx"
        shutil.rmtree(prefix, ignore_errors=True)
        self.log = prefix / "access.log"
        super().__init__("nginx", None, includes=(PROXY_CONF,), probe="/healthz", prefix=prefix, http_lines=f"""\
    log_format cache '$upstream_cache_status $status "$request_uri"';
    access_log {self.log} cache;
    proxy_cache_path {prefix}/cache keys_zone=feedwright:1m max_size=64m inactive=1d;
    upstream feedwright_origin {{ server 127.0.0.1:{origin_port}; }}
""")

    def log_lines(self):
        return self.log.read_text(encoding="utf-8").splitlines() if self.log.exists() else []


def crawl_through(fetch, urls, relay, nginx):
    """A crawl, with the requests that reached serve and the lines nginx logged while it ran."""
    log_from, access_from = len(relay.log), len(nginx.log_lines())
    crawls = crawl_all(fetch, urls)
    return crawls, relay.log[log_from:], nginx.log_lines()[access_from:]


def check_nginx(R, server, base, urls, direct):
    relay = Relay(server.port)
    nginx = CachingNginx(relay.port)
    try:
        fetch = fetcher(nginx.port, base)
        settled = {local_path(p.url, base) for c in direct.values() for p in c.settled()}
        renewed = {local_path(d.url, base) for c in direct.values() for d in [c.start] + c.pages[:1]}
        first, origin1, _ = crawl_through(fetch, urls, relay, nginx)
        # Until every copy kept for s-maxage has expired (nginx counts whole seconds).
        time.sleep(S_MAXAGE + 1.2)
        second, origin2, access2 = crawl_through(fetch, urls, relay, nginx)

        differ = [url for url in urls if not shape(first[url]) == shape(second[url]) == shape(direct[url])]
        differ += [p for c in list(first.values()) + list(second.values()) for p in c.problems]
        asked1 = [e["path"] for e in origin1]
        once = sorted(settled | renewed) == sorted(asked1) and all(e["status"] == 200 for e in origin1)
        R.add("archives: nginx (proxy_cache) in front of serve: two crawls through it equal the crawl of serve; "
              "the first asks serve once for each document",
              not differ and once, f"{len(asked1)} requests reached serve in the first crawl "
              f"({len(settled)} settled pages, {len(renewed)} subscription documents and newest pages)",
              "\n".join(differ[:20]) + ("" if once else f"\nfirst crawl at serve: {sorted(asked1)[:40]}"))

        again = [e for e in origin2 if e["path"] in settled]
        hits = [line for line in access2 if line.startswith("HIT ")]
        settled_hits = {json.loads(line.split(" ", 2)[2]) for line in hits} & settled
        R.add("archives: nginx: the second crawl asks serve for none of the settled pages (a relay counts; "
              "nginx logs HIT)",
              not again and settled_hits == settled and len(settled) > 0 and
              sum(1 for e in origin1 if e["path"] in settled) == len(settled),
              f"{len(settled)} settled pages: {len(again)} requests at serve in the second crawl (control, the "
              f"first crawl: {sum(1 for e in origin1 if e['path'] in settled)}); {len(settled_hits)} nginx HITs",
              "\n".join(f"{e['path']}: {e['status']}" for e in again[:20]))

        revalidated = [e for e in origin2 if e["path"] in renewed and e["inm"] and e["status"] == 304]
        other = [e for e in origin2 if e["path"] not in settled and e not in revalidated]
        R.add("archives: nginx: the second crawl revalidates every subscription document and newest page (304), "
              "nothing else",
              {e["path"] for e in revalidated} == renewed and len(revalidated) == len(renewed) and not other,
              f"{S_MAXAGE + 1.2:.1f} s after the first, past s-maxage={S_MAXAGE}: {len(revalidated)} of "
              f"{len(renewed)} asked with If-None-Match and answered 304, {len(other)} other requests",
              "\n".join(f"{e['path']}: {e['status']} inm={e['inm']}" for e in other[:20]))

        tag = next(c for url, c in direct.items() if "/tags/" in url and len(c.pages) >= 3)
        page = tag.pages[-1]
        got = fetch(page.url, {"If-None-Match": page.headers["etag"]})
        R.add("archives: nginx: a settled page answers 304 to its ETag from the cache",
              got.status == 304 and got.headers.get("x-cache-status") == "HIT",
              f"{page.url}: {got.status}, {got.headers.get('x-cache-status')}")
    finally:
        nginx.stop()
        relay.close()


def etags(crawls):
    """{page URL: ETag} of every archive page of a set of crawls."""
    return {p.url: p.headers.get("etag") for c in crawls.values() for p in c.pages}


def holders(crawls, post_id):
    """The page URLs that hold an entry id."""
    return {p.url for c in crawls.values() for p in c.pages if post_id in p.ids}


def check_changes(R, site, fetch, base, urls, before):
    """While serve runs: a new post changes no settled page; an edit of an old post changes only its pages."""
    newest = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1)
    text = POST.format(n="newest", month=1, extra="")
    (site / "posts" / f"{newest:%Y-%m-%d}-archive-newest.md").write_text(
        text.replace("2024-01-15 09:00:00 +0900", f"{newest:%Y-%m-%d %H:%M:%S +0000}"), encoding="utf-8")
    site_feed = fetch(base + "rss.xml").headers.get("etag")
    reloaded = wait_until(lambda: fetch(base + "rss.xml").headers.get("etag") != site_feed, 20, 0.2)
    posts = published_posts(site)
    added = crawl_all(fetch, urls)
    old, new = etags(before), etags(added)
    settled = {p.url for c in before.values() for p in c.settled()}
    problems = all_history_problems(added, posts, base)
    problems += [f"{url}: a settled page changed (ETag {old[url]} -> {new.get(url)})"
                 for url in sorted(settled) if new.get(url) != old[url]]
    # The feeds the post joins, by its front matter; only their newest pages may change.
    newest_id = max(posts, key=lambda p: p["date"])["id"]
    joined = [url for url in urls if before[url].pages and newest_id in
              [p["id"] for p in expected_entries(posts, feed_path(url, base), EVERY_POST)]]
    changed = sorted(url for url in old if new.get(url) != old[url])
    allowed = {before[url].pages[0].url for url in joined}
    problems += [f"{url}: changed, not the newest page of a feed the post joined" for url in changed
                 if url not in allowed]
    R.add("archives: a new post while serve runs: every feed it joined holds it, no settled page changes",
          reloaded and not problems and joined and changed,
          f"{len(settled)} settled pages kept their ETag; {len(changed)} newest pages changed, "
          f"{len(set(new) - set(old))} pages added; the post joined {len(joined)} feeds with pages",
          ("" if reloaded else "serve did not publish the post within 20 s\n") + "\n".join(problems[:20]))

    # An edit of an old post's body changes, in each feed that holds it, the one page that holds it.
    note = next(p for p in posts if p["title"] == "Archive note 2")
    path = site / note["file"]
    pages_of_note = holders(added, note["id"])
    probe = sorted(pages_of_note)[0]
    probe_etag = new[probe]
    path.write_text(path.read_text(encoding="utf-8") + "\nAn edit made after the page was settled.\n", encoding="utf-8")
    reloaded = wait_until(lambda: fetch(probe).headers.get("etag") != probe_etag, 20, 0.2)
    edited = crawl_all(fetch, urls)
    after = etags(edited)
    changed = {url for url in new if after.get(url) != new[url]}
    problems = all_history_problems(edited, posts, base)
    if changed != pages_of_note:
        problems.append(f"changed pages {sorted(changed - pages_of_note)} beside the post's, "
                        f"unchanged of the post's {sorted(pages_of_note - changed)}")
    feeds_with_note = [url for url, c in added.items() if any(note["id"] in p.ids for p in c.pages)]
    if len(pages_of_note) != len(feeds_with_note):
        problems.append(f"{len(pages_of_note)} pages hold the post in {len(feeds_with_note)} feeds")
    R.add("archives: an edit of an old post while serve runs changes only the one page of each feed that holds it",
          reloaded and not problems and pages_of_note,
          f"{len(changed)} pages changed ({len(feeds_with_note)} feeds hold the post), {len(new) - len(changed)} kept",
          ("" if reloaded else f"{probe} did not change within 20 s\n") + "\n".join(problems[:20]))

