"""Servers the phases measure (feedwright serve, serve --published, nginx over a build), wrk runs against
them, and the one-request checks that catch a wrong answer before wrk's figures would hide it."""

import gzip
import http.client
import json
import os
import pwd
import shutil
import subprocess

from context import log, log_tail
from pytools import wrk
from pytools.loopback import HOST, free_port, http_request, wait_for_200
from settings import HERE


def start_serve(run, site, xmx, logname, ready_timeout=120.0, extra=()):
    """`bin/feedwright serve` on a free port, ready once /rss.xml answers 200: (process, port, log path)."""
    port = free_port()
    return _start_on(run, run.serve_command(site, port, xmx, extra=extra), port, logname, "feedwright serve",
                     ready_timeout)


def start_published(run, out, site, port, logname):
    """`serve --published OUT` (the build's validators, from memory) on a given port."""
    proc, _, _ = _start_on(run, run.feedwright(["serve", "--published", out, "--site", site, "--host", HOST,
                                                "--port", str(port), *run.settings.serve_args], ["-Xmx512m"]),
                           port, logname, "feedwright serve --published")
    return proc


def _start_on(run, cmd, port, logname, what, ready_timeout=120.0):
    with open(run.path(logname + ".log"), "ab") as out:
        proc = run.processes.start(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    if wait_for_200(port, "/rss.xml", ready_timeout, proc=proc) is None:
        run.processes.stop(proc)
        raise RuntimeError("%s did not answer 200 on /rss.xml; log tail:\n%s"
                           % (what, log_tail(run.path(logname + ".log"))))
    return proc, port, run.path(logname + ".log")


def start_nginx(run, root, max_age):
    """nginx (bench/nginx/nginx.conf.tmpl) as a foreground master serving root: (process, port)."""
    prefix = run.path("nginx")
    if os.path.exists(prefix):
        shutil.rmtree(prefix)
    os.makedirs(prefix)
    port = free_port()
    try:
        user = pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        user = "nobody"
    with open(os.path.join(HERE, "nginx", "nginx.conf.tmpl"), encoding="utf-8") as f:
        conf = f.read()
    for key, value in (("@PREFIX@", prefix), ("@PORT@", str(port)), ("@ROOT@", root), ("@USER@", user),
                       ("@MAX_AGE@", str(max_age))):
        conf = conf.replace(key, value)
    conf_file = os.path.join(prefix, "nginx.conf")
    with open(conf_file, "w", encoding="utf-8") as f:
        f.write(conf)
    try:
        proc, _, _ = _start_on(run, ["nginx", "-p", prefix, "-c", conf_file], port, "nginx/stdout", "nginx", 15)
    except RuntimeError as e:
        raise RuntimeError("%s\n%s" % (e, log_tail(os.path.join(prefix, "error.log"))))
    return proc, port


def run_wrk(run, port, path, headers=(), seconds=None, script=None, script_args=(), logname="wrk"):
    """One wrk run (pytools.wrk's command line); its report's figures. A run with no figures is a problem."""
    seconds = seconds or run.settings.wrk_seconds
    log_path = run.path(logname + ".log")
    if os.path.exists(log_path):
        os.unlink(log_path)
    with open(log_path, "ab") as out:
        proc = run.processes.start(wrk.command("http://%s:%d%s" % (HOST, port, path), seconds, headers, script,
                                               script_args), stdout=out, stderr=subprocess.STDOUT)
    try:
        run.processes.wait(proc, timeout=seconds + 60)
    except subprocess.TimeoutExpired:
        run.processes.stop(proc)
    with open(log_path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    res = wrk.parse_report(text)
    if res["rps"] is None:
        run.problem("wrk produced no result on port %d %s:\n%s" % (port, path, text[-800:]))
    return res


def describe_wrk(res):
    return "%10.0f req/s  p50 %6.2f ms  p99 %6.2f ms  bad %d" % (
        res["rps"] or 0, res["p50_ms"] or 0, res["p99_ms"] or 0, res["non_2xx_3xx"] + res["socket_errors"])


def healthz(port):
    """GET /healthz as a dict (or {"error": ...})."""
    try:
        r = http_request(port, "/healthz", timeout=5.0)
        if r.status != 200:
            return {"error": "status %d" % r.status}
        return json.loads(r.body.decode("utf-8"))
    except (OSError, http.client.HTTPException, ValueError) as e:
        return {"error": str(e)}


def answer_checks(run, servers, out, paths):
    """One request of each kind to each server ({name: port}): plain, gzip and 304 on /rss.xml against the
    bytes the build wrote, /healthz for feedwright, and a 200 from every feed path."""
    checks = {"etag": {}, "plain": {}, "gzip": {}, "304": {}, "paths_not_200": {}}
    with open(os.path.join(out, "rss.xml"), "rb") as f:
        built = f.read()
    for name, port in servers.items():
        r = http_request(port, "/rss.xml")
        etag = checks["etag"][name] = r.headers.get("etag")
        checks["plain"][name] = {"status": r.status, "bytes": len(r.body), "same_as_build": r.body == built,
                                 "content_type": r.headers.get("content-type"),
                                 "cache_control": r.headers.get("cache-control")}
        r = http_request(port, "/rss.xml", headers={"Accept-Encoding": "gzip"})
        try:
            same = gzip.decompress(r.body) == built if r.headers.get("content-encoding") == "gzip" else None
        except OSError:
            same = False
        checks["gzip"][name] = {"status": r.status, "content_encoding": r.headers.get("content-encoding"),
                                "bytes": len(r.body), "decoded_same_as_build": same, "vary": r.headers.get("vary")}
        checks["304"][name] = {"status": http_request(port, "/rss.xml",
                                                      headers={"If-None-Match": etag or '"none"'}).status}
        if name == "feedwright":
            checks["healthz"] = healthz(port)
            log("  feedwright /healthz: %s" % json.dumps(checks["healthz"], ensure_ascii=False)[:200])
            if "posts" not in checks["healthz"] or "feeds" not in checks["healthz"]:
                run.problem("feedwright /healthz lacks \"posts\" or \"feeds\": %s" % checks["healthz"])
            if (etag or "W/").startswith("W/"):
                run.problem("feedwright /rss.xml has no strong ETag: %r" % etag)
        bad = 0
        for p in paths:
            try:
                bad += http_request(port, p).status != 200
            except (OSError, http.client.HTTPException):
                bad += 1
        checks["paths_not_200"][name] = bad
        log("  check %-10s etag=%s plain=%s gzip=%s/%s 304=%s non-200 paths=%d/%d same-bytes=%s" % (
            name, etag, checks["plain"][name]["status"], checks["gzip"][name]["status"],
            checks["gzip"][name]["content_encoding"], checks["304"][name]["status"], bad, len(paths),
            checks["plain"][name]["same_as_build"]))
        if checks["304"][name]["status"] != 304:
            run.problem("%s: If-None-Match with its own ETag gave %s, not 304" % (name, checks["304"][name]["status"]))
        if checks["gzip"][name]["content_encoding"] != "gzip":
            run.problem("%s: Accept-Encoding: gzip was answered without gzip" % name)
        if bad:
            run.problem("%s: %d of %d feed paths did not answer 200" % (name, bad, len(paths)))
    return checks
