#!/usr/bin/env python3
"""Feedwright benchmark driver (standard library only).

Normally started by bench/run, which installs the tools and builds the jar. Runs the phases selected with
--only (build, floor, serve, varnish, reload, startup, memory, archives: one module each in bench/phases/),
then writes summary.txt (report.py), results.json and chart.svg (chart.py) to the results folder. Every
process it starts is put in its own process group, recorded in WORK/pids/ (so bench/run's trap can end it)
and stopped again before this program returns.
"""

import datetime as dt
import json
import os
import platform
import shutil
import signal
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # pytools/, shared with e2e/

import chart  # noqa: E402
import report  # noqa: E402
import settings as settings_module  # noqa: E402
from context import BenchRun, file_digest, log  # noqa: E402
from phases import archives, build, floor, memory, reload, serve, startup, varnish  # noqa: E402

# In the order they run: the load phases after the build phase, whose output lists the feed paths.
PHASES = (("build", build.run), ("floor", floor.run), ("serve", serve.run), ("varnish", varnish.run),
          ("reload", reload.run), ("startup", startup.run), ("memory", memory.run), ("archives", archives.run))


def tool_version(cmd):
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=30)
        return r.stdout.decode("utf-8", "replace").strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError) as e:
        return "unknown (%s)" % e


def describe_machine(bench):
    s = bench.settings
    return {
        "started": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "host": platform.node(), "cpus": os.cpu_count(), "kernel": platform.release(),
        "quick": s.quick, "reps": s.reps, "wrk_duration_s": s.wrk_seconds, "soak_s": s.soak_seconds,
        "edits": s.edits, "sizes": list(s.sizes), "archive_sizes": list(s.archive_sizes), "seed": s.seed,
        "jar": s.jar, "jar_sha256": file_digest(bench.jar),
        "java": tool_version(["java", "-version"]), "hugo": tool_version(["hugo", "version"]),
        "nginx": tool_version(["nginx", "-v"]), "wrk": tool_version(["wrk", "--version"]),
        "varnish": tool_version(["varnishd", "-V"]),
        "git": tool_version(["git", "-C", s.repo, "rev-parse", "--short", "HEAD"]),
        "java_opts": list(s.java_opts), "serve_args": list(s.serve_args),
    }


def note(s):
    if s.quick:
        return "(quick mode: %d runs, %ds wrk, %d edits, %ds soak - a smoke test, not a valid measurement)" % (
            s.reps, s.wrk_seconds, s.edits, s.soak_seconds)
    return "(%d runs each, alternating, median [min-max]; wrk -t2 -c64 -d%ds)" % (s.reps, s.wrk_seconds)


def save(bench):
    path = os.path.join(bench.settings.results, "results.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(bench.results, f, indent=1, ensure_ascii=False, default=str)
    log("raw numbers: %s" % path)


def run(bench):
    s = bench.settings
    bench.results["meta"] = describe_machine(bench)
    try:
        bench.results["meta"]["cds_archive"] = bench.prepare_launcher()
        for name, phase in PHASES:
            if name not in s.phases:
                continue
            try:
                phase(bench)
            except (RuntimeError, OSError, subprocess.SubprocessError) as e:
                bench.problem("phase %s aborted: %s" % (name, e))
            finally:
                bench.processes.stop_all()
            save(bench)
    finally:
        bench.processes.stop_all()
        bench.results["meta"]["finished"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        text, bench.results["summary"] = report.summary(bench.results, s.sizes, note(s))
        print()
        print(text)
        with open(os.path.join(s.results, "summary.txt"), "w", encoding="utf-8") as f:
            f.write(text)
        save(bench)
        svg = os.path.join(s.results, "chart.svg")
        chart.draw(bench, svg)
        if os.path.exists(svg):
            log("chart: %s" % svg)
        if not s.keep_tmp:
            shutil.rmtree(bench.tmp, ignore_errors=True)
    return 1 if bench.results["errors"] else 0


def on_signal(signum, _frame):
    raise SystemExit(128 + signum)


def main():
    bench = BenchRun(settings_module.parse())
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    try:
        return run(bench)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
