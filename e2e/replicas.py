"""Replicas behind a shared cache (issue 13): Varnish, started by the suite with e2e/varnish/feedwright.vcl,
in front of three `serve --published` processes over one build folder, under wrk load while a writer
rebuilds the site with changed posts (a build started at most once a second), one replica is killed with
SIGKILL and started again, and feedparser and newsboat poll through the cache; then, every replica killed,
Varnish answers from its expired copies."""

import email.utils
import hashlib
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import feedparser

import harness
from clients import Relay
from harness import (OUT, Server, copy_sample_site, etag_of, free_port, gunzip, http_request, spawn, stop,
                     temp_dir, wait_until)
from load import describe, parse_wrk, request_list
from pytools.wrk import command as wrk_command
from varnish.varnishd import varnishd_command

LUA = Path(__file__).resolve().parent / "wrk" / "mix.lua"
MANIFEST = "feedwright-manifest.json"
TAG_FEED = "/tags/%E6%8A%95%E8%B3%87/atom.xml"   # the 投資 tag: changes on every other rebuild only
POLLED = ("/rss.xml", TAG_FEED)
# The posts the writer edits in turn; only the first carries the 投資 tag.
EDITED = ("2025-10-03-hokkaido-datacenter.md", "2025-05-24-chip-packaging.md")
# Builds the churn lasts for at least (wrk's time, or longer on a slow machine): enough versions of each feed
# for the readers to see it change.
MIN_BUILDS = 6


def replica_args(out):
    """How a replica is told what to serve: the folder `build` writes."""
    return ("--published", str(out))


# --------------------------------------------------------------------------------------------
# Varnish
# --------------------------------------------------------------------------------------------

class Varnish:
    """varnishd in the foreground (-F) with its own working folder under target/e2e, never a service."""

    def __init__(self, folder, backend_ports):
        self.port = free_port()
        command = varnishd_command(folder, self.port, backend_ports)
        self.instance = folder / "instance"
        self.log_path = folder / "varnishd.log"
        with open(self.log_path, "w") as log:
            self.proc = spawn(command, stdout=log, stderr=subprocess.STDOUT)
        if not wait_until(self._answers, 60, 0.2):
            self.stop()
            raise RuntimeError("varnishd did not start:\n" + self.log_path.read_text()[-2000:])

    def _answers(self):
        if self.proc.poll() is not None:
            raise RuntimeError("varnishd exited:\n" + self.log_path.read_text()[-2000:])
        try:
            return http_request(self.port, "/healthz", timeout=5).status == 200
        except OSError:
            return False

    def get(self, path, headers=None, method="GET", timeout=15):
        return http_request(self.port, path, headers, method, timeout)

    def url(self, path="/"):
        return f"http://127.0.0.1:{self.port}{path}"

    def health(self):
        """{'replica1': 'healthy' | 'sick', ...} as the probes see them."""
        p = subprocess.run(["varnishadm", "-n", str(self.instance), "backend.list"], capture_output=True,
                           text=True, timeout=20)
        return {m.group(1): m.group(2) for m in re.finditer(r"\.(replica\d+)\s+\S+\s+\S+\s+(healthy|sick)", p.stdout)}

    def counters(self):
        p = subprocess.run(["varnishstat", "-n", str(self.instance), "-1", "-j"], capture_output=True, text=True,
                           timeout=20)
        data = json.loads(p.stdout)
        data = data.get("counters", data)
        return {k: v["value"] for k, v in data.items() if isinstance(v, dict) and "value" in v}

    def stop(self):
        stop(self.proc)


# --------------------------------------------------------------------------------------------
# the writer: one build after another, at most one a second, each with a changed post
# --------------------------------------------------------------------------------------------

def read_manifest(out):
    """What the build in OUT published: {site path: {contentType, etag, lastModified, gzip}}."""
    return json.loads((Path(out) / MANIFEST).read_text(encoding="utf-8"))["files"]


def edit_post(site, rev):
    """Adds a paragraph naming the revision before the post's last end marker: its feeds' bytes change."""
    post = Path(site) / "posts" / EDITED[rev % len(EDITED)]
    text = re.sub(r"\n\nRevision \d+ of this post\.\n", "", post.read_text(encoding="utf-8"))
    head, marker, tail = text.rpartition("\n---END---")
    post.write_text(f"{head}\n\nRevision {rev} of this post.\n{marker}{tail}", encoding="utf-8")


