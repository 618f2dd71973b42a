"""Load (wrk) and churn under load: the server keeps answering correctly while the site is edited."""

import random
import re
import subprocess
import threading
import time
import urllib.parse
from pathlib import Path

import feedparser

import harness
from pytools.wrk import command as wrk_command, requests_per_second
from harness import (OUT, Server, copy_sample_site, etag_of, expected_entries, gunzip, opml_feed_paths,
                     read_config, site_posts, spawn, stop, wait_until, well_formed)

LUA = Path(__file__).resolve().parent / "wrk" / "mix.lua"


def request_list(server, feeds, name):
    """Every feed, /, and /feeds.opml, each plain and gzip, with and without If-None-Match (current ETag)."""
    paths = [p for pair in feeds for p in pair] + ["/", "/feeds.opml"]
    lines = []
    for path in paths:
        for enc in ("", "gzip"):
            etag = server.get(path, {"Accept-Encoding": enc} if enc else {}).headers["etag"]
            lines.append(f"{path}\t\t{enc}")
            lines.append(f"{path}\t{etag}\t{enc}")
    f = OUT / f"{name}-requests.tsv"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f, len(lines)


def wrk_cmd(server, tsv, seconds):
    return wrk_command(server.url("/"), seconds, script=LUA, script_args=(tsv,))


def parse_wrk(text):
    m = re.search(r"E2E_RESULT (.*)", text)
    if not m:
        raise RuntimeError("wrk printed no result:\n" + text[-2000:])
    res = {k: int(v) for k, v in (kv.split("=") for kv in m.group(1).split())}
    res["rps"] = requests_per_second(text) or 0.0
    res["socket_errors"] = res["connect"] + res["read"] + res["write"] + res["timeout"]
    return res


def describe(res):
    return (f"{res['rps']:,.0f} req/s, p99 {res['p99_us'] / 1000:.1f} ms, {res['requests']:,} requests "
            f"({res['s200']:,} 200 / {res['s304']:,} 304), socket errors {res['socket_errors']}, "
            f"other statuses {res['other']}")


def check_load(R, _root):
    site = copy_sample_site("load")
    server = Server(site, name="load")
    try:
        feeds = opml_feed_paths(server, read_config(site))
        tsv, n = request_list(server, feeds, "load")
        p = subprocess.run(wrk_cmd(server, tsv, harness.LOAD_SECONDS), capture_output=True, text=True,
                           timeout=harness.LOAD_SECONDS + 60)
        (OUT / "load-wrk.txt").write_text(p.stdout + p.stderr, encoding="utf-8")
        res = parse_wrk(p.stdout)
        ok = p.returncode == 0 and res["socket_errors"] == 0 and res["other"] == 0 and res["status"] == 0 \
            and res["s304"] > 0 and res["s200"] > 0
        R.add(f"load: wrk {harness.LOAD_SECONDS}s x 64 connections, {n} request kinds", ok, describe(res),
              p.stdout[-1500:] + p.stderr[-500:])
        R.add("load: server alive afterwards", server.alive() and server.get("/healthz").status == 200, "")
    finally:
        server.stop()


# --------------------------------------------------------------------------------------------
# churn
# --------------------------------------------------------------------------------------------

CHURN_TEMPLATE = """---
title: "{title}"
date: 2025-12-{day:02d} {hour:02d}:{minute:02d}:00 +0000
categories: ["投資分析"]
tags: ["AI", "投資"]
excerpt: "Churn post {n}, revision {rev}."
---
Churn post {n}, revision {rev}. {filler}
"""


class Churner(threading.Thread):
    """Every 100 ms adds, rewrites or deletes a post (plain writes, as editors do), and once breaks
    feeds-config/site.yml for a second. Bounded by ``seconds``."""

    def __init__(self, site, seconds, break_at):
        super().__init__(daemon=True)
        self.site, self.seconds, self.break_at = Path(site), seconds, break_at
        self.rng = random.Random(6)
        self.ops = {"add": 0, "rewrite": 0, "delete": 0, "edit-sample": 0, "config-broken": 0}
        self.live = {}      # n -> path
        self.next_n = 0
        self.error = None

    def write_churn(self, n, rev):
        path = self.site / "posts" / f"2025-12-{n % 28 + 1:02d}-churn-{n}.md"
        filler = " ".join(self.rng.choice(["電力", "市場", "latency", "冷却", "AI"]) for _ in range(40))
        path.write_text(CHURN_TEMPLATE.format(title=f"Churn {n} rev {rev}", day=n % 28 + 1, hour=n % 24,
                                              minute=n % 60, n=n, rev=rev, filler=filler), encoding="utf-8")
        self.live[n] = path

    def run(self):
        try:
            samples = sorted((self.site / "posts").glob("2025-0*.md"))
            config = self.site / "feeds-config" / "site.yml"
            good_config = config.read_bytes()
            start = time.monotonic()
            broken = False
            rev = 0
            while time.monotonic() - start < self.seconds:
                t = time.monotonic() - start
                if not broken and t >= self.break_at and not self.ops["config-broken"]:
                    config.write_text("title: [this is not\nbase_url: ::\n", encoding="utf-8")
                    broken, broke_at = True, t
                    self.ops["config-broken"] += 1
                elif broken and t >= broke_at + 1.0:
                    config.write_bytes(good_config)
                    broken = False
                rev += 1
                op = self.rng.random()
                if op < 0.3 and len(self.live) < 6:
                    self.write_churn(self.next_n, rev)
                    self.next_n += 1
                    self.ops["add"] += 1
                elif op < 0.75 and self.live:
                    self.write_churn(self.rng.choice(sorted(self.live)), rev)
                    self.ops["rewrite"] += 1
                elif op < 0.9 and self.live:
                    n = self.rng.choice(sorted(self.live))
                    self.live.pop(n).unlink()
                    self.ops["delete"] += 1
                else:
                    p = self.rng.choice(samples)
                    text = p.read_text(encoding="utf-8")
                    text = re.sub(r"\n<!-- churn \d+ -->\n?$", "\n", text) + f"\n<!-- churn {rev} -->\n"
                    p.write_text(text, encoding="utf-8")
                    self.ops["edit-sample"] += 1
                time.sleep(0.1)
            if broken:
                config.write_bytes(good_config)
        except Exception as e:  # noqa: BLE001 - reported by the check
            self.error = e


