"""The polite-polling group: serve with server.polite_polling on, polled by real clients on 127.0.0.1.

A bounded curl loop (unconditional GETs, one after another) gets 429s with Retry-After after its first
200; newsboat and feedparser, which revalidate, get 200 then 304s and never a 429; /healthz is never
limited; /stats names each family with the shares expected of it. Then wrk (SCHED_IDLE, as in the other
groups) measures the 429 path against the 304 path on a second server whose 304s are never limited, and
the ratio goes into the summary figure. Each wrk run takes a sixth of --load-seconds (at least 2 s).
"""

import json
import subprocess
import time
from pathlib import Path

import feedparser

import harness
from harness import OUT, Server, copy_sample_site, spawn, stop, temp_dir
from load import LUA, parse_wrk
from pytools.wrk import command as wrk_command

FEED = "/rss.xml"
CURL_LOOPS = 8
MIN_INTERVAL = 5           # seconds between two 200s of the same bytes (short, so that the group is)
CONDITIONAL_INTERVAL = 1   # seconds between two 304s: newsboat's and feedparser's rounds are paced past it
PACE = CONDITIONAL_INTERVAL + 0.3
FULL_PACE = MIN_INTERVAL + 0.3


def polite_site(prefix, min_interval, conditional_interval):
    """A copy of the sample site with polite polling on and /stats for loopback clients."""
    site = copy_sample_site(prefix)
    config = site / "feeds-config" / "site.yml"
    text = config.read_text(encoding="utf-8")
    keys = (f"server:\n  polite_polling: true\n  min_poll_interval: {min_interval}\n"
            f"  min_conditional_poll_interval: {conditional_interval}\n  stats: loopback\n")
    assert "\nserver:\n" in text
    config.write_text(text.replace("\nserver:\n", "\n" + keys, 1), encoding="utf-8")
    return site


def curl_loop(server, path, n):
    """n unconditional GETs by curl, one after another: [(status, Retry-After or None)]."""
    answers = []
    for _ in range(n):
        p = subprocess.run(["curl", "-sS", "-o", "/dev/null", "-D", "-", "--max-time", "10", server.url(path)],
                           capture_output=True, text=True, timeout=20)
        lines = p.stdout.splitlines()
        status = int(lines[0].split()[1]) if lines else 0
        retry = next((line.split(":", 1)[1].strip() for line in lines if line.lower().startswith("retry-after:")),
                     None)
        answers.append((status, retry))
    return answers


def newsboat_rounds(server, paths, rounds):
    """newsboat reloads the feeds `rounds` times; what it was answered is told by /stats (the server keeps no
    access log). newsboat (2.21) sends its first two reloads of a new cache without validators, so the
    second comes after the full interval, as a reader's next reload would (newsboat's default is an hour);
    the later ones revalidate and are paced past the conditional interval only."""
    home = temp_dir("polite-newsboat")
    urls = home / "urls"
    urls.write_text("".join(server.url(p) + "\n" for p in paths))
    conf = home / "config"
    conf.write_text("reload-threads 1\ndownload-timeout 20\nmax-items 0\n")
    env = {"HOME": str(home), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin",
           "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local/share")}
    for i in range(rounds):
        if i:
            time.sleep(FULL_PACE if i == 1 else PACE)
        p = subprocess.run(["newsboat", "-u", str(urls), "-c", str(home / "cache.db"), "-C", str(conf),
                            "-x", "reload"], env=env, capture_output=True, timeout=120, stdin=subprocess.DEVNULL)
        if p.returncode != 0:
            raise RuntimeError(f"newsboat exit {p.returncode}: {p.stderr.decode(errors='replace')}")


def feedparser_rounds(server, path, rounds):
    """feedparser fetches the feed `rounds` times, sending back the ETag and Last-Modified it was given."""
    statuses, etag, modified = [], None, None
    for i in range(rounds):
        if i:
            time.sleep(PACE)
        d = feedparser.parse(server.url(path), etag=etag, modified=modified)
        statuses.append(d.get("status"))
        etag, modified = d.get("etag", etag), d.get("modified", modified)
    return statuses


def families(server):
    r = server.get("/stats")
    if r.status != 200:
        raise RuntimeError(f"/stats answered {r.status}: {r.body[:200]!r}")
    return {f["family"]: f for f in json.loads(r.body)["families"]}


