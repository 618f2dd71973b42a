"""The websub-publish group: serve as a WebSub publisher to an external hub, checked against a third party.

A capture server on 127.0.0.1 plays the hub: it records every request and answers 204 (what a hub answers a
publish notification with, and what Debian's php-pubsubhubbub-publisher counts as success). The PHP library
publishes a URL to it; then `feedwright serve`, with websub.hubs naming it, publishes after an edit. The two
requests must agree on method, path, content type and the decoded form fields, and serve must have told the
hub of each feed whose bytes changed exactly once, and of no other. curl checks the Link header fields of a
feed on 200, 304 and HEAD.
"""

import json
import queue
import subprocess
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from harness import Server, copy_sample_site, feed_folder, opml_feed_paths, read_config, wait_until

PHP_LIBRARY = "/usr/share/php/Pubsubhubbub/Publisher/autoload.php"
PHP_PUBLISH = ("require '" + PHP_LIBRARY + "';"
               " $p = new \\pubsubhubbub\\publisher\\Publisher($argv[1]);"
               " exit($p->publish_update($argv[2]) ? 0 : 1);")
OWN_POST = "posts/2025-09-14-datacenter-cooling.md"
WITNESS = "/tags/cooling/rss.xml"
FORMATS = ("rss.xml", "atom.xml", "feed.json")
SETTLE = 2.0   # after the expected pings, how long any further (wrong) ping has to show up
WAIT = 20.0


class Capture:
    """The hub: every request as (method, path, content type, raw body), answered 204."""

    def __init__(self):
        self.requests = queue.Queue()
        requests = self.requests

        class Handler(BaseHTTPRequestHandler):
            # As a hub does: HTTP/1.1, connections kept. (An HTTP/1.0 answer without "Connection: close" has the
            # JDK's client reuse a connection the server closed, and a ping fails once before its retry.)
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("ascii", "replace")
                requests.put({"method": "POST", "path": self.path,
                              "type": self.headers.get("Content-Type"), "body": body})
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path):
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def take(self, count, timeout=WAIT):
        got = []
        deadline = time.monotonic() + timeout
        while len(got) < count and time.monotonic() < deadline:
            try:
                got.append(self.requests.get(timeout=max(0.01, deadline - time.monotonic())))
            except queue.Empty:
                break
        return got

    def rest(self):
        got = []
        while True:
            try:
                got.append(self.requests.get_nowait())
            except queue.Empty:
                return got

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def fields(body):
    """The form's fields decoded, in order, as (name, value) pairs (a field may come more than once)."""
    return urllib.parse.parse_qsl(body, keep_blank_values=True, strict_parsing=True)


def shape(request):
    """What two publish notifications must share: method, path, type and the decoded fields' names and mode."""
    pairs = fields(request["body"])
    return (request["method"], request["path"], request["type"], [name for name, _ in pairs],
            dict(pairs).get("hub.mode"))


def curl_headers(url, *args):
    p = subprocess.run(["curl", "-sS", "--max-time", "10", "-o", "/dev/null", "-D", "-", *args, url],
                       capture_output=True, text=True, timeout=20)
    lines = p.stdout.replace("\r", "").splitlines()
    status = int(lines[0].split()[1]) if lines else 0
    headers = [line.split(":", 1) for line in lines[1:] if ":" in line]
    return status, [(k.strip().lower(), v.strip()) for k, v in headers]


