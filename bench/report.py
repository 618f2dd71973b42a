"""The summary table: one Row per figure, its verdict against a target, and the text of summary.txt."""

import collections

from phases import build
from phases import floor as floor_phase
from stats import single, summarize

# A figure of the table. value and anchor are stats.Summary (or None when not measured); target is a
# Target or None; note, when set, is shown instead of a missing value (e.g. "OOM") and fails the target.
Row = collections.namedtuple("Row", "figure unit value anchor_name anchor target note", defaults=(None,))

# kind "ratio": value / anchor against limit; kind "abs": value itself against limit. direction "le": at
# most; "ge": at least.
Target = collections.namedtuple("Target", "kind direction limit")

BUILD_TARGETS = {1000: 2.0, 10000: 1.0, 50000: 1.0}


def rows(results, sizes):
    return (build_rows(results["build"], sizes) + floor_rows(results.get("floor", {})) + serve_rows(results["serve"])
            + varnish_rows(results["varnish"])
            + reload_rows(results["reload"]) + startup_rows(results["startup"]) + memory_rows(results["memory"])
            + archives_rows(results["archives"], results["memory"]))


def build_rows(runs, sizes):
    def of(tool, n, key, scale=1.0):
        return summarize([r[key] * scale for r in runs if r["tool"] == tool and r["size"] == n and r[key] is not None])

    out = []
    for n in sizes:
        heap = " (-Xmx1g)" if n >= 50000 else ""
        hugo = of(build.HUGO, n, "wall_s")
        target = BUILD_TARGETS.get(n)
        out.append(Row("build %s posts%s: bin/feedwright, wall" % (n, heap), "s", of(build.LAUNCHER, n, "wall_s"),
                       "Hugo", hugo, Target("ratio", "le", target) if target else None))
        out.append(Row("build %s posts%s: java -jar, wall" % (n, heap), "s", of(build.JAVA_JAR, n, "wall_s"),
                       "Hugo", hugo, Target("ratio", "le", target) if target else None))
        # The launcher exists to be faster than the plain jar; slower means its settings or archive hurt.
        out.append(Row("build %s posts: bin/feedwright vs java -jar, wall" % n, "s", of(build.LAUNCHER, n, "wall_s"),
                       "java -jar", of(build.JAVA_JAR, n, "wall_s"), Target("ratio", "le", 1.0)))
        out.append(Row("build %s posts: rebuild, nothing changed" % n, "s", of(build.REBUILD_UNCHANGED, n, "wall_s"),
                       "Hugo", hugo, Target("ratio", "le", 0.25) if n == 10000 else None))
        out.append(Row("build %s posts: rebuild, one post edited" % n, "s", of(build.REBUILD_ONE_EDIT, n, "wall_s"),
                       "Hugo", hugo, Target("ratio", "le", 0.3) if n == 10000 else None))
    for n in sizes:
        out.append(Row("build %s posts: bin/feedwright, peak RSS" % n, "MiB",
                       of(build.LAUNCHER, n, "max_rss_kb", 1 / 1024.0), "Hugo", of(build.HUGO, n, "max_rss_kb", 1 / 1024.0),
                       Target("ratio", "le", 1.0) if n == 10000 else None))
    return [r for r in out if r.value is not None or r.anchor is not None]


def floor_rows(floor):
    """Information rows: the fixed libraries' floor, without and with ROME, against Hugo, and Feedwright's cold
    build against the floor with ROME, all four timed in one alternation (phases/floor.py)."""
    runs = floor.get("runs", [])
    out = []
    for n in sorted({r["size"] for r in runs}):
        def of(tool):
            return summarize([r["wall_s"] for r in runs if r["tool"] == tool and r["size"] == n])

        out.append(Row("floor %s posts: the fixed libraries alone, wall" % n, "s", of(floor_phase.FLOOR), "Hugo",
                       of(floor_phase.HUGO), None))
        out.append(Row("floor %s posts: the fixed libraries, RSS and Atom through ROME, wall" % n, "s",
                       of(floor_phase.FLOOR_ROME), "Hugo", of(floor_phase.HUGO), None))
        out.append(Row("floor %s posts: bin/feedwright cold build against the floor with ROME, wall" % n, "s",
                       of(floor_phase.LAUNCHER), "floor with ROME", of(floor_phase.FLOOR_ROME), None))
    return out


