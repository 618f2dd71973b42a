"""Hostile posts: 1,000 normal posts plus broken and malicious ones in a temp site. `check` names each
problem, `serve` publishes every good post, and nothing served carries script, event handlers,
javascript: URLs or XML-illegal characters."""

import html.parser
import json
import re
import shutil
import time
import urllib.parse
import xml.etree.ElementTree as ET

from harness import ROOT, Server, feed_folder, feedwright, opml_feed_paths, read_config, temp_dir

LOL = "---\ntitle: lol\ndate: 2025-02-15\nlol0: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" + \
    "".join(f"lol{i}: &{chr(97 + i)} [*{chr(96 + i)},*{chr(96 + i)},*{chr(96 + i)},*{chr(96 + i)},*{chr(96 + i)},"
            f"*{chr(96 + i)},*{chr(96 + i)},*{chr(96 + i)},*{chr(96 + i)}]\n" for i in range(1, 10)) + "---\nboom\n"


def post(title, date, body="Body text.", extra=""):
    return (f'---\ntitle: {json.dumps(title, ensure_ascii=False)}\ndate: {date}\nexcerpt: "x"\n{extra}---\n'
            f"{body}\n").encode("utf-8")


# file name -> (bytes, [(severity, message regex)], published?, marker that must survive in the content)
HOSTILE = {
    "2025-02-01-no-front-matter.md": (b"Just a paragraph, no front matter.\n",
                                      [("error", r"no front matter")], False, None),
    "2025-02-02-empty.md": (b"", [("error", r"no front matter")], False, None),
    "2025-02-03-unclosed.md": (b"---\ntitle: open\ndate: 2025-02-03\nno closing line\n",
                               [("error", r"front matter is never closed")], False, None),
    "2025-02-04-yaml-error.md": (b'---\ntitle: "unterminated\ndate: 2025-02-04\n---\nbody\n',
                                 [("error", r"YAML syntax error")], False, None),
    "2025-02-05-yaml-flow-error.md": (b"---\ntitle: t\ndate: 2025-02-05\ntags: [a, b\n---\nbody\n",
                                      [("error", r"YAML syntax error")], False, None),
    "2025-02-06-bad-date.md": (b"---\ntitle: t\ndate: 2025-13-40\n---\nbody\n",
                               [("error", r"^3:7: .*date: '2025-13-40' is not a date")], False, None),
    "2025-02-07-date-words.md": (b"---\ntitle: t\ndate: next tuesday\n---\nbody\n",
                                 [("error", r"date: 'next tuesday' is not a date")], False, None),
    "2025-02-08-date-list.md": (b"---\ntitle: t\ndate: [2025]\n---\nbody\n",
                                [("error", r"date: expected a date")], False, None),
    "2025-02-09-tags-mapping.md": (b"---\ntitle: t\ndate: 2025-02-09\ntags: {a: 1}\n---\nbody\n",
                                   [("error", r"tags: expected a list, found a mapping")], False, None),
    "2025-02-10-published-maybe.md": (b"---\ntitle: t\ndate: 2025-02-10\npublished: maybe\n---\nbody\n",
                                      [("error", r"published: expected true or false")], False, None),
    "2025-02-11-not-a-mapping.md": (b"---\n- a\n- b\n---\nbody\n", [("error", r"expected a mapping")], False, None),
    "2025-02-12-deep-nesting.md": (b"---\ntitle: t\ndate: 2025-02-12\nx: " + b"[" * 200 + b"]" * 200 + b"\n---\nb\n",
                                   [("error", r"(?i)nesting|depth")], False, None),
    "2025-02-13-yaml-tag.md": (b'---\ntitle: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader '
                               b'[[!!java.net.URL ["http://127.0.0.1:9/"]]]]\ndate: 2025-02-13\n---\nbody\n',
                               [("error", r"YAML tag '!!javax.script.ScriptEngineManager' is not allowed")], False,
                               None),
    "2025-02-14-oversize.md": (post("big", "2025-02-14", "x" * 1_200_000),
                               [("error", r"over the limit of 1,048,576 bytes")], False, None),
    "2025-02-15-billion-laughs.md": (LOL.encode(), [("error", r"(?i)alias")], False, None),
    "no-date-anywhere.md": (b"---\ntitle: t\n---\nbody\n", [("error", r"date: missing")], False, None),
    "2099-01-01-future.md": (post("from the future", "2099-01-01"), [("warning", r"dated in the future")], False,
                             None),
    # published, with warnings, sanitised
    "2025-02-16-invalid-utf8.md": (b'---\ntitle: "bad \xff\xfe bytes"\ndate: 2025-02-16\nexcerpt: "x"\n---\n'
                                   b"utf8-marker \xc3\x28 end\n",
                                   [("warning", r"^2:\d+: .*invalid UTF-8 \(byte 0xFF")], True, "utf8-marker"),
    "2025-02-17-control-chars.md": (b'---\ntitle: "raw bell \x07 esc \x1b"\ndate: 2025-02-17\nexcerpt: "x"\n---\n' +
                                    "ctl-marker \x00\x01\x08\x0b\x0c\x1f\ufffe end\n".encode("utf-8"),
                                    [("warning", r"removed \d+ control character")], True, "ctl-marker"),
    "2025-02-18-script.md": (post("script body", "2025-02-18",
                                  "<script>alert(1)</script>\n\n<p>script-marker</p>\n\n<SCRIPT SRC=//x/x.js></SCRIPT>"
                                  "\n\n<svg><script>alert(2)</script></svg>\n\n<scr<script>ipt>alert(3)</script>"),
                             [], True, "script-marker"),
    "2025-02-19-onerror.md": (post("handlers", "2025-02-19",
                                   '<img src=x onerror="alert(1)">\n\n<a href="/ok" onclick="x()" onmouseover=y>'
                                   'onerror-marker</a>\n\n<div style="background:url(javascript:alert(1))" '
                                   'onload=alert(1)>d</div>\n\n<details open ontoggle=alert(1)>t</details>'),
                              [], True, "onerror-marker"),
    "2025-02-20-javascript-links.md": (post("links", "2025-02-20",
                                            "[js-marker](javascript:alert(1)) "
                                            '<a href="JaVaScRiPt:alert(1)">a</a> <a href="java&#x09;script:alert(1)">b'
                                            '</a> <a href=" javascript:alert(1)">c</a> <iframe src="javascript:alert(1)">'
                                            '</iframe> <a href="data:text/html;base64,PHNjcmlwdD4=">d</a> '
                                            '<form action="javascript:alert(1)"><button>x</button></form> '
                                            "<https://example.com/ok>"),
                                       [], True, "js-marker"),
    "2025-02-21-bidi.md": (post("invoice \u202egpj.exe\u202c \u2066x\u2069", "2025-02-21", "bidi-marker"),
                           [("warning", r"title: removed bidirectional control characters")], True, "bidi-marker"),
    "2025-02-22-xss-title.md": (post('<script>alert(1)</script> title <img src=x onerror=alert(1)> "q" & a',
                                     "2025-02-22", "xss-title-marker"), [], True, "xss-title-marker"),
    "2025-02-23-cdata.md": (post("cdata ]]> <![CDATA[ x", "2025-02-23", "cdata-marker ]]> <![CDATA[ y ]]>"),
                            [], True, "cdata-marker"),
    "2025-02-24-hostile-terms.md": (post("terms", "2025-02-24", "terms-marker",
                                         'tags: ["<script>alert(1)</script>", "javascript:alert(1)", '
                                         '"\\"onmouseover=alert(1) x=\\"", "../../etc"]\n'
                                         'categories: ["<img src=x onerror=alert(1)>"]\n'),
                                    [], True, "terms-marker"),
    "2025-02-25-excerpt-html.md": (b'---\ntitle: excerpt\ndate: 2025-02-25\nexcerpt: "<script>alert(1)</script>'
                                   b'<img src=x onerror=alert(1)> excerpt-marker"\n---\nexcerpt body\n',
                                   [], True, "excerpt body"),
    "2025-02-26-javascript-permalink.md": (post("permalink", "2025-02-26", "permalink-marker",
                                                'permalink: "javascript:alert(document.domain)"\n'
                                                'image: "javascript:alert(2)"\n'),
                                           [], True, "permalink-marker"),
}

