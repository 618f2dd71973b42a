#!/usr/bin/env python3
"""Feedwright benchmark driver (standard library only).

Normally started by bench/run, which installs the tools and builds the jar.
Phases: build, serve, reload, startup, memory. Every process it starts is put in
its own process group, recorded in WORK/pids/ (so bench/run's trap can end it)
and stopped again before this program returns.
"""

import argparse
import datetime as dt
import gzip
import hashlib
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
HOST = "127.0.0.1"  # the only address this benchmark ever talks to
LAUNCHER = os.path.join(os.path.dirname(HERE), "bin", "feedwright")
# Varnish is started as the e2e suite starts it: the same VCL, the same command line.
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "e2e", "varnish"))
from varnishd import varnishd_command  # noqa: E402

# --------------------------------------------------------------------------
# process bookkeeping
# --------------------------------------------------------------------------


class Procs:
    def __init__(self, piddir):
        self.piddir = piddir
        os.makedirs(piddir, exist_ok=True)
        self.live = {}

    def spawn(self, cmd, log_path=None, env=None, cwd=None):
        out = open(log_path, "ab") if log_path else subprocess.DEVNULL
        try:
            p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT if log_path else subprocess.DEVNULL,
                                 stdin=subprocess.DEVNULL, env=env, cwd=cwd, start_new_session=True)
        finally:
            if log_path:
                out.close()
        self.live[p.pid] = p
        with open(os.path.join(self.piddir, str(p.pid)), "w") as f:
            f.write(str(p.pid))
        return p

    def _forget(self, p):
        self.live.pop(p.pid, None)
        try:
            os.unlink(os.path.join(self.piddir, str(p.pid)))
        except FileNotFoundError:
            pass

    def stop(self, p, sig=signal.SIGTERM, timeout=15.0):
        """Signal the process group led by p, wait, escalate to SIGKILL."""
        rc = p.poll()
        if rc is None:
            try:
                os.killpg(p.pid, sig)
            except ProcessLookupError:
                pass
            try:
                rc = p.wait(timeout)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                rc = p.wait(10)
        return self._reap(p, rc)

    def wait(self, p, timeout=None):
        return self._reap(p, p.wait(timeout))

    def _reap(self, p, rc):
        """The leader is gone; make sure nothing else of its group stayed behind."""
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self._forget(p)
        return rc

    def stop_all(self):
        for p in list(self.live.values()):
            self.stop(p, timeout=5.0)


def on_signal(signum, frame):
    raise SystemExit(128 + signum)


# --------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------


def log(msg):
    sys.stdout.write("[bench %s] %s\n" % (time.strftime("%H:%M:%S"), msg))
    sys.stdout.flush()


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((HOST, 0))
    port = s.getsockname()[1]
    s.close()
    return port


def http_req(port, path, method="GET", headers=None, timeout=10.0):
    c = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        c.request(method, path, headers=headers or {})
        r = c.getresponse()
        body = r.read()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, body
    finally:
        c.close()


def healthz(port):
    """GET /healthz as a dict (or {"error": ...})."""
    try:
        st, _, body = http_req(port, "/healthz", timeout=5.0)
        if st != 200:
            return {"error": "status %d" % st}
        return json.loads(body.decode("utf-8"))
    except (OSError, http.client.HTTPException, ValueError) as e:
        return {"error": str(e)}


