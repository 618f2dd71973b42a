"""Phase floor: the least a build can cost with Feedwright's fixed libraries (bench/floor/Floor.java: read with
SnakeYAML, render with commonmark-java, write RSS, Atom and JSON Feed by joining strings; no checks, caches or
previews), timed beside a cold `bin/feedwright build` and Hugo, alternating, at each corpus size. The program
runs under a build's JVM settings with its own class-data-sharing archive, as the launcher gives a build: the
gap between it and Feedwright is what Feedwright's own code costs, and its ratio to Hugo is the best any change
to that code could reach."""

import os
import shutil
import subprocess
import zipfile

import corpora
from ab import launcher_options
from context import VIA_LAUNCHER, log, log_tail
from settings import HERE
from stats import summarize

FLOOR, LAUNCHER, HUGO = "floor", "feedwright", "hugo"
TOOLS = (FLOOR, LAUNCHER, HUGO)


def run(bench):
    program = compile_floor(bench)
    for n in bench.settings.sizes:
        measure_size(bench, n, program)


def compile_floor(bench):
    """Floor.java compiled against the run's jar (which holds the libraries), and its CDS archive, made from
    the classes a run over the smallest corpus loads; returns the command line of a timed run, without its
    folders."""
    classes = bench.path("floor-classes")
    javac = subprocess.run(["javac", "-d", classes, "-cp", bench.jar, os.path.join(HERE, "floor", "Floor.java")],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if javac.returncode != 0:
        raise RuntimeError("javac Floor.java failed:\n" + javac.stdout.decode("utf-8", "replace"))
    # A class-data-sharing archive takes only jars on its class path.
    program_jar = bench.path("floor.jar")
    with zipfile.ZipFile(program_jar, "w") as jar:
        for name in sorted(os.listdir(classes)):
            jar.write(os.path.join(classes, name), name)
    classpath = program_jar + os.pathsep + bench.jar
    site = corpora.corpus(bench, min(bench.settings.sizes))
    class_list, archive = bench.path("floor.classlist"), bench.path("floor.jsa")
    for options in (["-XX:DumpLoadedClassList=" + class_list, "-cp", classpath, "Floor",
                     os.path.join(site, "posts"), bench.path("floor-training")],
                    ["-Xshare:dump", "-XX:SharedClassListFile=" + class_list, "-XX:SharedArchiveFile=" + archive,
                     "-cp", classpath]):
        step = subprocess.run(["java", *launcher_options(), *options], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)
        if step.returncode != 0:
            raise RuntimeError("preparing the floor program failed:\n" + step.stdout.decode("utf-8", "replace")[-2000:])
    shutil.rmtree(bench.path("floor-training"), ignore_errors=True)
    return ["java", *launcher_options(), "-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-cp", classpath,
            "Floor"]


def measure_size(bench, n, program):
    site = corpora.corpus(bench, n)
    hugo = corpora.hugo_site(bench, n, site)
    outs = {tool: bench.path("out-floor-phase-%s-%d" % (tool, n)) for tool in TOOLS}
    cache = bench.path("post-cache-floor-phase-%d" % n)
    # A cold build, as the build phase's: an empty post cache, filled by the build.
    commands = {
        FLOOR: (program + [os.path.join(site, "posts"), outs[FLOOR]], None),
        LAUNCHER: (bench.build_command(n, site, outs[LAUNCHER], VIA_LAUNCHER, cache=cache), None),
        HUGO: (["hugo", "--quiet", "--source", hugo, "--destination", outs[HUGO]], hugo),
    }
    runs = bench.results["floor"].setdefault("runs", [])
    log("floor %d posts: 1 warm-up + %d runs each, alternating %s" % (n, bench.settings.reps, " / ".join(TOOLS)))
    try:
        for rep in range(-1, bench.settings.reps):
            for tool in TOOLS:
                shutil.rmtree(outs[tool], ignore_errors=True)
                if tool == LAUNCHER:
                    shutil.rmtree(cache, ignore_errors=True)
                cmd, cwd = commands[tool]
                r = bench.timed(cmd, "floor-%s-%d-%d" % (tool, n, rep), cwd=cwd)
                if r["rc"] != 0:
                    raise RuntimeError("%s of %d posts exited %s:\n%s" % (tool, n, r["rc"], log_tail(r["log"])))
                if rep >= 0:
                    runs.append({"tool": tool, "size": n, "rep": rep + 1, "wall_s": r["wall_s"],
                                 "cpu_s": r["cpu_s"], "max_rss_kb": r["max_rss_kb"]})
        wall = {tool: summarize([r["wall_s"] for r in runs if r["tool"] == tool and r["size"] == n]) for tool in TOOLS}
        log("  medians: " + ", ".join("%s %.2f s" % (tool, wall[tool].median) for tool in TOOLS))
    finally:
        for tool in TOOLS:
            shutil.rmtree(outs[tool], ignore_errors=True)