class Writer(threading.Thread):
    """Edits a post and runs `build --out` (bin/feedwright, as a cron job would), again and again, starting
    a build at most once a second; records every manifest it published, in order. pause() waits until the
    build under way has finished and holds the next one until resume()."""

    def __init__(self, site, out):
        super().__init__(daemon=True)
        self.site, self.out = site, out
        self.history = [read_manifest(out)]      # manifests, oldest first
        self.stop_event = threading.Event()
        self.running = threading.Event()
        self.running.set()
        self.idle = threading.Event()
        self.failures = []
        self.durations = []
        self.rev = 0

    def run(self):
        while not self.stop_event.is_set():
            if not self.running.is_set():
                self.idle.set()
                self.running.wait(1)
                continue
            self.idle.clear()
            started = time.monotonic()
            self.rev += 1
            edit_post(self.site, self.rev)
            p = subprocess.run([str(harness.ROOT / "bin" / "feedwright"), "build", "--site", str(self.site),
                                "--out", str(self.out)], capture_output=True, text=True, timeout=120)
            self.durations.append(time.monotonic() - started)
            if p.returncode != 0:
                self.failures.append(f"build {self.rev} exit {p.returncode}: {p.stderr[-500:]}")
            else:
                self.history.append(read_manifest(self.out))
            self.stop_event.wait(max(0.0, 1.0 - (time.monotonic() - started)))
        self.idle.set()

    def pause(self):
        self.running.clear()
        self.idle.wait(120)

    def resume(self):
        self.running.set()

    def versions(self, path):
        """Every published (ETag, Last-Modified) of a path, in build order, each once."""
        seen = []
        for files in self.history:
            entry = files.get(path)
            if entry and (entry["etag"], entry["lastModified"]) not in seen:
                seen.append((entry["etag"], entry["lastModified"]))
        return seen


def rising_problems(writer):
    """A changed path's Last-Modified rises from one build to the next; an unchanged one keeps it."""
    problems = []
    for path in writer.history[-1]:
        before = None
        for files in writer.history:
            now = files.get(path)
            if now and before:
                changed = now["etag"] != before["etag"]
                old, new = (email.utils.parsedate_to_datetime(before["lastModified"]),
                            email.utils.parsedate_to_datetime(now["lastModified"]))
                if (changed and not new > old) or (not changed and new != old):
                    problems.append(f"{path}: {before['etag']} {before['lastModified']} -> "
                                    f"{now['etag']} {now['lastModified']}")
            before = now or before
    return problems


# --------------------------------------------------------------------------------------------
# the sampler: random paths from each replica and through Varnish, every 200 hashed
# --------------------------------------------------------------------------------------------

class Sampler(threading.Thread):
    """Asks each source in turn (the replicas directly and Varnish) for a random path, plain or gzip, now
    and then conditionally with the last ETag it got there. Records each 200 as (source, path, gzip, ETag,
    Last-Modified, SHA-256 of the plain bytes); a replica that is down is skipped."""

    def __init__(self, sources, paths, stop_event):
        super().__init__(daemon=True)
        self.sources, self.paths, self.stop_event = sources, paths, stop_event
        self.rng = random.Random(13)
        self.seen = []
        self.failures = []
        self.last = {}

    def run(self):
        while not self.stop_event.is_set():
            for name, source in list(self.sources.items()):
                self.sample(name, source)
            time.sleep(0.01)

    def sample(self, name, source):
        path, gz = self.rng.choice(self.paths), self.rng.random() < 0.5
        headers = {"Accept-Encoding": "gzip"} if gz else {}
        sent = self.last.get((name, path, gz)) if self.rng.random() < 0.3 else None
        if sent:
            headers["If-None-Match"] = sent
        try:
            r = source.get(path, headers, timeout=10)
        except OSError as e:
            if name == "varnish":   # a replica may be down (killed); Varnish always answers
                self.failures.append(f"varnish {path}: {type(e).__name__}: {e}")
            return
        etag, lm = r.headers.get("etag"), r.headers.get("last-modified")
        where = f"{name} {path} gzip={gz}"
        if r.status == 304:
            if etag != sent or not lm:
                self.failures.append(f"{where}: 304 with ETag {etag} Last-Modified {lm} for If-None-Match {sent}")
            return
        if r.status != 200:
            self.failures.append(f"{where}: status {r.status}")
            return
        body = r.body
        if gz:
            if r.headers.get("content-encoding") != "gzip":
                self.failures.append(f"{where}: not gzip")
                return
            body = gunzip(body)
        if etag != etag_of(body, gz):
            self.failures.append(f"{where}: ETag {etag} is not the hash of the bytes ({etag_of(body, gz)})")
        if sent == etag:
            self.failures.append(f"{where}: 200 for If-None-Match {sent}, its own ETag")
        self.last[(name, path, gz)] = etag
        self.seen.append((name, path, gz, etag, lm, hashlib.sha256(body).hexdigest()))


