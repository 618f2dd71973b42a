"""jekyll-switch (issue 15): a Jekyll site that published with jekyll-feed moves to Feedwright behind the same
address, and its subscribers notice nothing.

The address subscribers know is a logging relay on 127.0.0.1 (the site's `url`, with `baseurl: /blog`). Behind
it, first nginx serves what `jekyll build` (Debian's jekyll and ruby-jekyll-feed) wrote in `_site/` at /blog/;
then `feedwright serve --site` on the very same Jekyll folder, mounted at /blog/ as a reverse proxy mounts a
backend (Feedwright serves its feeds from its own root). Two newsboat profiles (its defaults, and
`reset-unread-on-update` for both feeds) and feedparser subscribe to jekyll-feed's /blog/feed.xml and to the
投資分析 category's feed, read everything, and poll the same URLs after the switch.

newsboat's libcurl checks If-Modified-Since itself: a 200 whose Last-Modified is older than the date it sent
(Feedwright's newest entry against the time of the last Jekyll build) is dropped as not modified. So newsboat
first parses Feedwright's feed when it next changes: here an edit of one post's body, then a second edit of it.
At last the switch is replayed with `id_scheme: tag` (a site.yml beside _config.yml) from the subscribers'
state before the switch, polled the same way: the failure the jekyll-feed scheme prevents, counted.
"""

import copy
import shutil
import sqlite3
import subprocess
import urllib.parse

import feedparser

from clients import Relay
from harness import OUT, ROOT, Server, http_request, wait_until
from nginx_copies import Nginx

WORK = OUT / "jekyll-switch"
PREFIX = "/blog"
CATEGORY = "投資分析"
CATEGORIES = (CATEGORY, "Markets", "Engineering")
OLD_PATHS = (f"{PREFIX}/feed.xml", f"{PREFIX}/feed/{urllib.parse.quote(CATEGORY)}.xml")
EDITED = "2025-10-03-hokkaido-datacenter.md"
EDIT_MARK = "e2e-jekyll-switch-edit"
ENV = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"}


def make_jekyll_site(folder, port):
    """The sample posts as a Jekyll site: _posts/ as they are plus one post of edge cases, a _config.yml with
    jekyll-feed, a zone other than UTC, three category feeds (one Japanese) and tag feeds, front matter
    defaults giving posts their permalinks (and so their URLs and jekyll-feed's ids: one for every post, a
    longer path outranking it for October's), and the one layout the posts name (feeds do not use it)."""
    shutil.copytree(ROOT / "posts", folder / "_posts")
    # Where Jekyll's rules are easy to miss: an unquoted time with seconds and no zone (UTC to Ruby's YAML,
    # the next day in the site's zone), a singular category with a space (one category), and one tag spelt
    # two ways (jekyll-feed made a feed of each spelling).
    (folder / "_posts" / "2025-11-20-edge-cases.md").write_text("""---
title: "Edge cases of Jekyll's rules"
date: 2025-11-20 23:30:00
category: Machine Learning
tags: [AI, ai]
excerpt: "A post whose URL and id only Jekyll's own rules give."
---
A short body.
""", encoding="utf-8")
    (folder / "_layouts").mkdir()
    (folder / "_layouts" / "post.html").write_text("<article>{{ content }}</article>\n", encoding="utf-8")
    categories = "".join(f"    - {c}\n" for c in CATEGORIES)
    (folder / "_config.yml").write_text(f"""title: Feedwright e2e blog
description: A Jekyll site that publishes with jekyll-feed
url: http://127.0.0.1:{port}
baseurl: {PREFIX}
timezone: Asia/Tokyo
plugins:
  - jekyll-feed
feed:
  categories:
{categories}  tags: true
defaults:
  - scope:
      path: ""
      type: posts
    values:
      permalink: /articles/:categories/:year/:month/:title:output_ext
  - scope:
      path: _posts/2025-10
    values:
      permalink: /october/:title/
""", encoding="utf-8")


def jekyll_build(folder):
    log = WORK / "jekyll-build.log"
    with open(log, "w", encoding="utf-8") as out:
        p = subprocess.run(["jekyll", "build", "--source", str(folder), "--destination", str(folder / "_site")],
                           env={**ENV, "HOME": str(WORK)}, stdout=out, stderr=subprocess.STDOUT, timeout=120,
                           stdin=subprocess.DEVNULL)
    if p.returncode != 0:
        raise RuntimeError(f"jekyll build exit {p.returncode}: {log.read_text(encoding='utf-8')[-1500:]}")


