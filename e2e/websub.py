"""The websub group: serve's built-in WebSub hub with a real third-party subscriber, the npm package
pubsubhubbub (e2e/node/websub-subscriber.mjs drives it; pinned in e2e/node/package-lock.json).

Subscriber "signed" subscribes to the cooling tag's RSS feed with a secret, "control" to the same tag's Atom
feed without one. An edit of the tag's post reaches "signed" within 2 s, its signature accepted by the package
and checked again here; an edit of another tag's post sends it nothing (its next delivery is the next edit of
its own tag); a restart of serve keeps both subscriptions; after "signed" unsubscribes, an edit reaches
"control" and not "signed".
"""

import json
import queue
import subprocess
import threading
import time

from harness import NODE_DIR, OUT, Server, copy_sample_site

FEED_BASE = "https://example.org/blog/"
TOPIC = FEED_BASE + "tags/cooling/rss.xml"
CONTROL_TOPIC = FEED_BASE + "tags/cooling/atom.xml"
OWN_POST = "posts/2025-09-14-datacenter-cooling.md"
OTHER_POST = "posts/2025-08-19-battery-storage.txt"
OTHER_FEED = "/tags/batteries/rss.xml"
DEADLINE = 2.0  # the figure: an edit reaches a subscriber within 2 seconds
WAIT = 15.0     # how long anything else may take before the check fails


class Subscribers:
    """The Node process: commands in on stdin, events out on stdout (one JSON object a line)."""

    def __init__(self):
        self.log = open(OUT / "websub-subscriber.log", "w", encoding="utf-8")
        self.proc = subprocess.Popen(["node", str(NODE_DIR / "websub-subscriber.mjs")], cwd=NODE_DIR, text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log)
        self.events = queue.Queue()
        self.seen = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self):
        for line in self.proc.stdout:
            self.log.write(line)
            self.log.flush()
            try:
                self.events.put(json.loads(line))
            except ValueError:
                pass

    def send(self, **command):
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()

    def next(self, kind, name, timeout=WAIT):
        """The next event of that kind for that subscriber, waiting for it; others are kept in `seen` for later."""
        for event in self.seen:
            if event.get("event") == kind and event.get("name") == name:
                self.seen.remove(event)
                return event
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                event = self.events.get(timeout=left)
            except queue.Empty:
                return None
            if event.get("event") == kind and event.get("name") == name:
                return event
            self.seen.append(event)

    def feeds_seen(self, name):
        return [e for e in self.seen if e.get("event") == "feed" and e.get("name") == name]

    def close(self):
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
        self.log.close()


def check_websub(R, _root):
    site = copy_sample_site("websub")
    with open(site / "feeds-config" / "site.yml", "a", encoding="utf-8") as config:
        config.write("\nwebsub:\n  builtin_hub: true\n")
    server = Server(site, name="websub")
    subscribers = Subscribers()
    try:
        run(R, site, server, subscribers)
    finally:
        subscribers.close()
        if server.alive():
            server.stop()


