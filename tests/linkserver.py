"""A real HTTP server on 127.0.0.1 for the online link tests (no mocks of httpx).

Routes (any path below them works too, so tests can use fresh URLs):

    /ok…            200                     /missing…      404
    /error…         500                     /slow…         200 after ``SLOW`` seconds
    /moved…         301 → /ok               /temp…         302 → /ok
    /to-missing…    301 → /missing/after-redirect
    /loop-a…        302 → /loop-b → /loop-a /gone…         301 → / (home page: soft 404)
    /busy…          429 (Retry-After: 5) on the first request of each path, then 200
    /unavailable…   503 always              /head-405…     405 to HEAD, 200 to GET
    /chain/N        301 → /chain/N+1 (forever)  /pause…        200 after ``PAUSE`` seconds
    /               200 (the home page)

``server.hits`` counts requests per path (``"HEAD /ok"``), for cache and retry tests;
``server.max_active`` is the most ``/pause`` requests it held at once, for the limits.
"""

from __future__ import annotations

import threading
from collections import Counter
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW = 2.0
PAUSE = 0.1


class _Handler(BaseHTTPRequestHandler):
    server: "LinkServer"
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def _send(self, status: int, headers: dict[str, str] | None = None, send_body: bool = True) -> None:
        body = f"status {status}\n".encode()
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _answer(self, send_body: bool) -> None:
        path = self.path.split("?", 1)[0]
        with self.server.lock:
            self.server.hits[f"{self.command} {path}"] += 1
            seen = self.server.seen[path]
            self.server.seen[path] += 1
        if path == "/":
            return self._send(200, send_body=send_body)
        if path.startswith("/ok"):
            return self._send(200, send_body=send_body)
        if path.startswith("/missing"):
            return self._send(404, send_body=send_body)
        if path.startswith("/error"):
            return self._send(500, send_body=send_body)
        if path.startswith("/pause"):
            server = self.server
            with server.lock:  # counted before any answer is sent, so the client is still waiting
                server.active += 1
                server.max_active = max(server.max_active, server.active)
            server.stop.wait(PAUSE)
            with server.lock:
                server.active -= 1
            return self._send(200, send_body=send_body)
        if path.startswith("/slow"):
            self.server.stop.wait(SLOW)
            return self._send(200, send_body=send_body)
        if path.startswith("/moved"):
            return self._send(301, {"Location": "/ok"}, send_body)
        if path.startswith("/to-missing"):
            return self._send(301, {"Location": "/missing/after-redirect"}, send_body)
        if path.startswith("/temp"):
            return self._send(302, {"Location": "/ok"}, send_body)
        if path.startswith("/loop-a"):
            return self._send(302, {"Location": "/loop-b"}, send_body)
        if path.startswith("/loop-b"):
            return self._send(302, {"Location": "/loop-a"}, send_body)
        if path.startswith("/gone"):
            return self._send(301, {"Location": f"http://{self.headers['Host']}/"}, send_body)
        if path.startswith("/busy"):
            if seen == 0:
                return self._send(429, {"Retry-After": "5"}, send_body)
            return self._send(200, send_body=send_body)
        if path.startswith("/unavailable"):
            return self._send(503, send_body=send_body)
        if path.startswith("/head-405"):
            return self._send(405 if self.command == "HEAD" else 200, send_body=send_body)
        if path.startswith("/chain/"):
            n = int(path.rsplit("/", 1)[1] or 0)
            return self._send(301, {"Location": f"/chain/{n + 1}"}, send_body)
        return self._send(404, send_body=send_body)


class LinkServer(ThreadingHTTPServer):
    daemon_threads = True  # a handler still sleeping never blocks shutdown

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.hits: Counter[str] = Counter()
        self.seen: Counter[str] = Counter()
        self.stop = threading.Event()
        self.active = 0  # /pause requests being answered now
        self.max_active = 0  # the most at any one time

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


@contextmanager
def serve():
    """Start a server in a thread; stop it and its handlers on exit."""
    server = LinkServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop.set()  # wake /slow handlers
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
