"""Phase build: a full build of each corpus by `bin/feedwright build` (the README's command), by
`java -jar target/feedwright.jar build` and by Hugo, alternating; then two rebuilds by the launcher into the
same output folder (nothing changed; one post edited), each a new process, as an author or CI runs them."""

import os

import corpora
import outputs
from context import VIA_JAR, VIA_LAUNCHER, log, log_tail
from phases.startup import LAUNCHER_SLOWER_LIMIT
from stats import summarize

# The names under which results.json "build" records each kind of run ("feedwright" is the launcher's cold
# build, as before java -jar and rebuilds were measured).
LAUNCHER, JAVA_JAR, HUGO = "feedwright", "feedwright-java-jar", "hugo"
REBUILD_UNCHANGED, REBUILD_ONE_EDIT = "feedwright-rebuild-unchanged", "feedwright-rebuild-one-edit"
COLD = (LAUNCHER, JAVA_JAR, HUGO)


def run(bench):
    for n in bench.settings.sizes:
        measure_size(bench, n)
        check_launcher(bench, n)


def measure_size(bench, n):
    site = corpora.corpus(bench, n)
    hugo = corpora.hugo_site(bench, n, site)
    outs = {LAUNCHER: bench.path("out-fw-%d" % n), JAVA_JAR: bench.path("out-fw-jar-%d" % n),
            HUGO: bench.path("out-hugo-%d" % n)}
    # The launcher's cold build starts each round with an empty post cache and fills it, as a user's first
    # build does; its rebuilds then find it warm. java -jar builds without one.
    cache = bench.path("post-cache-%d" % n)
    commands = {
        LAUNCHER: (bench.build_command(n, site, outs[LAUNCHER], VIA_LAUNCHER, cache=cache), None),
        JAVA_JAR: (bench.build_command(n, site, outs[JAVA_JAR], VIA_JAR), None),
        HUGO: (corpora.hugo_command(hugo, outs[HUGO]), hugo),
    }
    failed = set()
    editor = corpora.PostEditor(os.path.join(site, "posts"), corpora.newest_post(os.path.join(site, "posts")))
    log("build %d posts: 1 warm-up + %d runs each, alternating %s, then the launcher's rebuilds" % (
        n, bench.settings.reps, " / ".join(COLD)))
    try:
        for rep in range(-1, bench.settings.reps):
            for tool in COLD:
                if tool in failed:
                    continue
                bench.discard(outs[tool])
                if tool == LAUNCHER:
                    bench.discard(cache)
                cmd, cwd = commands[tool]
                r = bench.timed(cmd, "build-%s-%d-%d" % (tool, n, rep), cwd=cwd)
                if not record(bench, n, tool, rep, r, failed) and rep == -1:
                    describe = outputs.describe_hugo if tool == HUGO else outputs.describe_feedwright
                    bench.results["build_outputs"]["%s-%d" % (tool, n)] = describe(outs[tool])
                    log("  %s output: %s" % (tool, bench.results["build_outputs"]["%s-%d" % (tool, n)]))
            if failed & {LAUNCHER, REBUILD_UNCHANGED, REBUILD_ONE_EDIT}:
                continue
            # Into the launcher's output of this round, as a rebuild finds it: first with nothing changed,
            # then after an edit to the newest post (restored before the next round's cold builds).
            r = bench.timed(commands[LAUNCHER][0], "rebuild-unchanged-%d-%d" % (n, rep))
            record(bench, n, REBUILD_UNCHANGED, rep, r, failed)
            editor.edit(rep + 1)
            r = bench.timed(commands[LAUNCHER][0], "rebuild-one-edit-%d-%d" % (n, rep))
            editor.restore()
            record(bench, n, REBUILD_ONE_EDIT, rep, r, failed)
    finally:
        editor.restore()
        # The launcher's output stays: its feed paths serve the memory phase's load.
        for tool in (JAVA_JAR, HUGO):
            bench.discard(outs[tool])


def record(bench, n, tool, rep, r, failed):
    """Adds a timed run to the results (not the warm-up, rep -1); True when it failed."""
    if r["rc"] != 0:
        failed.add(tool)
        bench.problem("build %s %d posts exited %s; log tail:\n%s" % (tool, n, r["rc"], log_tail(r["log"])))
        return True
    if rep >= 0:
        log("  run %d %-30s %7.2f s  %7.0f MiB" % (rep + 1, tool, r["wall_s"], (r["max_rss_kb"] or 0) / 1024))
        bench.results["build"].append({"size": n, "tool": tool, "rep": rep + 1, "wall_s": r["wall_s"],
                                       "cpu_s": r["cpu_s"], "max_rss_kb": r["max_rss_kb"]})
    return False


def check_launcher(bench, n):
    """A launcher clearly slower than `java -jar` is a problem: its JVM options (or an archive) hurt."""
    def median(tool):
        s = summarize([r["wall_s"] for r in bench.results["build"] if r["tool"] == tool and r["size"] == n])
        return s.median if s else None

    launcher, jar = median(LAUNCHER), median(JAVA_JAR)
    if launcher and jar and launcher > jar * LAUNCHER_SLOWER_LIMIT:
        bench.problem("build %d posts: bin/feedwright took %.2f s, java -jar %.2f s: the launcher is slower"
                      % (n, launcher, jar))
