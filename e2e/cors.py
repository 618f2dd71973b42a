"""CORS and robots: headless Chromium fetching feeds from a page of another origin, and curl on every field.

The page is served by a small Python HTTP server on another port of 127.0.0.1 (another origin: the port
differs). Its script fetches a feed from Feedwright without and with If-None-Match (and with
If-Modified-Since), reads the body, the 304 and the exposed fields, tries /healthz (no CORS there), and
writes what it saw into the DOM as JSON; ``chromium --dump-dom`` hands the DOM back. The same page against
a server with ``cors_origin: false`` must be refused by the browser, and against one naming the page's
origin must be allowed: the CORS fields, not luck, decide.
"""

import html
import http.server
import json
import re
import threading
import urllib.parse

from clients import chromium, curl
from harness import Server, copy_sample_site, etag_of, free_port, header_problems

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cross-origin reader</title></head>
<body><pre id="result">pending</pre>
<script>
const FEED = FEED_URL, HEALTH = HEALTH_URL;
const pick = r => ({status: r.status, etag: r.headers.get("ETag"), lastModified: r.headers.get("Last-Modified"),
                    contentType: r.headers.get("Content-Type"), vary: r.headers.get("Vary")});
async function run() {
  const out = {pageOrigin: location.origin};
  try {
    const first = await fetch(FEED, {cache: "no-store"});
    out.first = pick(first);
    const body = await first.text();
    out.first.length = body.length;
    out.first.head = body.slice(0, 200);
    const byTag = await fetch(FEED, {cache: "no-store", headers: {"If-None-Match": out.first.etag}});
    out.byTag = pick(byTag);
    out.byTag.length = (await byTag.text()).length;
    const byDate = await fetch(FEED, {cache: "no-store", headers: {"If-Modified-Since": out.first.lastModified}});
    out.byDate = pick(byDate);
    const changed = await fetch(FEED, {cache: "no-store", headers: {"If-None-Match": '"not-the-etag"'}});
    out.changed = pick(changed);
    out.changed.length = (await changed.text()).length;
  } catch (e) {
    out.error = String(e);
  }
  try {
    await fetch(HEALTH, {cache: "no-store"});
    out.health = "read";
  } catch (e) {
    out.health = "blocked";
  }
  try {
    await fetch(FEED, {cache: "no-store", credentials: "include"});
    out.credentials = "read";
  } catch (e) {
    out.credentials = "blocked";
  }
  document.getElementById("result").textContent = JSON.stringify(out);
}
run();
</script></body></html>
"""


class PageServer:
    """The other origin: serves PAGE (for one feed URL) at / on a free port of 127.0.0.1."""

    def __init__(self):
        self.port = free_port()
        self.page = b""
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = outer.page if self.path == "/" else b"not found\n"
                self.send_response(200 if self.path == "/" else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *a):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def origin(self):
        return f"http://127.0.0.1:{self.port}"

    def show(self, feed_url, health_url):
        self.page = PAGE.replace("FEED_URL", json.dumps(feed_url)).replace("HEALTH_URL", json.dumps(health_url)) \
            .encode("utf-8")

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def js_text(data):
    """``data`` decoded as the script sees it: JavaScript counts a string's length in UTF-16 units."""
    return data.decode("utf-8").encode("utf-16-le")


def browse(page, server, feed_path):
    """What the page's script saw when fetching ``feed_path`` from ``server``, as a dict (or {} and why)."""
    page.show(server.url(feed_path), server.url("/healthz"))
    # The budget lets the page's fetches finish before the DOM is dumped (virtual time runs while the
    # network is idle only, so it is a bound, not a wait).
    p = chromium("--dump-dom", "--virtual-time-budget=15000", page.origin + "/")
    dom = p.stdout.decode("utf-8", errors="replace")
    m = re.search(r'<pre id="result">(.*?)</pre>', dom, re.S)
    if not m:
        return {}, f"exit {p.returncode}; no result in the DOM\n{dom[-400:]}\n{p.stderr.decode(errors='replace')[-800:]}"
    text = html.unescape(m.group(1))
    try:
        return json.loads(text), ""
    except ValueError:
        return {}, f"result is not JSON: {text[:400]}"


def serve_with(name, **server_keys):
    """A server on a copy of the sample site whose server section sets ``server_keys`` (YAML text values)."""
    site = copy_sample_site(name)
    config = site / "feeds-config" / "site.yml"
    text = config.read_text(encoding="utf-8")
    for key, value in server_keys.items():
        text, n = re.subn(rf"(?m)^  {key}:.*$", f"  {key}: {value}", text)
        assert n == 1, f"the sample's site.yml sets server.{key}"
    config.write_text(text, encoding="utf-8")
    return Server(site, name=name)


