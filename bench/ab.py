#!/usr/bin/env python3
"""Interleaved A/B timing of `feedwright build` with two or more jars on one seeded corpus.

    bench/ab.py [--rounds 10] [--posts 10000] [--seed 42] [--one-edit] JAR_A JAR_B [JAR_C ...]

Each round builds the corpus once with every jar, in turn, with the JVM options bin/feedwright uses for
build (C1 only, serial collector, transparent huge pages where offered) and no cache, so slow drift of a
shared machine hits every jar alike. Prints each jar's median wall and CPU (user + system) time, and the
median of the per-round ratios to the first jar: a paired ratio, steadier than a ratio of medians. The
corpus is made by gen_corpus.py under bench/work/ (or FEEDWRIGHT_BENCH_WORK), as bench/run makes it. Only
the standard library is used.

With --one-edit each round edits the newest post (as the benchmark's rebuild does, a different line each
round) and rebuilds with every jar, through bin/feedwright (FEEDWRIGHT_JAR), each jar into its own output and
cache folders: a rebuild after one edit, as an author runs it. The jars take turns in alternating order, since
the first process after a pause runs slower. Each jar first gets the launcher's class-data-sharing archive
(written beside it, as `serve` makes it) and a build that fills its caches, untimed. The post is restored at
the end.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

from discard import discard

HERE = os.path.dirname(os.path.abspath(__file__))
LAUNCHER = os.path.join(os.path.dirname(HERE), "bin", "feedwright")
# corpora (the newest post, the edit the benchmark makes) imports pytools from the repository's root.
sys.path.insert(0, os.path.dirname(HERE))


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


def timed(command, env=None):
    """Runs a command to its end, its output dropped; its wall and CPU (user + system) seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def build(jar, site, out):
    """A cold build, without the cache, with the launcher's options for build but no archive, into a new folder
    (the earlier one moved aside, see discard.py)."""
    discard(out, os.path.join(os.path.dirname(out), "discarded"))
    return timed(["java"] + launcher_options() + ["-jar", jar, "build", "--site", site, "--out", out, "--no-cache"])


class OneEdit:
    """Rebuilds after one edit, each jar through bin/feedwright with its own archive, output and caches."""

    def __init__(self, jars, site, tmp):
        import corpora  # only here: the cold builds need nothing but the standard library
        self.site = site
        self.folders = {jar: (os.path.join(tmp, "out-%d" % i), os.path.join(tmp, "cache-%d" % i))
                        for i, jar in enumerate(jars)}
        posts = os.path.join(site, "posts")
        self.editor = corpora.PostEditor(posts, corpora.newest_post(posts))

    def command(self, jar, *args):
        return [LAUNCHER, *args], dict(os.environ, FEEDWRIGHT_JAR=os.path.abspath(jar))

    def prepare(self, jar):
        """The archive (as a first `serve` makes it) and a build that fills the caches, untimed."""
        timed(*self.command(jar, "serve", "--help"))
        try:
            with open(os.path.splitext(os.path.abspath(jar))[0] + ".jsa.verdict", encoding="utf-8") as f:
                verdict = f.read().strip().splitlines()[-1]
        except (OSError, IndexError):
            verdict = "none (its folder is not writable, or FEEDWRIGHT_CDS=off)"
        print("%-40s archive %s" % (jar, verdict), flush=True)
        timed(*self.rebuild_command(jar))

    def rebuild_command(self, jar):
        out, cache = self.folders[jar]
        return self.command(jar, "build", "--site", self.site, "--out", out, "--cache", cache)

    def edit(self, round_number):
        self.editor.edit(round_number)

    def rebuild(self, jar):
        return timed(*self.rebuild_command(jar))

    def restore(self):
        self.editor.restore()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--posts", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--one-edit", action="store_true",
                        help="time rebuilds after one edit through bin/feedwright, not cold builds")
    parser.add_argument("jars", nargs="+")
    args = parser.parse_args()
    if len(args.jars) < 2:
        parser.error("give at least two jars")
    site = corpus(args.posts, args.seed)
    times = {jar: [] for jar in args.jars}
    with tempfile.TemporaryDirectory(prefix="feedwright-ab-") as tmp:
        one_edit = OneEdit(args.jars, site, tmp) if args.one_edit else None
        try:
            if one_edit:
                for jar in args.jars:
                    one_edit.prepare(jar)
            for round_number in range(1, args.rounds + 1):
                order = args.jars
                if one_edit:
                    one_edit.edit(round_number)
                    order = args.jars if round_number % 2 else list(reversed(args.jars))
                for jar in order:
                    wall, cpu = one_edit.rebuild(jar) if one_edit else build(jar, site, os.path.join(tmp, "out"))
                    times[jar].append((wall, cpu))
                    print("round %d  %-40s wall %6.2f s  cpu %6.2f s" % (round_number, jar, wall, cpu), flush=True)
        finally:
            if one_edit:
                one_edit.restore()
    first = times[args.jars[0]]
    print("\n%d rounds, %d posts (seed %d), %s: median wall, median CPU, paired ratios to the first jar"
          % (args.rounds, args.posts, args.seed, "rebuilds after one edit" if one_edit else "cold builds"))
    for jar in args.jars:
        runs = times[jar]
        wall_ratio = statistics.median(b[0] / a[0] for a, b in zip(first, runs))
        cpu_ratio = statistics.median(b[1] / a[1] for a, b in zip(first, runs))
        print("%-40s %6.2f s  %6.2f s  wall %.3f  cpu %.3f" % (
            jar, statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
            wall_ratio, cpu_ratio))


if __name__ == "__main__":
    main()
