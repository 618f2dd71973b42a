"""What a build wrote: counts of feeds and files, bytes, and the list of feed paths the load tests cycle."""

import os
import urllib.parse


def files_under(out):
    """Every file's path relative to out, with / separators."""
    found = []
    for root, _, names in os.walk(out):
        for name in names:
            found.append(os.path.relpath(os.path.join(root, name), out).replace(os.sep, "/"))
    return found


def size_of(out):
    """{files, bytes (the files' lengths), disk_bytes (blocks allocated, as du counts them)}."""
    files = length = disk = 0
    for root, _, names in os.walk(out):
        for name in names:
            st = os.lstat(os.path.join(root, name))
            files += 1
            length += st.st_size
            disk += st.st_blocks * 512
    return {"files": files, "bytes": length, "disk_bytes": disk}


def _items(path):
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read().count("<item>")


def describe_hugo(out):
    files = files_under(out)
    feeds = [f for f in files if f.endswith("index.xml")]
    return {"files": len(files), "rss_feeds": len(feeds),
            "category_feeds": len([f for f in feeds if f.startswith("categories/") and f.count("/") == 2]),
            "tag_feeds": len([f for f in feeds if f.startswith("tags/") and f.count("/") == 2]),
            "home_items": _items(os.path.join(out, "index.xml"))}


def describe_feedwright(out):
    files = files_under(out)
    feeds = [f for f in files if f.endswith("rss.xml") or f.endswith("atom.xml")]
    return {"files": len(files), "feeds": len(feeds),
            "category_feeds": len([f for f in feeds if f.startswith("categories/")]),
            "tag_feeds": len([f for f in feeds if f.startswith("tags/")]),
            "home_items": _items(os.path.join(out, "rss.xml")), "gz": len([f for f in files if f.endswith(".gz")])}


def feed_paths(out):
    """URL paths (percent-encoded) of every rss.xml and atom.xml a build wrote, sorted."""
    return sorted("/" + urllib.parse.quote(f, safe="/") for f in files_under(out)
                  if f.rsplit("/", 1)[-1] in ("rss.xml", "atom.xml"))


def write_paths(run, paths, name):
    """The paths, one a line, in a file for wrk/mixed.lua."""
    p = run.path(name)
    with open(p, "w", encoding="ascii") as f:
        f.write("\n".join(paths) + "\n")
    return p
