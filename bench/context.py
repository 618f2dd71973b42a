"""What every phase shares: the settings, the work folders, the processes started, the results so far and
the problems seen, and the feedwright and Hugo command lines."""

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time

import discard
from pytools.loopback import HOST
from pytools.processes import ProcessGroups
from settings import HERE

LAUNCHER = os.path.join(os.path.dirname(HERE), "bin", "feedwright")

# How a feedwright build is started: the README's launcher (JVM options per command, the CDS archive for
# serve), or the plain jar, which is what a user who types `java -jar` gets.
VIA_LAUNCHER, VIA_JAR = "launcher", "java-jar"


def log(msg):
    sys.stdout.write("[bench %s] %s\n" % (time.strftime("%H:%M:%S"), msg))
    sys.stdout.flush()


def log_tail(path, lines=15):
    """The last lines of a log, for a problem report."""
    try:
        with open(path, "rb") as f:
            return b"".join(f.readlines()[-lines:]).decode("utf-8", "replace")
    except OSError:
        return ""


class BenchRun:
    """One run of the benchmark. Phases read ``settings``, add to ``results`` and report through
    ``problem``; every process goes through ``processes`` so that none outlives the run."""

    def __init__(self, settings):
        self.settings = settings
        self.tmp = os.path.join(settings.work, "tmp-%d" % os.getpid())
        os.makedirs(self.tmp, exist_ok=True)
        os.makedirs(settings.results, exist_ok=True)
        self.processes = ProcessGroups(os.path.join(settings.work, "pids"))
        # A private copy, so that a rebuild of target/ during the run can neither change nor break it. Its
        # CDS archive is made next to it on first use, as in a fresh clone.
        self.jar = os.path.join(self.tmp, "feedwright.jar")
        shutil.copy2(settings.jar, self.jar)
        self.discarded = os.path.join(self.tmp, "discarded")
        self.results = {"meta": {}, "build": [], "build_outputs": {}, "serve": {}, "varnish": {}, "reload": {},
                        "startup": {}, "memory": [], "archives": {}, "floor": {}, "errors": []}

    def path(self, name):
        """A file or folder in this run's temporary folder."""
        return os.path.join(self.tmp, name)

    def discard(self, path):
        """Clears path for a timed build: moved under this run's discarded/, deleted with the run's folder at the
        end or before the archives phase (discard.discard says why)."""
        discard.discard(path, self.discarded)

    def empty_discarded(self):
        """Deletes what discard() kept, before a phase whose outputs are large and whose times meet no target."""
        shutil.rmtree(self.discarded, ignore_errors=True)

    def problem(self, msg):
        """Something went wrong (not a figure that missed its target): listed under the table, exit 1."""
        log("PROBLEM: " + msg)
        self.results["errors"].append(msg)

    # ---------------- command lines ----------------

    def feedwright(self, args, java_opts=(), via=VIA_LAUNCHER):
        """A feedwright command line. Through the launcher, `env` and the launcher both exec, so the
        process measured (time -v, jcmd) is the JVM itself."""
        opts = list(java_opts) + list(self.settings.java_opts)
        if via == VIA_JAR:
            return ["java", *opts, "-jar", self.jar, *args]
        return ["env", "JAVA_OPTS=" + " ".join(opts), "FEEDWRIGHT_JAR=" + self.jar, LAUNCHER, *args]

    def build_command(self, n, site, out, via=VIA_LAUNCHER, gzip=False, cache=None, xmx=None):
        """A build without the post cache unless `cache` names its folder: every other figure is of a cold
        build, and a cache left in the corpus folder would make the next one warm. The heap is capped at
        1 GiB from 50,000 posts unless `xmx` says otherwise."""
        opts = ["-Xmx" + xmx] if xmx else (["-Xmx1g"] if n >= 50000 else [])
        return self.feedwright(["build", "--site", site, "--out", out] + (["--gzip"] if gzip else [])
                               + cache_options(cache), opts, via)

    def serve_command(self, site, port, xmx, via=VIA_LAUNCHER, extra=(), cache=None):
        """A serve without the post and feed caches unless `cache` names their folder."""
        return self.feedwright(["serve", "--site", site, "--host", HOST, "--port", str(port), *extra,
                                *self.settings.serve_args, *cache_options(cache)], ["-Xmx" + xmx], via)

    def archive_verdict(self):
        """The launcher's record of its CDS archive for this run's jar (bin/feedwright, make_archive)."""
        try:
            with open(os.path.join(self.tmp, "feedwright.jsa.verdict"), encoding="utf-8") as f:
                return f.read().strip().splitlines()[-1]
        except (OSError, IndexError):
            return None

    def prepare_launcher(self):
        """Lets the launcher make (or refuse) its CDS archive now, untimed, as a user's first `serve` would,
        so that no timed launch includes it."""
        t0 = time.perf_counter()
        rc = self.processes.wait(self.processes.start(self.feedwright(["serve", "--help"]),
                                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        verdict = self.archive_verdict()
        log("launcher's CDS archive (%.1f s): %s" % (time.perf_counter() - t0, verdict))
        if rc != 0:
            self.problem("bin/feedwright serve --help exited %s" % rc)
        return verdict

    # ---------------- timing ----------------

    def timed(self, cmd, logname, cwd=None):
        """Runs cmd under /usr/bin/time -v: {wall_s, max_rss_kb, cpu_s, rc, log}."""
        time_file, log_file = self.path(logname + ".time"), self.path(logname + ".log")
        t0 = time.perf_counter()
        with open(log_file, "ab") as out:
            proc = self.processes.start(["/usr/bin/time", "-v", "-o", time_file] + cmd, stdout=out,
                                        stderr=out, stdin=subprocess.DEVNULL, cwd=cwd)
        rc = self.processes.wait(proc)
        wall = time.perf_counter() - t0
        report = ""
        try:
            with open(time_file, encoding="utf-8", errors="replace") as f:
                report = f.read()
        except OSError:
            pass

        def number(label):
            m = re.search(re.escape(label) + r": ([\d.]+)", report)
            return float(m.group(1)) if m else None

        rss = number("Maximum resident set size (kbytes)")
        user, system = number("User time (seconds)"), number("System time (seconds)")
        return {"wall_s": wall, "max_rss_kb": int(rss) if rss is not None else None,
                "cpu_s": user + system if user is not None and system is not None else None,
                "rc": rc, "log": log_file}

    def build_once(self, n, site, out, logname, via=VIA_LAUNCHER, gzip=False, xmx=None):
        """One feedwright build into a new folder (an earlier one is discarded); RuntimeError when it fails."""
        self.discard(out)
        r = self.timed(self.build_command(n, site, out, via, gzip, xmx=xmx), logname)
        if r["rc"] != 0 or not os.path.exists(os.path.join(out, "rss.xml")):
            raise RuntimeError("feedwright build of %s failed:\n%s" % (site, log_tail(r["log"])))
        return r


def file_digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def cache_options(cache):
    """The cache options (the post cache and the feed cache beside it): their folder, or --no-cache."""
    return ["--cache", cache] if cache else ["--no-cache"]
