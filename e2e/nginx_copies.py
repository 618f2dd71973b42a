"""nginx on two copies of one build (issue 13): `cp -a` keeps the mtimes `build` set, so both answer the
same ETag (nginx's: mtime and size) and Last-Modified for every path, and Last-Modified is the manifest's.
A rebuild after one edit keeps nginx's validators of every feed the edit did not touch."""

import email.utils
import json
import os
import pwd
import re
import subprocess
import urllib.parse
from pathlib import Path

from harness import OUT, Server, copy_sample_site, etag_of, feedwright, free_port, gunzip, http_request, spawn, \
    stop, temp_dir, wait_until
from harness import read_config
from replicas import MANIFEST, read_manifest

CONF = Path(__file__).resolve().parent / "nginx" / "feedwright.conf"


class Nginx:
    """nginx as a foreground master with its own prefix (config, pid, logs, temp folders) under
    target/e2e, never the system service; ``includes`` (e2e/nginx/feedwright.conf by default) hold everything
    but port and root, and ``probe`` is a path that answers 200 once it serves. ``root`` may be None (a
    proxy), ``http_lines`` replace the http block's ``access_log off;`` (a log format, a cache, an
    upstream), and ``prefix`` replaces target/e2e/GROUP/NAME."""

    def __init__(self, name, root, group="nginx-copies", includes=(CONF,), probe="/rss.xml",
                 http_lines="    access_log off;\n", prefix=None):
        self.prefix = prefix or OUT / group / name
        self.probe = probe
        (self.prefix / "tmp").mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        # Workers of a root master switch to an unprivileged user, who could not enter a private temp folder.
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
        tmp = self.prefix / "tmp"
        conf = self.prefix / "nginx.conf"
        extra = "".join(f"        include {path};\n" for path in includes)
        root_line = f"        root {root};\n" if root is not None else ""
        conf.write_text(f"""{user}daemon off;
worker_processes 1;
pid {self.prefix}/nginx.pid;
error_log {self.prefix}/error.log;
events {{ worker_connections 64; }}
http {{
{http_lines}    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{self.port};
{root_line}{extra}    }}
}}
""", encoding="utf-8")
        self.proc = spawn(["nginx", "-p", str(self.prefix), "-e", str(self.prefix / "error.log"), "-c", str(conf)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        if not wait_until(self._answers, 20, 0.1):
            self.stop()
            raise RuntimeError(f"nginx did not start: {(self.prefix / 'error.log').read_text()[-1500:]}")

    def _answers(self):
        try:
            return http_request(self.port, self.probe, timeout=5).status == 200
        except OSError:
            return self.proc.poll() is not None

    def get(self, path, headers=None):
        return http_request(self.port, path, headers)

    def stop(self):
        stop(self.proc)


def validators(server, files):
    """(ETag, Last-Modified) of each listed path, plain and gzip; problems where the answer is not the
    manifest's bytes or content type."""
    got, problems = {}, []
    for path, entry in files.items():
        url = urllib.parse.quote(path)
        for gz in (False, True):
            r = server.get(url, {"Accept-Encoding": "gzip"} if gz else {})
            got[(path, gz)] = (r.headers.get("etag"), r.headers.get("last-modified"))
            body = gunzip(r.body) if r.headers.get("content-encoding") == "gzip" else r.body
            if r.status != 200 or etag_of(body) != entry["etag"]:
                problems.append(f"{path} gzip={gz}: {r.status}, bytes hash {etag_of(body)}, manifest {entry['etag']}")
            if r.headers.get("content-type") != entry["contentType"]:
                problems.append(f"{path}: Content-Type {r.headers.get('content-type')}, manifest {entry['contentType']}")
            if gz and entry.get("gzip") and r.headers.get("content-encoding") != "gzip":
                problems.append(f"{path}: the .gz twin was not sent")
    return got, problems


def edit_post(site):
    post = site / "posts" / "2025-10-03-hokkaido-datacenter.md"
    head, marker, tail = post.read_text(encoding="utf-8").rpartition("\n---END---")
    post.write_text(f"{head}\n\nAn edit after the first build.\n{marker}{tail}", encoding="utf-8")


def readme_quotes(root):
    """The configuration files the README shows, each of which it must quote whole, as a fenced block."""
    readme = (root / "README.md").read_text(encoding="utf-8")
    files = {"vcl": root / "e2e" / "varnish" / "feedwright.vcl", "nginx": CONF}
    return [f.relative_to(root).as_posix() for lang, f in files.items()
            if f"```{lang}\n{f.read_text(encoding='utf-8').rstrip()}\n```" not in readme]


def check_nginx_copies(R, root):
    missing = readme_quotes(Path(root))
    R.add("nginx-copies: the README quotes e2e/varnish/feedwright.vcl and e2e/nginx/feedwright.conf word for word",
          not missing, "not quoted: " + ", ".join(missing) if missing else "both quoted")
    site = copy_sample_site("nginx-copies")
    out = temp_dir("nginx-copies-out")
    p = feedwright("build", "--site", site, "--out", out, "--gzip")
    if p.returncode != 0:
        raise RuntimeError(f"build exit {p.returncode}: {p.stderr[-1000:]}")
    files = read_manifest(out)
    copies = [temp_dir("nginx-copy-a") / "site", temp_dir("nginx-copy-b") / "site"]
    for copy in copies:
        subprocess.run(["cp", "-a", f"{out}/.", str(copy)], check=True, timeout=60)
    servers = [Nginx("a", copies[0]), Nginx("b", copies[1])]
    try:
        (a, problems_a), (b, problems_b) = (validators(s, files) for s in servers)
        differ = [f"{k}: {a[k]} vs {b[k]}" for k in a if a[k] != b[k]]
        R.add("nginx-copies: two copies (cp -a) answer the same ETag and Last-Modified for every path, plain "
              "and gzip", not differ and not problems_a and not problems_b and len(a) > 100,
              f"{len(a)} answers from each, the manifest's bytes and content types",
              "\n".join((differ + problems_a + problems_b)[:20]))
        wrong_date = [f"{path}: {a[(path, gz)][1]}, manifest {entry['lastModified']}"
                      for path, entry in files.items() for gz in (False, True)
                      if a[(path, gz)][1] != entry["lastModified"]]
        R.add("nginx-copies: Last-Modified is the manifest's (build set every file's and .gz twin's mtime)",
              not wrong_date, f"{len(files)} paths", "\n".join(wrong_date[:20]))
        hidden = [s.get("/" + MANIFEST).status for s in servers]
        R.add("nginx-copies: the manifest itself is not served", hidden == [404, 404], f"statuses {hidden}")
        weak = [f"{k}: {v[0]}" for k, v in a.items() if not re.fullmatch(r'"[0-9a-f]+-[0-9a-f]+"', v[0] or "")]
        R.add("nginx-copies: nginx's ETags are its strong mtime-size form", not weak, f"{len(a)} ETags", "\n".join(weak[:10]))

        # One edit, a second build over the same folder, copied over copy a: what the edit did not touch
        # keeps nginx's validators (readers still get 304), what it touched gets new ones and a later date.
        edit_post(site)
        p = feedwright("build", "--site", site, "--out", out, "--gzip")
        if p.returncode != 0:
            raise RuntimeError(f"second build exit {p.returncode}: {p.stderr[-1000:]}")
        subprocess.run(["cp", "-a", f"{out}/.", str(copies[0])], check=True, timeout=60)
        files2 = read_manifest(out)
        after, problems = validators(servers[0], files2)
        changed = {path for path in files2 if path in files and files2[path]["etag"] != files[path]["etag"]}
        wrong = []
        for (path, gz), (etag, lm) in after.items():
            if path not in files:
                continue
            before = a[(path, gz)]
            later = email.utils.parsedate_to_datetime(lm) > email.utils.parsedate_to_datetime(before[1])
            if path in changed and (etag == before[0] or not later or lm != files2[path]["lastModified"]):
                wrong.append(f"{path} gzip={gz} changed: {before} -> {(etag, lm)}")
            if path not in changed and (etag, lm) != before:
                wrong.append(f"{path} gzip={gz} unchanged: {before} -> {(etag, lm)}")
        R.add("nginx-copies: after an edit and a rebuild, unchanged paths keep nginx's ETag and Last-Modified, "
              "changed ones get new ones", not wrong and not problems and 0 < len(changed) < len(files2),
              f"{len(changed)} paths changed, {len(files2) - len(changed)} kept",
              "\n".join((wrong + problems)[:20]))
    finally:
        for s in servers:
            s.stop()


# Old feed addresses (README, "Old feed addresses"): a written alias, jekyll-feed's site-wide address, a
# Japanese category's and a tag's, each asked for percent-encoded, as a reader sends it.
ALIASES = """
jekyll_feed_aliases: true
alias_copies: true
aliases:
  /index.xml: /rss.xml
"""


def curl_head(port, path):
    """(status, Location, Cache-Control) of curl's HEAD request; curl follows nothing."""
    p = subprocess.run(["curl", "-sS", "-I", "--max-time", "10", f"http://127.0.0.1:{port}{path}"],
                       capture_output=True, text=True, timeout=20)
    lines = p.stdout.replace("\r", "").split("\n")
    fields = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if ":" in line)}
    status = int(lines[0].split()[1]) if lines and lines[0].startswith("HTTP/") else None
    return status, fields.get("location"), fields.get("cache-control")


