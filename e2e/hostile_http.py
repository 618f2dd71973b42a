"""Hostile requests over raw sockets: each gets a 4xx or a closed connection within the configured
timeouts, other clients keep being answered, and the server's memory stays flat."""

import socket
import threading
import time

from harness import Server, copy_sample_site

PARSE_TIMEOUT = 10.0    # README: "a request must arrive within 10 s"


def raw(port, data, timeout=15.0, drip=None):
    """Sends ``data`` (all at once) and reads until the server closes or ``timeout``.
    Returns (statuses, bytes received, closed by server, seconds)."""
    t0 = time.monotonic()
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.settimeout(timeout)
    received = b""
    closed = False
    try:
        try:
            s.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            closed = True
        while not closed:
            try:
                chunk = s.recv(65536)
            except ConnectionResetError:
                closed = True
                break
            except socket.timeout:
                break
            if not chunk:
                closed = True
                break
            received += chunk
            if drip and drip(received):
                break
    finally:
        s.close()
    return statuses(received), received, closed, time.monotonic() - t0


def statuses(data):
    """Status codes of the responses in ``data``, in order (bodies skipped by Content-Length)."""
    out = []
    while data.startswith(b"HTTP/"):
        head, sep, rest = data.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        out.append(int(lines[0].split()[1]))
        length = 0
        for line in lines[1:]:
            k, _, v = line.partition(b":")
            if k.strip().lower() == b"content-length":
                length = int(v.strip())
        code = out[-1]
        if code == 304 or code < 200 or b"HEAD-MARK" in head:
            length = 0
        data = rest[length:]
    return out


def req(target, headers=b"Host: 127.0.0.1\r\n", version=b"HTTP/1.1", method=b"GET", extra=b""):
    return method + b" " + target + b" " + version + b"\r\n" + headers + b"Connection: close\r\n\r\n" + extra


