"""Shared pieces of the end-to-end suite: servers started from the built jar, HTTP helpers, the
front-matter reader used to compute what the feeds should hold, and the result table.

Everything here talks to 127.0.0.1 only, and every process it starts is registered so that
``stop_all()`` (run at exit and on SIGINT/SIGTERM) ends it: nothing is left running.
"""

import datetime as dt
import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import urllib.parse
import xml.parsers.expat
import zlib
import zoneinfo
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Shared with bench/: process groups, and free ports and HTTP requests on 127.0.0.1.
from pytools.loopback import Response, free_port, http_request  # noqa: E402,F401
from pytools.processes import ProcessGroups  # noqa: E402
JAR = ROOT / "target" / "feedwright.jar"
OUT = ROOT / "target" / "e2e"
NODE_DIR = ROOT / "e2e" / "node"  # the npm clients (package.json), installed by e2e/install-deps
JAVA = os.environ.get("JAVA", "java")

_processes = ProcessGroups()  # every process we started, stopped by stop_all()
_temp_dirs = []


# --------------------------------------------------------------------------------------------
# processes
# --------------------------------------------------------------------------------------------

def spawn(cmd, **kw):
    """Popen in its own process group, registered for cleanup."""
    return _processes.start(cmd, **kw)


def stop(proc, grace=10.0):
    """SIGTERM, wait up to ``grace`` s, then SIGKILL; only the process (group) we started."""
    _processes.stop(proc, grace=grace)


def stop_all():
    _processes.stop_all(grace=5)
    for d in _temp_dirs:
        subprocess.run(["umount", "-l", d], stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL) \
            if os.path.ismount(d) else None
        shutil.rmtree(d, ignore_errors=True)


def _on_signal(signum, _frame):
    stop_all()
    sys.exit(128 + signum)


def install_cleanup():
    import atexit
    atexit.register(stop_all)
    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)


def temp_dir(prefix):
    d = tempfile.mkdtemp(prefix="feedwright-e2e-" + prefix + "-")
    _temp_dirs.append(d)
    return Path(d)


def copy_sample_site(prefix):
    """A throwaway copy of the shipped sample site (posts/ + feeds-config/)."""
    d = temp_dir(prefix)
    shutil.copytree(ROOT / "posts", d / "posts")
    shutil.copytree(ROOT / "feeds-config", d / "feeds-config")
    return d


