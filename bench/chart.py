"""chart.svg: a gnuplot script made from results.json's figures (medians as bars, min-max as error bars)."""

import shutil
import subprocess

from phases import build
from stats import summarize

BLUE, RED, GREEN, PURPLE, ORANGE, GREY = ('"#2c7fb8"', '"#f03b20"', '"#31a354"', '"#756bb1"', '"#fd8d3c"',
                                          '"#969696"')


def draw(bench, svg):
    """Writes svg with gnuplot; a missing gnuplot or a failed plot is a problem."""
    if not shutil.which("gnuplot"):
        bench.problem("gnuplot not found: no chart")
        return
    script = bench.path("chart.gp")
    with open(script, "w", encoding="utf-8") as f:
        f.write(gnuplot_script(bench.results, bench.settings.sizes, svg))
    r = subprocess.run(["gnuplot", script], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
    if r.returncode != 0:
        bench.problem("gnuplot failed:\n" + r.stdout.decode("utf-8", "replace")[-800:])


def _nan(v):
    return "NaN" if v is None else "%.6g" % v


def _three(values):
    """median, min, max as gnuplot columns."""
    s = summarize(values)
    return (_nan(s.median), _nan(s.min), _nan(s.max)) if s else ("NaN",) * 3


def _row(label, *series):
    return '"%s" %s' % (label, " ".join(" ".join(_three(values)) for values in series))


def _has_data(rows, first_col=1):
    return any(any(c != "NaN" for c in r.split()[first_col:]) for r in rows)


def gnuplot_script(results, sizes, svg):
    runs = results.get("build", [])

    def build_values(tool, n, key, scale=1.0):
        return [r[key] * scale for r in runs if r["tool"] == tool and r["size"] == n and r.get(key)]

    build_tools = (build.LAUNCHER, build.JAVA_JAR, build.HUGO, build.REBUILD_UNCHANGED, build.REBUILD_ONE_EDIT)
    build_rows = [_row(n, *(build_values(t, n, "wall_s") for t in build_tools)) for n in sizes]
    rss_rows = [_row(n, build_values(build.LAUNCHER, n, "max_rss_kb", 1 / 1024), build_values(build.HUGO, n, "max_rss_kb",
                                                                                               1 / 1024)) for n in sizes]
    serve_runs = results.get("serve", {}).get("runs", [])

    def serve_values(server, scenario, key):
        return [r[key] for r in serve_runs if r["server"] == server and r["scenario"] == scenario]

    scenarios = ("plain", "gzip", "304", "mixed")
    rps_rows = [_row(sc, serve_values("feedwright", sc, "rps"), serve_values("nginx", sc, "rps")) for sc in scenarios]
    p99_rows = [_row(sc, serve_values("feedwright", sc, "p99_ms"), serve_values("nginx", sc, "p99_ms"))
                for sc in scenarios]
    latencies = (results.get("reload") or {}).get("latencies_s") or []
    reload_rows = ["%d %s" % (i + 1, _nan(x * 1000)) for i, x in enumerate(latencies)] or ["1 NaN"]
    memory_blocks = [(m["size"], ["%s %s" % (_nan(s["t_s"]), _nan(s["used_mb"])) for s in m.get("samples", [])]
                      or ["0 NaN"]) for m in results.get("memory", [])]
    startup = results.get("startup") or {}
    startup_rows = [_row("serve", startup.get("runs_s") or [], startup.get("java_jar_runs_s") or [])]
    archive_builds = (results.get("archives") or {}).get("builds", [])
    archive_sizes = sorted({b["size"] for b in archive_builds})
    archive_rows = [_row(n, [b["wall_s"] for b in archive_builds if b["size"] == n and not b["archives"]],
                         [b["wall_s"] for b in archive_builds if b["size"] == n and b["archives"]])
                    for n in archive_sizes] or ['"-" NaN NaN NaN NaN NaN NaN']

    bars = {"build": build_rows, "rss": rss_rows, "rps": rps_rows, "p99": p99_rows, "startup": startup_rows,
            "archives": archive_rows}
    ok = {name: _has_data(rows) for name, rows in bars.items()}
    # gnuplot refuses a histogram series with no valid point: missing bars are drawn as 0
    bars = {name: [r.replace("NaN", "0") for r in rows] for name, rows in bars.items()}

    def block(name, rows):
        return "$%s << EOD\n%s\nEOD\n" % (name, "\n".join(rows))

    out = ['set terminal svg size 1200,1700 dynamic noenhanced font "sans,11" background "white"',
           'set output "%s"' % svg, 'set encoding utf8']
    out.append("".join(block(name, rows) for name, rows in bars.items()) + block("reload", reload_rows))
    for size, rows in memory_blocks:
        out.append(block("mem%d" % size, rows))

    def panel(title, xlabel, ylabel, has_data, plot):
        p = ['set title "%s"' % title, 'set xlabel "%s"' % xlabel, 'set ylabel "%s"' % ylabel]
        if has_data:
            p.append(plot)
        else:
            p += ['set label 99 "no data" at graph 0.5, graph 0.5 center', 'set xrange [0:1]',
                  'plot 0 with lines lc rgb "#ffffff" notitle', 'unset label 99', 'set xrange [*:*]']
        return "\n".join(p)

    def bars_plot(name, *series):
        """series: (title, colour) per group of three columns after the label."""
        parts = []
        for i, (title, colour) in enumerate(series):
            c = 2 + 3 * i
            source = "$%s using %d:%d:%d%s" % (name, c, c + 1, c + 2, ":xtic(1)" if i == 0 else "")
            parts.append('%s title "%s" lc rgb %s' % (source if i == 0 else "'' using %d:%d:%d" % (c, c + 1, c + 2),
                                                     title, colour))
        return "plot " + ", ".join(parts)

    out.append("\n".join([
        'set multiplot layout 4,2 title "Feedwright benchmark (median, bars = min-max)"',
        'set style data histogram', 'set style histogram errorbars gap 2 lw 1',
        'set style fill solid 0.6 border -1', 'set key top left', 'set grid ytics', 'set yrange [0:*]',
        panel("build: wall time", "posts", "s", ok["build"],
              bars_plot("build", ("bin/feedwright", BLUE), ("java -jar", PURPLE), ("Hugo", RED),
                        ("rebuild, nothing changed", GREEN), ("rebuild, one post edited", ORANGE))),
        panel("build: peak RSS", "posts", "MiB", ok["rss"],
              bars_plot("rss", ("bin/feedwright", BLUE), ("Hugo", RED))),
        panel("serving (1,000 posts): throughput", "scenario", "req/s", ok["rps"],
              bars_plot("rps", ("feedwright serve", BLUE), ("nginx", GREEN))),
        panel("serving (1,000 posts): p99 latency", "scenario", "ms", ok["p99"],
              bars_plot("p99", ("feedwright serve", BLUE), ("nginx", GREEN))),
        panel("serve startup: launch -> first 200", "", "s", ok["startup"],
              bars_plot("startup", ("bin/feedwright", BLUE), ("java -jar", PURPLE))),
        panel("build with archives (RFC 5005): wall time", "posts", "s", ok["archives"],
              bars_plot("archives", ("archives off", GREY), ("archives on", BLUE))),
        'set style data linespoints',
        panel("reload: save -> new ETag on /rss.xml", "edit", "ms", _has_data(reload_rows),
              "plot $reload using 1:2 with points pt 7 ps 0.6 lc rgb %s title \"feedwright\", "
              "100 with lines dt 2 lc rgb \"#888888\" title \"p50 target\", "
              "300 with lines dt 3 lc rgb \"#444444\" title \"p99 target\"" % BLUE),
        panel("serve heap used under wrk load (jcmd GC.heap_info)", "s under load", "MiB",
              any(_has_data(rows) for _, rows in memory_blocks),
              "plot " + ", ".join('$mem%d using 1:2 with linespoints title "%d posts"' % (sz, sz)
                                   for sz, _ in memory_blocks)),
    ]) + "\n")
    out.append("unset multiplot\n")
    return "\n".join(out)