class Newsboat:
    """One newsboat subscriber with its own HOME, urls file, config and sqlite cache; driven with -x and -I
    (newsboat's own way to mark articles read: the guids to mark, one a line)."""

    def __init__(self, home, urls, reset_unread=False):
        self.home = home
        self.urls = list(urls)
        if not (home / "urls").exists():
            home.mkdir(parents=True)
            (home / "urls").write_text("".join(u + "\n" for u in self.urls), encoding="utf-8")
            conf = "reload-threads 1\ndownload-timeout 20\nmax-items 0\nshow-read-feeds yes\n"
            if reset_unread:
                conf += "reset-unread-on-update " + " ".join(f'"{u}"' for u in self.urls) + "\n"
            (home / "config").write_text(conf, encoding="utf-8")
        self.env = {**ENV, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
                    "XDG_DATA_HOME": str(home / ".local/share")}

    def copy(self, home):
        """Another subscriber in exactly this one's state (cache, read marks, validators)."""
        shutil.copytree(self.home, home)
        return Newsboat(home, self.urls)

    def _run(self, *args):
        p = subprocess.run(["newsboat", "-u", str(self.home / "urls"), "-c", str(self.home / "cache.db"),
                            "-C", str(self.home / "config"), *args], env=self.env, capture_output=True,
                           timeout=120, stdin=subprocess.DEVNULL)
        if p.returncode != 0:
            raise RuntimeError(f"newsboat {' '.join(args)}: exit {p.returncode}: "
                               f"{p.stderr.decode(errors='replace')[-500:]}")
        return p.stdout.decode("utf-8", errors="replace")

    def reload(self):
        self._run("-x", "reload")

    def unread_count(self):
        """newsboat's own count (-x print-unread: 'N unread articles')."""
        out = self._run("-x", "print-unread").split()
        return int(out[0])

    def items(self):
        """{guid: (unread, content)} of the cache."""
        with sqlite3.connect(self.home / "cache.db") as db:
            return {g: (bool(u), c) for g, u, c in db.execute("SELECT guid, unread, content FROM rss_item")}

    def mark_all_read(self):
        """Every item of the cache marked read with -I (what `newsboat -E` exports, imported back)."""
        guids = self.home / "read-guids"
        guids.write_text("".join(g + "\n" for g in self.items()), encoding="utf-8")
        self._run("-I", str(guids))


class FeedparserSubscriber:
    """feedparser polling URLs as a reader does: with the ETag and Last-Modified of its previous fetch."""

    def __init__(self, urls):
        self.validators = {u: {} for u in urls}
        self.last = {}

    def poll(self):
        """{url: parsed} with the validators of the previous poll sent."""
        for url, sent in self.validators.items():
            d = feedparser.parse(url, **sent)
            self.last[url] = d
            kept = {k: d[k] for k in ("etag", "modified") if d.get(k)}
            if kept:
                self.validators[url] = kept
        return self.last

    def ids(self, url):
        return [e.get("id") for e in self.last[url].entries]

    def links(self, url):
        return {e.get("id"): e.get("link") for e in self.last[url].entries}


def follow_problems(log, old_paths, base):
    """What differs, in a relay log of one poll, from: each old path answered 301 with an absolute Location
    under ``base``, then that Location fetched and answered 200 (or 304)."""
    problems = []
    for old in old_paths:
        hits = [r for r in log if r["path"] == old]
        if not hits or hits[0]["status"] != 301:
            problems.append(f"{old}: {[r['status'] for r in hits] or 'not asked'}, expected 301")
            continue
        location = hits[0]["location"] or ""
        if not location.startswith(base):
            problems.append(f"{old}: Location {location!r} is not under {base}")
            continue
        target = urllib.parse.urlsplit(location).path
        followed = [r for r in log if r["path"] == target]
        if not followed or followed[0]["status"] not in (200, 304):
            problems.append(f"{old} -> {target}: {[r['status'] for r in followed] or 'not followed'}")
    return problems


