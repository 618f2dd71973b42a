"""A reader of RFC 5005 archived feeds that knows nothing of how Feedwright names its pages: it starts at a
subscription document and follows only link relations (RSS and Atom: ``atom:link rel="prev-archive"``; JSON
Feed: ``next_url``) to the oldest page, checking each page's own links on the way. Used by e2e/archives.py,
directly against ``serve`` and through nginx.

A ``fetch(url) -> Response`` given by the caller decides where a feed URL is asked for (the published
``feed_base_url`` mapped onto a server on 127.0.0.1), so the same crawl runs against any server.
"""

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

ATOM = "http://www.w3.org/2005/Atom"
HISTORY = "http://purl.org/syndication/history/1.0"
MOST_PAGES = 1000       # a loop or a runaway chain stops here, as a problem


@dataclass
class Document:
    """What the crawler reads of one feed document, whatever its format."""
    url: str
    kind: str                                   # "rss", "atom" or "json"
    ids: list                                   # entry ids in document order
    links: dict = field(default_factory=dict)   # rel -> [href]; JSON: self = feed_url, prev-archive = next_url
    archive: bool = False                       # fh:archive
    complete: bool = False                      # fh:complete
    status: int = 200
    headers: dict = field(default_factory=dict)
    body: bytes = b""

    def link(self, rel):
        """The one href of ``rel``, or None; several are reported by ``crawl`` as a problem."""
        hrefs = self.links.get(rel, [])
        return hrefs[0] if hrefs else None


@dataclass
class Crawl:
    """One feed read to its end: the subscription document, then its archive pages newest first."""
    start: Document
    pages: list
    problems: list

    def archived(self):
        """Every entry id of the pages, in the order reached (newest page first, each page newest first)."""
        return [i for page in self.pages for i in page.ids]

    def settled(self):
        """The pages that have a newer page after them: every page but the first one reached."""
        return self.pages[1:]


def parse(url, response):
    """A ``Document`` of an HTTP answer; the format is told by the bytes, not by the URL."""
    body = response.body
    doc = Document(url, "json", [], status=response.status, headers=response.headers, body=body)
    if response.status != 200:
        return doc
    if body.lstrip()[:1] == b"{":
        data = json.loads(body.decode("utf-8"))
        doc.ids = [item.get("id") for item in data.get("items", [])]
        doc.links = {rel: [data[key]] for rel, key in (("self", "feed_url"), ("prev-archive", "next_url"))
                     if data.get(key)}
        return doc
    root = ET.fromstring(body)
    if root.tag == f"{{{ATOM}}}feed":
        container, doc.kind = root, "atom"
        doc.ids = [(e.findtext(f"{{{ATOM}}}id") or "").strip() for e in root.findall(f"{{{ATOM}}}entry")]
    else:
        container, doc.kind = root.find("channel"), "rss"
        doc.ids = [(i.findtext("guid") or "").strip() for i in container.findall("item")]
    for link in container.findall(f"{{{ATOM}}}link"):
        doc.links.setdefault(link.get("rel", "alternate"), []).append(link.get("href"))
    doc.archive = container.find(f"{{{HISTORY}}}archive") is not None
    doc.complete = container.find(f"{{{HISTORY}}}complete") is not None
    return doc


def crawl(fetch, url):
    """Reads the subscription document at ``url`` and every page its ``prev-archive`` chain leads to."""
    problems = []
    start = parse(url, fetch(url))
    if start.status != 200:
        return Crawl(start, [], [f"{url}: status {start.status}"])
    problems += _single_links(start)
    if start.link("self") != url:
        problems.append(f"{url}: self is {start.link('self')}")
    if start.archive:
        problems.append(f"{url}: a subscription document marked fh:archive")
    if start.complete and start.link("prev-archive"):
        problems.append(f"{url}: marked fh:complete yet has prev-archive")
    pages, seen, newer = [], {url}, None
    previous = start.link("prev-archive")
    while previous:
        if previous in seen or len(pages) >= MOST_PAGES:
            problems.append(f"{url}: prev-archive leads back to {previous} (a loop) or past {MOST_PAGES} pages")
            break
        seen.add(previous)
        page = parse(previous, fetch(previous))
        if page.status != 200:
            problems.append(f"{previous} (from {url}): status {page.status}")
            break
        problems += _page_problems(page, url, newer)
        pages.append(page)
        newer, previous = previous, page.link("prev-archive")
    return Crawl(start, pages, problems)


def _single_links(doc):
    return [f"{doc.url}: {len(hrefs)} links rel={rel}" for rel, hrefs in doc.links.items()
            if rel in ("self", "current", "prev-archive", "next-archive") and len(hrefs) > 1]


def _page_problems(page, current, newer):
    """RFC 5005 §4 on one archive page: self is the page, and (RSS, Atom) fh:archive, current is the
    subscription document, next-archive the page the crawler came from (none on the newest page)."""
    problems = _single_links(page)
    if page.link("self") != page.url:
        problems.append(f"{page.url}: self is {page.link('self')}")
    if page.kind == "json":
        return problems     # JSON Feed has next_url alone: no mark, no current, no newer page
    if not page.archive:
        problems.append(f"{page.url}: not marked fh:archive")
    if page.complete:
        problems.append(f"{page.url}: an archive page marked fh:complete")
    if page.link("current") != current:
        problems.append(f"{page.url}: current is {page.link('current')}, expected {current}")
    if page.link("next-archive") != newer:
        problems.append(f"{page.url}: next-archive is {page.link('next-archive')}, expected {newer}")
    return problems