def plain_etag(etag):
    """The ETag of a representation's plain bytes, from either variant's."""
    return etag.removesuffix('-gzip"') + '"' if etag and etag.endswith('-gzip"') else etag


def version_problems(seen, writer):
    """Each version (bytes) of a path has one ETag and one Last-Modified whichever source answered, and
    they are those a build published for it."""
    problems = []
    by_bytes, by_etag = {}, {}
    for name, path, gz, etag, lm, digest in seen:
        by_bytes.setdefault((path, gz, digest), set()).add(etag)
        by_etag.setdefault((path, etag), set()).add(lm)
    problems += [f"{p} gzip={gz}: one version, ETags {sorted(e)}" for (p, gz, _), e in by_bytes.items() if len(e) > 1]
    problems += [f"{p} {etag}: Last-Modified {sorted(lms)}" for (p, etag), lms in by_etag.items() if len(lms) > 1]
    for (path, etag), lms in by_etag.items():
        published = dict(writer.versions(urllib.parse.unquote(path)))
        plain = plain_etag(etag)
        if plain not in published:
            problems.append(f"{path} {etag}: no build published it")
        elif {published[plain]} != lms:
            problems.append(f"{path} {etag}: Last-Modified {sorted(lms)}, the build's {published[plain]}")
    return problems


# --------------------------------------------------------------------------------------------
# feed readers polling through Varnish
# --------------------------------------------------------------------------------------------

def order_problems(name, path, rounds, writer):
    """rounds: (status, ETag sent, ETag got). A 200 brings a version never seen before and not older than
    the last one; a 200 that repeats the ETag the reader sent is a missed 304."""
    problems, seen, last = [], [], -1
    order = [etag for etag, _ in writer.versions(urllib.parse.unquote(path))]
    for status, sent, got in rounds:
        if status not in (200, 304):
            problems.append(f"{name} {path}: status {status}")
        if status != 200:
            continue
        plain = plain_etag(got)
        index = order.index(plain) if plain in order else None
        if got == sent:
            problems.append(f"{name} {path}: 200 for its own ETag {got} (nothing changed)")
        elif got in seen:
            problems.append(f"{name} {path}: version {got} seen again")
        if index is None:
            problems.append(f"{name} {path}: {got} is no published version")
        elif index < last:
            problems.append(f"{name} {path}: version {got} (build {index}) after build {last}")
        else:
            last = index
        seen.append(got)
    return problems


class FeedparserPoller(threading.Thread):
    """feedparser.parse of each polled feed through Varnish every 0.3 s, sending the ETag and Last-Modified
    of the last 200 as a feed reader does."""

    def __init__(self, varnish, stop_event):
        super().__init__(daemon=True)
        self.varnish, self.stop_event = varnish, stop_event
        self.rounds = {p: [] for p in POLLED}
        self.errors = []

    def run(self):
        state = {p: (None, None) for p in POLLED}
        while not self.stop_event.is_set():
            for path in POLLED:
                etag, modified = state[path]
                d = feedparser.parse(self.varnish.url(path), etag=etag, modified=modified)
                status = d.get("status")
                if status == 200 and (d.bozo or not d.entries):
                    self.errors.append(f"{path}: bozo {d.bozo} {d.get('bozo_exception')}, {len(d.entries)} entries")
                self.rounds[path].append((status, etag, d.get("etag") if status == 200 else etag))
                if status == 200:
                    state[path] = (d.get("etag"), d.get("modified"))
            self.stop_event.wait(0.3)