def check_websub_publish(R, _root):
    hub = Capture()
    server = None
    try:
        hub_url = hub.url("/hub")
        topic = "https://example.org/blog/tags/cooling/rss.xml"
        php = subprocess.run(["php", "-r", PHP_PUBLISH, "--", hub_url, topic], capture_output=True, text=True,
                             timeout=30)
        reference = hub.take(1)
        R.add("websub-publish: php-pubsubhubbub-publisher publishes a URL to the capture hub",
              php.returncode == 0 and len(reference) == 1 and dict(fields(reference[0]["body"])).get("hub.url") == topic,
              f"exit {php.returncode}, {len(reference)} request(s)"
              + (f": {reference[0]['method']} {reference[0]['path']} {reference[0]['type']}" if reference else ""),
              php.stdout + php.stderr)
        if not reference:
            return

        site = copy_sample_site("websub-publish")
        with open(site / "feeds-config" / "site.yml", "a", encoding="utf-8") as config:
            config.write(f"\nwebsub:\n  hubs: [\"{hub_url}\"]\n")
        server = Server(site, name="websub-publish")
        cfg = read_config(site)
        feeds = [feed_folder(rss) + name for rss, _ in opml_feed_paths(server, cfg) for name in FORMATS]
        check_links(R, server, cfg, hub_url)

        before = {path: server.get(path).headers.get("etag") for path in feeds}
        started = hub.rest()
        time.sleep(1.1)  # an edit in the same second as the build waits for the next one (README: fast edits)
        post = site / OWN_POST
        post.write_text(post.read_text(encoding="utf-8") + "\nE2E websub-publish edit.\n", encoding="utf-8")
        wait_until(lambda: server.get(WITNESS).headers.get("etag") != before[WITNESS], WAIT)
        after = {path: server.get(path).headers.get("etag") for path in feeds}
        changed = sorted(path for path in feeds if after[path] != before[path])
        pings = hub.take(len(changed))
        time.sleep(SETTLE)
        pings += hub.rest()
        told = [dict(fields(p["body"])).get("hub.url", "") for p in pings]
        expected = sorted(cfg["feed_base_url"] + path.lstrip("/") for path in changed)
        R.add("websub-publish: after an edit serve tells the hub of each changed feed once, and of no other",
              not started and changed and sorted(told) == expected and WITNESS in changed,
              f"{len(changed)} of {len(feeds)} feeds changed, {len(told)} pings, {len(set(told))} distinct",
              f"changed {changed}\ntold {told}\nat start {started}")
        R.add("websub-publish: serve's request has the PHP library's shape (method, path, type, field names, mode)",
              pings and all(shape(p) == shape(reference[0]) for p in pings),
              f"PHP {shape(reference[0])}; serve {shape(pings[0]) if pings else None}",
              json.dumps(pings[:3] + reference, indent=1))
        health = json.loads(server.get("/healthz").body)
        websub = health.get("websub", {})
        R.add("websub-publish: /healthz counts the pings the hub took, none failed",
              websub.get("pending") == 0 and websub.get("hubs", [{}])[0].get("sent") == len(changed)
              and websub.get("hubs", [{}])[0].get("failed") == 0,
              json.dumps(websub))
    finally:
        if server is not None and server.alive():
            server.stop()
        hub.close()


def check_links(R, server, cfg, hub_url):
    """curl: one Link rel="hub" for the hub and exactly one rel="self" naming the feed, on 200, 304 and HEAD."""
    url = server.url(WITNESS)
    self_url = cfg["feed_base_url"] + WITNESS.lstrip("/")
    want = sorted([f"<{hub_url}>; rel=\"hub\"", f"<{self_url}>; rel=\"self\""])
    status, headers = curl_headers(url)
    etag = dict(headers).get("etag", "")
    answers = {"200": (status, headers), "304": curl_headers(url, "-H", f"If-None-Match: {etag}"),
               "HEAD": curl_headers(url, "-I")}
    got = {name: (s, sorted(v for k, v in h if k == "link")) for name, (s, h) in answers.items()}
    page_status, page_headers = curl_headers(server.url("/index.html"))
    R.add("websub-publish: curl finds Link rel=\"hub\" and one rel=\"self\" on a feed's 200, 304 and HEAD (none on a page)",
          got["200"] == (200, want) and got["304"] == (304, want) and got["HEAD"] == (200, want)
          and page_status == 200 and not [v for k, v in page_headers if k == "link"],
          f"{', '.join(f'{n} {s} {len(v)} Link' for n, (s, v) in got.items())}", json.dumps(got, indent=1))