OWN_SCRIPT = re.compile(r"<script>\n[^<]*</script>\n(?=</body>\n</html>\n$)")
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
ACTIVE = re.compile(r"(?i)<\s*script|javascript\s*:")
ON_ATTR = re.compile(r"(?i)(^|[\s\"'/<])on[a-z]+\s*=")


class _HtmlAudit(html.parser.HTMLParser):
    BAD_TAGS = {"script", "iframe", "object", "embed", "form", "base", "meta", "link", "style", "frame", "applet"}
    PAGE_TAGS = {"meta", "link", "style"}      # the index page's own head

    def __init__(self, page):
        super().__init__()
        self.page = page
        self.bad = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BAD_TAGS and not (self.page and tag in self.PAGE_TAGS):
            self.bad.append(f"<{tag}> element")
        for k, v in attrs:
            if k.startswith("on"):
                self.bad.append(f"{k}= attribute on <{tag}>")
            if k in ("href", "src", "action", "formaction", "xlink:href", "srcset") and v and \
                    re.match(r"(?i)(javascript|vbscript|data):", re.sub(r"[\x00-\x20]", "", v)):
                self.bad.append(f"<{tag} {k}={v!r}>")


def audit_html(fragment, page=False):
    a = _HtmlAudit(page)
    a.feed(fragment)
    a.close()
    if re.search(r"(?i)<\s*script", fragment) and not any("script" in b for b in a.bad):
        a.bad.append("'<script' in the markup")
    return a.bad


