"""Talking to servers on 127.0.0.1, the only address the suite and the benchmark ever use."""

import http.client
import socket
import time

HOST = "127.0.0.1"


def free_port():
    """A TCP port nothing listens on right now (the kernel's choice for port 0)."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Response:
    """A whole HTTP response: ``headers`` has lower-case names, ``header_list`` the fields as received."""

    def __init__(self, status, headers, body):
        self.status = status
        self.header_list = headers
        self.headers = {k.lower(): v for k, v in headers}
        self.body = body

    def __repr__(self):
        return f"<{self.status} {len(self.body)} bytes>"


def http_request(port, path, headers=None, method="GET", timeout=15):
    """One request on a new connection to 127.0.0.1:port, the body read whole."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path, headers=headers or {})
        r = conn.getresponse()
        return Response(r.status, r.getheaders(), r.read())
    finally:
        conn.close()


def wait_for_200(port, path, timeout, proc=None, interval=0.01):
    """Polls GET ``path`` until it answers 200. Returns the seconds waited, or None when ``timeout`` passed
    or ``proc`` (the server's process, if given) exited first."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if proc is not None and proc.poll() is not None:
            return None
        try:
            if http_request(port, path, timeout=2.0).status == 200:
                return time.perf_counter() - start
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(interval)
    return None