def redirect_problems(relay, old_files, base):
    """Each address jekyll-feed published, asked with GET and HEAD: 301, absolute Location under the base,
    not forbidden to cache, the same for HEAD; the Location answers 200 with an Atom feed."""
    problems, targets = [], {}
    for path in old_files:
        got = {m: http_request(relay.port, path, method=m) for m in ("GET", "HEAD")}
        r = got["GET"]
        location = r.headers.get("location", "")
        if r.status != 301 or not location.startswith(base):
            problems.append(f"{path}: {r.status} Location {location!r}")
            continue
        if (got["HEAD"].status, got["HEAD"].headers.get("location")) != (301, location):
            problems.append(f"{path}: HEAD {got['HEAD'].status} {got['HEAD'].headers.get('location')!r}")
        cache = r.headers.get("cache-control", "")
        if any(word in cache for word in ("no-store", "no-cache", "private")):
            problems.append(f"{path}: Cache-Control {cache!r} forbids caching the redirect")
        target = http_request(relay.port, urllib.parse.urlsplit(location).path)
        if target.status != 200 or not target.headers.get("content-type", "").startswith("application/atom+xml"):
            problems.append(f"{path} -> {location}: {target.status} {target.headers.get('content-type')}")
        targets[path] = location
    return problems, targets


def new_items(before, after):
    return sorted(set(after) - set(before))


def poll(newsboat, relay):
    """One newsboat reload; the relay's log of it."""
    start = len(relay.log)
    newsboat.reload()
    return relay.log[start:]


def edit_body(server, post, line):
    """Appends a paragraph to a post's body; whether the server published the change within 15 s."""
    etag = server.get("/atom.xml").headers.get("etag")
    post.write_text(post.read_text(encoding="utf-8") + f"\n\nAdded after the switch ({line}).\n", encoding="utf-8")
    return bool(wait_until(lambda: server.get("/atom.xml").headers.get("etag") != etag, 15))