def check_browser(R, page):
    """Chromium on another origin reads a feed, its 304s and validators; /healthz stays unreadable."""
    server = serve_with("cors")
    try:
        for feed_path in ("/rss.xml", "/tags/%E6%8A%95%E8%B3%87/atom.xml", "/feed.json", "/feeds.opml"):
            plain = server.get(feed_path)
            want_etag = etag_of(plain.body, True)  # Chromium asks for gzip and gets its variant
            seen, why = browse(page, server, feed_path)
            first, by_tag = seen.get("first", {}), seen.get("byTag", {})
            by_date, changed = seen.get("byDate", {}), seen.get("changed", {})
            problems = []
            if seen.get("pageOrigin") != page.origin or page.origin == server.url("/").rstrip("/"):
                problems.append(f"page origin {seen.get('pageOrigin')!r} is not another origin")
            if "error" in seen:
                problems.append(f"fetch failed: {seen['error']}")
            units = js_text(plain.body)
            if first.get("status") != 200 or first.get("length") != len(units) // 2:
                problems.append(f"first fetch: {first.get('status')}, {first.get('length')} chars, "
                                f"expected 200, {len(units) // 2}")
            if first.get("head") != units[:400].decode("utf-16-le", errors="ignore"):
                problems.append("the body read is not the feed's")
            # ETag is readable only because it is exposed; Last-Modified is always readable.
            if first.get("etag") != want_etag or first.get("lastModified") != plain.headers.get("last-modified"):
                problems.append(f"validators read: {first.get('etag')!r}, {first.get('lastModified')!r}")
            if first.get("vary") is not None:
                problems.append(f"Vary was readable ({first.get('vary')!r}) though not exposed")
            if by_tag.get("status") != 304 or by_tag.get("length") != 0 or by_tag.get("etag") != want_etag:
                problems.append(f"If-None-Match: {by_tag}")
            if by_date.get("status") != 304:
                problems.append(f"If-Modified-Since: {by_date}")
            if changed.get("status") != 200 or changed.get("length") != first.get("length"):
                problems.append(f"a stale If-None-Match: {changed}")
            if seen.get("health") != "blocked":
                problems.append(f"/healthz: {seen.get('health')!r}, expected blocked (no CORS there)")
            if seen.get("credentials") != "blocked":
                problems.append(f"a fetch with credentials: {seen.get('credentials')!r}, expected blocked")
            R.add(f"cors: Chromium on {page.origin} reads {urllib.parse.unquote(feed_path)}, 304 and validators",
                  seen and not problems and not why,
                  f"200 {first.get('length')} chars, 304 ×2, ETag read; healthz {seen.get('health')}",
                  why + "\n".join(problems) + f"\nseen: {json.dumps(seen, ensure_ascii=False)[:1200]}")
    finally:
        server.stop()


def check_browser_refused(R, page):
    """The same page against cors_origin: false is refused; against its own origin named, allowed."""
    for name, value, allowed in (("cors-off", "false", False), ("cors-one", None, True)):
        server = serve_with(name, cors_origin=json.dumps(page.origin) if value is None else value)
        try:
            seen, why = browse(page, server, "/rss.xml")
            got = seen.get("first", {}).get("status") == 200 and seen.get("byTag", {}).get("status") == 304
            # Naming one origin still allows no credentials: a fetch that includes them is refused.
            ok = (got and "error" not in seen and seen.get("credentials") == "blocked") if allowed \
                else ("error" in seen and "first" not in seen)
            label = (f"cors_origin {page.origin}: that page may read" if allowed
                     else "cors_origin false: the browser refuses the page")
            R.add(f"cors: {label}", ok and not why,
                  seen.get("error", f"200 then {seen.get('byTag', {}).get('status')}"),
                  why + f"\nseen: {json.dumps(seen)[:800]}")
        finally:
            server.stop()


