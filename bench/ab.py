#!/usr/bin/env python3
"""Interleaved A/B timing of `feedwright build` with two or more jars on one seeded corpus.

    bench/ab.py [--rounds 10] [--posts 10000] [--seed 42] JAR_A JAR_B [JAR_C ...]

Each round builds the corpus once with every jar, in turn, with the JVM options bin/feedwright uses for
build (C1 only, serial collector, transparent huge pages where offered) and no cache, so slow drift of a
shared machine hits every jar alike. Prints each jar's median wall and CPU (user + system) time, and the
median of the per-round ratios to the first jar: a paired ratio, steadier than a ratio of medians. The
corpus is made by gen_corpus.py under bench/work/ (or FEEDWRIGHT_BENCH_WORK), as bench/run makes it. Only
the standard library is used.
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def corpus(posts, seed):
    work = os.environ.get("FEEDWRIGHT_BENCH_WORK", os.path.join(HERE, "work"))
    folder = os.path.join(work, "ab-corpus-%d-%d" % (posts, seed))
    if not os.path.isdir(os.path.join(folder, "posts")):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), "--posts", str(posts),
                        "--seed", str(seed), "--out", folder], check=True)
    return folder


def launcher_options():
    """The JVM options bin/feedwright gives build: C1 only, the serial collector, and the heap on transparent
    huge pages where the kernel offers them to a process that asks."""
    options = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
    try:
        with open("/sys/kernel/mm/transparent_hugepage/enabled") as f:
            mode = f.read()
        if "[always]" in mode or "[madvise]" in mode:
            options.append("-XX:+UseTransparentHugePages")
    except OSError:
        pass
    return options


def build(jar, site, out):
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(["java"] + launcher_options() + ["-jar", jar, "build", "--site", site, "--out", out,
                               "--no-cache"], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--posts", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("jars", nargs="+")
    args = parser.parse_args()
    if len(args.jars) < 2:
        parser.error("give at least two jars")
    site = corpus(args.posts, args.seed)
    times = {jar: [] for jar in args.jars}
    with tempfile.TemporaryDirectory(prefix="feedwright-ab-") as tmp:
        for round_number in range(1, args.rounds + 1):
            for jar in args.jars:
                wall, cpu = build(jar, site, os.path.join(tmp, "out"))
                times[jar].append((wall, cpu))
                print("round %d  %-40s wall %6.2f s  cpu %6.2f s" % (round_number, jar, wall, cpu), flush=True)
    first = times[args.jars[0]]
    print("\n%d rounds, %d posts (seed %d): median wall, median CPU, paired ratios to the first jar"
          % (args.rounds, args.posts, args.seed))
    for jar in args.jars:
        runs = times[jar]
        wall_ratio = statistics.median(b[0] / a[0] for a, b in zip(first, runs))
        cpu_ratio = statistics.median(b[1] / a[1] for a, b in zip(first, runs))
        print("%-40s %6.2f s  %6.2f s  wall %.3f  cpu %.3f" % (
            jar, statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
            wall_ratio, cpu_ratio))


if __name__ == "__main__":
    main()