CASES = [
    # name, request bytes, allowed statuses (None = connection closed without a response is fine)
    ("request line over 16 KiB", req(b"/" + b"a" * 20000), "4xx|close"),
    ("one header over 16 KiB", req(b"/rss.xml", b"Host: x\r\nX-Big: " + b"a" * 20000 + b"\r\n"), "4xx|close"),
    ("101 headers (limit 100)", req(b"/rss.xml", b"Host: x\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(101))),
     "4xx|close"),
    ("10,000 headers", req(b"/rss.xml", b"Host: x\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(10000))),
     "4xx|close"),
    ("invalid percent-encoding %zz", req(b"/%zz/rss.xml"), "4xx"),
    ("truncated percent-encoding /rss.xml%", req(b"/rss.xml%"), "4xx"),
    ("truncated UTF-8 /tags/%E6%8A/rss.xml", req(b"/tags/%E6%8A/rss.xml"), "4xx"),
    ("/../rss.xml", req(b"/../rss.xml"), "400"),
    ("/tags/../../etc/passwd", req(b"/tags/../../etc/passwd"), "400"),
    ("%2e%2e%2f traversal", req(b"/%2e%2e%2f%2e%2e%2fetc%2fpasswd"), "400"),
    ("/%2e%2e/rss.xml", req(b"/%2e%2e/rss.xml"), "400"),
    ("..%5c backslash traversal", req(b"/..%5c..%5cetc%5cpasswd"), "400"),
    ("%00 in path", req(b"/rss.xml%00.html"), "400"),
    ("%0d%0a in path (header injection)", req(b"/rss.xml%0d%0aSet-Cookie:%20x=1"), "400"),
    ("path of 3,000 bytes", req(b"/" + b"a" * 3000), "400"),
    ("path of 12,000 bytes", req(b"/" + b"a/" * 6000), "4xx|close"),
    ("GET with a body (Content-Length: 5)", req(b"/rss.xml", b"Host: x\r\nContent-Length: 5\r\n", extra=b"hello"),
     "400"),
    ("GET with Transfer-Encoding: chunked", req(b"/rss.xml", b"Host: x\r\nTransfer-Encoding: chunked\r\n",
                                                extra=b"5\r\nhello\r\n0\r\n\r\n"), "400"),
    ("Content-Length and Transfer-Encoding (smuggling)",
     req(b"/rss.xml", b"Host: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n", extra=b"0\r\n\r\n"),
     "400"),
    ("NUL in a header value", req(b"/rss.xml", b"Host: x\r\nX-A: a\x00b\r\n"), "4xx|close"),
    ("invalid method token", req(b"/rss.xml", method=b"G(T"), "4xx|close"),
    ("unknown method FOO", req(b"/rss.xml", method=b"FOO"), "405"),
    ("HTTP/1.1 without Host (RFC 9112 3.2: 400)", req(b"/rss.xml", b""), "400"),
]


def verdict(expect, codes, closed):
    if not codes:
        return "close" in expect and closed
    code = codes[0]
    if expect == "4xx|close" or expect == "4xx":
        return 400 <= code < 500
    return str(code) == expect


class Prober(threading.Thread):
    """Another client asking /healthz every 250 ms while the attacks run."""

    def __init__(self, server):
        super().__init__(daemon=True)
        self.server, self.stop_event = server, threading.Event()
        self.ok = self.failed = 0
        self.worst = 0.0
        self.errors = []

    def run(self):
        while not self.stop_event.is_set():
            t0 = time.monotonic()
            try:
                if self.server.get("/healthz", timeout=5).status == 200:
                    self.ok += 1
                else:
                    self.failed += 1
            except Exception as e:  # noqa: BLE001
                self.failed += 1
                self.errors.append(repr(e))
            self.worst = max(self.worst, time.monotonic() - t0)
            time.sleep(0.25)


def check_hostile_requests(R, _root):
    site = copy_sample_site("hostile-http")
    server = Server(site, name="hostile-http")
    prober = Prober(server)
    prober.start()
    try:
        port = server.port
        # warm up, then memory baseline
        for _ in range(3):
            for _, data, _ in CASES:
                raw(port, data, timeout=5)
        rss0 = server.rss_kib()

        for name, data, expect in CASES:
            codes, got, closed, secs = raw(port, data, timeout=PARSE_TIMEOUT + 3)
            ok = verdict(expect, codes, closed) and secs <= PARSE_TIMEOUT + 2
            R.add(f"hostile request: {name}", ok,
                  f"{codes[0] if codes else 'no response'}{', closed' if closed else ''} in {secs:.2f} s "
                  f"(want {expect})", got[:300])

        # HTTP/1.0 without Host is valid HTTP/1.0: a 200 (or 4xx), then the connection is closed.
        codes, got, closed, secs = raw(port, b"GET /rss.xml HTTP/1.0\r\n\r\n", timeout=5)
        R.add("hostile request: HTTP/1.0 without Host", codes and (codes[0] == 200 or 400 <= codes[0] < 500) and closed,
              f"{codes[0] if codes else 'no response'}, {'closed' if closed else 'left open'} in {secs:.2f} s", got[:300])

        # pipelining: three requests in one write, three answers in order
        pipe = (b"GET /rss.xml HTTP/1.1\r\nHost: x\r\n\r\n"
                b"GET /nope.xml HTTP/1.1\r\nHost: x\r\n\r\n"
                b"GET /atom.xml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        codes, got, closed, secs = raw(port, pipe, timeout=10)
        R.add("hostile request: 3 pipelined requests answered in order", codes == [200, 404, 200],
              f"{codes} in {secs:.2f} s", got[-300:])

        # slowloris: 100 connections each dripping one header byte per second; bounded at 15 s
        slow_results = []

        def slow():
            s = socket.create_connection(("127.0.0.1", port), timeout=20)
            t0 = time.monotonic()
            outcome = "still open at 15 s"
            try:
                s.sendall(b"GET /rss.xml HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                s.settimeout(1.0)
                while time.monotonic() - t0 < 15:
                    try:
                        s.sendall(b"a")
                    except (BrokenPipeError, ConnectionResetError):
                        outcome = "closed"
                        break
                    try:
                        data = s.recv(4096)
                        outcome = "closed" if not data else "answered " + data[:12].decode(errors="replace")
                        break
                    except socket.timeout:
                        pass
                    except ConnectionResetError:
                        outcome = "closed"
                        break
            finally:
                s.close()
            slow_results.append((outcome, time.monotonic() - t0))

        threads = [threading.Thread(target=slow, daemon=True) for _ in range(100)]
        t0 = time.monotonic()
        for t in threads:
            t.start()
        served_meanwhile = 0
        while any(t.is_alive() for t in threads) and time.monotonic() - t0 < 20:
            if server.get("/rss.xml", timeout=5).status == 200:
                served_meanwhile += 1
            time.sleep(0.2)
        for t in threads:
            t.join(5)
        closed = [secs for outcome, secs in slow_results if outcome == "closed"]
        ok = len(closed) == 100 and max(closed) <= PARSE_TIMEOUT + 3 and served_meanwhile > 10
        R.add("hostile request: slowloris x100 (1 header byte/s) closed within the 10 s parse timeout", ok,
              f"{len(closed)}/100 closed, after {min(closed or [0]):.1f}-{max(closed or [0]):.1f} s; "
              f"{served_meanwhile} normal requests served meanwhile",
              str(sorted(set(o for o, _ in slow_results))))

        # memory: twenty more rounds of every attack
        for _ in range(20):
            for _, data, _ in CASES:
                raw(port, data, timeout=5)
        rss1 = server.rss_kib()
        growth = (rss1 - rss0) / 1024
        R.add("hostile requests: memory flat (VmRSS after warm-up vs after 20 more rounds)", growth < 64,
              f"{rss0 / 1024:.0f} MiB -> {rss1 / 1024:.0f} MiB ({growth:+.0f} MiB)")
    finally:
        prober.stop_event.set()
        prober.join(10)
        R.add("hostile requests: other clients answered throughout", prober.failed == 0 and prober.ok > 20 and server.alive(),
              f"{prober.ok} /healthz probes ok, {prober.failed} failed, slowest {prober.worst * 1000:.0f} ms",
              "\n".join(prober.errors[:10]))
        server.stop()
