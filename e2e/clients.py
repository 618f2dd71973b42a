"""Real clients against the sample site: feedparser, xmllint, curl, headless Chromium, newsboat."""

import calendar
import html.parser
import http.server
import re
import shutil
import sqlite3
import subprocess
import threading
import time
import urllib.parse
from pathlib import Path

import feedparser

from harness import (OUT, Server, copy_sample_site, etag_of, expected_entries, gunzip, header_problems,
                     opml_feed_paths, read_config, site_posts, temp_dir, wait_until)


def _decoded(path):
    return urllib.parse.unquote(path)


def collect_ids(server, feeds):
    """{path: [(title, id)]} for every RSS and Atom feed."""
    out = {}
    for rss, atom in feeds:
        for path in (rss, atom):
            parsed = feedparser.parse(server.get(path).body)
            out[path] = [(e.get("title"), e.get("id")) for e in parsed.entries]
    return out


def check_feedparser(R, site_dir):
    site = copy_sample_site("feedparser")
    cfg = read_config(site)
    posts = site_posts(site)
    by_title = {p["title"]: p for p in posts}
    server = Server(site, name="feedparser")
    try:
        feeds = opml_feed_paths(server, cfg)
        problems = []
        n_feeds = n_entries = 0
        for rss, atom in feeds:
            want = expected_entries(posts, _decoded(rss), cfg["limit"])
            for path in (rss, atom):
                n_feeds += 1
                r = server.get(path)
                if r.status != 200:
                    problems.append(f"{path}: status {r.status}")
                    continue
                d = feedparser.parse(r.body)
                if d.bozo:
                    problems.append(f"{path}: bozo {d.bozo_exception!r}")
                if len(d.entries) != len(want):
                    problems.append(f"{path}: {len(d.entries)} entries, expected {len(want)}")
                for e, post in zip(d.entries, want):
                    n_entries += 1
                    where = f"{path} entry {e.get('title')!r}"
                    for key in ("title", "link", "id"):
                        if not e.get(key):
                            problems.append(f"{where}: no {key}")
                    if e.get("title") != post["title"]:
                        problems.append(f"{where}: expected {post['title']!r} at this place")
                    link = urllib.parse.urlparse(e.get("link", ""))
                    if link.scheme not in ("http", "https") or not link.netloc:
                        problems.append(f"{where}: link not absolute: {e.get('link')!r}")
                    if e.get("id") != post["id"]:
                        problems.append(f"{where}: id {e.get('id')!r}, expected {post['id']!r}")
                    if not e.get("published_parsed"):
                        problems.append(f"{where}: no parsed date")
                    elif calendar.timegm(e.published_parsed) != int(post["date"].timestamp()):
                        problems.append(f"{where}: published {time.strftime('%FT%TZ', e.published_parsed)},"
                                        f" front matter says {post['date'].isoformat()}")
                    if path.endswith("atom.xml"):
                        if not e.get("updated_parsed") or \
                                calendar.timegm(e.updated_parsed) != int(post["updated"].timestamp()):
                            problems.append(f"{where}: updated {e.get('updated')!r}, expected "
                                            f"{post['updated'].isoformat()}")
                    content = e.get("content") or []
                    if not content or not content[0].get("value", "").strip():
                        problems.append(f"{where}: no content")
        R.add("feedparser: every listed feed parses (bozo=0, counts, fields, dates)", not problems,
              f"{n_feeds} feeds, {n_entries} entries checked", "\n".join(problems))

        check_hints_and_terms(R, server, feeds, site, cfg)

        ids = collect_ids(server, feeds)
        mismatched = [rss for rss, atom in feeds if ids[rss] != ids[atom]]
        R.add("feedparser: RSS and Atom give each post the same id", not mismatched and ids,
              f"{len(feeds)} feed pairs", "differ: " + ", ".join(mismatched))
        server.stop()
        server = Server(site, name="feedparser-restart")
        again = collect_ids(server, feeds)
        changed = [p for p in ids if ids[p] != again.get(p)]
        R.add("feedparser: ids stable across a restart", not changed,
              f"{sum(len(v) for v in ids.values())} ids compared", "changed: " + ", ".join(changed))
    finally:
        server.stop()


