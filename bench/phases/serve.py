"""Phase serve: `feedwright serve` against nginx serving what `build --gzip` wrote (1,000 posts): plain 200,
gzip, 304 and a mix of every feed path, with wrk, alternating."""

import os
import signal

import corpora
import outputs
import servers
from context import log
from settings import HERE

SCENARIOS = ("plain", "gzip", "304", "mixed")
SERVERS = ("feedwright", "nginx")


def run(bench):
    n = bench.settings.serve_size
    site = corpora.corpus(bench, n)
    out = bench.path("out-fw-gz-%d" % n)
    log("serve: feedwright build --gzip of %d posts for nginx" % n)
    bench.build_once(n, site, out, "serve-build-gz-%d" % n, gzip=True)
    if not os.path.exists(os.path.join(out, "rss.xml.gz")):
        bench.problem("build --gzip wrote no rss.xml.gz: nginx will gzip nothing (gzip_static)")
    paths = outputs.feed_paths(out)
    paths_file = outputs.write_paths(bench, paths, "paths-%d.txt" % n)
    nginx, nginx_port = servers.start_nginx(bench, out, 300)
    feedwright, feedwright_port, _ = servers.start_serve(bench, site, "512m", "serve-%d" % n)
    ports = {"feedwright": feedwright_port, "nginx": nginx_port}
    results = bench.results["serve"]
    try:
        results["checks"] = checks = servers.answer_checks(bench, ports, out, paths)
        requests = scenario_requests(checks["etag"], paths_file)
        log("serve: warm-up %ds per server and scenario" % bench.settings.warm_seconds)
        for server in SERVERS:
            for name in ("plain", "gzip", "mixed"):
                path, headers, script, args = requests[name](server)
                servers.run_wrk(bench, ports[server], path, headers, bench.settings.warm_seconds, script, args,
                                logname="warm-%s-%s" % (server, name))
        runs = []
        log("serve: %d runs x %d scenarios x 2 servers, wrk -t2 -c64 -d%ds" % (
            bench.settings.reps, len(SCENARIOS), bench.settings.wrk_seconds))
        for rep in range(bench.settings.reps):
            for name in SCENARIOS:
                for server in SERVERS:
                    path, headers, script, args = requests[name](server)
                    res = servers.run_wrk(bench, ports[server], path, headers, None, script, args,
                                          logname="wrk-%s-%s-%d" % (server, name, rep))
                    res.update({"server": server, "scenario": name, "rep": rep + 1})
                    runs.append(res)
                    log("  run %d %-6s %-10s %s" % (rep + 1, name, server, servers.describe_wrk(res)))
        results["runs"] = runs
        results["paths"] = len(paths)
    finally:
        results["serve_exit_on_sigterm"] = bench.processes.stop(feedwright)
        bench.processes.stop(nginx, sig=signal.SIGQUIT)


def scenario_requests(etags, paths_file):
    """For each scenario, server name -> (path, headers, wrk script, script arguments)."""
    mixed = os.path.join(HERE, "wrk", "mixed.lua")
    return {
        "plain": lambda s: ("/rss.xml", [], None, ()),
        "gzip": lambda s: ("/rss.xml", ["Accept-Encoding: gzip"], None, ()),
        "304": lambda s: ("/rss.xml", ["If-None-Match: " + (etags[s] or '"none"')], None, ()),
        "mixed": lambda s: ("/", [], mixed, (paths_file,)),
    }