def serve_rows(serve):
    runs = serve.get("runs", [])
    out = []
    for scenario in ("plain", "gzip", "304", "mixed"):
        if not any(r["scenario"] == scenario for r in runs):
            continue

        def of(server, key):
            return summarize([r[key] for r in runs if r["server"] == server and r["scenario"] == scenario])

        targeted = scenario != "mixed"
        out.append(Row("serve %s: req/s" % scenario, "req/s", of("feedwright", "rps"), "nginx", of("nginx", "rps"),
                       Target("ratio", "ge", 1.0) if targeted else None))
        out.append(Row("serve %s: p50" % scenario, "ms", of("feedwright", "p50_ms"), "nginx", of("nginx", "p50_ms"),
                       None))
        out.append(Row("serve %s: p99" % scenario, "ms", of("feedwright", "p99_ms"), "nginx", of("nginx", "p99_ms"),
                       Target("ratio", "le", 2.0) if targeted else None))
    return out


def varnish_rows(varnish):
    runs = varnish.get("runs", [])
    out = []
    for scenario in ("plain", "gzip", "304"):
        if not any(r["scenario"] == scenario for r in runs):
            continue

        def of(target, key):
            return summarize([r[key] for r in runs if r["server"] == target and r["scenario"] == scenario])

        k = varnish["replicas"]
        label = "varnish + %d replica%s %s" % (k, "s" if k > 1 else "", scenario)
        for key, unit, what in (("rps", "req/s", "req/s"), ("p50_ms", "ms", "p50"), ("p99_ms", "ms", "p99")):
            out.append(Row("%s: %s" % (label, what), unit, of("varnish", key), "serve direct", of("direct", key), None))
    return out


def reload_rows(reload):
    if reload.get("latencies_s") is None:
        return []
    n = len(reload["latencies_s"])

    def ms(seconds):
        return single(seconds * 1000 if seconds is not None else None, n)

    return [Row("reload %s posts: p50 save->new ETag" % reload["size"], "ms", ms(reload["p50_s"]), "target",
                single(100.0), Target("abs", "le", 100.0)),
            Row("reload %s posts: p99 save->new ETag" % reload["size"], "ms", ms(reload["p99_s"]), "target",
                single(250.0), Target("abs", "le", 250.0))]


def startup_rows(startup):
    if not startup.get("runs_s"):
        return []
    n = startup["size"]
    launcher, jar = summarize(startup["runs_s"]), summarize(startup.get("java_jar_runs_s") or [])
    return [Row("startup %s posts: bin/feedwright serve, launch->200" % n, "s", launcher, "target", single(3.0),
                Target("abs", "le", 3.0)),
            Row("startup %s posts: java -jar serve, launch->200" % n, "s", jar, "target", single(3.0),
                Target("abs", "le", 3.0)),
            Row("startup %s posts: bin/feedwright vs java -jar" % n, "s", launcher, "java -jar", jar,
                Target("ratio", "le", 1.0)),
            Row("startup %s posts: bin/feedwright serve, launch->startup line" % n, "s",
                summarize(startup.get("startup_line_runs_s") or []), "launch->200", launcher, None),
            Row("startup %s posts: bin/feedwright serve, warm caches, launch->200" % n, "s",
                summarize(startup.get("warm_runs_s") or []), "target", single(2.0), Target("abs", "le", 2.0))]


def memory_rows(memory):
    out = []
    for m in memory:
        for key, label in (("startup_used", "heap used after startup"), ("startup_live", "live heap after startup"),
                           ("after_used", "heap used after %ds load" % m["soak_s"]),
                           ("after_live", "live heap after %ds load" % m["soak_s"])):
            out.append(Row("memory %s posts (-Xmx%s): %s" % (m["size"], m["xmx"], label), "MiB",
                           single((m.get(key) or {}).get("used_mb")), "-", None, None))
        for key, label in (("startup_rss_mb", "RSS after startup"), ("after_rss_mb", "RSS after load")):
            out.append(Row("memory %s posts (-Xmx%s): %s" % (m["size"], m["xmx"], label), "MiB", single(m.get(key)),
                           "-", None, None))
    return out


