"""Phase memory: `serve` on 10,000 (-Xmx512m) and 50,000 (-Xmx1g) posts: heap in use and live heap (jcmd)
and RSS after startup, then under a soak of wrk load over every feed path (sampled), then again."""

import os
import subprocess
import time

import corpora
import jvm
import outputs
import servers
from context import log
from pytools import wrk
from pytools.loopback import HOST
from settings import HERE


def run(bench):
    for n in bench.settings.memory_sizes:
        site = corpora.corpus(bench, n)
        try:
            paths = build_feed_paths(bench, n, site)
        except RuntimeError as e:
            bench.problem(str(e))
            continue
        bench.results["memory"].append(measure(bench, n, site, outputs.write_paths(bench, paths, "paths-mem-%d.txt" % n)))


def build_feed_paths(bench, n, site):
    """The feed paths of corpus n, from the build phase's output when it is still there."""
    out = bench.path("out-fw-%d" % n)
    if not os.path.exists(os.path.join(out, "rss.xml")):
        log("building %d posts once to list the feed paths" % n)
        bench.build_once(n, site, out, "paths-build-%d" % n)
    return outputs.feed_paths(out)


def measure(bench, n, site, paths_file):
    xmx = "512m" if n <= 10000 else "1g"
    soak = bench.settings.soak_seconds
    proc, port, _ = servers.start_serve(bench, site, xmx, "memory-%d" % n)
    rec = {"size": n, "xmx": xmx, "soak_s": soak}
    try:
        time.sleep(2)
        rec["healthz"] = servers.healthz(port)
        rec.update(readings(proc.pid, "startup"))
        log("memory %d posts (-Xmx%s): after startup used %.0f MiB, live %.0f MiB, RSS %.0f MiB; now %d s of "
            "mixed wrk load" % (n, xmx, rec["startup_used"]["used_mb"] or -1, rec["startup_live"]["used_mb"] or -1,
                                rec["startup_rss_mb"] or -1, soak))
        wrk_log = bench.path("wrk-soak-%d.log" % n)
        with open(wrk_log, "ab") as out:
            load = bench.processes.start(
                wrk.command("http://%s:%d/" % (HOST, port), soak, ["Accept-Encoding: gzip"],
                            os.path.join(HERE, "wrk", "mixed.lua"), (paths_file,)),
                stdout=out, stderr=subprocess.STDOUT)
        rec["samples"] = sample_while(load, proc.pid, soak)
        bench.processes.stop(load)
        with open(wrk_log, encoding="utf-8", errors="replace") as f:
            rec["wrk"] = wrk.parse_report(f.read())
        rec.update(readings(proc.pid, "after"))
        log("  after load: used %.0f MiB, live %.0f MiB, RSS %.0f MiB (%.0f req/s during soak)" % (
            rec["after_used"]["used_mb"] or -1, rec["after_live"]["used_mb"] or -1, rec["after_rss_mb"] or -1,
            rec["wrk"]["rps"] or 0))
    finally:
        bench.processes.stop(proc)
    return rec


def readings(pid, when):
    """Heap in use, then live heap after a full GC, then RSS: {when_used, when_live, when_rss_mb}."""
    return {when + "_used": jvm.heap_info(pid), when + "_live": jvm.live_heap(pid), when + "_rss_mb": jvm.rss_mb(pid)}


def sample_while(load, pid, soak):
    """Heap in use and RSS about 20 times while the load runs."""
    every = max(5.0, soak / 20.0)
    samples = []
    t0 = time.perf_counter()
    while load.poll() is None and time.perf_counter() - t0 < soak + 60:
        time.sleep(min(every, max(0.5, soak + 1 - (time.perf_counter() - t0))))
        if load.poll() is None:
            samples.append({"t_s": time.perf_counter() - t0, "used_mb": jvm.heap_info(pid).get("used_mb"),
                            "rss_mb": jvm.rss_mb(pid)})
    return samples
