"""The scheduled group: serve publishes a post dated a few seconds ahead at its date, nothing touched."""

import email.utils
import time
import urllib.parse
from datetime import datetime, timezone

from harness import Server, copy_sample_site

TITLE = "予定どおりの公開 / Out on time"
TAG = "予定"


def check_scheduled(R, _root):
    site = copy_sample_site("scheduled")
    # Far enough ahead for the JVM to start and build the sample on a busy machine (seen taking 13 s).
    due = int(time.time()) + 20
    date = datetime.fromtimestamp(due, timezone.utc).strftime("%Y-%m-%d %H:%M:%S +0000")
    (site / "posts" / "2030-01-01-on-time.md").write_text(
        f'---\ntitle: "{TITLE}"\ndate: {date}\ncategories: ["Markets"]\ntags: ["{TAG}"]\nexcerpt: e\n---\n'
        "Written ahead of its date.\n", encoding="utf-8")
    tag_feed = "/tags/" + urllib.parse.quote(TAG) + "/rss.xml"
    server = Server(site, name="scheduled")  # watching, as by default; no file is touched from here on
    try:
        started = time.time()
        before = server.get("/rss.xml")
        health = server.get("/healthz").body.decode()
        R.add("scheduled: before its date the post is not served and /healthz says ok",
              started < due and TITLE.encode() not in before.body and server.get(tag_feed).status == 404
              and '"status":"ok"' in health,
              f"started {due - started:.1f} s before the date; {health}", server.output()[-1500:])

        early, seen, response = False, None, None
        while time.time() < due + 5:
            response = server.get("/rss.xml")
            now = time.time()
            if TITLE.encode() in response.body:
                seen = now
                break
            time.sleep(0.05)
        if seen is not None:
            early = seen < due
        R.add("scheduled: served within a second of its date, not before",
              seen is not None and not early and seen - due < 1.0,
              "never served" if seen is None else f"first served {seen - due:+.3f} s after its date",
              server.output()[-1500:])

        expected = email.utils.formatdate(due, usegmt=True)
        tag = server.get(tag_feed)
        atom = server.get("/atom.xml")
        got = [response.headers.get("last-modified") if response else None, tag.headers.get("last-modified"),
               atom.headers.get("last-modified")]
        R.add("scheduled: Last-Modified of the changed feeds is the post's date",
              all(value == expected for value in got) and tag.status == 200,
              f"expected {expected}; /rss.xml, {tag_feed}, /atom.xml: {got}")

        revalidated = server.get("/rss.xml", {"If-None-Match": before.headers.get("etag", "")})
        not_modified = server.get("/rss.xml", {"If-None-Match": response.headers.get("etag", "")}) if response else None
        R.add("scheduled: a reader's old ETag gets the new feed, the new one a 304",
              revalidated.status == 200 and not_modified is not None and not_modified.status == 304,
              f"old ETag: {revalidated.status}; new ETag: {not_modified.status if not_modified else None}")

        health = server.get("/healthz").body.decode()
        logged = "publishing what was scheduled for " + datetime.fromtimestamp(due, timezone.utc) \
            .strftime("%Y-%m-%dT%H:%M:%SZ")
        R.add("scheduled: /healthz ok with the post counted; the log says what was scheduled",
              '"status":"ok"' in health and '"posts":15' in health and logged in server.output(),
              health, server.output()[-1500:])
    finally:
        server.stop()
