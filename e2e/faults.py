"""Faults: kill -9 during build, unreadable posts, a posts folder that goes away, a full disk."""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser

from harness import (JAR, JAVA, ROOT, Server, copy_sample_site, feedwright, site_posts, spawn, stop, temp_dir,
                     wait_until, well_formed)


def corpus(prefix, posts=1000, seed=11):
    """A generated site (bench/gen_corpus.py, seeded, deterministic)."""
    d = temp_dir(prefix)
    subprocess.run([sys.executable, str(ROOT / "bench" / "gen_corpus.py"), "--posts", str(posts), "--seed",
                    str(seed), "--out", str(d)], check=True, capture_output=True, timeout=120)
    return d


def output_problems(out):
    """Feed-named files that are not complete documents, and temp files left behind."""
    bad, temps, count = [], [], 0
    for path in Path(out).rglob("*"):
        if not path.is_file():
            continue
        name = path.name
        if name.endswith(".tmp"):
            temps.append(str(path.relative_to(out)))
            continue
        count += 1
        data = path.read_bytes()
        if name.endswith((".xml", ".opml")):
            why = well_formed(data)
            if why:
                bad.append(f"{path.relative_to(out)}: {why} ({len(data)} bytes)")
        elif name.endswith(".json"):
            try:
                json.loads(data.decode("utf-8"))
            except ValueError as e:
                bad.append(f"{path.relative_to(out)}: {e} ({len(data)} bytes)")
        elif name.endswith(".html") and not data.rstrip().endswith(b"</html>"):
            bad.append(f"{path.relative_to(out)}: truncated HTML ({len(data)} bytes)")
    return count, bad, temps


def count_files(out):
    n = 0
    for _root, _dirs, files in os.walk(out):
        n += len(files)
    return n