class NewsboatPoller(threading.Thread):
    """newsboat -x reload again and again through a logging relay in front of Varnish; after each reload the
    ETag newsboat keeps for each feed is read from its cache."""

    def __init__(self, varnish, stop_event):
        super().__init__(daemon=True)
        self.stop_event = stop_event
        self.relay = Relay(varnish.port)
        self.home = temp_dir("replicas-newsboat")
        self.urls = {f"http://127.0.0.1:{self.relay.port}{p}": p for p in POLLED}
        (self.home / "urls").write_text("".join(u + "\n" for u in self.urls))
        (self.home / "config").write_text("reload-threads 1\ndownload-timeout 20\nmax-items 0\n")
        self.env = {"HOME": str(self.home), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin",
                    "XDG_CONFIG_HOME": str(self.home / ".config"), "XDG_DATA_HOME": str(self.home / ".local/share")}
        self.rounds = {p: [] for p in POLLED}
        self.errors = []

    def stored_etags(self):
        with sqlite3.connect(self.home / "cache.db") as db:
            return {self.urls[u]: e for u, e in db.execute("SELECT rssurl, etag FROM rss_feed") if u in self.urls}

    def run(self):
        try:
            while not self.stop_event.is_set():
                start = len(self.relay.log)
                p = subprocess.run(["newsboat", "-u", str(self.home / "urls"), "-c", str(self.home / "cache.db"),
                                    "-C", str(self.home / "config"), "-x", "reload"], env=self.env,
                                   capture_output=True, timeout=120, stdin=subprocess.DEVNULL)
                if p.returncode != 0:
                    self.errors.append(f"newsboat exit {p.returncode}: {p.stderr.decode(errors='replace')[-300:]}")
                    return
                etags = self.stored_etags()
                for entry in self.relay.log[start:]:
                    path = entry["path"]
                    if etags.get(path):   # newsboat keeps no ETag from a feed's very first fetch
                        self.rounds[path].append((entry["status"], entry["inm"] or None, etags[path]))
                self.stop_event.wait(0.3)
        except Exception as e:  # noqa: BLE001 - reported by the check
            self.errors.append(f"{type(e).__name__}: {e}")
        finally:
            self.relay.close()


def reader_figure(rounds):
    return ", ".join(f"{urllib.parse.unquote(p)}: {sum(s == 200 for s, _, _ in r)} versions / "
                     f"{sum(s == 304 for s, _, _ in r)} 304" for p, r in rounds.items())


def reader_meaningful(rounds):
    """Each feed seen change at least once and answered 304 at least once."""
    return all(sum(s == 200 for s, _, _ in r) >= 2 and any(s == 304 for s, _, _ in r) for r in rounds.values())


# --------------------------------------------------------------------------------------------
# the group
# --------------------------------------------------------------------------------------------

def answers(source, paths):
    """(status, ETag, Last-Modified, SHA-256 of the body) of each path, plain and gzip."""
    got = {}
    for path in paths:
        for gz in (False, True):
            r = source.get(path, {"Accept-Encoding": "gzip"} if gz else {})
            got[(path, gz)] = (r.status, r.headers.get("etag"), r.headers.get("last-modified"),
                               hashlib.sha256(r.body).hexdigest())
    return got


def check_all_replicas_gone(R, varnish, replicas, paths, writer):
    """Every replica SIGKILLed: Varnish keeps answering from its copies once they have expired (its refresh
    fails and the VCL keeps the copy, as stale-if-error allows), each with a version a build published."""
    for path in paths:                      # each copy fresh now, so it is within its grace period below
        for gz in (False, True):
            varnish.get(path, {"Accept-Encoding": "gzip"} if gz else {})
    for r in replicas:
        os.killpg(r.pid, signal.SIGKILL)
        r.proc.wait(10)
    all_sick = wait_until(lambda: set(varnish.health().values()) == {"sick"}, 15, 0.2)
    expired = wait_until(lambda: int(varnish.get("/rss.xml").headers.get("age", 0)) > 1, 15, 0.2)
    problems, ages = [], []
    for path in paths:
        for gz in (False, True):
            r = varnish.get(path, {"Accept-Encoding": "gzip"} if gz else {})
            ages.append(int(r.headers.get("age", 0)))
            published = dict(writer.versions("/index.html" if path == "/" else urllib.parse.unquote(path)))
            etag, lm = r.headers.get("etag"), r.headers.get("last-modified")
            if r.status != 200 or published.get(plain_etag(etag)) != lm:
                problems.append(f"{path} gzip={gz}: {r.status} {etag} {lm}")
    R.add("replicas: every replica SIGKILLed: Varnish answers every path from its expired copies, with a "
          "published version's validators", all_sick and expired and not problems,
          f"{len(ages)} answers, Age {min(ages)}-{max(ages)} s (s-maxage 1 s); probes: "
          f"{'all sick' if all_sick else varnish.health()}", "\n".join(problems[:20]))