def wait_http_ok(port, path, timeout, proc=None, interval=0.01):
    """Poll until GET path answers 200. Returns seconds waited or None."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if proc is not None and proc.poll() is not None:
            return None
        try:
            st, _, _ = http_req(port, path, timeout=2.0)
            if st == 200:
                return time.perf_counter() - t0
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(interval)
    return None


def summarize(values):
    vals = [v for v in values if v is not None]
    if not vals:
        return None
    return {"median": statistics.median(vals), "min": min(vals), "max": max(vals), "n": len(vals)}


def percentile(values, q):
    vals = sorted(values)
    if not vals:
        return None
    k = (len(vals) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(vals) - 1)
    return vals[lo] + (vals[hi] - vals[lo]) * (k - lo)


def one_line(msg):
    lines = [x.strip() for x in msg.splitlines() if x.strip()]
    if len(lines) <= 1:
        return lines[0] if lines else ""
    return (lines[0] + " ... " + lines[-1])[:300]


def tail(path, n=15):
    try:
        with open(path, "rb") as f:
            return b"".join(f.readlines()[-n:]).decode("utf-8", "replace")
    except OSError:
        return ""


def java_bin():
    return shutil.which("java") or "java"


def jcmd_bin():
    j = os.path.realpath(java_bin())
    cand = os.path.join(os.path.dirname(j), "jcmd")
    return cand if os.path.exists(cand) else (shutil.which("jcmd") or "jcmd")


def tool_version(cmd):
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=30)
        return r.stdout.decode("utf-8", "replace").strip().splitlines()[0]
    except Exception as e:  # noqa: BLE001 - informational only
        return "unknown (%s)" % e


# --------------------------------------------------------------------------
# wrk
# --------------------------------------------------------------------------

_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def _dur(s):
    m = re.match(r"([\d.]+)(us|ms|s|m|h)$", s.strip())
    return float(m.group(1)) * _UNITS[m.group(2)] if m else None


def parse_wrk(text):
    res = {"rps": None, "p50_ms": None, "p75_ms": None, "p90_ms": None, "p99_ms": None,
           "requests": None, "non_2xx_3xx": 0, "socket_errors": 0}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if m:
        res["rps"] = float(m.group(1))
    for pct, key in (("50", "p50_ms"), ("75", "p75_ms"), ("90", "p90_ms"), ("99", "p99_ms")):
        m = re.search(r"^\s+%s(?:\.000)?%%\s+(\S+)" % pct, text, re.M)
        if m:
            d = _dur(m.group(1))
            res[key] = d * 1000.0 if d is not None else None
    m = re.search(r"(\d+) requests in", text)
    if m:
        res["requests"] = int(m.group(1))
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    if m:
        res["non_2xx_3xx"] = int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        res["socket_errors"] = sum(int(x) for x in m.groups())
    return res


# --------------------------------------------------------------------------
# the benchmark
# --------------------------------------------------------------------------


class Bench:
    def __init__(self, a):
        self.a = a
        self.repo = os.path.abspath(a.repo)
        self.jar = os.path.abspath(a.jar)
        self.work = os.path.abspath(a.work)
        self.tmp = os.path.join(self.work, "tmp-%d" % os.getpid())
        self.results_dir = os.path.abspath(a.results)
        os.makedirs(self.tmp, exist_ok=True)
        os.makedirs(self.results_dir, exist_ok=True)
        self.procs = Procs(os.path.join(self.work, "pids"))
        # test a private copy, so a rebuild of target/ during the run cannot change or break it
        self.jar_source = self.jar
        self.jar = os.path.join(self.tmp, "feedwright.jar")
        shutil.copy2(self.jar_source, self.jar)
        self.q = a.quick
        self.reps = a.reps if a.reps else (3 if a.quick else 5)
        self.duration = a.duration if a.duration else (3 if a.quick else 15)
        self.warm_dur = 2 if a.quick else 10
        self.soak = a.soak if a.soak is not None else (30 if a.quick else 600)
        self.edits = a.edits if a.edits else (10 if a.quick else 50)
        self.sizes = [int(x) for x in a.sizes.split(",") if x.strip()]
        self.only = set(a.only.split(",")) if a.only else {"build", "serve", "varnish", "reload", "startup", "memory"}
        self.extra_java = a.java_opts.split() if a.java_opts else []
        self.extra_serve = a.serve_args.split() if a.serve_args else []
        self.R = {"meta": {}, "build": [], "build_outputs": {}, "serve": {}, "varnish": {}, "reload": {},
                  "startup": {}, "memory": [], "errors": []}

    # ---------------- corpora ----------------

    def corpus(self, n):
        d = os.path.join(self.work, "corpus-%d" % n)
        with open(os.path.join(HERE, "gen_corpus.py"), "rb") as f:
            h = hashlib.sha256(f.read()).hexdigest()[:16]
        stamp = "posts=%d seed=%d gen=%s" % (n, self.a.seed, h)
        sp = os.path.join(d, ".stamp")
        if os.path.exists(sp) and open(sp).read().strip() == stamp:
            return d
        log("generating corpus of %d posts (seed %d) in %s" % (n, self.a.seed, d))
        t0 = time.perf_counter()
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), "--posts", str(n),
                        "--seed", str(self.a.seed), "--out", d], check=True)
        with open(sp, "w") as f:
            f.write(stamp + "\n")
        log("  generated in %.1f s" % (time.perf_counter() - t0))
        return d

    def hugo_site(self, n, corpus):
        site = os.path.join(self.tmp, "hugo-site-%d" % n)
        if os.path.exists(site):
            shutil.rmtree(site)
        shutil.copytree(os.path.join(HERE, "hugo"), site)
        os.makedirs(os.path.join(site, "content"), exist_ok=True)
        os.symlink(os.path.join(corpus, "posts"), os.path.join(site, "content", "posts"))
        return site

    # ---------------- commands ----------------

    def fw_cmd(self, java_opts, args):
        """feedwright through bin/feedwright, the launcher users run: it picks the JVM settings for the
        command and keeps the class-data-sharing archive. `env` and the launcher both exec, so the
        process measured (time -v, jcmd) is the JVM itself."""
        return ["env", "JAVA_OPTS=" + " ".join(java_opts + self.extra_java), "FEEDWRIGHT_JAR=" + self.jar,
                LAUNCHER] + args

    def fw_build_cmd(self, n, corpus, out, gz=False):
        opts = ["-Xmx1g"] if n >= 50000 else []
        return self.fw_cmd(opts, ["build", "--site", corpus, "--out", out] + (["--gzip"] if gz else []))

    def fw_serve_cmd(self, corpus, port, xmx):
        return self.fw_cmd(["-Xmx" + xmx],
                           ["serve", "--site", corpus, "--host", HOST, "--port", str(port)] + self.extra_serve)

    def timed(self, cmd, logname, cwd=None):
        """Run cmd under /usr/bin/time -v. Returns dict(wall_s, max_rss_kb, rc)."""
        tf = os.path.join(self.tmp, logname + ".time")
        lf = os.path.join(self.tmp, logname + ".log")
        full = ["/usr/bin/time", "-v", "-o", tf] + cmd
        t0 = time.perf_counter()
        p = self.procs.spawn(full, log_path=lf, cwd=cwd)
        rc = self.procs.wait(p)
        wall = time.perf_counter() - t0
        rss = None
        try:
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(tf).read())
            rss = int(m.group(1)) if m else None
        except OSError:
            pass
        return {"wall_s": wall, "max_rss_kb": rss, "rc": rc, "log": lf}

    # ---------------- phase: build ----------------

    def phase_build(self):
        for n in self.sizes:
            corpus = self.corpus(n)
            site = self.hugo_site(n, corpus)
            out_fw = os.path.join(self.tmp, "out-fw-%d" % n)
            out_hugo = os.path.join(self.tmp, "out-hugo-%d" % n)
            tools = {
                "feedwright": (lambda: self.fw_build_cmd(n, corpus, out_fw), out_fw, None),
                "hugo": (lambda: ["hugo", "--quiet", "--source", site, "--destination", out_hugo], out_hugo, site),
            }
            order = ["feedwright", "hugo"]
            failed = set()
            log("build %d posts: 1 warm-up + %d runs each, alternating %s" % (n, self.reps, " / ".join(order)))
            for rep in range(-1, self.reps):
                for tool in order:
                    if tool in failed:
                        continue
                    mk, out, cwd = tools[tool]
                    if os.path.exists(out):
                        shutil.rmtree(out)
                    r = self.timed(mk(), "build-%s-%d-%d" % (tool, n, rep), cwd=cwd)
                    if r["rc"] != 0:
                        failed.add(tool)
                        self.err("build %s %d posts exited %s; log tail:\n%s" % (tool, n, r["rc"], tail(r["log"])))
                        continue
                    if rep == -1:
                        self.R["build_outputs"]["%s-%d" % (tool, n)] = self.describe_output(tool, out)
                        log("  %s output: %s" % (tool, self.R["build_outputs"]["%s-%d" % (tool, n)]))
                        continue
                    log("  run %d %-10s %7.2f s  %7.0f MiB" % (rep + 1, tool, r["wall_s"], (r["max_rss_kb"] or 0) / 1024))
                    self.R["build"].append({"size": n, "tool": tool, "rep": rep + 1, "wall_s": r["wall_s"],
                                            "max_rss_kb": r["max_rss_kb"]})
            # keep the last feedwright output: its paths feed the mixed load later
            if os.path.exists(out_hugo):
                shutil.rmtree(out_hugo)

    def describe_output(self, tool, out):
        files = []
        for root, _, fs in os.walk(out):
            for f in fs:
                files.append(os.path.relpath(os.path.join(root, f), out))
        if tool == "hugo":
            feeds = [f for f in files if f.endswith("index.xml")]
            tags = [f for f in feeds if f.startswith("tags/") and f.count("/") == 2]
            cats = [f for f in feeds if f.startswith("categories/") and f.count("/") == 2]
            items = None
            home = os.path.join(out, "index.xml")
            if os.path.exists(home):
                items = open(home, encoding="utf-8").read().count("<item>")
            return {"files": len(files), "rss_feeds": len(feeds), "category_feeds": len(cats),
                    "tag_feeds": len(tags), "home_items": items}
        feeds = [f for f in files if f.endswith("rss.xml") or f.endswith("atom.xml")]
        tags = [f for f in feeds if f.startswith("tags/")]
        cats = [f for f in feeds if f.startswith("categories/")]
        items = None
        home = os.path.join(out, "rss.xml")
        if os.path.exists(home):
            items = open(home, encoding="utf-8", errors="replace").read().count("<item>")
        return {"files": len(files), "feeds": len(feeds), "category_feeds": len(cats), "tag_feeds": len(tags),
                "home_items": items, "gz": len([f for f in files if f.endswith(".gz")])}

    def feed_paths(self, n, corpus):
        """URL paths of every feed feedwright writes for corpus n."""
        out = os.path.join(self.tmp, "out-fw-%d" % n)
        if not os.path.exists(os.path.join(out, "rss.xml")):
            log("building %d posts once to list the feed paths" % n)
            r = self.timed(self.fw_build_cmd(n, corpus, out), "paths-build-%d" % n)
            if r["rc"] != 0:
                raise RuntimeError("feedwright build failed:\n" + tail(r["log"]))
        return self.paths_of(out)

    @staticmethod
    def paths_of(out):
        paths = []
        for root, _, fs in os.walk(out):
            for f in fs:
                if f in ("rss.xml", "atom.xml"):
                    rel = os.path.relpath(os.path.join(root, f), out).replace(os.sep, "/")
                    paths.append("/" + urllib.parse.quote(rel, safe="/"))
        paths.sort()
        return paths

    def write_paths(self, paths, name):
        p = os.path.join(self.tmp, name)
        with open(p, "w", encoding="ascii") as f:
            f.write("\n".join(paths) + "\n")
        return p

    # ---------------- servers ----------------

    def start_serve(self, corpus, xmx, logname, ready_timeout=120.0):
        port = free_port()
        lf = os.path.join(self.tmp, logname + ".log")
        p = self.procs.spawn(self.fw_serve_cmd(corpus, port, xmx), log_path=lf)
        waited = wait_http_ok(port, "/rss.xml", ready_timeout, proc=p)
        if waited is None:
            self.procs.stop(p)
            raise RuntimeError("feedwright serve did not answer 200 on /rss.xml; log tail:\n" + tail(lf))
        return p, port, lf

    def start_nginx(self, root, max_age):
        prefix = os.path.join(self.tmp, "nginx")
        if os.path.exists(prefix):
            shutil.rmtree(prefix)
        os.makedirs(prefix)
        port = free_port()
        try:
            import pwd
            user = pwd.getpwuid(os.geteuid()).pw_name
        except Exception:  # noqa: BLE001
            user = "nobody"
        conf = open(os.path.join(HERE, "nginx", "nginx.conf.tmpl"), encoding="utf-8").read()
        for k, v in (("@PREFIX@", prefix), ("@PORT@", str(port)), ("@ROOT@", root), ("@USER@", user),
                     ("@MAX_AGE@", str(max_age))):
            conf = conf.replace(k, v)
        cp = os.path.join(prefix, "nginx.conf")
        with open(cp, "w", encoding="utf-8") as f:
            f.write(conf)
        lf = os.path.join(prefix, "stdout.log")
        p = self.procs.spawn(["nginx", "-p", prefix, "-c", cp], log_path=lf)
        if wait_http_ok(port, "/rss.xml", 15, proc=p) is None:
            self.procs.stop(p)
            raise RuntimeError("nginx did not start:\n" + tail(lf) + tail(os.path.join(prefix, "error.log")))
        return p, port

    def wrk(self, port, path, headers=(), duration=None, script=None, script_args=(), logname="wrk"):
        duration = duration or self.duration
        cmd = ["wrk", "-t2", "-c64", "-d%ds" % duration, "--latency", "--timeout", "5s"]
        for h in headers:
            cmd += ["-H", h]
        if script:
            cmd += ["-s", script]
        cmd.append("http://%s:%d%s" % (HOST, port, path))
        if script_args:
            cmd += ["--"] + list(script_args)
        lf = os.path.join(self.tmp, logname + ".log")
        if os.path.exists(lf):
            os.unlink(lf)
        p = self.procs.spawn(cmd, log_path=lf)
        try:
            self.procs.wait(p, timeout=duration + 60)
        except subprocess.TimeoutExpired:
            self.procs.stop(p)
        text = open(lf, encoding="utf-8", errors="replace").read()
        res = parse_wrk(text)
        if res["rps"] is None:
            self.err("wrk produced no result on port %d %s:\n%s" % (port, path, text[-800:]))
        return res

    # ---------------- phase: serve ----------------

    def phase_serve(self):
        n = self.a.serve_size
        corpus = self.corpus(n)
        out = os.path.join(self.tmp, "out-fw-gz-%d" % n)
        if os.path.exists(out):
            shutil.rmtree(out)
        log("serve: feedwright build --gzip of %d posts for nginx" % n)
        r = self.timed(self.fw_build_cmd(n, corpus, out, gz=True), "serve-build-gz-%d" % n)
        if r["rc"] != 0 or not os.path.exists(os.path.join(out, "rss.xml")):
            raise RuntimeError("feedwright build --gzip failed:\n" + tail(r["log"]))
        if not os.path.exists(os.path.join(out, "rss.xml.gz")):
            self.err("build --gzip wrote no rss.xml.gz: nginx will gzip nothing (gzip_static)")
        paths = self.paths_of(out)
        paths_file = self.write_paths(paths, "paths-%d.txt" % n)
        ng, ng_port = self.start_nginx(out, 300)
        fw, fw_port, fw_log = self.start_serve(corpus, "512m", "serve-%d" % n)
        servers = {"feedwright": fw_port, "nginx": ng_port}
        try:
            checks = self.serve_checks(servers, out, paths)
            self.R["serve"]["checks"] = checks
            etags = checks["etag"]
            mixed_script = os.path.join(HERE, "wrk", "mixed.lua")
            scen = {
                "plain": lambda s: ("/rss.xml", [], None, ()),
                "gzip": lambda s: ("/rss.xml", ["Accept-Encoding: gzip"], None, ()),
                "304": lambda s: ("/rss.xml", ["If-None-Match: " + (etags[s] or '"none"')], None, ()),
                "mixed": lambda s: ("/", [], mixed_script, (paths_file,)),
            }
            order = ["feedwright", "nginx"]
            log("serve: warm-up %ds per server and scenario" % self.warm_dur)
            for s in order:
                for name in ("plain", "gzip", "mixed"):
                    path, hdr, script, sargs = scen[name](s)
                    self.wrk(servers[s], path, hdr, self.warm_dur, script, sargs, logname="warm-%s-%s" % (s, name))
            runs = []
            log("serve: %d runs x %d scenarios x 2 servers, wrk -t2 -c64 -d%ds" % (self.reps, len(scen), self.duration))
            for rep in range(self.reps):
                for name in scen:
                    for s in order:
                        path, hdr, script, sargs = scen[name](s)
                        res = self.wrk(servers[s], path, hdr, None, script, sargs,
                                       logname="wrk-%s-%s-%d" % (s, name, rep))
                        res.update({"server": s, "scenario": name, "rep": rep + 1})
                        runs.append(res)
                        log("  run %d %-6s %-10s %10.0f req/s  p50 %6.2f ms  p99 %6.2f ms  bad %d" % (
                            rep + 1, name, s, res["rps"] or 0, res["p50_ms"] or 0, res["p99_ms"] or 0,
                            res["non_2xx_3xx"] + res["socket_errors"]))
            self.R["serve"]["runs"] = runs
            self.R["serve"]["paths"] = len(paths)
        finally:
            rc = self.procs.stop(fw)
            self.R["serve"]["serve_exit_on_sigterm"] = rc
            self.procs.stop(ng, sig=signal.SIGQUIT)

    def serve_checks(self, servers, out, paths):
        """One request of each kind to each server, so a broken answer shows up before wrk hides it."""
        ck = {"etag": {}, "plain": {}, "gzip": {}, "304": {}, "paths_not_200": {}}
        disk = open(os.path.join(out, "rss.xml"), "rb").read()
        for s, port in servers.items():
            st, h, body = http_req(port, "/rss.xml")
            ck["etag"][s] = h.get("etag")
            ck["plain"][s] = {"status": st, "bytes": len(body), "same_as_build": body == disk,
                              "content_type": h.get("content-type"), "cache_control": h.get("cache-control")}
            st, h, gbody = http_req(port, "/rss.xml", headers={"Accept-Encoding": "gzip"})
            try:
                same = gzip.decompress(gbody) == disk if h.get("content-encoding") == "gzip" else None
            except OSError:
                same = False
            ck["gzip"][s] = {"status": st, "content_encoding": h.get("content-encoding"), "bytes": len(gbody),
                             "decoded_same_as_build": same, "vary": h.get("vary")}
            st, h, _ = http_req(port, "/rss.xml", headers={"If-None-Match": ck["etag"][s] or '"none"'})
            ck["304"][s] = {"status": st}
            if s == "feedwright":
                ck["healthz"] = healthz(port)
                log("  feedwright /healthz: %s" % json.dumps(ck["healthz"], ensure_ascii=False)[:200])
                if "posts" not in ck["healthz"] or "feeds" not in ck["healthz"]:
                    self.err("feedwright /healthz lacks \"posts\" or \"feeds\": %s" % ck["healthz"])
                if (ck["etag"][s] or "W/").startswith("W/"):
                    self.err("feedwright /rss.xml has no strong ETag: %r" % ck["etag"][s])
            bad = 0
            for p in paths:
                try:
                    if http_req(port, p)[0] != 200:
                        bad += 1
                except (OSError, http.client.HTTPException):
                    bad += 1
            ck["paths_not_200"][s] = bad
            log("  check %-10s etag=%s plain=%s gzip=%s/%s 304=%s non-200 paths=%d/%d same-bytes=%s" % (
                s, ck["etag"][s], ck["plain"][s]["status"], ck["gzip"][s]["status"],
                ck["gzip"][s]["content_encoding"], ck["304"][s]["status"], bad, len(paths),
                ck["plain"][s]["same_as_build"]))
            if ck["304"][s]["status"] != 304:
                self.err("%s: If-None-Match with its own ETag gave %s, not 304" % (s, ck["304"][s]["status"]))
            if ck["gzip"][s]["content_encoding"] != "gzip":
                self.err("%s: Accept-Encoding: gzip was answered without gzip" % s)
            if bad:
                self.err("%s: %d of %d feed paths did not answer 200" % (s, bad, len(paths)))
        return ck

    # ---------------- phase: varnish ----------------

    def start_published(self, out, site, port, logname):
        """`serve --published OUT` (the build's validators, from memory) on a given port."""
        lf = os.path.join(self.tmp, logname + ".log")
        cmd = self.fw_cmd(["-Xmx512m"], ["serve", "--published", out, "--site", site, "--host", HOST,
                                         "--port", str(port)] + self.extra_serve)
        p = self.procs.spawn(cmd, log_path=lf)
        if wait_http_ok(port, "/rss.xml", 120.0, proc=p) is None:
            self.procs.stop(p)
            raise RuntimeError("feedwright serve --published did not answer 200 on /rss.xml; log tail:\n" + tail(lf))
        return p

    def phase_varnish(self):
        """The serve phase's plain, gzip and 304 cases through Varnish (e2e/varnish/feedwright.vcl) in
        front of --varnish-replicas `serve --published` replicas of one build, alternating with the same
        cases sent to one replica directly."""
        n, k = self.a.serve_size, self.a.varnish_replicas
        corpus = self.corpus(n)
        out = os.path.join(self.tmp, "out-published-%d" % n)
        if os.path.exists(out):
            shutil.rmtree(out)
        log("varnish: feedwright build of %d posts for %d replica(s)" % (n, k))
        r = self.timed(self.fw_build_cmd(n, corpus, out), "varnish-build-%d" % n)
        if r["rc"] != 0 or not os.path.exists(os.path.join(out, "rss.xml")):
            raise RuntimeError("feedwright build failed:\n" + tail(r["log"]))
        ports = [free_port() for _ in range(k)]
        for i, port in enumerate(ports):
            self.start_published(out, corpus, port, "replica-%d" % (i + 1))
        vport = free_port()
        folder = os.path.join(self.tmp, "varnish")
        lf = os.path.join(self.tmp, "varnishd.log")
        v = self.procs.spawn(varnishd_command(folder, vport, ports, "malloc,256m"), log_path=lf)
        if wait_http_ok(vport, "/rss.xml", 60.0, proc=v) is None:
            raise RuntimeError("varnishd did not answer 200 on /rss.xml:\n" + tail(lf))
        servers = {"varnish": vport, "direct": ports[0]}
        self.R["varnish"] = {"replicas": k, "posts": n}
        checks = self.serve_checks(servers, out, self.paths_of(out))
        self.R["varnish"]["checks"] = checks
        etags = checks["etag"]
        if etags["varnish"] != etags["direct"]:
            self.err("varnish: ETag %s through Varnish, %s from the replica" % (etags["varnish"], etags["direct"]))
        scen = {
            "plain": lambda s: ("/rss.xml", []),
            "gzip": lambda s: ("/rss.xml", ["Accept-Encoding: gzip"]),
            "304": lambda s: ("/rss.xml", ["If-None-Match: " + (etags[s] or '"none"')]),
        }
        order = ["varnish", "direct"]
        log("varnish: warm-up %ds per target and scenario" % self.warm_dur)
        for s in order:
            for name in scen:
                path, hdr = scen[name](s)
                self.wrk(servers[s], path, hdr, self.warm_dur, logname="warm-%s-%s" % (s, name))
        runs = []
        log("varnish: %d runs x %d scenarios x 2 targets, wrk -t2 -c64 -d%ds" % (self.reps, len(scen), self.duration))
        for rep in range(self.reps):
            for name in scen:
                for s in order:
                    path, hdr = scen[name](s)
                    res = self.wrk(servers[s], path, hdr, None, logname="wrk-%s-%s-%d" % (s, name, rep))
                    res.update({"server": s, "scenario": name, "rep": rep + 1})
                    runs.append(res)
                    log("  run %d %-6s %-8s %10.0f req/s  p50 %6.2f ms  p99 %6.2f ms  bad %d" % (
                        rep + 1, name, s, res["rps"] or 0, res["p50_ms"] or 0, res["p99_ms"] or 0,
                        res["non_2xx_3xx"] + res["socket_errors"]))
                    if res["non_2xx_3xx"] or res["socket_errors"]:
                        self.err("varnish: %s %s run %d: %d non-2xx/3xx answers, %d socket errors" % (
                            s, name, rep + 1, res["non_2xx_3xx"], res["socket_errors"]))
        self.R["varnish"]["runs"] = runs
        self.R["varnish"]["load_average"] = os.getloadavg()

    # ---------------- phase: reload ----------------

    def phase_reload(self):
        n = self.a.reload_size
        corpus = self.corpus(n)
        posts = os.path.join(corpus, "posts")
        newest = self.newest_post(posts)
        path = os.path.join(posts, newest)
        original = open(path, "rb").read()
        p, port, lf = self.start_serve(corpus, "512m", "reload-%d" % n)
        lat = []
        timeouts = 0
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=10)
            etag = self.get_etag(conn)
            log("reload: %d edits of %s (newest post), serve on %d posts" % (self.edits, newest, n))
            for i in range(self.edits):
                text = original.replace(b"\n\n---END---\n",
                                        ("\n\nベンチマーク編集 %d / benchmark edit %d (%s).\n\n---END---\n" % (
                                            i, i, hashlib.sha1(str(i).encode()).hexdigest()[:8])).encode("utf-8"), 1)
                tmp = os.path.join(posts, ".bench-edit-%d.tmp" % i)
                with open(tmp, "wb") as f:
                    f.write(text)
                os.replace(tmp, path)
                t0 = time.perf_counter()
                new, conn = self.poll_etag_change(conn, port, etag, t0 + self.a.reload_timeout)
                dtm = time.perf_counter() - t0
                if new is None:
                    timeouts += 1
                    log("  edit %2d: no new ETag within %.0f s" % (i + 1, self.a.reload_timeout))
                    etag = self.get_etag(conn)
                else:
                    lat.append(dtm)
                    etag = new
                    if (i + 1) % 10 == 0 or self.q:
                        log("  edit %2d: %.1f ms" % (i + 1, dtm * 1000))
                time.sleep(self.a.reload_gap)
        finally:
            tmp = os.path.join(posts, ".bench-restore.tmp")
            with open(tmp, "wb") as f:
                f.write(original)
            os.replace(tmp, path)
            self.procs.stop(p)
        self.R["reload"] = {"size": n, "post": newest, "edits": self.edits, "timeouts": timeouts,
                            "latencies_s": lat,
                            "p50_s": percentile(lat, 0.5), "p99_s": percentile(lat, 0.99),
                            "max_s": max(lat) if lat else None}
        if timeouts:
            self.err("reload: %d of %d edits never changed the ETag of /rss.xml" % (timeouts, self.edits))

    @staticmethod
    def newest_post(posts):
        best = None
        rx = re.compile(rb"^date:\s*(.+?)\s*$", re.M)
        for f in os.listdir(posts):
            if not f.endswith(".md"):
                continue
            with open(os.path.join(posts, f), "rb") as fh:
                head = fh.read(1024)
            m = rx.search(head)
            if m:
                key = (m.group(1), f)
                if best is None or key > best:
                    best = key
        return best[1]

    @staticmethod
    def get_etag(conn):
        conn.request("GET", "/rss.xml")
        r = conn.getresponse()
        r.read()
        return r.getheader("ETag")

    def poll_etag_change(self, conn, port, old, deadline):
        while time.perf_counter() < deadline:
            try:
                conn.request("GET", "/rss.xml", headers={"If-None-Match": old} if old else {})
                r = conn.getresponse()
                r.read()
                if r.status == 200:
                    et = r.getheader("ETag")
                    if et and et != old:
                        return et, conn
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=10)
            time.sleep(0.001)
        return None, conn

    # ---------------- phase: startup ----------------

    def phase_startup(self):
        n = self.a.reload_size
        corpus = self.corpus(n)
        times = []
        log("startup: %d launches on %d posts (launch -> first 200 on /rss.xml)" % (self.reps, n))
        for rep in range(self.reps):
            port = free_port()
            lf = os.path.join(self.tmp, "startup-%d.log" % rep)
            t0 = time.perf_counter()
            p = self.procs.spawn(self.fw_serve_cmd(corpus, port, "512m"), log_path=lf)
            waited = wait_http_ok(port, "/rss.xml", 120, proc=p, interval=0.005)
            dtm = time.perf_counter() - t0 if waited is not None else None
            rc = self.procs.stop(p)
            if dtm is None:
                self.err("startup run %d: no 200 on /rss.xml:\n%s" % (rep + 1, tail(lf)))
            else:
                log("  run %d: %.2f s (exit on SIGTERM: %s)" % (rep + 1, dtm, rc))
            times.append(dtm)
        self.R["startup"] = {"size": n, "runs_s": times}

    # ---------------- phase: memory ----------------

    def heap_info(self, pid):
        r = subprocess.run([jcmd_bin(), str(pid), "GC.heap_info"], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=60)
        text = r.stdout.decode("utf-8", "replace")
        m = re.search(r"heap\s+total (\d+)K, used (\d+)K", text)
        if m:
            return {"committed_mb": int(m.group(1)) / 1024.0, "used_mb": int(m.group(2)) / 1024.0}
        m = re.search(r"used (\d+)M, capacity (\d+)M", text)  # ZGC
        if m:
            return {"committed_mb": float(m.group(2)), "used_mb": float(m.group(1))}
        return {"committed_mb": None, "used_mb": None, "raw": text[-400:]}

    def live_heap(self, pid):
        subprocess.run([jcmd_bin(), str(pid), "GC.run"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=120)
        return self.heap_info(pid)

    @staticmethod
    def rss_mb(pid):
        try:
            for line in open("/proc/%d/status" % pid):
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
        except OSError:
            pass
        return None

    def phase_memory(self):
        for n in self.a.memory_sizes:
            corpus = self.corpus(n)
            xmx = "512m" if n <= 10000 else "1g"
            try:
                paths = self.feed_paths(n, corpus)
            except RuntimeError as e:
                self.err(str(e))
                continue
            paths_file = self.write_paths(paths, "paths-mem-%d.txt" % n)
            p, port, lf = self.start_serve(corpus, xmx, "memory-%d" % n)
            rec = {"size": n, "xmx": xmx, "soak_s": self.soak}
            try:
                time.sleep(2)
                rec["healthz"] = healthz(port)
                rec["startup_used"] = self.heap_info(p.pid)
                rec["startup_live"] = self.live_heap(p.pid)
                rec["startup_rss_mb"] = self.rss_mb(p.pid)
                log("memory %d posts (-Xmx%s): after startup used %.0f MiB, live %.0f MiB, RSS %.0f MiB; "
                    "now %d s of mixed wrk load" % (n, xmx, rec["startup_used"]["used_mb"] or -1,
                                                   rec["startup_live"]["used_mb"] or -1,
                                                   rec["startup_rss_mb"] or -1, self.soak))
                sample_every = max(5.0, self.soak / 20.0)
                wcmd = ["wrk", "-t2", "-c64", "-d%ds" % self.soak, "--latency", "--timeout", "5s",
                        "-H", "Accept-Encoding: gzip", "-s", os.path.join(HERE, "wrk", "mixed.lua"),
                        "http://%s:%d/" % (HOST, port), "--", paths_file]
                wl = os.path.join(self.tmp, "wrk-soak-%d.log" % n)
                w = self.procs.spawn(wcmd, log_path=wl)
                samples = []
                t0 = time.perf_counter()
                while w.poll() is None and time.perf_counter() - t0 < self.soak + 60:
                    time.sleep(min(sample_every, max(0.5, self.soak + 1 - (time.perf_counter() - t0))))
                    if w.poll() is None:
                        hi = self.heap_info(p.pid)
                        samples.append({"t_s": time.perf_counter() - t0, "used_mb": hi.get("used_mb"),
                                        "rss_mb": self.rss_mb(p.pid)})
                self.procs.stop(w)
                rec["wrk"] = parse_wrk(open(wl, encoding="utf-8", errors="replace").read())
                rec["samples"] = samples
                rec["after_used"] = self.heap_info(p.pid)
                rec["after_live"] = self.live_heap(p.pid)
                rec["after_rss_mb"] = self.rss_mb(p.pid)
                log("  after load: used %.0f MiB, live %.0f MiB, RSS %.0f MiB (%.0f req/s during soak)" % (
                    rec["after_used"]["used_mb"] or -1, rec["after_live"]["used_mb"] or -1,
                    rec["after_rss_mb"] or -1, rec["wrk"]["rps"] or 0))
            finally:
                self.procs.stop(p)
            self.R["memory"].append(rec)

    # ---------------- reporting ----------------

    def err(self, msg):
        log("PROBLEM: " + msg)
        self.R["errors"].append(msg)

    def rows(self):
        """(figure, unit, fw summary, anchor name, anchor summary, target text, verdict fn)."""
        rows = []
        B = self.R["build"]

        def bsum(tool, n, key, scale=1.0):
            return summarize([r[key] * scale for r in B if r["tool"] == tool and r["size"] == n and r[key] is not None])

        build_target = {1000: 2.0, 10000: 1.0, 50000: 1.0}
        for n in self.sizes:
            t = build_target.get(n)
            rows.append(("build %s posts%s: wall" % (n, " (-Xmx1g)" if n >= 50000 else ""), "s",
                         bsum("feedwright", n, "wall_s"), "Hugo", bsum("hugo", n, "wall_s"),
                         ("ratio", "le", t) if t else None))
        for n in self.sizes:
            rows.append(("build %s posts: peak RSS" % n, "MiB", bsum("feedwright", n, "max_rss_kb", 1 / 1024.0),
                         "Hugo", bsum("hugo", n, "max_rss_kb", 1 / 1024.0),
                         ("ratio", "le", 1.0) if n == 10000 else None))
        runs = self.R["serve"].get("runs", [])
        for sc in ("plain", "gzip", "304", "mixed"):
            def ssum(server, key):
                return summarize([r[key] for r in runs if r["server"] == server and r["scenario"] == sc])
            if not any(r["scenario"] == sc for r in runs):
                continue
            tgt = sc != "mixed"
            rows.append(("serve %s: req/s" % sc, "req/s", ssum("feedwright", "rps"), "nginx", ssum("nginx", "rps"),
                         ("ratio", "ge", 1.0) if tgt else None))
            rows.append(("serve %s: p50" % sc, "ms", ssum("feedwright", "p50_ms"), "nginx", ssum("nginx", "p50_ms"),
                         None))
            rows.append(("serve %s: p99" % sc, "ms", ssum("feedwright", "p99_ms"), "nginx", ssum("nginx", "p99_ms"),
                         ("ratio", "le", 2.0) if tgt else None))
        vr = self.R.get("varnish") or {}
        for sc in ("plain", "gzip", "304"):
            def vsum(server, key):
                return summarize([r[key] for r in vr.get("runs", []) if r["server"] == server and r["scenario"] == sc])
            if not any(r["scenario"] == sc for r in vr.get("runs", [])):
                continue
            label = "varnish + %d replica%s %s" % (vr["replicas"], "s" if vr["replicas"] > 1 else "", sc)
            for key, unit, what in (("rps", "req/s", "req/s"), ("p50_ms", "ms", "p50"), ("p99_ms", "ms", "p99")):
                rows.append(("%s: %s" % (label, what), unit, vsum("varnish", key), "serve direct", vsum("direct", key),
                             None))
        rl = self.R.get("reload") or {}
        if rl.get("latencies_s") is not None:
            def one(v):
                return {"median": v, "min": v, "max": v, "n": len(rl["latencies_s"])} if v is not None else None
            rows.append(("reload %s posts: p50 save->new ETag" % rl["size"], "ms",
                         one(rl["p50_s"] * 1000 if rl["p50_s"] is not None else None), "target",
                         one(100.0), ("abs", "le", 100.0)))
            rows.append(("reload %s posts: p99 save->new ETag" % rl["size"], "ms",
                         one(rl["p99_s"] * 1000 if rl["p99_s"] is not None else None), "target",
                         one(300.0), ("abs", "le", 300.0)))
        st = self.R.get("startup") or {}
        if st.get("runs_s"):
            rows.append(("startup %s posts: launch->200 /rss.xml" % st["size"], "s", summarize(st["runs_s"]),
                         "target", {"median": 3.0, "min": 3.0, "max": 3.0, "n": 1}, ("abs", "le", 3.0)))
        for m in self.R["memory"]:
            for key, label in (("startup_used", "heap used after startup"), ("startup_live", "live heap after startup"),
                               ("after_used", "heap used after %ds load" % m["soak_s"]),
                               ("after_live", "live heap after %ds load" % m["soak_s"])):
                v = (m.get(key) or {}).get("used_mb")
                rows.append(("memory %s posts (-Xmx%s): %s" % (m["size"], m["xmx"], label), "MiB",
                             {"median": v, "min": v, "max": v, "n": 1} if v is not None else None, "-", None, None))
            for key, label in (("startup_rss_mb", "RSS after startup"), ("after_rss_mb", "RSS after load")):
                v = m.get(key)
                rows.append(("memory %s posts (-Xmx%s): %s" % (m["size"], m["xmx"], label), "MiB",
                             {"median": v, "min": v, "max": v, "n": 1} if v is not None else None, "-", None, None))
        return rows

    @staticmethod
    def verdict(fw, anc, tgt):
        if not tgt:
            return "-", None
        if fw is None or (tgt[0] == "ratio" and anc is None):
            return "n/a", None
        if tgt[0] == "ratio":
            ratio = fw["median"] / anc["median"] if anc["median"] else None
            if ratio is None:
                return "n/a", None
            ok = ratio <= tgt[2] if tgt[1] == "le" else ratio >= tgt[2]
        else:
            ratio = None
            ok = fw["median"] <= tgt[2] if tgt[1] == "le" else fw["median"] >= tgt[2]
        return ("PASS" if ok else "FAIL"), ratio

    @staticmethod
    def fmt(s, unit):
        if s is None:
            return "n/a"
        nd = 0 if unit in ("req/s", "MiB") else (1 if unit == "ms" and s["median"] >= 10 else 2)
        f = "%%.%df" % nd
        if s["n"] > 1 and s["min"] != s["max"]:
            return (f + " [" + f + "-" + f + "]") % (s["median"], s["min"], s["max"])
        return f % s["median"]

    def report(self):
        rows = self.rows()
        table = []
        summary = []
        for fig, unit, fw, an, anc, tgt in rows:
            v, ratio = self.verdict(fw, anc, tgt)
            if ratio is None and fw and anc and anc["median"]:
                ratio = fw["median"] / anc["median"]
            if tgt:
                ttxt = ("%s %.1fx %s" % ("<=" if tgt[1] == "le" else ">=", tgt[2], an)) if tgt[0] == "ratio" else (
                    "%s %g %s" % ("<=" if tgt[1] == "le" else ">=", tgt[2], unit))
            else:
                ttxt = "-"
            table.append((fig, unit, self.fmt(fw, unit), "%s %s" % (an, self.fmt(anc, unit)) if anc else an,
                          ("%.2fx" % ratio) if ratio is not None else "-", ttxt, v))
            summary.append({"figure": fig, "unit": unit, "feedwright": fw, "anchor": an, "anchor_value": anc,
                            "ratio": ratio, "target": ttxt, "verdict": v})
        self.R["summary"] = summary
        head = ("figure", "unit", "feedwright median [min-max]", "anchor median [min-max]", "ratio", "target", "")
        w = [max(len(str(r[i])) for r in table + [head]) for i in range(len(head))]
        lines = ["  ".join(str(c).ljust(w[i]) for i, c in enumerate(head)),
                 "  ".join("-" * w[i] for i in range(len(head)))]
        for r in table:
            lines.append("  ".join(str(c).ljust(w[i]) for i, c in enumerate(r)))
        note = ("(quick mode: %d runs, %ds wrk, %d edits, %ds soak - a smoke test, not a valid measurement)" % (
            self.reps, self.duration, self.edits, self.soak)) if self.q else (
            "(%d runs each, alternating, median [min-max]; wrk -t2 -c64 -d%ds)" % (self.reps, self.duration))
        text = "\n".join(lines) + "\n" + note + "\n"
        if self.R["errors"]:
            text += "\nProblems seen (details in results.json \"errors\"):\n" + "\n".join(
                "  - " + one_line(e) for e in self.R["errors"]) + "\n"
        print()
        print(text)
        with open(os.path.join(self.results_dir, "summary.txt"), "w", encoding="utf-8") as f:
            f.write(text)

    def save(self):
        p = os.path.join(self.results_dir, "results.json")
        with open(p, "w", encoding="utf-8") as f:
            json.dump(self.R, f, indent=1, ensure_ascii=False, default=str)
        log("raw numbers: %s" % p)

    def chart(self):
        if not shutil.which("gnuplot"):
            self.err("gnuplot not found: no chart")
            return
        gp = chart_script(self.R, self.sizes, os.path.join(self.results_dir, "chart.svg"))
        gpf = os.path.join(self.tmp, "chart.gp")
        with open(gpf, "w", encoding="utf-8") as f:
            f.write(gp)
        r = subprocess.run(["gnuplot", gpf], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
        if r.returncode != 0:
            self.err("gnuplot failed:\n" + r.stdout.decode("utf-8", "replace")[-800:])
        else:
            log("chart: %s" % os.path.join(self.results_dir, "chart.svg"))

    # ---------------- main ----------------

    def run(self):
        self.R["meta"] = {
            "started": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "host": platform.node(), "cpus": os.cpu_count(), "kernel": platform.release(),
            "quick": self.q, "reps": self.reps, "wrk_duration_s": self.duration, "soak_s": self.soak,
            "edits": self.edits, "sizes": self.sizes, "seed": self.a.seed, "jar": self.jar_source,
            "jar_sha256": hashlib.sha256(open(self.jar, "rb").read()).hexdigest(),
            "java": tool_version([java_bin(), "-version"]), "hugo": tool_version(["hugo", "version"]),
            "nginx": tool_version(["nginx", "-v"]), "wrk": tool_version(["wrk", "--version"]),
            "varnish": tool_version(["varnishd", "-V"]),
            "git": tool_version(["git", "-C", self.repo, "rev-parse", "--short", "HEAD"]),
        }
        phases = [("build", self.phase_build), ("serve", self.phase_serve), ("varnish", self.phase_varnish),
                  ("reload", self.phase_reload),
                  ("startup", self.phase_startup), ("memory", self.phase_memory)]
        try:
            for name, fn in phases:
                if name not in self.only:
                    continue
                try:
                    fn()
                except (RuntimeError, OSError, subprocess.SubprocessError) as e:
                    self.err("phase %s aborted: %s" % (name, e))
                finally:
                    self.procs.stop_all()
                self.save()
        finally:
            self.procs.stop_all()
            self.R["meta"]["finished"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
            self.report()
            self.save()
            self.chart()
            if not self.a.keep_tmp:
                shutil.rmtree(self.tmp, ignore_errors=True)
        return 1 if self.R["errors"] else 0


# --------------------------------------------------------------------------
# gnuplot
# --------------------------------------------------------------------------


def _nan(v):
    return "NaN" if v is None else "%.6g" % v


def chart_script(R, sizes, svg):
    def s3(vals):
        s = summarize(vals)
        return (_nan(s["median"]), _nan(s["min"]), _nan(s["max"])) if s else ("NaN",) * 3

    b = R.get("build", [])
    build_rows, rss_rows = [], []
    for n in sizes:
        fw = s3([r["wall_s"] for r in b if r["tool"] == "feedwright" and r["size"] == n])
        hu = s3([r["wall_s"] for r in b if r["tool"] == "hugo" and r["size"] == n])
        build_rows.append('"%d" %s %s' % (n, " ".join(fw), " ".join(hu)))
        fw = s3([r["max_rss_kb"] / 1024 for r in b if r["tool"] == "feedwright" and r["size"] == n and r["max_rss_kb"]])
        hu = s3([r["max_rss_kb"] / 1024 for r in b if r["tool"] == "hugo" and r["size"] == n and r["max_rss_kb"]])
        rss_rows.append('"%d" %s %s' % (n, " ".join(fw), " ".join(hu)))
    runs = R.get("serve", {}).get("runs", [])
    rps_rows, p99_rows = [], []
    for sc in ("plain", "gzip", "304", "mixed"):
        v = [s3([r[k] for r in runs if r["server"] == srv and r["scenario"] == sc])
             for k in ("rps", "p99_ms") for srv in ("feedwright", "nginx")]
        rps_rows.append('"%s" %s %s' % (sc, " ".join(v[0]), " ".join(v[1])))
        p99_rows.append('"%s" %s %s' % (sc, " ".join(v[2]), " ".join(v[3])))
    rl = (R.get("reload") or {}).get("latencies_s") or []
    reload_rows = ["%d %s" % (i + 1, _nan(x * 1000)) for i, x in enumerate(rl)] or ["1 NaN"]
    mem_blocks = []
    for m in R.get("memory", []):
        rows = ["%s %s" % (_nan(s["t_s"]), _nan(s["used_mb"])) for s in m.get("samples", [])] or ["0 NaN"]
        mem_blocks.append((m["size"], rows))

    def has(rows, first_col=1):
        return any(any(c != "NaN" for c in r.split()[first_col:]) for r in rows)

    # gnuplot refuses a histogram series with no valid point: draw missing bars as 0
    ok = {"build": has(build_rows), "rss": has(rss_rows), "rps": has(rps_rows), "p99": has(p99_rows)}
    build_rows, rss_rows, rps_rows, p99_rows = [[r.replace("NaN", "0") for r in rows]
                                                for rows in (build_rows, rss_rows, rps_rows, p99_rows)]

    def block(name, rows):
        return "$%s << EOD\n%s\nEOD\n" % (name, "\n".join(rows))

    out = ['set terminal svg size 1200,1300 dynamic noenhanced font "sans,11" background "white"',
           'set output "%s"' % svg, 'set encoding utf8']
    out.append(block("build", build_rows) + block("rss", rss_rows) + block("rps", rps_rows) +
               block("p99", p99_rows) + block("reload", reload_rows))
    for size, rows in mem_blocks:
        out.append(block("mem%d" % size, rows))

    def panel(title, xlabel, ylabel, ok, plot):
        p = ['set title "%s"' % title, 'set xlabel "%s"' % xlabel, 'set ylabel "%s"' % ylabel]
        if ok:
            p.append(plot)
        else:
            p += ['set label 99 "no data" at graph 0.5, graph 0.5 center', 'set xrange [0:1]',
                  'plot 0 with lines lc rgb "#ffffff" notitle', 'unset label 99', 'set xrange [*:*]']
        return "\n".join(p)

    fw_c, hu_c, ng_c = '"#2c7fb8"', '"#f03b20"', '"#31a354"'
    out.append("\n".join([
        'set multiplot layout 3,2 title "Feedwright benchmark (median, bars = min-max)"',
        'set style data histogram', 'set style histogram errorbars gap 2 lw 1',
        'set style fill solid 0.6 border -1', 'set key top left', 'set grid ytics', 'set yrange [0:*]',
        panel("full build: wall time", "posts", "s", ok["build"],
              "plot $build using 2:3:4:xtic(1) title \"feedwright\" lc rgb %s, '' using 5:6:7 title \"Hugo\" lc rgb %s"
              % (fw_c, hu_c)),
        panel("full build: peak RSS", "posts", "MiB", ok["rss"],
              "plot $rss using 2:3:4:xtic(1) title \"feedwright\" lc rgb %s, '' using 5:6:7 title \"Hugo\" lc rgb %s"
              % (fw_c, hu_c)),
        panel("serving (1,000 posts): throughput", "scenario", "req/s", ok["rps"],
              "plot $rps using 2:3:4:xtic(1) title \"feedwright serve\" lc rgb %s, '' using 5:6:7 title \"nginx\" "
              "lc rgb %s" % (fw_c, ng_c)),
        panel("serving (1,000 posts): p99 latency", "scenario", "ms", ok["p99"],
              "plot $p99 using 2:3:4:xtic(1) title \"feedwright serve\" lc rgb %s, '' using 5:6:7 title \"nginx\" "
              "lc rgb %s" % (fw_c, ng_c)),
        'set style data linespoints',
        panel("reload: save -> new ETag on /rss.xml", "edit", "ms", has(reload_rows),
              "plot $reload using 1:2 with points pt 7 ps 0.6 lc rgb %s title \"feedwright\", "
              "100 with lines dt 2 lc rgb \"#888888\" title \"p50 target\", "
              "300 with lines dt 3 lc rgb \"#444444\" title \"p99 target\"" % fw_c),
        panel("serve heap used under wrk load (jcmd GC.heap_info)", "s under load", "MiB",
              any(has(rows) for _, rows in mem_blocks),
              "plot " + ", ".join('$mem%d using 1:2 with linespoints title "%d posts"' % (sz, sz)
                                   for sz, _ in mem_blocks)),
    ]) + "\n")
    out.append("unset multiplot\n")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description="Feedwright benchmark driver (see bench/README.md)")
    ap.add_argument("--repo", default=os.path.dirname(HERE))
    ap.add_argument("--jar", default=None)
    ap.add_argument("--work", default=os.path.join(HERE, "work"))
    ap.add_argument("--results", default=os.path.join(HERE, "results"))
    ap.add_argument("--sizes", default="1000,10000,50000", help="corpus sizes for the build phase")
    ap.add_argument("--quick", action="store_true", help="3 runs, 3 s wrk, 10 edits, 30 s soak: a smoke test")
    ap.add_argument("--reps", type=int, default=0)
    ap.add_argument("--duration", type=int, default=0, help="seconds per wrk run")
    ap.add_argument("--soak", type=int, default=None, help="seconds of wrk load in the memory phase")
    ap.add_argument("--edits", type=int, default=0)
    ap.add_argument("--only", default="", help="comma list of build,serve,varnish,reload,startup,memory")
    ap.add_argument("--varnish-replicas", type=int, default=3, help="serve --published replicas behind Varnish")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--serve-size", type=int, default=1000)
    ap.add_argument("--reload-size", type=int, default=10000, help="corpus for reload and startup")
    ap.add_argument("--memory-sizes", default=None, help="default 10000,50000 (only those <= max of --sizes "
                                                              "when --sizes is given without 50000)")
    ap.add_argument("--reload-timeout", type=float, default=10.0)
    # Over a second: a second change to a feed within the same wall-clock second waits for the next
    # second (Last-Modified has one-second precision and must rise without running ahead of the clock),
    # which would measure that rule instead of the reload.
    ap.add_argument("--reload-gap", type=float, default=1.1, help="pause after each edit is seen")
    ap.add_argument("--java-opts", default=os.environ.get("FEEDWRIGHT_JAVA_OPTS", ""))
    ap.add_argument("--serve-args", default=os.environ.get("FEEDWRIGHT_SERVE_ARGS", ""),
                    help="extra arguments for feedwright serve, e.g. '--poll-interval 50ms'")
    ap.add_argument("--keep-tmp", action="store_true")
    a = ap.parse_args()
    if a.jar is None:
        a.jar = os.path.join(a.repo, "target", "feedwright.jar")
    if a.memory_sizes is None:
        sizes = [int(x) for x in a.sizes.split(",") if x.strip()]
        a.memory_sizes = [n for n in (10000, 50000) if n <= max(sizes + [10000])]
    else:
        a.memory_sizes = [int(x) for x in a.memory_sizes.split(",") if x.strip()]
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    b = Bench(a)
    try:
        return b.run()
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
