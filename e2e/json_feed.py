"""JSON Feed 1.1 (feed.json beside every rss.xml and atom.xml) read by real Node clients, and served like the
XML formats.

The Node part (e2e/node/compare.mjs, packages pinned in e2e/node/package-lock.json and installed by
e2e/install-deps) reads every feed.json and the atom.xml beside it from the running server with feedsmith and
@extractus/feed-extractor and reports every disagreement on ids, titles, links, dates and entry order.
"""

import json
import re
import urllib.parse

from harness import (Server, node_report, copy_sample_site, etag_of, expected_entries, feed_folder, gunzip, opml_feed_paths,
                     read_config, site_posts)

JSON_FEED_TYPE = "application/feed+json; charset=utf-8"


def check_json_feed(R, site_dir):
    site = copy_sample_site("json-feed")
    cfg = read_config(site)
    posts = site_posts(site)
    server = Server(site, name="json-feed")
    try:
        folders = [feed_folder(rss) for rss, _atom in opml_feed_paths(server, cfg)]
        check_node_clients(R, server, folders)
        check_expected_items(R, server, folders, posts, cfg)
        check_http(R, server)
        check_index(R, server, folders)
    finally:
        server.stop()


def check_node_clients(R, server, folders):
    report, failure = node_report("compare.mjs", server.url("").rstrip("/"), *folders, timeout=300)
    if report is None:
        R.add("node: feedsmith and feed-extractor read every feed.json", False, "no report", failure)
        return
    problems = report["problems"]
    for client in ("feedsmith", "feed-extractor"):
        mine = [x for x in problems if x.startswith(client + " ")]
        R.add(f"node {client}: every feed.json agrees with its atom.xml (ids, titles, links, dates, order)",
              report["feeds"] == len(folders) and not mine and report["entries"][client] > 0,
              f"{report['feeds']} feeds, {report['entries'][client]} entries", "\n".join(mine))
    rest = [x for x in problems if not x.startswith(("feedsmith ", "feed-extractor "))]
    R.add("node: feed.json and atom.xml served with their media types", not rest, f"{2 * len(folders)} responses",
          "\n".join(rest))


def check_expected_items(R, server, folders, posts, cfg):
    """Each feed.json holds the posts its folder should, newest first, by the id the front matter gives."""
    problems = []
    n = 0
    for folder in folders:
        r = server.get(folder + "feed.json")
        if r.status != 200:
            problems.append(f"{folder}feed.json: status {r.status}")
            continue
        doc = json.loads(r.body.decode("utf-8"))
        want = [p["id"] for p in expected_entries(posts, urllib.parse.unquote(folder) + "rss.xml", cfg["limit"])]
        got = [item.get("id") for item in doc.get("items", [])]
        n += len(got)
        if got != want:
            problems.append(f"{folder}feed.json: ids {got}, expected {want}")
        if doc.get("version") != "https://jsonfeed.org/version/1.1":
            problems.append(f"{folder}feed.json: version {doc.get('version')!r}")
        if doc.get("feed_url") != cfg["feed_base_url"] + folder.lstrip("/") + "feed.json":
            problems.append(f"{folder}feed.json: feed_url {doc.get('feed_url')!r}")
    R.add("json-feed: every feed.json holds the expected posts in order (front matter)", not problems,
          f"{len(folders)} feeds, {n} items", "\n".join(problems))


def check_http(R, server):
    """The validators, gzip and conditional answers the XML formats get (see the curl group)."""
    for path in ("/feed.json", "/tags/%E6%8A%95%E8%B3%87/feed.json"):
        problems = []
        plain = server.get(path)
        h = plain.headers
        atom = server.get(path[: -len("feed.json")] + "atom.xml")
        want = {"content-type": JSON_FEED_TYPE, "etag": etag_of(plain.body), "vary": "Accept-Encoding",
                "cache-control": "public, max-age=300, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400", "content-length": str(len(plain.body)),
                "last-modified": atom.headers.get("last-modified")}
        problems += [f"{k}: {h.get(k)!r}, expected {v!r}" for k, v in want.items() if h.get(k) != v]
        not_modified = server.get(path, {"If-None-Match": h.get("etag", "")})
        if not_modified.status != 304 or not_modified.body:
            problems.append(f"If-None-Match: {not_modified.status} with {len(not_modified.body)} bytes, expected 304")
        since = server.get(path, {"If-Modified-Since": h.get("last-modified", "")})
        if since.status != 304:
            problems.append(f"If-Modified-Since: {since.status}, expected 304")
        gz = server.get(path, {"Accept-Encoding": "gzip"})
        if gz.headers.get("content-encoding") != "gzip" or gunzip(gz.body) != plain.body \
                or gz.headers.get("etag") != etag_of(plain.body, True):
            problems.append(f"gzip: {gz.headers.get('content-encoding')!r}, etag {gz.headers.get('etag')!r}")
        gz304 = server.get(path, {"Accept-Encoding": "gzip", "If-None-Match": etag_of(plain.body, True)})
        if gz304.status != 304:
            problems.append(f"gzip If-None-Match: {gz304.status}, expected 304")
        head = server.get(path, method="HEAD")
        if head.body or {k: v for k, v in head.headers.items() if k != "date"} != \
                {k: v for k, v in h.items() if k != "date"}:
            problems.append("HEAD: headers differ from GET's or a body was sent")
        R.add(f"json-feed: {path} served like the XML feeds (type, ETag, Last-Modified, 304, gzip, HEAD)",
              plain.status == 200 and not problems, f"{plain.status}, {len(plain.body)} bytes", "\n".join(problems))


def check_index(R, server, folders):
    html = server.get("/").body.decode("utf-8")
    alternate = re.search(r'<link rel="alternate" type="application/feed\+json"[^>]*href="feed\.json">', html)
    missing = [f for f in folders if f'href="{f.lstrip("/")}feed.json"' not in html]
    R.add("json-feed: index.html links every feed.json and advertises the site's", alternate and not missing,
          f"{len(folders) - len(missing)} of {len(folders)} linked", f"autodiscovery {bool(alternate)}; missing {missing}")