def check_headers(R):
    """curl: every field of 200, 304, HEAD, OPTIONS (plain and preflight), 404; noindex; CORS off."""
    server = serve_with("cors-curl")
    origin = "http://127.0.0.1:9"
    cors = {"access-control-allow-origin": "*", "access-control-expose-headers": "ETag, Last-Modified, Link"}
    feed_headers = {"connection", "etag", "last-modified", "cache-control", "vary", "content-type",
                    "content-length", "date"} | set(cors)
    cond_headers = {"etag", "last-modified", "cache-control", "vary", "date"} | set(cors)
    preflight = {"access-control-allow-methods": "GET, HEAD",
                 "access-control-allow-headers": "If-None-Match, If-Modified-Since",
                 "access-control-max-age": "86400", "allow": "GET, HEAD, OPTIONS", **cors}

    def case(name, srv, path, want_status, want_names, args, values=None):
        status, h = curl(srv.url(path), *args)
        problems = header_problems(status, h, want_status, want_names, values)
        R.add(f"cors: curl {name}", not problems, f"{status} {' '.join(sorted(h))}", "\n".join(problems))
        return h

    try:
        o = ["-H", f"Origin: {origin}"]
        for path in ("/rss.xml", "/feed.json", "/feeds.opml", "/index.html"):
            plain = server.get(path).body
            h = case(f"200 GET {path}", server, path, 200, feed_headers, o,
                     values={**cors, "etag": etag_of(plain), "vary": "Accept-Encoding"})
            case(f"304 If-None-Match {path}", server, path, 304, cond_headers, o + ["-H", f"If-None-Match: {h['etag']}"],
                 values={**cors, "etag": h["etag"]})
            case(f"304 If-Modified-Since {path}", server, path, 304, cond_headers,
                 o + ["-H", f"If-Modified-Since: {h['last-modified']}"], values=cors)
            head = case(f"HEAD {path}", server, path, 200, feed_headers, o + ["-I"], values=cors)
            R.add(f"cors: curl HEAD {path} = GET's fields", {k: v for k, v in head.items() if k != "date"}
                  == {k: v for k, v in h.items() if k != "date"}, "")
            case(f"OPTIONS preflight {path}", server, path, 204, set(preflight) | {"date"},
                 o + ["-X", "OPTIONS", "-H", "Access-Control-Request-Method: GET",
                      "-H", "Access-Control-Request-Headers: if-none-match"], values=preflight)
        case("200 gzip /atom.xml", server, "/atom.xml", 200, feed_headers | {"content-encoding"},
             o + ["-H", "Accept-Encoding: gzip"], values=cors)
        case("OPTIONS without preflight fields", server, "/rss.xml", 204, {"allow", "date"} | set(cors),
             ["-X", "OPTIONS"], values={"allow": "GET, HEAD, OPTIONS", **cors})
        case("OPTIONS *", server, "/", 204, {"allow", "date"}, ["-X", "OPTIONS", "--request-target", "*"],
             values={"allow": "GET, HEAD, OPTIONS"})
        text = {"connection", "content-type", "content-length", "date", "cache-control"}
        case("404 GET unknown path", server, "/nope.xml", 404, text | set(cors), o, values=cors)
        case("404 OPTIONS unknown path", server, "/nope.xml", 404, text | set(cors),
             o + ["-X", "OPTIONS", "-H", "Access-Control-Request-Method: GET"], values=cors)
        case("OPTIONS /healthz: no CORS", server, "/healthz", 204, {"allow", "date"},
             o + ["-X", "OPTIONS", "-H", "Access-Control-Request-Method: GET"])
        case("GET /healthz: no CORS", server, "/healthz", 200, text, o)
        case("405 DELETE: Allow, no CORS", server, "/rss.xml", 405, text | {"allow"}, o + ["-X", "DELETE"],
             values={"allow": "GET, HEAD, OPTIONS"})
    finally:
        server.stop()

    server = serve_with("cors-noindex", cors_origin="false", noindex="true")
    try:
        plain_feed = feed_headers - set(cors)
        h = case("noindex + CORS off: 200 /rss.xml", server, "/rss.xml", 200, plain_feed | {"x-robots-tag"},
                 ["-H", f"Origin: {origin}"], values={"x-robots-tag": "noindex"})
        case("noindex + CORS off: 304 /rss.xml", server, "/rss.xml", 304, (cond_headers - set(cors)) | {"x-robots-tag"},
             ["-H", f"If-None-Match: {h['etag']}"], values={"x-robots-tag": "noindex"})
        case("noindex: 200 /feeds.opml", server, "/feeds.opml", 200, plain_feed | {"x-robots-tag"}, [],
             values={"x-robots-tag": "noindex"})
        case("noindex: none on /index.html", server, "/index.html", 200, plain_feed, [])
        case("CORS off: preflight gets Allow only", server, "/rss.xml", 204, {"allow", "date"},
             ["-H", f"Origin: {origin}", "-X", "OPTIONS", "-H", "Access-Control-Request-Method: GET"])
    finally:
        server.stop()


def check_cors(R, site_dir):
    page = PageServer()
    try:
        check_browser(R, page)
        check_browser_refused(R, page)
    finally:
        page.close()
    check_headers(R)
