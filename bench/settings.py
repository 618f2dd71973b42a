"""The benchmark's settings: the command line's options, with the defaults --quick changes, resolved once."""

import argparse
import dataclasses
import os

HERE = os.path.dirname(os.path.abspath(__file__))
PHASES = ("build", "floor", "serve", "varnish", "reload", "startup", "memory", "archives")


@dataclasses.dataclass(frozen=True)
class Settings:
    repo: str
    jar: str
    work: str
    results: str
    quick: bool
    reps: int                # runs of each timed measurement
    wrk_seconds: int         # one wrk run
    warm_seconds: int        # one untimed wrk warm-up run
    soak_seconds: int        # wrk load in the memory phase
    edits: int               # edits in the reload phase
    sizes: tuple             # corpus sizes of the build phase
    memory_sizes: tuple
    archive_sizes: tuple
    phases: frozenset
    seed: int
    serve_size: int
    reload_size: int
    reload_timeout: float
    reload_gap: float
    varnish_replicas: int
    java_opts: tuple         # added to every feedwright run
    serve_args: tuple        # added to every feedwright serve
    keep_tmp: bool


def _ints(text):
    return tuple(int(x) for x in text.split(",") if x.strip())


def _up_to(candidates, sizes):
    """The candidates no larger than the largest --sizes: a run limited to small corpora stays small."""
    return tuple(n for n in candidates if n <= max(sizes))


def parse(argv=None):
    ap = argparse.ArgumentParser(description="Feedwright benchmark driver (see bench/README.md)")
    ap.add_argument("--repo", default=os.path.dirname(HERE))
    ap.add_argument("--jar", default=None)
    ap.add_argument("--work", default=os.path.join(HERE, "work"))
    ap.add_argument("--results", default=os.path.join(HERE, "results"))
    ap.add_argument("--sizes", default="1000,10000,50000", help="corpus sizes for the build phase")
    ap.add_argument("--quick", action="store_true", help="3 runs, 3 s wrk, 10 edits, 30 s soak: a smoke test")
    ap.add_argument("--reps", type=int, default=0)
    ap.add_argument("--duration", type=int, default=0, help="seconds per wrk run")
    ap.add_argument("--soak", type=int, default=None, help="seconds of wrk load in the memory phase")
    ap.add_argument("--edits", type=int, default=0)
    ap.add_argument("--only", default="", help="comma list of " + ",".join(PHASES))
    ap.add_argument("--varnish-replicas", type=int, default=3, help="serve --published replicas behind Varnish")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--serve-size", type=int, default=1000)
    ap.add_argument("--reload-size", type=int, default=10000, help="corpus for reload and startup")
    ap.add_argument("--memory-sizes", default=None, help="default 10000,50000 (only those <= max of --sizes "
                                                              "when --sizes is given without 50000)")
    ap.add_argument("--archive-sizes", default=None,
                    help="corpora built with archives on (default 10000,50000, those <= max of --sizes, else "
                         "the largest of --sizes); serve's heap is read at the largest")
    ap.add_argument("--reload-timeout", type=float, default=10.0)
    # Over a second: a second change to a feed within the same wall-clock second waits for the next
    # second (Last-Modified has one-second precision and must rise without running ahead of the clock),
    # which would measure that rule instead of the reload.
    ap.add_argument("--reload-gap", type=float, default=1.1, help="pause before the first edit and after each")
    ap.add_argument("--java-opts", default=os.environ.get("FEEDWRIGHT_JAVA_OPTS", ""))
    ap.add_argument("--serve-args", default=os.environ.get("FEEDWRIGHT_SERVE_ARGS", ""),
                    help="extra arguments for feedwright serve, e.g. '--poll-interval 50ms'")
    ap.add_argument("--keep-tmp", action="store_true")
    a = ap.parse_args(argv)
    phases = frozenset(a.only.split(",")) if a.only else frozenset(PHASES)
    unknown = phases - set(PHASES)
    if unknown:
        ap.error("unknown phase(s) %s; the phases are %s" % (",".join(sorted(unknown)), ",".join(PHASES)))
    sizes = _ints(a.sizes)
    memory_sizes = _ints(a.memory_sizes) if a.memory_sizes else _up_to((10000, 50000), sizes + (10000,))
    archive_sizes = _ints(a.archive_sizes) if a.archive_sizes else (_up_to((10000, 50000), sizes) or (max(sizes),))
    return Settings(
        repo=os.path.abspath(a.repo),
        jar=os.path.abspath(a.jar or os.path.join(a.repo, "target", "feedwright.jar")),
        work=os.path.abspath(a.work), results=os.path.abspath(a.results), quick=a.quick,
        reps=a.reps or (3 if a.quick else 5),
        wrk_seconds=a.duration or (3 if a.quick else 15),
        warm_seconds=2 if a.quick else 10,
        soak_seconds=a.soak if a.soak is not None else (30 if a.quick else 600),
        edits=a.edits or (10 if a.quick else 50),
        sizes=sizes, memory_sizes=memory_sizes, archive_sizes=archive_sizes, phases=phases, seed=a.seed,
        serve_size=a.serve_size, reload_size=a.reload_size, reload_timeout=a.reload_timeout,
        reload_gap=a.reload_gap, varnish_replicas=a.varnish_replicas,
        java_opts=tuple(a.java_opts.split()), serve_args=tuple(a.serve_args.split()), keep_tmp=a.keep_tmp)