def archives_rows(archives, memory):
    builds = archives.get("builds", [])
    out = []
    sizes = {b["size"] for b in builds} | {int(k.split("-")[1]) for k in archives.get("outputs", {})}
    for n in sorted(sizes):
        def of(on, key, scale=1.0):
            return summarize([b[key] * scale for b in builds if b["size"] == n and b["archives"] == on
                              and b[key] is not None])

        failure = (archives["outputs"].get("on-%d" % n) or {}).get("failure")
        out.append(Row("archives %s posts: build wall" % n, "s", of(True, "wall_s"), "archives off", of(False, "wall_s"),
                       None, failure))
        out.append(Row("archives %s posts: build peak RSS" % n, "MiB", of(True, "max_rss_kb", 1 / 1024.0),
                       "archives off", of(False, "max_rss_kb", 1 / 1024.0), None))
        on, off = archives["outputs"].get("on-%d" % n) or {}, archives["outputs"].get("off-%d" % n) or {}
        out.append(Row("archives %s posts: output files" % n, "files", single(on.get("files")), "archives off",
                       single(off.get("files")), None, on.get("failure")))
        out.append(Row("archives %s posts: output on disk" % n, "MiB", single(mib(on.get("disk_bytes"))),
                       "archives off", single(mib(off.get("disk_bytes"))), None, on.get("failure")))
    serve = archives.get("serve")
    if serve:
        live_off = next((single((m.get("startup_live") or {}).get("used_mb")) for m in memory
                         if m["size"] == serve["size"]), None)
        label = "archives %s posts: serve (-Xmx%s) live heap after startup" % (serve["size"], serve["xmx"])
        target = Target("abs", "le", 1024.0)
        if serve.get("started"):
            out.append(Row(label, "MiB", single((serve.get("live") or {}).get("used_mb")),
                           "archives off" if live_off else "-", live_off, target))
            out.append(Row("archives %s posts: serve launch->200" % serve["size"], "s", single(serve["startup_s"]),
                           "-", None, None))
        else:
            out.append(Row(label, "MiB", None, "archives off" if live_off else "-", live_off, target,
                           serve.get("failure", "did not start")))
    return out


def mib(n_bytes):
    return n_bytes / 2**20 if n_bytes is not None else None


def verdict(row):
    """(PASS / FAIL / n/a / -, ratio value/anchor or None). A serve that never started fails its target."""
    t = row.target
    if row.note and t and row.value is None:
        return "FAIL", None
    ratio = row.value.median / row.anchor.median if row.value and row.anchor and row.anchor.median else None
    if not t:
        return "-", ratio
    if row.value is None or (t.kind == "ratio" and ratio is None):
        return "n/a", ratio
    measured = ratio if t.kind == "ratio" else row.value.median
    ok = measured <= t.limit if t.direction == "le" else measured >= t.limit
    return ("PASS" if ok else "FAIL"), ratio


def target_text(row):
    t = row.target
    if not t:
        return "-"
    sign = "<=" if t.direction == "le" else ">="
    if t.kind == "ratio":
        return "%s %sx %s" % (sign, ("%.2f" % t.limit).rstrip("0").rstrip("."), row.anchor_name)
    return "%s %g %s" % (sign, t.limit, row.unit)


def fmt(summary, unit):
    if summary is None:
        return "n/a"
    digits = 0 if unit in ("req/s", "MiB", "files") else (1 if unit == "ms" and summary.median >= 10 else 2)
    f = "%%.%df" % digits
    if summary.n > 1 and summary.min != summary.max:
        return (f + " [" + f + "-" + f + "]") % (summary.median, summary.min, summary.max)
    return f % summary.median


def summary(results, sizes, note):
    """(text of summary.txt, the rows as results.json "summary" records)."""
    table, records = [], []
    for row in rows(results, sizes):
        v, ratio = verdict(row)
        target = target_text(row)
        value = fmt(row.value, row.unit) if row.value or not row.note else row.note
        anchor = "%s %s" % (row.anchor_name, fmt(row.anchor, row.unit)) if row.anchor else row.anchor_name
        table.append((row.figure, row.unit, value, anchor, ("%.2fx" % ratio) if ratio is not None else "-", target, v))
        records.append({"figure": row.figure, "unit": row.unit,
                        "feedwright": row.value._asdict() if row.value else None, "anchor": row.anchor_name,
                        "anchor_value": row.anchor._asdict() if row.anchor else None, "ratio": ratio,
                        "target": target, "verdict": v, "note": row.note})
    head = ("figure", "unit", "feedwright median [min-max]", "anchor median [min-max]", "ratio", "target", "")
    widths = [max(len(str(r[i])) for r in table + [head]) for i in range(len(head))]
    lines = ["  ".join(str(c).ljust(widths[i]) for i, c in enumerate(head)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(str(c).ljust(widths[i]) for i, c in enumerate(r)).rstrip() for r in table]
    text = "\n".join(lines) + "\n" + note + "\n"
    if results["errors"]:
        text += "\nProblems seen (details in results.json \"errors\"):\n" + "\n".join(
            "  - " + one_line(e) for e in results["errors"]) + "\n"
    return text, records


def one_line(msg):
    lines = [x.strip() for x in msg.splitlines() if x.strip()]
    if len(lines) <= 1:
        return lines[0] if lines else ""
    return (lines[0] + " ... " + lines[-1])[:300]