ATOM = "{http://www.w3.org/2005/Atom}"


def is_html_field(el):
    """RSS description and content:encoded carry HTML; an Atom text construct only with type html/xhtml."""
    if el.tag.startswith(ATOM):
        return el.get("type") in ("html", "xhtml")
    return el.tag.split("}")[-1] in ("description", "encoded")
URL_ATTRS = ("href", "url", "xmlUrl", "htmlUrl", "src")


def audit_xml(data):
    """Problems in one served XML document, by kind: XML, HTML fields, plain-text fields, URLs."""
    found = {"xml": [], "html": [], "text": [], "url": []}
    root = ET.fromstring(data)
    for el in root.iter():
        tag = el.tag.split("}")[-1]
        values = [(tag, el.text or "", False)] + [(f"{tag}@{k}", v, True) for k, v in el.attrib.items()]
        for where, value, is_attr in values:
            if ILLEGAL.search(value):
                found["xml"].append(f"{where}: XML-illegal character")
            if not is_attr and is_html_field(el):
                found["html"] += [f"{where}: {b}" for b in audit_html(value)]
            elif "<" in value:
                found["text"] += [f"{where}: {b} (in {value[:70]!r})" for b in audit_html(value)]
            if (is_attr and where.split("@")[1] in URL_ATTRS) or (not is_attr and tag in ("link", "url", "docs")):
                if value.strip() and not re.match(r"https?://", value.strip()):
                    found["url"].append(f"{where}: {value[:80]!r}")
    return found