SY_PERIOD_MINUTES = {"hourly": 60, "daily": 1440, "weekly": 10080, "yearly": 525600}


def check_hints_and_terms(R, server, feeds, site, cfg):
    """What feedparser reads of the polling hints and of the entries' terms, as the README says them."""
    config = (Path(site) / "feeds-config" / "site.yml").read_text(encoding="utf-8")
    m = re.search(r"^\s+max_age:\s*(\d+)", config, re.M)
    max_age = int(m.group(1)) if m else 300
    ttl = -(-max_age // 60)
    problems = []
    n_terms = 0
    for rss, atom in feeds:
        folder = rss[:-len("rss.xml")]
        for path in (rss, atom):
            r = server.get(path)
            d = feedparser.parse(r.body)
            f = d.feed
            if path == rss and str(f.get("ttl")) != str(ttl):
                problems.append(f"{path}: ttl {f.get('ttl')!r}, expected {ttl} (max_age {max_age})")
            period = SY_PERIOD_MINUTES.get(f.get("sy_updateperiod"))
            freq = int(f.get("sy_updatefrequency") or 0)
            if not period or not freq or period < ttl * freq or period >= ttl * (freq + 1):
                problems.append(f"{path}: sy {f.get('sy_updateperiod')!r} x{f.get('sy_updatefrequency')!r}"
                                f" is not the closest interval at least {ttl} minutes")
            # A term feed's own term, as its title names it: every entry lists it in that spelling.
            own = None
            for family in ("Category", "Tag"):
                marker = f" · {family}: "
                if marker in f.get("title", ""):
                    own = f["title"].split(marker, 1)[1]
            for e in d.entries:
                for tag in e.get("tags", []):
                    n_terms += 1
                    scheme = tag.get("scheme") or ""
                    family_folder = re.search(r"/(categories|tags)/([^/]+/)?$", scheme)
                    if not family_folder or bool(family_folder.group(2)) != (path == rss):
                        problems.append(f"{path} {e.get('title')!r}: term {tag.get('term')!r} scheme {scheme!r}")
                if own is None:
                    continue
                own_url = cfg["feed_base_url"].rstrip("/") + folder
                family_url = cfg["feed_base_url"].rstrip("/") + "/" + folder.split("/")[1] + "/"
                if path == rss:
                    listed = [t.get("term") for t in e.get("tags", []) if t.get("scheme") == own_url]
                else:
                    listed = [t.get("term") for t in e.get("tags", []) if t.get("scheme") == family_url
                              and t.get("term", "").casefold() == own.casefold()]
                if listed != [own]:
                    problems.append(f"{path} {e.get('title')!r}: lists its feed's term as {listed!r}, not {own!r}")
    R.add("feedparser: ttl and sy: say max_age; each term names its feed, spelt as the feed is", not problems,
          f"max_age {max_age}: ttl {ttl}; {n_terms} terms", "\n".join(problems))


def check_xmllint(R, site_dir):
    site = copy_sample_site("xmllint")
    server = Server(site, name="xmllint")
    try:
        feeds = opml_feed_paths(server, read_config(site))
        d = temp_dir("xmllint")
        files = []
        for i, (rss, atom) in enumerate(feeds):
            for path in (rss, atom):
                f = d / f"{i}-{Path(path).name}"
                f.write_bytes(server.get(path).body)
                files.append(str(f))
        f = d / "feeds.opml"
        f.write_bytes(server.get("/feeds.opml").body)
        files.append(str(f))
        p = subprocess.run(["xmllint", "--noout", *files], capture_output=True, text=True, timeout=120)
        R.add("xmllint --noout on every feed and the OPML", p.returncode == 0 and not p.stderr.strip(),
              f"{len(files)} documents", p.stderr)
    finally:
        server.stop()


# --------------------------------------------------------------------------------------------
# curl
# --------------------------------------------------------------------------------------------

def curl(url, *args):
    """Status and the header fields (lower-cased name -> value) of one response, via curl."""
    p = subprocess.run(["curl", "-sS", "--max-time", "20", "-o", "/dev/null", "-D", "-", *args, url],
                       capture_output=True, timeout=30)
    if p.returncode != 0:
        raise RuntimeError(f"curl {args} {url}: {p.stderr.decode(errors='replace')}")
    lines = p.stdout.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    return status, headers


def check_curl(R, site_dir):
    site = copy_sample_site("curl")
    server = Server(site, name="curl")
    try:
        url = server.url("/rss.xml")
        plain = server.get("/rss.xml").body
        # CORS (README "CORS and robots"): on every answer about a path, 404 included; the cors group
        # checks them in detail.
        cors = {"access-control-allow-origin", "access-control-expose-headers"}
        feed_headers = {"connection", "etag", "last-modified", "cache-control", "vary", "content-type",
                        "content-length", "date"} | cors
        # RFC 9110 15.4.5: a 304 carries the validators and caching fields of the 200, no body fields.
        cond_headers = {"etag", "last-modified", "cache-control", "vary", "date"} | cors
        text_headers = {"connection", "content-type", "content-length", "date", "cache-control"}

        def case(name, want_status, want_names, args, url=url, values=None):
            status, h = curl(url, *args)
            problems = header_problems(status, h, want_status, want_names, values)
            R.add(f"curl: {name}", not problems, f"{status} {' '.join(sorted(h))}", "\n".join(problems))
            return h

        h200 = case("200 GET /rss.xml", 200, feed_headers, [], values={
            "content-type": "application/rss+xml; charset=utf-8", "etag": etag_of(plain),
            "cache-control": "public, max-age=300, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400", "vary": "Accept-Encoding",
            "content-length": str(len(plain))})
        etag, lm = h200["etag"], h200["last-modified"]
        case("304 from If-None-Match", 304, cond_headers, ["-H", f"If-None-Match: {etag}"],
             values={"etag": etag, "last-modified": lm})
        case("304 from If-None-Match list with W/", 304, cond_headers,
             ["-H", f'If-None-Match: "nope", W/{etag}'], values={"etag": etag})
        case("304 from If-Modified-Since", 304, cond_headers, ["-H", f"If-Modified-Since: {lm}"],
             values={"etag": etag, "last-modified": lm})
        case("200 for an older If-Modified-Since", 200, feed_headers,
             ["-H", "If-Modified-Since: Mon, 01 Jan 2024 00:00:00 GMT"])
        case("200 when If-None-Match differs (IMS ignored)", 200, feed_headers,
             ["-H", 'If-None-Match: "other"', "-H", f"If-Modified-Since: {lm}"])

        gz = server.get("/rss.xml", {"Accept-Encoding": "gzip"})
        same = gz.status == 200 and gunzip(gz.body) == plain
        R.add("curl: gzip body inflates to the plain body", same, f"{len(gz.body)} of {len(plain)} bytes")
        case("200 gzip", 200, feed_headers | {"content-encoding"}, ["-H", "Accept-Encoding: gzip"], values={
            "content-encoding": "gzip", "etag": etag_of(plain, True), "content-length": str(len(gz.body))})
        case("304 gzip from If-None-Match", 304, cond_headers,
             ["-H", "Accept-Encoding: gzip", "-H", f"If-None-Match: {etag_of(plain, True)}"])
        head = case("HEAD /rss.xml", 200, feed_headers, ["-I"])
        same_head = {k: v for k, v in head.items() if k != "date"} == \
                    {k: v for k, v in h200.items() if k != "date"}
        R.add("curl: HEAD headers equal GET headers", same_head, "")
        text = {"content-type": "text/plain; charset=utf-8", "cache-control": "no-store"}
        case("404 unknown path", 404, text_headers | cors, [], url=server.url("/nope.xml"), values=text)
        allow = {"allow": "GET, HEAD, OPTIONS", **text}
        case("405 POST", 405, text_headers | {"allow"}, ["-X", "POST"], values=allow)
        case("405 DELETE", 405, text_headers | {"allow"}, ["-X", "DELETE"], values=allow)
        case("200 Unicode tag path", 200, feed_headers, [], url=server.url("/tags/%E6%8A%95%E8%B3%87/rss.xml"))
    finally:
        server.stop()


# --------------------------------------------------------------------------------------------
# Chromium
# --------------------------------------------------------------------------------------------

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-quic", "--disable-dev-shm-usage"]


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.anchors, self.alternates = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.anchors.append(a["href"])
        if tag == "link" and (a.get("rel") or "").lower() == "alternate":
            self.alternates.append((a.get("type"), a.get("href")))


def chromium(*args, timeout=90):
    profile = temp_dir("chromium-profile")
    return subprocess.run(["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, timeout=timeout)


def check_chromium(R, site_dir):
    site = copy_sample_site("chromium")
    server = Server(site, name="chromium")
    try:
        feeds = opml_feed_paths(server, read_config(site))
        base = server.url("/")
        p = chromium("--dump-dom", base)
        dom = p.stdout.decode("utf-8", errors="replace")
        links = _Links()
        links.feed(dom)
        hrefs = {urllib.parse.urlparse(urllib.parse.urljoin(base, h)).path for h in links.anchors}
        wanted = {path for pair in feeds for path in pair}
        missing = sorted(wanted - {urllib.parse.quote(urllib.parse.unquote(h)) for h in hrefs})
        broken = []
        for h in sorted(hrefs):
            if h.endswith((".xml", ".opml")):
                r = server.get(h)
                if r.status != 200:
                    broken.append(f"{h}: {r.status}")
        R.add("chromium: / lists every feed, every link answers 200", dom and not missing and not broken,
              f"{len(hrefs)} links, {len(wanted)} feeds",
              f"exit {p.returncode}; missing {missing}; broken {broken}\n{p.stderr.decode(errors='replace')[-800:]}")
        alt = {(t, urllib.parse.urljoin(base, h)) for t, h in links.alternates}
        want_alt = {("application/rss+xml", server.url("/rss.xml")), ("application/atom+xml", server.url("/atom.xml"))}
        R.add("chromium: autodiscovery <link rel=alternate> for RSS and Atom", want_alt <= alt,
              f"{len(alt)} alternates", f"found {sorted(alt)}")
        OUT.mkdir(parents=True, exist_ok=True)
        shot = OUT / "index.png"
        shot.unlink(missing_ok=True)
        p = chromium(f"--screenshot={shot}", "--window-size=1200,1800", "--hide-scrollbars", base)
        ok = shot.exists() and shot.stat().st_size > 10_000
        R.add("chromium: screenshot of /", ok, f"{shot.relative_to(OUT.parent.parent)} "
              f"({shot.stat().st_size if shot.exists() else 0} bytes)", p.stderr.decode(errors="replace")[-800:])
    finally:
        server.stop()


# --------------------------------------------------------------------------------------------
# newsboat through a logging loopback relay
# --------------------------------------------------------------------------------------------

class Relay:
    """A loopback HTTP relay in front of the server that records each request's conditional headers,
    the upstream status and any Location (the server keeps no access log).

    ``upstream_port`` may be changed while it runs (a site moving to another server behind the same
    address); with ``strip_prefix`` set (``/blog``) it is a reverse proxy mounting the upstream's root at
    that path, and answers 404 itself for paths outside it."""

    HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "upgrade", "host"}

    def __init__(self, upstream_port, strip_prefix=""):
        self.log = []
        self.upstream_port = upstream_port
        self.strip_prefix = strip_prefix
        relay = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                import http.client
                path, prefix = self.path, relay.strip_prefix
                if prefix and path != prefix and not path.startswith(prefix + "/"):
                    relay.log.append({"path": self.path, "status": 404, "inm": None, "ims": None,
                                      "agent": self.headers.get("User-Agent"), "location": None})
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                upstream_path = (path[len(prefix):] or "/") if prefix else path
                conn = http.client.HTTPConnection("127.0.0.1", relay.upstream_port, timeout=20)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in relay.HOP}
                conn.request(self.command, upstream_path, headers=headers)
                r = conn.getresponse()
                body = r.read()
                conn.close()
                relay.log.append({"path": self.path, "status": r.status,
                                  "inm": self.headers.get("If-None-Match"),
                                  "ims": self.headers.get("If-Modified-Since"),
                                  "agent": self.headers.get("User-Agent"),
                                  "location": r.getheader("Location")})
                self.send_response(r.status)
                for k, v in r.getheaders():
                    if k.lower() not in relay.HOP and k.lower() not in ("date", "server"):
                        self.send_header(k, v)
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            do_HEAD = do_GET

            def log_message(self, *a):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def check_newsboat(R, site_dir):
    site = copy_sample_site("newsboat")
    cfg = read_config(site)
    server = Server(site, name="newsboat")
    relay = Relay(server.port)
    try:
        home = temp_dir("newsboat-home")
        feeds = {"/rss.xml": None, "/tags/%E6%8A%95%E8%B3%87/atom.xml": None}
        urls = home / "urls"
        urls.write_text("".join(f"http://127.0.0.1:{relay.port}{p}\n" for p in feeds))
        conf = home / "config"
        conf.write_text("reload-threads 1\ndownload-timeout 20\nmax-items 0\nshow-read-feeds yes\n")
        cache = home / "cache.db"
        env = {"HOME": str(home), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin",
               "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local/share")}

        def reload():
            p = subprocess.run(["newsboat", "-u", str(urls), "-c", str(cache), "-C", str(conf), "-x", "reload"],
                               env=env, capture_output=True, timeout=120, stdin=subprocess.DEVNULL)
            if p.returncode != 0:
                raise RuntimeError(f"newsboat exit {p.returncode}: {p.stderr.decode(errors='replace')}")

        def items():
            with sqlite3.connect(cache) as db:
                return db.execute("SELECT feedurl, guid, title FROM rss_item").fetchall()

        posts = site_posts(site)
        want = {p: len(expected_entries(posts, urllib.parse.unquote(p.replace("atom.xml", "rss.xml")), cfg["limit"]))
                for p in feeds}
        rounds = []
        for i in range(3):
            start = len(relay.log)
            reload()
            rounds.append(relay.log[start:])
        stored = items()
        want_ids = {p["id"] for f in feeds
                    for p in expected_entries(posts, urllib.parse.unquote(f.replace("atom.xml", "rss.xml")), cfg["limit"])}
        got_ids = {g for _, g, _ in stored}
        # newsboat keys items by guid across feeds: a post in both feeds is stored once
        R.add("newsboat: cache holds every item of both feeds", got_ids == want_ids and len(stored) == len(want_ids),
              f"{len(stored)} items stored, {len(want_ids)} distinct posts expected",
              f"missing {sorted(want_ids - got_ids)}; unexpected {sorted(got_ids - want_ids)}")
        first, third = rounds[0], rounds[2]
        unconditional_first = all(r["status"] == 200 for r in first) and len(first) == len(feeds)
        conditional = third and all((r["inm"] or r["ims"]) and r["status"] == 304 for r in third) \
            and len(third) == len(feeds)
        R.add("newsboat: 3rd reload is conditional and gets 304",
              unconditional_first and conditional,
              " / ".join(",".join(str(r["status"]) for r in rnd) for rnd in rounds) +
              (" (If-None-Match sent)" if third and all(r["inm"] for r in third) else ""),
              "\n".join(str(r) for rnd in rounds for r in rnd))

        # edit a post in the Unicode tag feed: new title must arrive on the next reload
        post = site / "posts" / "2025-10-03-hokkaido-datacenter.md"
        new_title = "寒冷地データセンター（e2e 編集済み）"
        text = post.read_text(encoding="utf-8")
        old_title_line = next(line for line in text.splitlines() if line.startswith("title:"))
        etag_before = server.get("/rss.xml").headers["etag"]
        post.write_text(text.replace(old_title_line, f'title: "{new_title}"'), encoding="utf-8")
        wait_until(lambda: server.get("/rss.xml").headers["etag"] != etag_before, 15)
        start = len(relay.log)
        reload()
        after = relay.log[start:]
        edited = next(p for p in posts if p["file"].endswith(post.name))
        now = {g: t for _, g, t in items()}
        ok = now.get(edited["id"]) == new_title and all(r["status"] == 200 for r in after)
        R.add("newsboat: an edited post arrives on the next reload", ok,
              f"statuses {','.join(str(r['status']) for r in after)}; stored title {now.get(edited['id'])!r}",
              f"log {after}")
    finally:
        relay.close()
        server.stop()
