"""Phase startup: from launching `serve` on 10,000 posts to its first 200 on /rss.xml, through the launcher
(with its CDS archive) and through `java -jar`, alternating, each without the caches (cold); then through the
launcher with the post and feed caches a first start filled (warm). A launcher clearly slower than the plain
jar is a problem: its archive hurts (see bin/feedwright, make_archive).

A start answers before it has made every document, and makes the rest before its startup line ("Serving ...");
the time to that line is recorded too, so that answering sooner is not bought with a later end of the start."""

import os
import shutil
import subprocess
import time

import corpora
from context import VIA_JAR, VIA_LAUNCHER, log, log_tail
from pytools.loopback import free_port, wait_for_200
from stats import summarize

# How much slower than `java -jar` the launcher may start before it counts as a problem: well past the
# run-to-run spread of a shared 2-core machine, well short of what a bad archive did (4x).
LAUNCHER_SLOWER_LIMIT = 1.25


def run(bench):
    n = bench.settings.reload_size
    site = corpora.corpus(bench, n)
    times = {VIA_LAUNCHER: [], VIA_JAR: []}
    lines = []
    log("startup: %d launches each way on %d posts (launch -> first 200 on /rss.xml), alternating launcher / "
        "java -jar" % (bench.settings.reps, n))
    for rep in range(bench.settings.reps):
        for via in (VIA_LAUNCHER, VIA_JAR):
            first, line = launch(bench, site, via, rep)
            times[via].append(first)
            if via == VIA_LAUNCHER:
                lines.append(line)
    # Warm: a first start (untimed) fills the caches in a folder of their own, as a user's first serve does.
    cache = bench.path("serve-cache-%d" % n)
    shutil.rmtree(cache, ignore_errors=True)
    log("startup: %d launches through the launcher with warm caches (one untimed start fills them)"
        % bench.settings.reps)
    launch(bench, site, VIA_LAUNCHER, "fill", cache=cache, until_saved=True)
    warm = [launch(bench, site, VIA_LAUNCHER, rep, cache=cache)[0] for rep in range(bench.settings.reps)]
    bench.results["startup"] = {"size": n, "runs_s": times[VIA_LAUNCHER], "java_jar_runs_s": times[VIA_JAR],
                                "startup_line_runs_s": lines, "warm_runs_s": warm,
                                "cds_archive": bench.archive_verdict()}
    launcher, jar = summarize(times[VIA_LAUNCHER]), summarize(times[VIA_JAR])
    if launcher and jar and launcher.median > jar.median * LAUNCHER_SLOWER_LIMIT:
        bench.problem("startup: bin/feedwright took %.2f s, java -jar %.2f s: the launcher is slower (its CDS "
                      "archive: %s)" % (launcher.median, jar.median, bench.archive_verdict()))


def launch(bench, site, via, rep, cache=None, until_saved=False):
    """Seconds from launch to the first 200 and to the startup line (each None when it never came); then SIGTERM.
    With `until_saved`, not before serve has written its caches (after its first 200, as a server that runs a while
    does)."""
    port = free_port()
    log_path = bench.path("startup-%s%s-%s.log" % (via, "-warm" if cache else "", rep))
    t0 = time.perf_counter()
    with open(log_path, "ab") as out:
        proc = bench.processes.start(bench.serve_command(site, port, "512m", via, cache=cache), stdout=out,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    waited = wait_for_200(port, "/rss.xml", 120, proc=proc, interval=0.005)
    seconds = time.perf_counter() - t0 if waited is not None else None
    line = startup_line(log_path, t0, proc) if waited is not None else None
    if until_saved and cache:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not all(
                os.path.exists(os.path.join(cache, name)) for name in ("posts.cache", "feeds.cache")):
            time.sleep(0.1)
    rc = bench.processes.stop(proc)
    if seconds is None:
        bench.problem("startup run %s (%s%s): no 200 on /rss.xml:\n%s" % (rep, via, " warm" if cache else "",
                                                                       log_tail(log_path)))
    else:
        log("  run %s %-8s%s %.2f s, startup line %s (exit on SIGTERM: %s)" % (
            rep + 1 if isinstance(rep, int) else rep, via, " warm" if cache else "", seconds,
            "%.2f s" % line if line is not None else "never", rc))
    return seconds, line


def startup_line(log_path, t0, proc, timeout=120):
    """Seconds from `t0` to the moment serve's startup line is in its log, or None when it did not come."""
    while time.perf_counter() - t0 < timeout and proc.poll() is None:
        with open(log_path, "rb") as log_file:
            if b"\nServing " in b"\n" + log_file.read():
                return time.perf_counter() - t0
        time.sleep(0.01)
    return None
