// Walks RFC 5005 archive pages with feedsmith's parsers alone, the way a Node feed reader would: from each
// subscription document given, the parser's prev-archive link (RSS: atom:link, Atom: link; JSON Feed: next_url)
// to the end, choosing the parser by the Content-Type the server sends. Run by e2e/archives.py, whose own
// crawler must agree page for page:
//
//   node e2e/node/archives.mjs SERVER FEED_BASE URL...
//
// SERVER (http://127.0.0.1:PORT/) is asked for every URL under FEED_BASE (the site's feed_base_url).
// Prints one JSON object: {"crawls": [{"start", "kind", "ids", "links", "pages": [{"url", "ids", "links"}]}],
// "problems": [...]}; exit status 0 when it ran, 2 when it could not run at all.
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';

const [server, feedBase, ...starts] = process.argv.slice(2);
if (!server || !feedBase || starts.length === 0) {
  console.error('usage: archives.mjs SERVER FEED_BASE URL...');
  process.exit(2);
}

const problems = [];
const MOST_PAGES = 1000;

/** The server's address for a published feed URL (non-ASCII characters percent-encoded, as a client sends). */
const local = (url) => server + encodeURI(decodeURI(url.slice(feedBase.length)));

/** rel -> [href] of a list of {rel, href} links. */
function rels(links = []) {
  const byRel = {};
  for (const link of links) {
    (byRel[link.rel ?? 'alternate'] ??= []).push(link.href);
  }
  return byRel;
}

/** feedsmith's view of one document: its kind, entry ids and link relations. */
async function read(url) {
  const response = await fetch(local(url));
  if (response.status !== 200) {
    throw new Error(`${url}: status ${response.status}`);
  }
  const type = (response.headers.get('content-type') ?? '').split(';')[0];
  const text = await response.text();
  if (type === 'application/rss+xml') {
    const feed = parseRssFeed(text);
    const guid = (item) => (typeof item.guid === 'object' ? item.guid?.value : item.guid);
    return { kind: 'rss', ids: (feed.items ?? []).map(guid), links: rels(feed.atom?.links) };
  }
  if (type === 'application/atom+xml') {
    const feed = parseAtomFeed(text);
    return { kind: 'atom', ids: (feed.entries ?? []).map((entry) => entry.id), links: rels(feed.links) };
  }
  if (type === 'application/feed+json') {
    const feed = parseJsonFeed(JSON.parse(text));
    const links = {};
    if (feed.feed_url) links.self = [feed.feed_url];
    if (feed.next_url) links['prev-archive'] = [feed.next_url];
    return { kind: 'json', ids: (feed.items ?? []).map((item) => item.id), links };
  }
  throw new Error(`${url}: Content-Type ${type}`);
}

const crawls = [];
for (const start of starts) {
  try {
    const first = await read(start);
    const crawl = { start, ...first, pages: [] };
    const seen = new Set([start]);
    let previous = first.links['prev-archive']?.[0];
    while (previous) {
      if (seen.has(previous) || crawl.pages.length >= MOST_PAGES) {
        problems.push(`${start}: prev-archive loops back to ${previous}`);
        break;
      }
      seen.add(previous);
      const page = await read(previous);
      crawl.pages.push({ url: previous, ids: page.ids, links: page.links });
      previous = page.links['prev-archive']?.[0];
    }
    crawls.push(crawl);
  } catch (error) {
    problems.push(`${start}: ${error.message}`);
  }
}
console.log(JSON.stringify({ crawls, problems }));
