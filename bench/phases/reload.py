"""Phase reload: `serve` on 10,000 posts; edits of the newest post, each timed from the rename that saves
it to the first GET of /rss.xml that answers 200 with a new ETag."""

import http.client
import os
import time

import corpora
import servers
from context import log
from pytools.loopback import HOST
from stats import percentile


def run(bench):
    s = bench.settings
    site = corpora.corpus(bench, s.reload_size)
    posts = os.path.join(site, "posts")
    editor = corpora.PostEditor(posts, corpora.newest_post(posts))
    proc, port, _ = servers.start_serve(bench, site, "512m", "reload-%d" % s.reload_size)
    latencies, timeouts = [], 0
    try:
        conn = http.client.HTTPConnection(HOST, port, timeout=10)
        etag = current_etag(conn)
        # The same gap before the first edit as after each: a start that found the site changed since the
        # last run published a new Last-Modified in this second, and an edit within it waits for the next.
        time.sleep(s.reload_gap)
        log("reload: %d edits of %s (newest post), serve on %d posts" % (s.edits, editor.name, s.reload_size))
        for i in range(s.edits):
            editor.edit(i)
            t0 = time.perf_counter()
            new, conn = poll_etag_change(conn, port, etag, t0 + s.reload_timeout)
            waited = time.perf_counter() - t0
            if new is None:
                timeouts += 1
                log("  edit %2d: no new ETag within %.0f s" % (i + 1, s.reload_timeout))
                etag = current_etag(conn)
            else:
                latencies.append(waited)
                etag = new
                if (i + 1) % 10 == 0 or s.quick:
                    log("  edit %2d: %.1f ms" % (i + 1, waited * 1000))
            time.sleep(s.reload_gap)
    finally:
        editor.restore()
        bench.processes.stop(proc)
    bench.results["reload"] = {"size": s.reload_size, "post": editor.name, "edits": s.edits, "timeouts": timeouts,
                               "latencies_s": latencies, "p50_s": percentile(latencies, 0.5),
                               "p99_s": percentile(latencies, 0.99), "max_s": max(latencies) if latencies else None}
    if timeouts:
        bench.problem("reload: %d of %d edits never changed the ETag of /rss.xml" % (timeouts, s.edits))


def current_etag(conn):
    conn.request("GET", "/rss.xml")
    r = conn.getresponse()
    r.read()
    return r.getheader("ETag")


def poll_etag_change(conn, port, old, deadline):
    """GET /rss.xml with If-None-Match: old every millisecond on one keep-alive connection (reopened if it
    breaks) until a 200 brings another ETag: (new ETag or None at the deadline, connection)."""
    while time.perf_counter() < deadline:
        try:
            conn.request("GET", "/rss.xml", headers={"If-None-Match": old} if old else {})
            r = conn.getresponse()
            r.read()
            if r.status == 200:
                etag = r.getheader("ETag")
                if etag and etag != old:
                    return etag, conn
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=10)
        time.sleep(0.001)
    return None, conn