def check_jekyll_switch(R, _root):
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    site = WORK / "site"
    relay = Relay(0)
    base = f"http://127.0.0.1:{relay.port}{PREFIX}/"
    old_urls = [f"http://127.0.0.1:{relay.port}{p}" for p in OLD_PATHS]
    nginx = server = None
    try:
        # 1. Jekyll: build and serve _site/ at /blog/.
        site.mkdir()
        make_jekyll_site(site, relay.port)
        pristine = WORK / "site-tag"
        shutil.copytree(site, pristine)
        jekyll_build(site)
        www = WORK / "www"
        www.mkdir()
        (www / PREFIX.strip("/")).symlink_to(site / "_site", target_is_directory=True)
        # what jekyll-feed wrote: /feed.xml and everything under /feed/ (categories, tags)
        built = [site / "_site" / "feed.xml", *sorted((site / "_site" / "feed").rglob("*.xml"))]
        old_files = [urllib.parse.quote(f"{PREFIX}/{p.relative_to(site / '_site').as_posix()}") for p in built]
        # A plain static host: the XML as application/xml (its declaration names the encoding; text/xml
        # without a charset would make feedparser assume US-ASCII), nginx's ETag and Last-Modified.
        static = WORK / "static.conf"
        static.write_text("etag on;\nindex index.html;\ntypes { application/xml xml; text/html html; "
                          "text/plain txt; }\n", encoding="utf-8")
        nginx = Nginx("nginx", www, group="jekyll-switch", includes=[static], probe=OLD_PATHS[0])
        relay.upstream_port = nginx.port

        # 2. Subscribers read everything jekyll-feed published.
        readers = Newsboat(WORK / "newsboat-defaults", old_urls)
        flaggers = Newsboat(WORK / "newsboat-reset-unread", old_urls, reset_unread=True)
        fp = FeedparserSubscriber(old_urls)
        # newsboat stores a feed's validators from its second fetch on: after two reloads they are long-time
        # subscribers, whose requests are conditional (checked on the third).
        for nb in (readers, flaggers, readers, flaggers):
            nb.reload()
        start = len(relay.log)
        for nb in (readers, flaggers):
            nb.reload()
        conditional = [(r["status"], bool(r["inm"]), bool(r["ims"])) for r in relay.log[start:]]
        fp.poll()
        jekyll_ids = {u: fp.ids(u) for u in old_urls}
        jekyll_links = {u: fp.links(u) for u in old_urls}
        every_id = set().union(*map(set, jekyll_ids.values()))
        jekyll_content = {nb: nb.items() for nb in (readers, flaggers)}
        for nb in (readers, flaggers):
            nb.mark_all_read()
        unread = [nb.unread_count() for nb in (readers, flaggers)]
        well_formed = all(fp.last[u].get("status") == 200 and not fp.last[u].bozo for u in old_urls)
        R.add("jekyll-switch: subscribers read all that jekyll-feed published",
              well_formed and all(len(ids) for ids in jekyll_ids.values()) and set(readers.items()) == every_id
              and conditional == [(304, True, True)] * 4
              and set(flaggers.items()) == every_id and unread == [0, 0],
              f"{len(old_files)} feeds from jekyll build; /feed.xml {len(jekyll_ids[old_urls[0]])} entries, "
              f"/feed/{CATEGORY}.xml {len(jekyll_ids[old_urls[1]])}; newsboat {len(every_id)} items, "
              f"unread after marking all read {unread}; newsboat's 3rd reload (status, If-None-Match, "
              f"If-Modified-Since) {conditional}",
              f"feedparser {[(u, fp.last[u].get('status'), fp.last[u].bozo) for u in old_urls]}; "
              f"newsboat {sorted(readers.items())} vs feedparser {sorted(every_id)}")
        before_tag = readers.copy(WORK / "newsboat-before-switch")
        fp_before = copy.deepcopy(fp.validators)

        # 3. The switch: Feedwright on the same folder, behind the same address.
        nginx.stop()
        nginx = None
        server = Server(site, name="jekyll-switch")
        relay.upstream_port, relay.strip_prefix = server.port, PREFIX
        problems, targets = redirect_problems(relay, old_files, base)
        R.add("jekyll-switch: every address jekyll-feed published answers 301 to an Atom feed", not problems,
              f"{len(old_files) - len(problems)} of {len(old_files)} (GET and HEAD); "
              f"/feed.xml -> {targets.get(OLD_PATHS[0], '?')}", "\n".join(problems))

        # 4. The same subscribers poll the same URLs.
        before = {nb: nb.items() for nb in (readers, flaggers)}
        logs = {nb: poll(nb, relay) for nb in (readers, flaggers)}
        followed = [p for nb in logs for p in follow_problems(logs[nb], OLD_PATHS, base)]
        fresh = [g for nb in logs for g in new_items(every_id, nb.items())]
        parsed = readers.items() != before[readers]
        ims = next((r["ims"] for r in logs[readers] if r["ims"]), None)
        last_modified = server.get("/atom.xml", method="HEAD").headers.get("last-modified")
        R.add("jekyll-switch: newsboat follows the 301s: no new item, nothing unread",
              not followed and not fresh and readers.unread_count() == 0,
              f"statuses {' '.join(str(r['status']) for r in logs[readers])}; {len(fresh)} new items, "
              f"{readers.unread_count()} unread of {len(readers.items())}; "
              + ("the 200 parsed" if parsed else
                 f"libcurl dropped the 200's body (its Last-Modified {last_modified} is older than the "
                 f"If-Modified-Since sent, {ims}): newsboat keeps Jekyll's copy until the feed changes"),
              "\n".join(followed) + f"\nnew: {fresh}\nlog: {logs}")

        fp.poll()
        fp_problems = []
        for url, old in zip(old_urls, OLD_PATHS):
            d = fp.last[url]
            if d.get("status") != 301 or d.get("href") != targets.get(old):
                fp_problems.append(f"{url}: status {d.get('status')}, href {d.get('href')}")
            if set(fp.ids(url)) != set(jekyll_ids[url]) or d.bozo:
                fp_problems.append(f"{url}: bozo {d.bozo}; only Feedwright: "
                                   f"{sorted(set(fp.ids(url)) - set(jekyll_ids[url]))}; only jekyll-feed: "
                                   f"{sorted(set(jekyll_ids[url]) - set(fp.ids(url)))}")
        R.add("jekyll-switch: feedparser follows the 301s to the same entry ids as jekyll-feed", not fp_problems,
              "; ".join(f"{urllib.parse.unquote(p)} {len(set(fp.ids(u)) & set(jekyll_ids[u]))}/"
                        f"{len(jekyll_ids[u])} ids equal (status {fp.last[u].get('status')})"
                        for u, p in zip(old_urls, OLD_PATHS)), "\n".join(fp_problems))

        # links as a set: they must match whatever the ids do
        link_problems = [f"{urllib.parse.unquote(u)}: only jekyll-feed {sorted(want - got)}, only Feedwright "
                         f"{sorted(got - want)}" for u in old_urls
                         for want, got in [(set(jekyll_links[u].values()), set(fp.links(u).values()))] if want != got]
        same = sum(len(set(jekyll_links[u].values()) & set(fp.links(u).values())) for u in old_urls)
        R.add("jekyll-switch: every entry links to the page Jekyll published", not link_problems,
              f"{same} of {sum(len(v) for v in jekyll_links.values())} links equal", "\n".join(link_problems))

        # The first change after the switch (an edit of one post's body) makes newsboat parse Feedwright's
        # feed whatever the dates: only now do its ids meet the ones newsboat keeps.
        edited_id = next((i for i in jekyll_links[old_urls[0]] if i.endswith("/hokkaido-datacenter")), None)
        post = site / "_posts" / EDITED
        changed = edit_body(server, post, f"{EDIT_MARK} 1")
        logs = {nb: poll(nb, relay) for nb in (readers, flaggers)}
        got = readers.items()
        jekyll = jekyll_content[readers]
        replaced = [g for g in got if g in jekyll and got[g][1] != jekyll[g][1]]
        arrived = f"{EDIT_MARK} 1" in got.get(edited_id, (None, ""))[1]
        R.add("jekyll-switch: once newsboat parses Feedwright's feed (after an edit): zero new unread items",
              changed and arrived and not new_items(every_id, got) and readers.unread_count() == 0
              and all(r["status"] in (200, 301) for r in logs[readers]),
              f"after an edit: statuses {' '.join(str(r['status']) for r in logs[readers])}; "
              f"{len(new_items(every_id, got))} new items, {readers.unread_count()} unread of {len(got)}; "
              f"content of {len(replaced)} of {len(got)} items replaced by Feedwright's, the edit "
              f"{'stored' if arrived else 'NOT stored'}",
              f"new {new_items(every_id, got)}; log {logs[readers]}")
        got = flaggers.items()
        flagged = sorted(g for g, (unread_now, _) in got.items() if unread_now)
        jekyll = jekyll_content[flaggers]
        rewritten = sorted(g for g in got if g in jekyll and got[g][1] != jekyll[g][1])
        R.add("jekyll-switch: newsboat with reset-unread-on-update: no new item; it flags each item whose HTML "
              "is not Jekyll's", not new_items(every_id, got) and flagged == rewritten and edited_id in flagged,
              f"{len(new_items(every_id, got))} new items; {len(flagged)} of {len(got)} flagged unread as "
              f"updated (Feedwright's HTML of the body is not Kramdown's)",
              f"flagged {flagged}\nrewritten {rewritten}")

        # A second edit of the same body, now that both caches hold Feedwright's feed.
        for nb in (readers, flaggers):
            nb.mark_all_read()
        changed = edit_body(server, post, f"{EDIT_MARK} 2")
        logs = {nb: poll(nb, relay) for nb in (readers, flaggers)}
        arrived = f"{EDIT_MARK} 2" in readers.items().get(edited_id, (None, ""))[1]
        flagged = sorted(g for g, (u, _) in flaggers.items().items() if u)
        R.add("jekyll-switch: an edited body: newsboat's defaults flag nothing, reset-unread-on-update that post "
              "only", changed and arrived and readers.unread_count() == 0 and flagged == [edited_id],
              f"defaults: edit {'stored' if arrived else 'NOT stored'}, {readers.unread_count()} unread; "
              f"reset-unread-on-update: {len(flagged)} unread "
              f"({', '.join(urllib.parse.unquote(g.rsplit('/', 1)[-1]) for g in flagged)})",
              f"flagged {flagged}, expected [{edited_id}]; log {logs}")
        server.stop()
        server = None

        # 5. The control: the same switch with the tag: scheme, from the subscribers' state before the switch,
        # polled as above (once after the switch, once after an edit).
        (pristine / "feeds-config").mkdir()
        (pristine / "feeds-config" / "site.yml").write_text("id_scheme: tag\n", encoding="utf-8")
        server = Server(pristine, name="jekyll-switch-tag")
        relay.upstream_port = server.port
        log = poll(before_tag, relay)
        changed = edit_body(server, pristine / "_posts" / EDITED, f"{EDIT_MARK} 1")
        log += poll(before_tag, relay)
        followed = follow_problems(log, OLD_PATHS, base)
        fresh = new_items(every_id, before_tag.items())
        fp.validators = fp_before
        fp.poll()
        kept = {u: set(fp.ids(u)) & set(jekyll_ids[u]) for u in old_urls}
        R.add("jekyll-switch: control: with id_scheme: tag every item comes again as new",
              changed and not followed and len(fresh) == len(every_id)
              and before_tag.unread_count() == len(every_id) and not any(kept.values())
              and all(fp.ids(u) for u in old_urls),
              f"newsboat: {len(fresh)} new unread items of the {len(every_id)} read before the switch; "
              "feedparser: " + "; ".join(f"{len(fp.ids(u)) - len(kept[u])} of {len(fp.ids(u))} ids new in "
                                         f"{urllib.parse.unquote(p)}" for u, p in zip(old_urls, OLD_PATHS)),
              "\n".join(followed) + f"\nnew {fresh}\nkept {kept}")
    finally:
        relay.close()
        for proc in (server, nginx):
            if proc is not None:
                proc.stop()