def check_nginx_aliases(R, root):
    site = copy_sample_site("nginx-aliases")
    config = site / "feeds-config" / "site.yml"
    config.write_text(config.read_text(encoding="utf-8") + ALIASES, encoding="utf-8")
    out = temp_dir("nginx-aliases-out")
    p = feedwright("build", "--site", site, "--out", out, "--gzip")
    if p.returncode != 0:
        raise RuntimeError(f"build exit {p.returncode}: {p.stderr[-1000:]}")
    redirects = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["redirects"]
    base = read_config(site)["feed_base_url"]
    category = next(path for path in redirects if path.startswith("/feed/") and not path.isascii())
    tag = next(path for path in redirects if path.startswith("/feed/by_tag/"))
    asked = ["/index.xml", "/feed.xml", category, tag]
    expected = {path: base + urllib.parse.quote(redirects[path]["target"][1:]) for path in asked}
    copies = [path for path in asked if (out / path[1:]).read_bytes() != (out / redirects[path]["target"][1:]).read_bytes()]
    R.add("nginx-aliases: build wrote a copy of the target at every old address and feedwright-redirects.conf",
          not copies and (out / "feedwright-redirects.conf").is_file(), f"{len(redirects)} old addresses",
          "copies that differ: " + ", ".join(copies))
    nginx = Nginx("aliases", out, includes=[CONF, out / "feedwright-redirects.conf"])
    server = Server(site, name="nginx-aliases-serve")
    try:
        wrong = []
        # The file's paths are from the host's root (feed_base_url's path first), as subscribers ask for them;
        # serve answers at its own root (a proxy mounts it at that path).
        prefix = urllib.parse.urlsplit(base).path.rstrip("/")
        for name, port, under in (("nginx", nginx.port, prefix), ("serve", server.port, "")):
            for path in asked:
                got = curl_head(port, urllib.parse.quote(under + path))
                if got[:2] != (301, expected[path]) or not (got[2] or "").startswith("public, max-age="):
                    wrong.append(f"{name} {path}: {got}, expected 301 to {expected[path]}")
            got = curl_head(port, "/atom.xml")
            if got[0] != 200:
                wrong.append(f"{name} /atom.xml: {got}")
        R.add("nginx-aliases: nginx with the generated file (under feed_base_url's path) and serve answer every old "
              "address (percent-encoded, Japanese too) with 301, the absolute Location and a cacheable Cache-Control",
              not wrong,
              f"{len(asked)} addresses × 2 servers", "\n".join(wrong))
    finally:
        nginx.stop()
        server.stop()