def feedwright(*args, timeout=120, **kw):
    """Runs a one-shot command (build, check) and returns CompletedProcess with text output."""
    return subprocess.run([JAVA, "-jar", str(JAR), *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, **kw)


class Server:
    """``feedwright serve`` on 127.0.0.1, port 0; output (stdout+stderr) kept in memory and in a log."""

    _count = 0

    def __init__(self, site, *extra, name="serve", java_opts=(), port=0):
        Server._count += 1
        OUT.mkdir(parents=True, exist_ok=True)
        self.site = Path(site)
        self.log_path = OUT / f"{name}-{Server._count}.log"
        self.lines = []
        self.proc = spawn([JAVA, *java_opts, "-jar", str(JAR), "serve", "--site", str(site),
                           "--host", "127.0.0.1", "--port", str(port), *extra],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          encoding="utf-8", errors="replace")
        self.port = None
        ready = threading.Event()

        def pump():
            with open(self.log_path, "w", encoding="utf-8") as log:
                for line in self.proc.stdout:
                    self.lines.append(line.rstrip("\n"))
                    log.write(line)
                    log.flush()
                    m = re.search(r"at http://127\.0\.0\.1:(\d+)/", line)
                    if m and self.port is None:
                        self.port = int(m.group(1))
                        ready.set()
            ready.set()

        threading.Thread(target=pump, daemon=True).start()
        if not ready.wait(90) or self.port is None:
            self.stop()
            raise RuntimeError(f"server did not start; see {self.log_path}:\n" + "\n".join(self.lines[-20:]))

    @property
    def pid(self):
        return self.proc.pid

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        stop(self.proc)
        return self.proc.returncode

    def output(self):
        return "\n".join(self.lines)

    def rss_kib(self):
        """VmRSS of the JVM, KiB."""
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def get(self, path, headers=None, method="GET", timeout=15):
        return http_request(self.port, path, headers, method, timeout)

    def url(self, path="/"):
        return f"http://127.0.0.1:{self.port}{path}"


# --------------------------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------------------------

def _crc32c_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_CRC32C = _crc32c_table()


def crc32c(data):
    """CRC-32C (Castagnoli, RFC 3720 appendix B.4), which Python's standard library lacks; table-driven."""
    crc = 0xFFFFFFFF
    table = _CRC32C
    for byte in data:
        crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def etag_of(data, gzip_variant=False):
    """How the server computes its strong ETag, from the plain bytes alone: CRC-32C, CRC-32 and the length, in
    hex (Digests.fingerprint)."""
    h = "%08x%08x%016x" % (crc32c(data), zlib.crc32(data) & 0xFFFFFFFF, len(data))
    return f'"{h}-gzip"' if gzip_variant else f'"{h}"'


def well_formed(data):
    """None when ``data`` is well-formed XML (expat, which refuses XML-illegal characters), else why."""
    parser = xml.parsers.expat.ParserCreate()
    try:
        parser.Parse(data, True)
        return None
    except xml.parsers.expat.ExpatError as e:
        return str(e)


# --------------------------------------------------------------------------------------------
# the site as written: front matter and config, read independently of the Java code
# --------------------------------------------------------------------------------------------

def _scalar(text):
    text = text.strip()
    if not text:
        return ""
    if text[0] in "[\"":
        try:
            return json.loads(text)
        except ValueError:
            pass
    if text[0] == "'" and text.endswith("'"):
        return text[1:-1].replace("''", "'")
    return text


def read_config(site):
    cfg = {}
    for line in (Path(site) / "feeds-config" / "site.yml").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([a-z_]+):\s*(.*?)\s*$", line)
        if m and not line.startswith(" "):
            cfg[m.group(1)] = _scalar(m.group(2))
    cfg.setdefault("feed_base_url", cfg["base_url"])
    cfg.setdefault("timezone", "UTC")
    cfg["limit"] = int(cfg.get("limit", 20))
    return cfg


def front_matter(path):
    """The simple ``key: value`` front matter our sample and generated posts use."""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None
    fm = {}
    last = None
    for line in lines[1:]:
        if line.strip() == "---":
            return fm
        m = re.match(r"^([A-Za-z_]+):\s*(.*)$", line)
        if m:
            last = m.group(1)
            fm[last] = _scalar(m.group(2))
        elif last and re.match(r"^\s+-\s+", line):       # block list item
            if not isinstance(fm[last], list):
                fm[last] = []
            fm[last].append(_scalar(re.sub(r"^\s+-\s+", "", line)))
    return None


def parse_date(text, tz):
    text = str(text).strip()
    for fmt in ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%dT%H:%M:%S%z"):
        try:
            return dt.datetime.strptime(text.replace("Z", "+0000"), fmt)
        except ValueError:
            pass
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).replace(tzinfo=zoneinfo.ZoneInfo(tz))
        except ValueError:
            pass
    raise ValueError(f"unparsed date {text!r}")


def slug(term):
    s = unicodedata.normalize("NFKC", term).lower()
    s = re.sub(r"[^\w]+|_+", "-", s).strip("-")
    return s


def terms(value):
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, str):
        return value.split()
    return []


def first_body_line(path):
    """The first non-blank line after the front matter, without heading or bold marks."""
    lines = Path(path).read_text(encoding="utf-8", errors="replace").split("\n")
    closing = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), len(lines))
    for line in lines[closing + 1:]:
        if line.strip():
            text = re.sub(r"^#{1,6}\s+|\s+#+\s*$", "", line.strip())
            return re.sub(r"^(\*\*|__)(.*)\1$", r"\2", text).strip()
    return ""


def published_title(title, path):
    """The README's rule for a title a byte limit cut (it ends in U+FFFD): the body's first line when that
    line starts with the title's text before the cut, else that text and '…'; other U+FFFD are removed."""
    if "\ufffd" not in title:
        return title
    kept = re.sub(r"\s{2,}", " ", title.rstrip().replace("\ufffd", "")).strip()
    if not title.rstrip().endswith("\ufffd"):
        return kept
    first = first_body_line(path)
    return first if len(first) > len(kept) and first.startswith(kept) else kept + "…"


def site_posts(site):
    """Every post of the site as the suite expects it published: title, instants, terms, id."""
    cfg = read_config(site)
    host = urllib.parse.urlparse(cfg["base_url"]).hostname
    now = dt.datetime.now(dt.timezone.utc)
    posts = []
    for path in sorted((Path(site) / "posts").rglob("*")):
        if not path.is_file() or path.name.startswith(".") or path.suffix not in (".md", ".markdown", ".txt"):
            continue
        fm = front_matter(path)
        if fm is None or fm.get("published") is False:
            continue
        date = parse_date(fm["date"], cfg["timezone"])
        if date > now:
            continue
        updated = parse_date(fm.get("updated") or fm.get("last_modified_at") or fm["date"], cfg["timezone"])
        stem = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", path.stem)
        rel = path.relative_to(site).parent.as_posix()
        pid = fm.get("id") or f"tag:{host},{date.strftime('%Y-%m-%d')}:{urllib.parse.quote(rel + '/' + stem)}"
        posts.append({
            "file": path.relative_to(site).as_posix(),
            "title": published_title(str(fm.get("title", stem)), path),
            "date": date,
            "updated": max(updated, date),
            "categories": {slug(t) for t in terms(fm.get("categories", fm.get("category")))},
            "tags": {slug(t) for t in terms(fm.get("tags", fm.get("tag")))},
            "id": pid,
        })
    return posts


