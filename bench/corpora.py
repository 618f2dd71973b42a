"""The generated corpora (bench/gen_corpus.py), the Hugo site over one, the same corpus with archives on,
and the one-post edit the reload and rebuild figures make."""

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time

from context import log
from settings import HERE


def corpus(run, n):
    """The folder of the n-post corpus, generated once per seed and version of gen_corpus.py."""
    folder = os.path.join(run.settings.work, "corpus-%d" % n)
    with open(os.path.join(HERE, "gen_corpus.py"), "rb") as f:
        generator = hashlib.sha256(f.read()).hexdigest()[:16]
    stamp = "posts=%d seed=%d gen=%s" % (n, run.settings.seed, generator)
    stamp_file = os.path.join(folder, ".stamp")
    if os.path.exists(stamp_file) and open(stamp_file).read().strip() == stamp:
        return folder
    log("generating corpus of %d posts (seed %d) in %s" % (n, run.settings.seed, folder))
    t0 = time.perf_counter()
    subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), "--posts", str(n),
                    "--seed", str(run.settings.seed), "--out", folder], check=True)
    with open(stamp_file, "w") as f:
        f.write(stamp + "\n")
    log("  generated in %.1f s" % (time.perf_counter() - t0))
    return folder


def with_archives(run, n):
    """The n-post corpus with `archives: true` added to its site.yml: the posts folder is linked, not
    copied (feedwright follows a linked posts/ folder)."""
    source = corpus(run, n)
    site = run.path("corpus-%d-archives" % n)
    if os.path.exists(site):
        shutil.rmtree(site)
    os.makedirs(os.path.join(site, "feeds-config"))
    with open(os.path.join(source, "feeds-config", "site.yml"), encoding="utf-8") as f:
        config = f.read()
    with open(os.path.join(site, "feeds-config", "site.yml"), "w", encoding="utf-8") as f:
        f.write(config.rstrip("\n") + "\narchives: true\n")
    os.symlink(os.path.join(source, "posts"), os.path.join(site, "posts"))
    return site


def hugo_site(run, n, corpus_folder):
    """bench/hugo/ copied to a temporary folder, with the corpus's posts linked in as content/posts."""
    site = run.path("hugo-site-%d" % n)
    if os.path.exists(site):
        shutil.rmtree(site)
    shutil.copytree(os.path.join(HERE, "hugo"), site)
    os.makedirs(os.path.join(site, "content"), exist_ok=True)
    os.symlink(os.path.join(corpus_folder, "posts"), os.path.join(site, "content", "posts"))
    return site


def hugo_command(hugo_site_folder, out):
    """Hugo's build of the site hugo_site() made (run in that folder) into out."""
    return ["hugo", "--quiet", "--source", hugo_site_folder, "--destination", out]


def newest_post(posts):
    """The file name of the post with the latest `date:` (the one on top of every feed)."""
    best = None
    date_line = re.compile(rb"^date:\s*(.+?)\s*$", re.M)
    for name in os.listdir(posts):
        if not name.endswith(".md"):
            continue
        with open(os.path.join(posts, name), "rb") as f:
            m = date_line.search(f.read(1024))
        if m and (best is None or (m.group(1), name) > best):
            best = (m.group(1), name)
    return best[1]


class PostEditor:
    """Edits one post the way an author's editor saves it (a new file renamed over the old one) and puts
    the original bytes back on restore()."""

    def __init__(self, posts, name):
        self.posts, self.name = posts, name
        self.path = os.path.join(posts, name)
        with open(self.path, "rb") as f:
            self.original = f.read()

    def edit(self, i):
        """Adds a line (different for each i) to the body, before the end marker."""
        line = "\n\nベンチマーク編集 %d / benchmark edit %d (%s).\n\n---END---\n" % (
            i, i, hashlib.sha1(str(i).encode()).hexdigest()[:8])
        self._replace(self.original.replace(b"\n\n---END---\n", line.encode("utf-8"), 1), ".bench-edit-%d.tmp" % i)

    def restore(self):
        self._replace(self.original, ".bench-restore.tmp")

    def _replace(self, data, temp_name):
        temp = os.path.join(self.posts, temp_name)
        with open(temp, "wb") as f:
            f.write(data)
        os.replace(temp, self.path)
