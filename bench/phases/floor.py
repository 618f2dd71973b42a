"""Phase floor: a build that does only the fixed libraries' part (bench/floor/Floor.java: read with SnakeYAML,
render with commonmark-java, write RSS, Atom and JSON Feed by joining strings; no checks, repairs, caches or
previews), and the same writing RSS and Atom through ROME, the fixed choice for feeds (`Floor --rome`), timed
beside a cold `bin/feedwright build` and Hugo, alternating, at each corpus size.
The program gets a build's JVM options (the launcher's, the run's --java-opts, -Xmx1g from 50,000 posts) and a
class-data-sharing archive of its own, made as the launcher makes Feedwright's. The floors' ratios to Hugo show
what the libraries and the JVM leave for everything else a build does; the gap between the floor with ROME and
Feedwright, roughly what Feedwright's own code costs."""

import os
import subprocess
import zipfile

import corpora
import outputs
from ab import launcher_options
from context import VIA_LAUNCHER, log, log_tail
from settings import HERE
from stats import summarize

FLOOR, FLOOR_ROME, LAUNCHER, HUGO = "floor", "floor-rome", "feedwright", "hugo"
TOOLS = (FLOOR, FLOOR_ROME, LAUNCHER, HUGO)


def run(bench):
    program = prepare_floor(bench)
    for n in bench.settings.sizes:
        try:
            measure_size(bench, n, program)
        except RuntimeError as e:
            bench.problem("floor %d posts: %s" % (n, e))


def prepare_floor(bench):
    """Floor.java compiled against the run's jar (which holds the libraries), packed as a jar (an archive takes
    only jars on its class path), and its CDS archive: the class list of a run through ROME over the smallest corpus
    (which loads every class the run without ROME loads, and ROME's), dumped without other options, as
    bin/feedwright dumps Feedwright's. Returns the command line of a run, without its
    folders; records in results whether the JVM maps the archive."""
    classes, program_jar = bench.path("floor-classes"), bench.path("floor.jar")
    untimed(bench, ["javac", "-d", classes, "-cp", bench.jar, os.path.join(HERE, "floor", "Floor.java")], "javac")
    with zipfile.ZipFile(program_jar, "w") as jar:
        for name in sorted(os.listdir(classes)):
            jar.write(os.path.join(classes, name), name)
    classpath = program_jar + os.pathsep + bench.jar
    posts = os.path.join(corpora.corpus(bench, min(bench.settings.sizes)), "posts")
    class_list, archive, training = bench.path("floor.classlist"), bench.path("floor.jsa"), bench.path("floor-out")
    options = launcher_options() + list(bench.settings.java_opts)
    try:
        untimed(bench, ["java", *options, "-XX:DumpLoadedClassList=" + class_list, "-cp", classpath, "Floor", "--rome",
                        posts, training], "training run")
        untimed(bench, ["java", "-Xshare:dump", "-XX:SharedClassListFile=" + class_list,
                        "-XX:SharedArchiveFile=" + archive, "-cp", classpath], "archive dump")
        bench.discard(training)
        command = ["java", *options, "-XX:SharedArchiveFile=" + archive, "-cp", classpath, "Floor"]
        # -Xshare:on refuses to start without the archive, where the timed runs' default would go on without it.
        untimed(bench, [command[0], "-Xshare:on", *command[1:], "--rome", posts, training], "check of the archive")
        bench.results["floor"]["archive"] = "mapped"
    except RuntimeError as e:
        bench.problem("floor: no class-data-sharing archive, the floor runs without one: %s" % e)
        bench.results["floor"]["archive"] = "none"
        command = ["java", *options, "-cp", classpath, "Floor"]
    finally:
        bench.discard(training)
    return command


def untimed(bench, cmd, what):
    """Runs a preparation step to its end, through the run's process groups; RuntimeError when it fails."""
    log_file = bench.path("floor-prepare.log")
    with open(log_file, "ab") as out:
        proc = bench.processes.start(cmd, stdout=out, stderr=out, stdin=subprocess.DEVNULL)
    if bench.processes.wait(proc) != 0:
        raise RuntimeError("%s failed:\n%s" % (what, log_tail(log_file)))


def measure_size(bench, n, program):
    site = corpora.corpus(bench, n)
    hugo = corpora.hugo_site(bench, n, site)
    outs = {tool: bench.path("out-floor-phase-%s-%d" % (tool, n)) for tool in TOOLS}
    cache = bench.path("post-cache-floor-phase-%d" % n)
    heap = ["-Xmx1g"] if n >= 50000 else []
    # Feedwright's as the build phase's cold build: an empty post cache, filled by the build.
    commands = {
        FLOOR: ([program[0], *heap, *program[1:], os.path.join(site, "posts"), outs[FLOOR]], None),
        FLOOR_ROME: ([program[0], *heap, *program[1:], "--rome", os.path.join(site, "posts"), outs[FLOOR_ROME]], None),
        LAUNCHER: (bench.build_command(n, site, outs[LAUNCHER], VIA_LAUNCHER, cache=cache), None),
        HUGO: (corpora.hugo_command(hugo, outs[HUGO]), hugo),
    }
    runs = bench.results["floor"].setdefault("runs", [])
    log("floor %d posts: 1 warm-up + %d runs each, alternating %s" % (n, bench.settings.reps, " / ".join(TOOLS)))
    try:
        for rep in range(-1, bench.settings.reps):
            for tool in TOOLS:
                bench.discard(outs[tool])
                if tool == LAUNCHER:
                    bench.discard(cache)
                cmd, cwd = commands[tool]
                r = bench.timed(cmd, "floor-%s-%d-%d" % (tool, n, rep), cwd=cwd)
                if r["rc"] != 0:
                    raise RuntimeError("%s exited %s:\n%s" % (tool, r["rc"], log_tail(r["log"])))
                if rep == -1 and tool != HUGO:
                    check_feeds(bench, n, tool, outs[tool])
                if rep >= 0:
                    runs.append({"tool": tool, "size": n, "rep": rep + 1, "wall_s": r["wall_s"],
                                 "cpu_s": r["cpu_s"], "max_rss_kb": r["max_rss_kb"]})
        log("  medians: " + ", ".join("%s %.2f s" % (tool, summarize(
            [r["wall_s"] for r in runs if r["tool"] == tool and r["size"] == n]).median) for tool in TOOLS))
    finally:
        for folder in (*outs.values(), cache):
            bench.discard(folder)


def check_feeds(bench, n, tool, out):
    """The floor must write as many feeds as Feedwright (the site's, each category's, each tag's), or it times
    less work than a build: their RSS documents, counted in the warm-up's output."""
    feeds = sum(1 for f in outputs.files_under(out) if f.rsplit("/", 1)[-1] == "rss.xml")
    counted = bench.results["floor"].setdefault("feeds", {})
    counted["%s-%d" % (tool, n)] = feeds
    if tool == LAUNCHER:
        for floor in (FLOOR, FLOOR_ROME):
            if counted.get("%s-%d" % (floor, n)) != feeds:
                raise RuntimeError("%s wrote %s feeds, Feedwright %d" % (floor, counted.get("%s-%d" % (floor, n)), feeds))