def check_kill_build(R, _root):
    site = corpus("killbuild")
    out = temp_dir("killbuild-out")
    first = feedwright("build", "--site", site, "--out", out, timeout=180)
    total = count_files(out)
    if first.returncode != 0 or total < 100:
        R.add("faults: kill -9 during build", False, f"first build failed ({first.returncode})", first.stderr[-2000:])
        return
    # Change what every file holds (the site title), then kill rebuilds at several points of the write phase:
    # every feed must still be a complete document (the old one or the new one).
    cfg = site / "feeds-config" / "site.yml"
    kills = []
    for i, at in enumerate((0.1, 0.35, 0.6, 0.85)):
        text = cfg.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^title: .*$", f'title: "Killed build {i}"', text)
        cfg.write_text(text, encoding="utf-8")
        before = {p: p.stat().st_mtime_ns for p in Path(out).rglob("*.xml")}
        proc = spawn([JAVA, "-jar", str(JAR), "build", "--site", str(site), "--out", str(out)],
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        changed = 0
        while proc.poll() is None and time.monotonic() < deadline:
            changed = sum(1 for p, m in before.items() if p.exists() and p.stat().st_mtime_ns != m)
            if changed >= at * len(before):
                os.kill(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.002)
        proc.wait(10)
        stop(proc)
        killed = proc.returncode == -signal.SIGKILL
        kills.append((at, killed, changed, len(before)))
    n, bad, temps = output_problems(out)
    killed_mid = sum(1 for _, k, c, t in kills if k and 0 < c < t)
    R.add("faults: kill -9 in the middle of build --out leaves no half-written feed",
          not bad and killed_mid >= 2,
          f"{killed_mid}/{len(kills)} kills landed mid-write ({', '.join(f'{c}/{t}' for _, _, c, t in kills)} files "
          f"rewritten); {n} files complete, {len(bad)} broken; {len(temps)} hidden .tmp files left",
          "\n".join(bad[:20]))
    again = feedwright("build", "--site", site, "--out", out, timeout=180)
    fresh = temp_dir("killbuild-fresh")
    clean = feedwright("build", "--site", site, "--out", fresh, timeout=180)
    # Every file byte-identical but the manifest: the rebuild carries Last-Modified forward from the builds
    # before it (the title changed since the first build, so its dates are later than a clean build's).
    diff = subprocess.run(["diff", "-rq", "-x", "*.tmp", "-x", MANIFEST, str(out), str(fresh)],
                          capture_output=True, text=True)
    manifest_problems = carried_manifest_problems(Path(out) / MANIFEST, Path(fresh) / MANIFEST)
    R.add("faults: the next build after kills equals a clean build",
          again.returncode == 0 and clean.returncode == 0 and diff.returncode == 0 and not manifest_problems,
          f"{count_files(fresh)} files byte-identical; the manifests agree but for Last-Modified, which never "
          f"goes back" if diff.returncode == 0 and not manifest_problems else "differs",
          diff.stdout[-2000:] + "\n".join(manifest_problems[:20]) + again.stderr[-500:])


MANIFEST = "feedwright-manifest.json"


def carried_manifest_problems(carried, clean):
    """How a manifest carried forward across builds differs from a clean build's beyond what it may: the same
    paths, types, ETags and gzip flags; each Last-Modified the same or later."""
    a = json.loads(carried.read_text(encoding="utf-8"))["files"]
    b = json.loads(clean.read_text(encoding="utf-8"))["files"]
    problems = [f"{path}: only in one manifest" for path in sorted(set(a) ^ set(b))]
    for path in sorted(set(a) & set(b)):
        for field in ("contentType", "etag", "gzip"):
            if a[path].get(field) != b[path].get(field):
                problems.append(f"{path}: {field} {a[path].get(field)!r} != {b[path].get(field)!r}")
        if "lastModified" in a[path] or "lastModified" in b[path]:
            later, earlier = (parsedate_to_datetime(m[path]["lastModified"]) for m in (a, b))
            if later < earlier:
                problems.append(f"{path}: Last-Modified went back: {later} < {earlier}")
    return problems


def check_unreadable_posts(R, _root):
    site = copy_sample_site("unreadable")
    posts = site / "posts"
    os.symlink("/nonexistent/gone.md", posts / "2025-11-20-dangling-link.md")
    (posts / "assets").mkdir()
    os.symlink("assets", posts / "2025-11-21-link-to-folder.md")
    (posts / "2025-11-23-folder-named-like-a-post.md").mkdir()
    os.symlink("/etc/hostname", posts / "2025-11-24-link-outside.md")
    server = Server(site, name="unreadable")
    try:
        out = server.output()
        want = {
            "2025-11-20-dangling-link.md": "error: cannot be read: no such file",
            "2025-11-21-link-to-folder.md": "error: is not a regular file (a folder, pipe or device); not read",
            "2025-11-24-link-outside.md": "error: is a link to a file outside posts/; not read",
        }
        missing = [f"{f}: {m}" for f, m in want.items() if not re.search(re.escape(f) + r":\d+:\d+: " + re.escape(m), out)]
        r = server.get("/rss.xml")
        entries = len(feedparser.parse(r.body).entries)
        health = server.get("/healthz").body.decode()
        good = len(site_posts(site))  # the sample's posts; the links and the folder are none of them
        ok = not missing and entries == good and '"errors":3' in health and server.alive()
        R.add("faults: serve with unreadable posts (dangling symlink, symlink to a folder, link outside, "
              "folder named *.md)", ok, f"started, {entries} of {good} good posts served, 3 located errors in log and /healthz",
              "missing messages: " + "; ".join(missing) + "\n" + out[-1500:] + "\n" + health[:800])
    finally:
        server.stop()

    # A symlink to a FIFO inside posts/: open() blocks until a writer comes. Bounded: 20 s.
    site = copy_sample_site("fifo")
    os.mkfifo(site / "posts" / ".pipe")
    os.symlink(".pipe", site / "posts" / "2025-11-22-link-to-fifo.md")
    try:
        p = feedwright("check", "--site", site, timeout=20)
        ok = "2025-11-22-link-to-fifo.md" in p.stdout and p.returncode == 1
        R.add("faults: check with a post that is a symlink to a FIFO finishes with an error", ok,
              f"exit {p.returncode}", p.stdout[-800:])
    except subprocess.TimeoutExpired:
        R.add("faults: check with a post that is a symlink to a FIFO finishes with an error", False,
              "hangs: no answer in 20 s (killed)",
              "feedwright reads the FIFO with Files.readAllBytes and blocks forever waiting for a writer")


def feed_titles(server, path="/rss.xml"):
    return [e.title for e in feedparser.parse(server.get(path).body).entries]


def check_posts_folder_vanishes(R, _root):
    site = copy_sample_site("vanish")
    shutil.rmtree(site / "posts")
    p = feedwright("check", "--site", site)
    R.add("faults: check on a site without posts/ reports it", p.returncode == 1 and "posts/:0:0: error: folder not found" in p.stdout,
          f"exit {p.returncode}: {p.stdout.strip().splitlines()[-1] if p.stdout.strip() else p.stderr.strip()[:120]}",
          p.stdout[-500:] + p.stderr[-500:])
    shutil.copytree(ROOT / "posts", site / "posts")
    server = Server(site, "--health-details", name="vanish")  # reads the problem list
    try:
        before = feed_titles(server)
        (site / "posts").rename(site / "posts.away")
        reported = wait_until(lambda: b"folder not found" in server.get("/healthz").body, 10)
        time.sleep(1.0)
        during = feed_titles(server)
        health = server.get("/healthz").body.decode()
        R.add("faults: posts/ disappears while serving: reported, nothing already published lost",
              bool(reported) and during == before and server.alive(),
              f"/healthz reports it: {bool(reported)}; site feed {len(during)} of {len(before)} entries while gone",
              f"healthz: {health[:600]}")
        (site / "posts.away").rename(site / "posts")
        back = wait_until(lambda: feed_titles(server) == before and b'"status":"ok"' in server.get("/healthz").body, 10)
        # and it still follows edits afterwards
        p = site / "posts" / "2025-09-01-other.md"
        p.write_text(p.read_text(encoding="utf-8").replace('title: "読者からの質問', 'title: "戻った後の編集 読者からの質問'),
                     encoding="utf-8")
        follows = wait_until(lambda: any(t.startswith("戻った後の編集") for t in feed_titles(server)), 10)
        R.add("faults: posts/ comes back: served again, edits followed", bool(back) and bool(follows) and server.alive(),
              f"restored: {bool(back)}; later edit served: {bool(follows)}", server.output()[-1500:])
    finally:
        server.stop()


def check_full_disk(R, _root):
    mnt = temp_dir("fulldisk")
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)], capture_output=True, text=True)
    if p.returncode != 0:
        R.add("faults: full disk during build (tmpfs)", False,
              f"cannot mount a tmpfs here: {p.stderr.strip()}", "needs root and mount permission")
        return
    try:
        small = copy_sample_site("fulldisk-site")
        first = feedwright("build", "--site", small, "--out", mnt / "public")
        published = {p: p.read_bytes() for p in (mnt / "public").rglob("*") if p.is_file()}
        big = corpus("fulldisk-corpus", posts=1000, seed=5)
        shutil.rmtree(big / "feeds-config")
        shutil.copytree(small / "feeds-config", big / "feeds-config")  # same site: sample config
        for post in (small / "posts").iterdir():
            shutil.copy(post, big / "posts" / post.name)
        full = feedwright("build", "--site", big, "--out", mnt / "public", timeout=180)
        n, bad, temps = output_problems(mnt / "public")
        lost = [str(p) for p in published if not p.exists()]
        message = [line for line in full.stderr.splitlines() if "space" in line.lower()]
        ok = first.returncode == 0 and full.returncode == 4 and message and not bad and not lost and not temps \
            and "Exception" not in full.stderr and "\tat " not in full.stderr
        R.add("faults: full disk (3 MiB tmpfs) during build: clear error, exit 4, nothing half-written or lost", ok,
              f"exit {full.returncode}: {(message or [full.stderr.strip()[:160]])[0][:160]}; {n} files complete, "
              f"{len(bad)} broken, {len(temps)} .tmp left, {len(lost)} lost",
              full.stdout[-800:] + "\n" + full.stderr[-1500:] + "\n" + "\n".join(bad[:10]))
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)