def normal_post(i):
    cats = ["Markets", "Energy", "半導体", "Engineering", "雑記"]
    tags = ["AI", "電力", "投資", "GPU", "クラウド", "grid", "latency", "為替", "冷却", "LLM", "決算", "rust"]
    day = 1 + i % 28
    month = 1 + (i // 28) % 12
    return post(f"Normal post {i} — 通常の記事 {i}", f"2024-{month:02d}-{day:02d} {i % 24:02d}:{i % 60:02d}:00 +0900",
                f"Paragraph **{i}** with a [link](/relative/{i}/) and ![img](img/{i}.png).\n\n"
                + "本文の段落です。" * 5,
                f'categories: ["{cats[i % 5]}"]\ntags: ["{tags[i % 12]}", "{tags[(i * 7) % 12]}"]\n')


def check_yaml_escaped_control_chars(R):
    """A YAML escape (\\a, \\e, \\u0007) in a double-quoted title makes an XML-illegal character only after
    parsing; the README promises it is removed (with a warning) like a raw one. Kept in its own small site
    so that, if it breaks the whole run, the corpus checks below still say something."""
    site = temp_dir("yaml-escapes")
    shutil.copytree(ROOT / "feeds-config", site / "feeds-config")
    shutil.copytree(ROOT / "posts", site / "posts")
    (site / "posts" / "2025-02-27-yaml-escapes.md").write_bytes(
        b'---\ntitle: "bell \\a escape \\e nul \\0 u \\u0007"\ndate: 2025-02-27\nexcerpt: "e \\x01"\n---\nbody\n')
    p = feedwright("check", "--site", site)
    ok = p.returncode == 0 and "2025-02-27-yaml-escapes.md" in p.stdout and "Exception" not in p.stderr
    R.add("hostile posts: YAML escapes that decode to control characters (title: \"bell \\a\")", ok,
          f"check exit {p.returncode}; " + (p.stderr.strip().splitlines() or ["no stderr"])[0][:150],
          p.stdout[-600:] + p.stderr[:1200])


def check_hostile_posts(R, _root):
    check_yaml_escaped_control_chars(R)
    site = temp_dir("hostile-posts")
    shutil.copytree(ROOT / "feeds-config", site / "feeds-config")
    cfg_file = site / "feeds-config" / "site.yml"
    cfg_file.write_text(re.sub(r"(?m)^limit: .*$", "limit: 2000", cfg_file.read_text(encoding="utf-8")),
                        encoding="utf-8")
    posts = site / "posts"
    posts.mkdir()
    for i in range(1000):
        (posts / f"2024-normal-{i:04d}.md").write_bytes(normal_post(i))
    for name, (data, _, _, _) in HOSTILE.items():
        (posts / name).write_bytes(data)

    t0 = time.monotonic()
    p = feedwright("check", "--site", site, "--format", "json", timeout=180)
    check_secs = time.monotonic() - t0
    report = json.loads(p.stdout)
    by_file = {}
    for prob in report["problems"]:
        by_file.setdefault(prob["file"].removeprefix("posts/"), []).append(prob)
    missing = []
    for name, (_, expected, _, _) in HOSTILE.items():
        got = [(q["severity"], f'{q["line"]}:{q["column"]}: {q["message"]}') for q in by_file.get(name, [])]
        for severity, pattern in expected:
            if not any(sev == severity and re.search(pattern, text) for sev, text in got):
                missing.append(f"{name}: no {severity} matching /{pattern}/; got {got}")
        if not any(s == "error" for s, _ in expected) and any(sev == "error" for sev, _ in got):
            missing.append(f"{name}: unexpected error {got}")
    normal_errors = [q for q in report["problems"] if "normal" in q["file"] and q["severity"] == "error"]
    n_expected_errors = sum(1 for _, e, _, _ in HOSTILE.values() if any(s == "error" for s, _ in e))
    R.add("hostile posts: check names every broken post with the right message", not missing and not normal_errors
          and p.returncode == 1, f"{report['files']} files, {report['errors']} errors "
          f"({n_expected_errors} broken posts), {report['warnings']} warnings, exit {p.returncode}, {check_secs:.1f} s",
          "\n".join(missing + [str(q) for q in normal_errors[:5]]))

    good = 1000 + sum(1 for _, _, published, _ in HOSTILE.values() if published)
    t0 = time.monotonic()
    server = Server(site, name="hostile-posts")
    start_secs = time.monotonic() - t0
    try:
        health = json.loads(server.get("/healthz").body)
        atom = server.get("/atom.xml").body
        entries = ET.fromstring(atom).findall("{http://www.w3.org/2005/Atom}entry")
        text = atom.decode("utf-8")
        lost_markers = [name for name, (_, _, published, marker) in HOSTILE.items() if published and marker not in text]
        R.add("hostile posts: serve publishes every good post", health["posts"] == good and len(entries) == good
              and not lost_markers, f"{health['posts']} published of {good} good, {len(entries)} in /atom.xml, "
              f"started in {start_secs:.1f} s", f"markers missing: {lost_markers}")

        feeds = opml_feed_paths(server, read_config(site))
        found = {"xml": [], "html": [], "text": [], "url": []}
        docs = 0
        for path in [p for pair in feeds for p in pair] + ["/feeds.opml"]:
            docs += 1
            data = server.get(path).body
            try:
                for kind, items in audit_xml(data).items():
                    found[kind] += [f"{urllib.parse.unquote(path)}: {b}" for b in items]
            except ET.ParseError as e:
                found["xml"].append(f"{path}: not well-formed: {e}")
        index = server.get("/").body.decode("utf-8")
        found["html"] += [f"/ (index page): {b}" for b in audit_html(index, page=True)]
        if ILLEGAL.search(index):
            found["xml"].append("/: illegal character")
        docs += 1
        own_scripts = set()
        for rss, _atom in feeds:
            path = feed_folder(rss) + "feed.html"
            page = server.get(path).body.decode("utf-8")
            where = f"{urllib.parse.unquote(path)} (preview page)"
            # The page's own script: fixed text (no '<' in it, the same in every page) just before </body>.
            # Set aside; any other script is a finding.
            own = OWN_SCRIPT.search(page)
            if own:
                own_scripts.add(own.group())
                page = page[:own.start()] + page[own.end():]
            found["html"] += [f"{where}: {b}" for b in audit_html(page, page=True)]
            if ILLEGAL.search(page):
                found["xml"].append(f"{where}: illegal character")
            docs += 1
        if len(own_scripts) != 1:
            found["html"].append(f"preview pages carry {len(own_scripts)} different own scripts, not one")

        def row(kind, name):
            items = sorted(set(found[kind]))
            R.add(f"hostile posts: {name}", not items, f"{docs} documents, {len(items)} findings", "\n".join(items[:25]))

        row("xml", "every output well-formed, no XML-illegal character")
        row("html", "HTML (content, descriptions, index and preview pages) has no script, on*=, javascript: URL")
        row("text", "plain-text fields (titles, terms) carry no runnable markup")
        row("url", "every link and URL in the feeds is http(s)")
    finally:
        server.stop()