class Sampler(threading.Thread):
    """Fetches random feeds while the churn runs: each must be 200, well-formed, and carry the ETag
    of its own bytes (the gzip variant: of the inflated bytes, plus -gzip)."""

    def __init__(self, server, paths, stop_event):
        super().__init__(daemon=True)
        self.server, self.paths, self.stop_event = server, paths, stop_event
        self.rng = random.Random(7)
        self.count = 0
        self.failures = []
        self.degraded_seen = False

    def run(self):
        while not self.stop_event.is_set():
            path = self.rng.choice(self.paths)
            gz = self.rng.random() < 0.5
            try:
                r = self.server.get(path, {"Accept-Encoding": "gzip"} if gz else {}, timeout=10)
                self.count += 1
                body = gunzip(r.body) if gz and r.headers.get("content-encoding") == "gzip" else r.body
                problems = []
                if r.status != 200:
                    problems.append(f"status {r.status}")
                if int(r.headers.get("content-length", -1)) != len(r.body):
                    problems.append("Content-Length differs from the body")
                why = well_formed(body)
                if why:
                    problems.append(f"malformed XML: {why}")
                if r.headers.get("etag") != etag_of(body, gz):
                    problems.append(f"ETag {r.headers.get('etag')} is not the hash of the bytes ({etag_of(body, gz)})")
                if problems:
                    self.failures.append(f"{path} gzip={gz}: " + "; ".join(problems))
                if self.count % 10 == 0:
                    h = self.server.get("/healthz", timeout=10)
                    if b"feeds-config/site.yml" in h.body and b"degraded" in h.body:
                        self.degraded_seen = True
            except Exception as e:  # noqa: BLE001
                self.failures.append(f"{path}: {type(e).__name__}: {e}")
            time.sleep(0.02)


def final_state_problems(server, site, feeds):
    cfg = read_config(site)
    posts = site_posts(site)
    problems = []
    for rss, atom in feeds:
        want = [p["title"] for p in expected_entries(posts, urllib.parse.unquote(rss), cfg["limit"])]
        for path in (rss, atom):
            got = [e.get("title") for e in feedparser.parse(server.get(path).body).entries]
            if got != want:
                problems.append(f"{path}: {got[:4]}... expected {want[:4]}...")
    return problems


def check_churn(R, _root):
    site = copy_sample_site("churn")
    server = Server(site, "--health-details", name="churn")  # reads the problem list
    wrk = None
    try:
        feeds = opml_feed_paths(server, read_config(site))
        tsv, _ = request_list(server, feeds, "churn")
        seconds = harness.LOAD_SECONDS
        wrk_out = OUT / "churn-wrk.txt"
        with open(wrk_out, "w") as out:
            wrk = spawn(wrk_cmd(server, tsv, seconds), stdout=out, stderr=subprocess.STDOUT)
        churner = Churner(site, seconds - 2, break_at=seconds / 3)
        stop_event = threading.Event()
        sampler = Sampler(server, [p for pair in feeds for p in pair] + ["/feeds.opml"], stop_event)
        churner.start()
        sampler.start()
        try:
            wrk.wait(seconds + 60)
        finally:
            stop_event.set()
            churner.join(10)
            sampler.join(20)
        res = parse_wrk(wrk_out.read_text())
        ok = wrk.returncode == 0 and res["socket_errors"] == 0 and res["other"] == 0 and res["status"] == 0
        R.add("churn: wrk under edits every 100 ms: no errors", ok and churner.error is None,
              describe(res) + "; edits " + ", ".join(f"{k} {v}" for k, v in churner.ops.items()),
              f"churner error: {churner.error}\n" + wrk_out.read_text()[-1500:])
        R.add("churn: sampled responses well-formed, ETag = hash of bytes", sampler.count > 50 and not sampler.failures,
              f"{sampler.count} samples, {len(sampler.failures)} bad", "\n".join(sampler.failures[:20]))
        R.add("churn: broken site.yml reported as degraded in /healthz, site kept serving",
              sampler.degraded_seen, "seen" if sampler.degraded_seen else "never seen")
        problems = wait_until(lambda: not final_state_problems(server, site, feeds), 15, 0.5)
        left = [] if problems else final_state_problems(server, site, feeds)
        health = server.get("/healthz").body.decode()
        healthy = '"status":"ok"' in health
        R.add("churn: server ends serving the final state of the files", not left and healthy,
              f"{len(feeds) * 2} feeds compared with the files; healthz {'ok' if healthy else health[:300]}",
              "\n".join(left[:20]))
    finally:
        if wrk is not None:
            stop(wrk)
        server.stop()
