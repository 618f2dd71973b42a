// Reads every JSON Feed the running server lists, and the Atom feed beside it, with two Node feed readers
// (feedsmith and @extractus/feed-extractor), and reports where they disagree: ids, titles, links, dates (as
// instants) and entry order. Run by e2e/json_feed.py:
//
//   node e2e/node/compare.mjs http://127.0.0.1:PORT /  /tags/ai/  /categories/...  (folders, percent-encoded)
//
// Prints one JSON object: {"feeds": n, "entries": {"feedsmith": n, "feed-extractor": n}, "problems": [...]}.
// Exit status 0 when it ran (the caller judges the problems), 2 when it could not run at all.
import { parseAtomFeed, parseJsonFeed } from 'feedsmith';
import { extract } from '@extractus/feed-extractor';

const [base, ...folders] = process.argv.slice(2);
if (!base || folders.length === 0) {
  console.error('usage: compare.mjs BASE_URL FOLDER...');
  process.exit(2);
}

const problems = [];
const entries = { feedsmith: 0, 'feed-extractor': 0 };

/** Milliseconds since the epoch of an RFC 3339 date, or NaN: dates are compared as instants. */
const instant = (text) => (typeof text === 'string' && text ? Date.parse(text) : NaN);
/** feedsmith gives Atom text constructs as {value, type}. */
const text = (value) => (value && typeof value === 'object' ? value.value : value);

async function body(url, wantType) {
  const response = await fetch(url);
  if (response.status !== 200) {
    throw new Error(`${url}: status ${response.status}`);
  }
  const type = response.headers.get('content-type');
  if (type !== wantType) {
    problems.push(`${url}: Content-Type ${type}, expected ${wantType}`);
  }
  return response.text();
}

/** Compares two lists of {id, title, link, published, modified} entry by entry, in order. */
function agree(client, where, fromJson, fromAtom) {
  if (fromJson.length !== fromAtom.length) {
    problems.push(`${client} ${where}: ${fromJson.length} JSON items, ${fromAtom.length} Atom entries`);
  }
  if (fromJson.length === 0 && fromAtom.length === 0) {
    problems.push(`${client} ${where}: no entries at all`);
  }
  const n = Math.min(fromJson.length, fromAtom.length);
  for (let i = 0; i < n; i++) {
    const j = fromJson[i];
    const a = fromAtom[i];
    for (const key of ['id', 'title', 'link']) {
      if (!j[key] || j[key] !== a[key]) {
        problems.push(`${client} ${where} #${i} ${key}: JSON ${JSON.stringify(j[key])}, Atom ${JSON.stringify(a[key])}`);
      }
    }
    for (const key of ['published', 'modified']) {
      const [tj, ta] = [instant(j[key]), instant(a[key])];
      if (Number.isNaN(tj) || tj !== ta) {
        problems.push(`${client} ${where} #${i} ${key}: JSON ${j[key]}, Atom ${a[key]}`);
      }
    }
    entries[client]++;
  }
}

async function withFeedsmith(folder) {
  const json = parseJsonFeed(JSON.parse(await body(base + folder + 'feed.json', 'application/feed+json; charset=utf-8')));
  const atom = parseAtomFeed(await body(base + folder + 'atom.xml', 'application/atom+xml; charset=utf-8'));
  if (json.title !== text(atom.title)) {
    problems.push(`feedsmith ${folder}: title ${JSON.stringify(json.title)}, Atom ${JSON.stringify(text(atom.title))}`);
  }
  const alternate = (links = []) => links.find((link) => (link.rel ?? 'alternate') === 'alternate')?.href;
  agree('feedsmith', folder,
    (json.items ?? []).map((item) => ({
      id: item.id, title: item.title, link: item.url, published: item.date_published, modified: item.date_modified,
    })),
    (atom.entries ?? []).map((entry) => ({
      id: entry.id, title: text(entry.title), link: alternate(entry.links), published: entry.published,
      modified: entry.updated,
    })));
}

async function withFeedExtractor(folder) {
  // extract() fetches the URL itself and picks the parser from the Content-Type, as a reader would.
  const raw = (fields) => ({ getExtraEntryFields: fields, descriptionMaxLen: 0 });
  const json = await extract(base + folder + 'feed.json',
    raw((item) => ({ rawPublished: item.date_published, rawModified: item.date_modified })));
  const atom = await extract(base + folder + 'atom.xml',
    raw((entry) => ({ rawPublished: entry.published, rawModified: entry.updated })));
  if (json.title !== atom.title || json.link !== atom.link) {
    problems.push(`feed-extractor ${folder}: feed ${JSON.stringify([json.title, json.link])}, `
      + `Atom ${JSON.stringify([atom.title, atom.link])}`);
  }
  const shape = (entry) => ({
    id: entry.id, title: entry.title, link: entry.link, published: entry.rawPublished, modified: entry.rawModified,
  });
  agree('feed-extractor', folder, (json.entries ?? []).map(shape), (atom.entries ?? []).map(shape));
  // Its own normalised date for a JSON item is date_published, so it must be the Atom entry's published too.
  (json.entries ?? []).forEach((entry, i) => {
    const atomEntry = (atom.entries ?? [])[i];
    if (atomEntry && instant(entry.published) !== instant(atomEntry.rawPublished)) {
      problems.push(`feed-extractor ${folder} #${i}: normalised published ${entry.published}, `
        + `Atom published ${atomEntry.rawPublished}`);
    }
  });
}

for (const folder of folders) {
  for (const [client, read] of [['feedsmith', withFeedsmith], ['feed-extractor', withFeedExtractor]]) {
    try {
      await read(folder);
    } catch (error) {
      problems.push(`${client} ${folder}: ${error.message}`);
    }
  }
}
console.log(JSON.stringify({ feeds: folders.length, entries, problems }));
