"""The environment a cron job or a systemd unit gives: no locale at all, and a web server that runs as
another user. Run by e2e/suite.py as the group "cron"."""

import os
import shutil
import subprocess
from pathlib import Path

from harness import JAR, JAVA, ROOT, copy_sample_site, temp_dir

JAPANESE_POSTS = ("2025-11-25-投資.md", "2025-11-26-市場.md")


def _cron_env(**extra):
    """What cron or a systemd unit starts a job with: no LANG, no LC_*, so the C locale (ASCII)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANG", "LANGUAGE", "JAVA_TOOL_OPTIONS") and not k.startswith("LC_")}
    env.update(extra)
    return env


def _site_with_japanese_file_names():
    site = copy_sample_site("cron")
    for name, title in zip(JAPANESE_POSTS, ("Toushi", "Shijou")):
        path = site / "posts" / name
        # Equal size and modification time: under the C locale both names used to read as one.
        path.write_text(f"---\ntitle: {title}\ndate: 2025-11-25 10:00:00 +0000\nexcerpt: e\n---\nBody.\n",
                        encoding="utf-8")
        os.utime(path, (1764000000, 1764000000))
    return site


def _tree(root):
    return {str(p.relative_to(root)): p.read_bytes() for p in Path(root).rglob("*") if p.is_file()}


def check_cron(R, _root):
    site = _site_with_japanese_file_names()

    # java -jar under the C locale: refused before anything is read or written, naming the fix.
    refused_out = temp_dir("cron-refused") / "public"
    p = subprocess.run([JAVA, "-jar", str(JAR), "build", "--site", str(site), "--out", str(refused_out)],
                       capture_output=True, text=True, timeout=120, env=_cron_env())
    R.add("cron: java -jar build under the C locale refuses (exit 4), naming LC_ALL=C.UTF-8, writes nothing",
          p.returncode == 4 and "LC_ALL=C.UTF-8" in p.stderr and not refused_out.exists(),
          f"exit {p.returncode}", p.stdout[-800:] + p.stderr[-800:])

    # bin/feedwright under the C locale runs Java under C.UTF-8: the same bytes as a UTF-8 run.
    web_root = temp_dir("cron-web")
    os.chmod(web_root, 0o755)  # a web root's parent lets the web server's user through
    cron_out = web_root / "public"
    p = subprocess.run(["bash", str(ROOT / "bin" / "feedwright"), "build", "--gzip", "--site", str(site),
                        "--out", str(cron_out)], capture_output=True, text=True, timeout=300, env=_cron_env())
    utf8_out = temp_dir("cron-utf8") / "public"
    q = subprocess.run([JAVA, "-jar", str(JAR), "build", "--gzip", "--site", str(site), "--out", str(utf8_out)],
                       capture_output=True, text=True, timeout=120, env=_cron_env(LC_ALL="C.UTF-8"))
    cron_files, utf8_files = (_tree(cron_out) if cron_out.exists() else {}), (_tree(utf8_out) if utf8_out.exists() else {})
    atom = cron_files.get("atom.xml", b"").decode("utf-8", "replace")
    both = all(s in atom for s in ("posts/%E6%8A%95%E8%B3%87", "posts/%E5%B8%82%E5%A0%B4", "Toushi", "Shijou"))
    R.add("cron: bin/feedwright build under the C locale writes exactly what a UTF-8 run writes",
          p.returncode == 0 and q.returncode == 0 and cron_files and cron_files == utf8_files and both,
          f"{len(cron_files)} files byte-identical, both Japanese-named posts with their own ids",
          f"exit {p.returncode}/{q.returncode}; differing: "
          + ", ".join(sorted(k for k in cron_files.keys() | utf8_files.keys()
                             if cron_files.get(k) != utf8_files.get(k)))[:1500] + "\n" + p.stderr[-800:])

    # A web server running as another user (nobody) reads every file the root build wrote.
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or not setpriv:
        R.add("cron: another user (nobody) reads every file a build wrote", True, "skipped: needs root and setpriv")
        return
    files = sorted(str(cron_out / f) for f in cron_files)
    r = subprocess.run([setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "--", "sh", "-c",
                        'for f do cat -- "$f" > /dev/null || echo "unreadable: $f"; done', "sh", *files],
                       capture_output=True, text=True, timeout=120)
    modes = sorted({oct(os.stat(f).st_mode & 0o777) for f in files})
    R.add("cron: another user (nobody, via setpriv) reads every file a build wrote",
          r.returncode == 0 and files and not r.stdout and not r.stderr,
          f"{len(files)} files, modes {', '.join(modes)}", (r.stdout + r.stderr)[-1500:])