def check_replicas(R, _root):
    folder = OUT / "replicas"
    folder.mkdir(parents=True, exist_ok=True)
    site = copy_sample_site("replicas")
    config = site / "feeds-config" / "site.yml"
    # Varnish keeps a copy one second: the readers see new versions while the cache still answers most.
    config.write_text(config.read_text(encoding="utf-8").replace("  max_age: 300\n", "  max_age: 300\n  s_maxage: 1\n"),
                      encoding="utf-8")
    out = temp_dir("replicas-out")
    first = harness.feedwright("build", "--site", site, "--out", out)
    if first.returncode != 0:
        raise RuntimeError(f"build exit {first.returncode}: {first.stderr[-1000:]}")
    ports = [free_port() for _ in range(3)]
    with ThreadPoolExecutor(3) as pool:
        replicas = list(pool.map(lambda i: Server(site, *replica_args(out), name=f"replica{i + 1}", port=ports[i]),
                                 range(3)))
    varnish = wrk = None
    stop_event = threading.Event()
    writer = Writer(site, out)
    threads = []
    try:
        varnish = Varnish(folder / "varnish", ports)
        paths = sorted(urllib.parse.quote(p) for p in read_manifest(out))
        feeds = [(p, p.replace("rss.xml", "atom.xml")) for p in paths if p.endswith("/rss.xml")]

        # Same bytes and headers through Varnish as from a replica, before anything changes.
        direct, cached = replicas[0].get("/rss.xml"), varnish.get("/rss.xml")
        lost = {k: v for k, v in direct.headers.items() if k not in ("date", "connection")
                and cached.headers.get(k) != v}
        R.add("replicas: Varnish passes each replica header and the bytes unchanged",
              direct.status == cached.status == 200 and not lost and direct.body == cached.body,
              f"{len(direct.headers)} headers compared on /rss.xml", f"differ: {lost}")

        tsv, kinds = request_list(varnish, feeds, "replicas")
        with open(tsv, "a", encoding="utf-8") as f:
            f.write("/healthz\t\t\n")        # never cached: always a replica's answer (the kill is felt)
        seconds = harness.LOAD_SECONDS
        wrk_out = folder / "wrk.txt"
        with open(wrk_out, "w") as log:
            # SCHED_IDLE: on a 2-core machine the writer's builds and the servers come first, wrk takes the rest
            wrk = spawn(["chrt", "--idle", "0", *wrk_command(varnish.url("/"), seconds, script=LUA, script_args=(tsv,))],
                        stdout=log, stderr=subprocess.STDOUT)
        t0 = time.monotonic()
        sources = {"varnish": varnish, **{f"replica{i + 1}": r for i, r in enumerate(replicas)}}
        sampler = Sampler(sources, paths, stop_event)
        readers = [FeedparserPoller(varnish, stop_event), NewsboatPoller(varnish, stop_event)]
        threads = [writer, sampler, *readers]
        for t in threads:
            t.start()

        # SIGKILL one replica a third of the way in; Varnish's probe takes it out of rotation.
        time.sleep(max(0.0, seconds * 0.3 - (time.monotonic() - t0)))
        victim = replicas[1]
        del sources["replica2"]
        os.killpg(victim.pid, signal.SIGKILL)
        victim.proc.wait(10)
        killed_at = time.monotonic() - t0
        marked_sick = wait_until(lambda: varnish.health().get("replica2") == "sick", 15, 0.2)

        # Start it again (same port) two thirds in, with the writer held so that "the others'" validators
        # are one build's: its first answers must be theirs.
        time.sleep(max(0.0, seconds * 0.6 - (time.monotonic() - t0)))
        writer.pause()
        current = read_manifest(out)
        caught_up = wait_until(lambda: all(r.get("/rss.xml").headers.get("etag") == current["/rss.xml"]["etag"]
                                           for r in (replicas[0], replicas[2])), 15, 0.1)
        replicas[1] = Server(site, *replica_args(out), name="replica2-again", port=ports[1])
        restarted_at = time.monotonic() - t0
        first_answers = answers(replicas[1], paths)
        others = answers(replicas[0], paths)
        writer.resume()
        sources["replica2"] = replicas[1]
        differ = [f"{p} gzip={gz}: {first_answers[(p, gz)]} vs {others[(p, gz)]}"
                  for p, gz in first_answers if first_answers[(p, gz)] != others[(p, gz)]]
        unpublished = [f"{p}: {first_answers[(p, False)][1:3]}" for p in paths
                       if first_answers[(p, False)][1:3] != (current[urllib.parse.unquote(p)]["etag"],
                                                              current[urllib.parse.unquote(p)]["lastModified"])]
        R.add("replicas: a replica started later answers at once as the others (bytes, ETag, Last-Modified)",
              caught_up and not differ and not unpublished,
              f"{len(first_answers)} first answers compared with replica1 and the manifest",
              "\n".join(differ[:10] + unpublished[:10]) or "replica1 and 3 did not serve the last build")
        back = wait_until(lambda: varnish.health().get("replica2") == "healthy", 15, 0.2)
        R.add("replicas: Varnish's probe takes the killed replica out and the new one back in",
              marked_sick and back, f"killed at {killed_at:.0f} s, restarted at {restarted_at:.0f} s "
              f"(health {varnish.health()})")

        wrk.wait(seconds + 60)
        churned = wait_until(lambda: len(writer.history) > MIN_BUILDS or writer.failures, 180, 0.5)
        stop_event.set()
        writer.stop_event.set()
        for t in threads:
            t.join(60)
        counters = varnish.counters()
        (folder / "manifests.json").write_text(json.dumps(writer.history, indent=1, ensure_ascii=False),
                                               encoding="utf-8")

        res = parse_wrk(wrk_out.read_text())
        ok = wrk.returncode == 0 and res["socket_errors"] == 0 and res["other"] == 0 and res["status"] == 0 \
            and res["s200"] > 0 and res["s304"] > 0
        R.add(f"replicas: wrk {seconds}s x 64 connections through Varnish, {kinds + 1} request kinds, "
              "a replica SIGKILLed: only 200 and 304", ok,
              describe(res) + f"; Varnish counted {counters.get('MAIN.backend_fail', '?')} refused backend "
              f"connections, {counters.get('MAIN.fetch_failed', '?')} failed fetches", wrk_out.read_text()[-1500:])
        R.add("replicas: every answer wrk got carries a strong ETag (-gzip on gzip bodies) and Last-Modified",
              res["badval"] == 0 and res["requests"] > 0, f"{res['badval']} of {res['requests']:,} wrong")
        durations = sorted(writer.durations)
        R.add(f"replicas: the writer rebuilt with a changed post, starting a build at most once a second, "
              f"{MIN_BUILDS} builds at least", bool(churned) and not writer.failures,
              f"{len(writer.history) - 1} builds, median {durations[len(durations) // 2] if durations else 0:.1f} s "
              f"each (the churn lasted {time.monotonic() - t0:.0f} s)", "\n".join(writer.failures))
        rising = rising_problems(writer)
        R.add("replicas: each build's Last-Modified rises for changed bytes, stays for unchanged ones",
              not rising and len(writer.history) > MIN_BUILDS, f"{len(writer.history[-1])} paths over "
              f"{len(writer.history)} manifests", "\n".join(rising[:20]))

        by_source = {}
        for s in sampler.seen:
            by_source[s[0]] = by_source.get(s[0], 0) + 1
        R.add("replicas: sampled 200s have ETag = hash of the bytes (gzip: of the inflated bytes), 304s the "
              "ETag asked for", len(sampler.seen) > 100 and not sampler.failures,
              f"{len(sampler.seen)} bodies ({', '.join(f'{k} {v}' for k, v in sorted(by_source.items()))}), "
              f"{len(sampler.failures)} bad", "\n".join(sampler.failures[:20]))
        problems = version_problems(sampler.seen, writer)
        versions = {(s[1], s[3]) for s in sampler.seen}
        R.add("replicas: one ETag and one Last-Modified per version, the build's, whichever replica or "
              "Varnish answered", not problems and len(by_source) == 4,
              f"{len(versions)} versions of {len({s[1] for s in sampler.seen})} paths", "\n".join(problems[:20]))

        for reader in readers:
            name = "feedparser" if isinstance(reader, FeedparserPoller) else "newsboat"
            problems = reader.errors + [p for path, rounds in reader.rounds.items()
                                        for p in order_problems(name, path, rounds, writer)]
            R.add(f"replicas: {name} polling through Varnish sees each version once, in order, and 304 when "
                  "nothing changed", not problems and reader_meaningful(reader.rounds),
                  reader_figure(reader.rounds), "\n".join(problems[:20]))

        check_all_replicas_gone(R, varnish, replicas, [p for pair in feeds for p in pair] + ["/", "/feeds.opml"],
                                writer)
    finally:
        stop_event.set()
        writer.stop_event.set()
        writer.resume()
        if wrk is not None:
            stop(wrk)
        if varnish is not None:
            varnish.stop()
        for r in replicas:
            r.stop()