def expected_entries(posts, feed_path, limit):
    """Posts a feed path (``/rss.xml``, ``/tags/<slug>/atom.xml``, decoded) should hold, newest first."""
    parts = feed_path.strip("/").split("/")
    if len(parts) == 1:
        chosen = list(posts)
    elif parts[0] == "categories":
        chosen = [p for p in posts if parts[1] in p["categories"]]
    else:
        chosen = [p for p in posts if parts[1] in p["tags"]]
    chosen.sort(key=lambda p: (-p["date"].timestamp(), p["id"], p["file"]))
    return chosen[:limit]


def opml_feed_paths(server, cfg):
    """Every feed the server lists in /feeds.opml, as server paths: (rss path, atom path), encoded."""
    r = server.get("/feeds.opml")
    assert r.status == 200, f"/feeds.opml answered {r.status}"
    base = cfg["feed_base_url"]
    paths = []
    for url in re.findall(r'xmlUrl="([^"]+)"', r.body.decode("utf-8")):
        url = url.replace("&amp;", "&")
        assert url.startswith(base), f"OPML lists {url}, outside {base}"
        rss = "/" + url[len(base):]
        paths.append((rss, feed_folder(rss) + "atom.xml"))
    return paths


def feed_folder(rss_path):
    """The folder a feed's files share ('/', '/tags/<slug>/'), from its rss.xml path."""
    return rss_path[: -len("rss.xml")]


def header_problems(status, headers, want_status, want_names, values=None):
    """What differs between a response and the exact status, field names and values it must have."""
    problems = []
    if status != want_status:
        problems.append(f"status {status}, expected {want_status}")
    want_names = set(want_names)
    if set(headers) != want_names:
        extra, missing = set(headers) - want_names, want_names - set(headers)
        problems.append(f"header set differs: extra {sorted(extra)}, missing {sorted(missing)}")
    for k, v in (values or {}).items():
        if headers.get(k) != v:
            problems.append(f"{k}: {headers.get(k)!r}, expected {v!r}")
    return problems


# --------------------------------------------------------------------------------------------
# results
# --------------------------------------------------------------------------------------------

def _printable(text):
    """Control characters (a server's error may quote a hostile post) shown as escapes, not sent to the terminal."""
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", lambda m: f"\\x{ord(m.group()):02x}", text)


class Results:
    def __init__(self):
        self.rows = []      # (check, ok, figure)
        self.details = []

    def add(self, check, ok, figure="", detail=""):
        figure, detail = _printable(str(figure)), _printable(str(detail))
        self.rows.append((check, bool(ok), str(figure)))
        mark = "PASS" if ok else "FAIL"
        print(f"  [{mark}] {check}: {figure}", flush=True)
        if detail and not ok:
            for line in str(detail).splitlines()[:40]:
                print(f"         {line}", flush=True)
            self.details.append((check, detail))

    def failed(self):
        return [r for r in self.rows if not r[1]]

    def table(self):
        w = max([len(r[0]) for r in self.rows] + [5])
        lines = [f"{'check'.ljust(w)}  result  figure", f"{'-' * w}  ------  {'-' * 40}"]
        for check, ok, figure in self.rows:
            lines.append(f"{check.ljust(w)}  {'PASS' if ok else 'FAIL'}    {figure}")
        return "\n".join(lines)


def node_report(script, *args, timeout):
    """Runs e2e/node/SCRIPT with ARGS; (its JSON report, None) when it exits 0 with one, else (None, its exit
    status and what it printed)."""
    p = subprocess.run(["node", str(NODE_DIR / script), *map(str, args)], capture_output=True, text=True,
                       timeout=timeout, cwd=NODE_DIR)
    failure = f"exit {p.returncode}\n" + p.stdout[-2000:] + p.stderr[-2000:]
    if p.returncode != 0:
        return None, failure
    try:
        return json.loads(p.stdout), None
    except ValueError:
        return None, failure


def wait_until(predicate, timeout, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()


def gunzip(data):
    return gzip.decompress(data)