def run(R, site, server, subs):
    hub = server.url("/hub")
    subs.send(cmd="start", name="signed", secret="e2e secret 秘密")
    subs.send(cmd="start", name="control")
    listening = [subs.next("listen", "signed"), subs.next("listen", "control")]
    for name, topic in (("signed", TOPIC), ("control", CONTROL_TOPIC)):
        subs.send(cmd="subscribe", name=name, topic=topic, hub=hub)
    answers = [subs.next("subscribe-request", "signed"), subs.next("subscribe-request", "control")]
    verified = [subs.next("subscribe", "signed"), subs.next("subscribe", "control")]
    stored = wait_for_line(server, "subscribed to /tags/cooling/atom.xml") and wait_for_line(
        server, "subscribed to /tags/cooling/rss.xml")
    R.add("websub: pubsubhubbub subscribes through serve's /hub (202, intent verified by its challenge answer)",
          all(listening) and all(a and a["error"] is None for a in answers) and all(verified) and stored,
          f"requests {[a and a['error'] for a in answers]}, verified {[bool(v) for v in verified]}, stored {stored}",
          server.output()[-1500:])

    first = edit_and_receive(site, server, subs, OWN_POST, "first")
    check_delivery(R, server, first, "first", "an edit of the tag's post")

    subs.seen.clear()
    other_marker = edit(site, OTHER_POST, "other tag")
    published = wait_until_served(server, OTHER_FEED, other_marker)
    second = edit_and_receive(site, server, subs, OWN_POST, "second", forget=False)
    between = subs.feeds_seen("signed")
    R.add("websub: an edit of another tag's post is not delivered (the next delivery is the next edit of the tag)",
          published and second["event"] is not None and marker("second") in second["event"]["body"]
          and not any(marker("other tag") in e["body"] for e in between) and not between,
          f"{len(between)} other deliveries; next one {'carries' if second['event'] else 'missing'} the next edit",
          server.output()[-1500:])

    server.stop()
    # The same port: pubsubhubbub puts the hub's address into its callback, which names the subscription.
    restarted = Server(site, name="websub-restarted", port=server.port)
    try:
        kept = wait_for_line(restarted, "), 2 subscriptions")
        third = edit_and_receive(site, restarted, subs, OWN_POST, "after restart")
        check_delivery(R, restarted, third, "after restart", "after a restart, the kept subscription",
                       extra_ok=kept, extra=f"restart line says 2 subscriptions: {kept}")

        subs.send(cmd="unsubscribe", name="signed", topic=TOPIC, hub=restarted.url("/hub"))
        unsubscribed = subs.next("unsubscribe", "signed")
        removed = wait_for_line(restarted, "unsubscribed from /tags/cooling/rss.xml")
        subs.seen.clear()
        time.sleep(1.1)  # a second edit in the same second waits for the next one (README: fast edits)
        edit(site, OWN_POST, "after unsubscribe")
        control = subs.next("feed", "control")
        # Deliveries to the two go in parallel: give one to "signed" 1.5 s more after the control's.
        late = subs.next("feed", "signed", timeout=1.5)
        R.add("websub: after pubsubhubbub unsubscribes (verified), an edit reaches the control subscriber only",
              unsubscribed is not None and removed and control is not None
              and marker("after unsubscribe") in control["body"] and late is None
              and not subs.feeds_seen("signed"),
              f"unsubscribe verified {unsubscribed is not None}, removed {removed}, control "
              f"{'delivered' if control else 'missing'}, signed {'delivered' if late else 'nothing'}",
              restarted.output()[-1500:])
    finally:
        restarted.stop()


def marker(label):
    return f"E2E websub edit: {label}."


def edit(site, post, label):
    """Appends a paragraph to a post, written to a temporary file and renamed into place as editors save."""
    path = site / post
    temp = path.with_name("." + path.name + ".swp")
    temp.write_text(path.read_text(encoding="utf-8") + "\n" + marker(label) + "\n", encoding="utf-8")
    temp.replace(path)
    return marker(label)


def edit_and_receive(site, server, subs, post, label, forget=True):
    """Edits a post of the tag and waits for both subscribers' deliveries; the time to the signed one's."""
    if forget:
        subs.seen.clear()
    time.sleep(1.1)  # a second edit in the same second waits for the next one (README: fast edits)
    started = time.time()
    edit(site, post, label)
    event = subs.next("feed", "signed")
    control = subs.next("feed", "control")
    return {"event": event, "control": control,
            "seconds": (event["at"] / 1000 - started) if event else None}


def check_delivery(R, server, got, label, what, extra_ok=True, extra=""):
    event, control, seconds = got["event"], got["control"], got["seconds"]
    served = server.get("/tags/cooling/rss.xml").body.decode("utf-8")
    wrong = []
    if event is None:
        wrong.append("nothing delivered to the signed subscriber")
    else:
        expected = {
            f"within {DEADLINE} s": seconds <= DEADLINE,
            "signature accepted by pubsubhubbub and checked here": event["signatureMatches"],
            "the edit in the body": marker(label) in event["body"],
            "the body is the feed served now": event["body"] == served,
            "Content-Type": event["contentType"] == "application/rss+xml; charset=utf-8",
            "topic (Link rel=self)": event["topic"] == TOPIC,
            "Link rel=hub": f"<{FEED_BASE}hub>; rel=\"hub\"" in (event["link"] or ""),
        }
        wrong += [f"{name}: {event.get('contentType') if name == 'Content-Type' else ''}"
                  f"{event.get('topic') if name.startswith('topic') else ''}{event.get('link') if 'hub' in name else ''}"
                  for name, ok in expected.items() if not ok]
    if control is None or control["signature"] is not None or marker(label) not in control["body"]:
        wrong.append("the control subscriber's delivery (no secret, no signature, the edit in it)")
    figure = (f"delivered {seconds:.3f} s after the edit, signature accepted {event['signatureMatches']}"
              if event else "nothing delivered")
    R.add(f"websub: {what} reaches pubsubhubbub within {DEADLINE:.0f} s, signed (X-Hub-Signature sha256)",
          not wrong and extra_ok, figure + (f"; {extra}" if extra else ""),
          "\n".join(wrong) + "\n" + server.output()[-1500:])


def wait_for_line(server, text, timeout=WAIT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(text in line for line in server.lines):
            return True
        time.sleep(0.05)
    return False


def wait_until_served(server, path, text, timeout=WAIT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text.encode("utf-8") in server.get(path).body:
            return True
        time.sleep(0.05)
    return False
