"""Phase archives (issue 17): each corpus of --archive-sizes built by the launcher with `archives: true` and,
alternating, as generated (archives off): wall time, output files and bytes; then `serve` of the largest
with archives on under -Xmx1g: whether it starts, and its live heap (jcmd, as the memory phase reads it)."""

import re
import shutil
import time

import corpora
import jvm
import outputs
import servers
from context import log, log_tail

SERVE_XMX = "1g"
# The builds' heap from 50,000 posts, both modes alike: with archives on, 1 GiB holds the build (about 650 MiB
# live: the posts, the subscription documents, the pages being made) but leaves the collector too little
# room, and the build spends a third of its time in full collections.
BUILD_XMX_LARGE = "2g"
# Runs per mode and size: the rows are information, not targets, and a 50,000-post build with archives
# writes about 10 GB, so fewer than the other phases' five.
MOST_RUNS = 3
# Generous: serve makes no archive page before it answers, but reads and renders 50,000 posts.
SERVE_READY_SECONDS = 600.0


def run(bench):
    results = bench.results["archives"] = {"builds": [], "outputs": {}, "serve": None}
    # Room for outputs of up to 10 GB: the earlier phases' kept outputs go now, as nothing here meets a target.
    bench.empty_discarded()
    for n in bench.settings.archive_sizes:
        measure_builds(bench, n, results)
    measure_serve(bench, max(bench.settings.archive_sizes), results)


def measure_builds(bench, n, results):
    """A build that fails (out of memory, say) is recorded as the result for its mode and size, and that
    mode is not run again at that size."""
    sites = {"off": corpora.corpus(bench, n), "on": corpora.with_archives(bench, n)}
    failed = set()
    runs = min(bench.settings.reps, MOST_RUNS)
    log("archives %d posts: 1 warm-up + %d builds each, alternating archives off / on" % (n, runs))
    for rep in range(-1, runs):
        for mode in ("off", "on"):
            if mode in failed:
                continue
            out = bench.path("out-archives-%s-%d" % (mode, n))
            logname = "archives-build-%s-%d-%d" % (mode, n, rep)
            try:
                r = bench.build_once(n, sites[mode], out, logname,
                                     xmx=BUILD_XMX_LARGE if n >= 50000 else None)
            except RuntimeError:
                failed.add(mode)
                failure = failure_of(bench.path(logname + ".log"))
                results["outputs"]["%s-%d" % (mode, n)] = {"failure": failure}
                log("  archives %s: the build failed (%s)" % (mode, failure))
                continue
            if rep == -1:
                size = outputs.size_of(out)
                results["outputs"]["%s-%d" % (mode, n)] = size
                log("  archives %s output: %d files, %.1f MiB (%.1f MiB on disk)" % (
                    mode, size["files"], size["bytes"] / 2**20, size["disk_bytes"] / 2**20))
            else:
                log("  run %d archives %-3s %7.2f s  %7.0f MiB" % (rep + 1, mode, r["wall_s"],
                                                                  (r["max_rss_kb"] or 0) / 1024))
                results["builds"].append({"size": n, "archives": mode == "on", "rep": rep + 1, "wall_s": r["wall_s"],
                                          "cpu_s": r["cpu_s"], "max_rss_kb": r["max_rss_kb"]})
            shutil.rmtree(out, ignore_errors=True)


def failure_of(log_path):
    """"OOM (what ran out)" when the log has an OutOfMemoryError, else "failed"."""
    try:
        with open(log_path, encoding="utf-8", errors="replace") as f:
            m = re.search(r"OutOfMemoryError:?[ \t]*([^\n]*)", f.read())
    except OSError:
        m = None
    if not m:
        return "failed"
    message = m.group(1).strip()
    if "direct buffer memory" in message:
        return "OOM (direct buffer memory)"
    return "OOM (%s)" % message[:40] if message else "OOM"


def measure_serve(bench, n, results):
    """Starts serve with archives on; a start that fails (out of memory, or not ready in time) is the
    result, recorded with its reason, not a problem of the benchmark."""
    site = corpora.with_archives(bench, n)
    logname = "archives-serve-%d" % n
    rec = results["serve"] = {"size": n, "xmx": SERVE_XMX}
    log("archives: serve %d posts with archives on, -Xmx%s" % (n, SERVE_XMX))
    t0 = time.perf_counter()
    try:
        proc, port, _ = servers.start_serve(bench, site, SERVE_XMX, logname, SERVE_READY_SECONDS)
    except RuntimeError:
        rec["started"] = False
        failure = failure_of(bench.path(logname + ".log"))
        rec["failure"] = "did not start" if failure == "failed" else failure
        rec["log_tail"] = log_tail(bench.path(logname + ".log"), 40)
        log("  serve did not start: %s" % rec["failure"])
        return
    try:
        rec["started"] = True
        rec["startup_s"] = time.perf_counter() - t0
        time.sleep(2)
        rec["healthz"] = servers.healthz(port)
        rec["used"] = jvm.heap_info(proc.pid)
        rec["live"] = jvm.live_heap(proc.pid)
        rec["rss_mb"] = jvm.rss_mb(proc.pid)
        log("  started in %.1f s; heap used %.0f MiB, live %.0f MiB, RSS %.0f MiB" % (
            rec["startup_s"], rec["used"]["used_mb"] or -1, rec["live"]["used_mb"] or -1, rec["rss_mb"] or -1))
    finally:
        bench.processes.stop(proc)