def wrk_run(server, name, lines, seconds):
    tsv = OUT / f"polite-{name}.tsv"
    tsv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out_path = OUT / f"polite-{name}-wrk.txt"
    with open(out_path, "w") as out:
        # SCHED_IDLE: on a 2-core machine the server comes first, wrk takes the rest
        wrk = spawn(["chrt", "--idle", "0", *wrk_command(server.url("/"), seconds, script=LUA, script_args=(tsv,))],
                    stdout=out, stderr=subprocess.STDOUT)
        try:
            wrk.wait(seconds + 60)
        finally:
            stop(wrk)
    return parse_wrk(out_path.read_text())


def check_polite_polling(R, _root):
    server = Server(polite_site("polite", MIN_INTERVAL, CONDITIONAL_INTERVAL), name="polite")
    try:
        curl = curl_loop(server, FEED, CURL_LOOPS)
        refused = curl[1:]
        R.add(f"polite-polling: a curl loop of {CURL_LOOPS} GETs gets 200 then 429 with Retry-After",
              curl[0][0] == 200 and all(s == 429 and r is not None and 0 < int(r) <= MIN_INTERVAL for s, r in refused),
              f"statuses {','.join(str(s) for s, _ in curl)}; Retry-After {refused[0][1] if refused else '-'}",
              str(curl))
        health = [server.get("/healthz").status for _ in range(10)]
        R.add("polite-polling: /healthz is never limited", health == [200] * 10, f"{len(health)} x {set(health)}")

        newsboat_rounds(server, [FEED, "/atom.xml"], 4)
        parsed = feedparser_rounds(server, "/tags/ai/rss.xml", 4)
        stats = families(server)
        nb, fp, cu = stats.get("newsboat", {}), stats.get("feedparser", {}), stats.get("curl", {})
        R.add("polite-polling: newsboat revalidates and never gets a 429",
              nb.get("requests") == 8 and nb.get("tooManyRequests") == 0 and nb.get("conditionalShare") == 0.5
              and nb.get("notModifiedShare") == 0.5,
              f"{nb.get('requests')} requests, {nb.get('conditionalShare')} conditional, "
              f"{nb.get('notModifiedShare')} 304, {nb.get('tooManyRequests')} 429", json.dumps(stats))
        R.add("polite-polling: feedparser revalidates and never gets a 429",
              parsed == [200, 304, 304, 304] and fp.get("tooManyRequests") == 0
              and fp.get("conditionalShare") == 0.75 and fp.get("notModifiedShare") == 0.75,
              f"statuses {parsed}; /stats {fp.get('conditionalShare')} conditional, {fp.get('notModifiedShare')} 304",
              json.dumps(stats))
        R.add("polite-polling: /stats counts curl's loop as unconditional, with its 429s",
              cu.get("requests") == CURL_LOOPS and cu.get("conditionalShare") == 0.0
              and cu.get("tooManyRequests") == CURL_LOOPS - 1 and cu.get("medianIntervalSeconds") is not None,
              f"{cu.get('requests')} requests, {cu.get('tooManyRequests')} 429, median interval "
              f"{cu.get('medianIntervalSeconds')} s", json.dumps(stats))
    finally:
        server.stop()

    # The two paths on one server whose 304s are never limited (min_conditional_poll_interval: 0).
    seconds = max(2, harness.LOAD_SECONDS // 6)
    server = Server(polite_site("polite-wrk", 60, 0), name="polite-wrk")
    try:
        etag = server.get(FEED).headers["etag"]
        not_modified = wrk_run(server, "304", [f"{FEED}\t{etag}\t"], seconds)
        too_many = wrk_run(server, "429", [f"{FEED}\t\t"], seconds)
        ratio = too_many["rps"] / not_modified["rps"] if not_modified["rps"] else 0.0
        ok = (not_modified["s304"] > 0 and not_modified["other"] == 0 and too_many["other"] > 0
              and too_many["s200"] <= 1 and not_modified["socket_errors"] == 0 and too_many["socket_errors"] == 0)
        R.add(f"polite-polling: wrk {seconds}s x 64 connections, 429 path against 304 path", ok,
              f"429: {too_many['rps']:,.0f} req/s (p99 {too_many['p99_us'] / 1000:.1f} ms), "
              f"304: {not_modified['rps']:,.0f} req/s (p99 {not_modified['p99_us'] / 1000:.1f} ms), "
              f"ratio {ratio:.2f}", f"{too_many}\n{not_modified}")
        R.add("polite-polling: server alive afterwards", server.alive() and server.get("/healthz").status == 200, "")
    finally:
        server.stop()
