"""wrk's command line as the suite and the benchmark run it, and the figures of its standard report."""

import re

# Two threads and 64 connections: the machines this runs on have two cores, shared with the server.
THREADS, CONNECTIONS = 2, 64

_SECONDS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def command(url, seconds, headers=(), script=None, script_args=()):
    """``wrk -t2 -c64 -dNs --timeout 5s --latency [-H h]... [-s script] url [-- args]``."""
    cmd = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "5s", "--latency"]
    for h in headers:
        cmd += ["-H", h]
    if script:
        cmd += ["-s", str(script)]
    cmd.append(url)
    if script_args:
        cmd += ["--", *map(str, script_args)]
    return cmd


def requests_per_second(text):
    """The ``Requests/sec:`` figure, or None when wrk printed none (it failed or was killed)."""
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    return float(m.group(1)) if m else None


def parse_report(text):
    """The standard report's figures: req/s, latency percentiles in ms (from ``--latency``), request count,
    non-2xx/3xx answers and socket errors (all four kinds added up). A missing figure is None (0 for the
    two error counts, which wrk prints only when there were some)."""
    res = {"rps": requests_per_second(text), "p50_ms": None, "p75_ms": None, "p90_ms": None, "p99_ms": None,
           "requests": None, "non_2xx_3xx": 0, "socket_errors": 0}
    for pct in ("50", "75", "90", "99"):
        m = re.search(r"^\s+%s(?:\.000)?%%\s+(\S+)" % pct, text, re.M)
        seconds = _duration(m.group(1)) if m else None
        res["p%s_ms" % pct] = seconds * 1000.0 if seconds is not None else None
    m = re.search(r"(\d+) requests in", text)
    if m:
        res["requests"] = int(m.group(1))
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    if m:
        res["non_2xx_3xx"] = int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        res["socket_errors"] = sum(int(x) for x in m.groups())
    return res


def _duration(text):
    m = re.match(r"([\d.]+)(us|ms|s|m|h)$", text.strip())
    return float(m.group(1)) * _SECONDS[m.group(2)] if m else None
