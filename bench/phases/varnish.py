"""Phase varnish: the serve phase's plain, gzip and 304 cases through Varnish (e2e/varnish/feedwright.vcl)
in front of --varnish-replicas `serve --published` replicas of one build, alternating with the same cases
sent to one replica directly."""

import os
import subprocess
import sys

import corpora
import outputs
import servers
from context import log, log_tail
from pytools.loopback import free_port, wait_for_200
from settings import HERE

# Varnish is started as the e2e suite starts it: the same VCL, the same command line.
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "e2e", "varnish"))
from varnishd import varnishd_command  # noqa: E402

SCENARIOS = ("plain", "gzip", "304")
TARGETS = ("varnish", "direct")


def run(bench):
    n, k = bench.settings.serve_size, bench.settings.varnish_replicas
    site = corpora.corpus(bench, n)
    out = bench.path("out-published-%d" % n)
    log("varnish: feedwright build of %d posts for %d replica(s)" % (n, k))
    bench.build_once(n, site, out, "varnish-build-%d" % n)
    ports = [free_port() for _ in range(k)]
    for i, port in enumerate(ports):
        servers.start_published(bench, out, site, port, "replica-%d" % (i + 1))
    varnish_port = free_port()
    log_path = bench.path("varnishd.log")
    with open(log_path, "ab") as f:
        varnish = bench.processes.start(varnishd_command(bench.path("varnish"), varnish_port, ports, "malloc,256m"),
                                        stdout=f, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    if wait_for_200(varnish_port, "/rss.xml", 60.0, proc=varnish) is None:
        raise RuntimeError("varnishd did not answer 200 on /rss.xml:\n" + log_tail(log_path))
    targets = {"varnish": varnish_port, "direct": ports[0]}
    results = bench.results["varnish"] = {"replicas": k, "posts": n}
    results["checks"] = checks = servers.answer_checks(bench, targets, out, outputs.feed_paths(out))
    etags = checks["etag"]
    if etags["varnish"] != etags["direct"]:
        bench.problem("varnish: ETag %s through Varnish, %s from the replica" % (etags["varnish"], etags["direct"]))
    headers = {
        "plain": lambda t: [],
        "gzip": lambda t: ["Accept-Encoding: gzip"],
        "304": lambda t: ["If-None-Match: " + (etags[t] or '"none"')],
    }
    log("varnish: warm-up %ds per target and scenario" % bench.settings.warm_seconds)
    for target in TARGETS:
        for name in SCENARIOS:
            servers.run_wrk(bench, targets[target], "/rss.xml", headers[name](target), bench.settings.warm_seconds,
                            logname="warm-%s-%s" % (target, name))
    runs = []
    log("varnish: %d runs x %d scenarios x 2 targets, wrk -t2 -c64 -d%ds" % (
        bench.settings.reps, len(SCENARIOS), bench.settings.wrk_seconds))
    for rep in range(bench.settings.reps):
        for name in SCENARIOS:
            for target in TARGETS:
                res = servers.run_wrk(bench, targets[target], "/rss.xml", headers[name](target),
                                      logname="wrk-%s-%s-%d" % (target, name, rep))
                res.update({"server": target, "scenario": name, "rep": rep + 1})
                runs.append(res)
                log("  run %d %-6s %-8s %s" % (rep + 1, name, target, servers.describe_wrk(res)))
                if res["non_2xx_3xx"] or res["socket_errors"]:
                    bench.problem("varnish: %s %s run %d: %d non-2xx/3xx answers, %d socket errors" % (
                        target, name, rep + 1, res["non_2xx_3xx"], res["socket_errors"]))
    results["runs"] = runs
    results["load_average"] = os.getloadavg()
