"""Loopback HTTP helpers for the LRS tests: a scripted fake LRS and a fault-injecting proxy.

``FakeLrs`` answers from a script (no Ralph needed: the fast unit tests). ``FaultProxy``
sits in front of a real Ralph and, on request, answers 500, cuts the connection before or
after Ralph stored a batch, or holds a batch in flight, so the sender's recovery is tested
against the real duplicate check.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def _serve(handler: type[BaseHTTPRequestHandler], port: int = 0) -> _Server:
    server = _Server(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class FakeLrs:
    """An LRS that stores POSTed statements by id and answers as ``script`` says.

    ``script(statements)`` returns a status to force (or None: behave like Ralph: 200 with
    new ones stored, 204 when all were there, 409 when an id is stored with other content).
    """

    def __init__(self, script: Callable[[list[dict]], int | None] | None = None) -> None:
        self.stored: dict[str, dict] = {}
        self.posts: list[list[dict]] = []
        self.headers: list[dict[str, str]] = []
        self.script = script
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _answer(self, status: int, body: Any = None) -> None:
                data = json.dumps(body).encode() if body is not None else b""
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                fake.headers.append(dict(self.headers))
                size = int(self.headers.get("Content-Length", 0))
                statements = json.loads(self.rfile.read(size))
                fake.posts.append(statements)
                forced = fake.script(statements) if fake.script else None
                if forced is not None:
                    detail = {"detail": f"scripted {forced}"}
                    self._answer(forced, detail)
                    return
                new = {}
                for s in statements:
                    old = fake.stored.get(s["id"])
                    if old is not None and old != s:
                        self._answer(409, {"detail": "Differing statements, same ID"})
                        return
                    if old is None:
                        new[s["id"]] = s
                fake.stored.update(new)
                self._answer(200, list(new)) if new else self._answer(204)

            def do_GET(self) -> None:
                query = parse_qs(urlsplit(self.path).query)
                wanted = query.get("statementId", [None])[0]
                found = [s for i, s in fake.stored.items() if wanted in (None, i)]
                self._answer(200, {"statements": found, "more": ""})

        self.server = _serve(Handler)
        self.port = self.server.server_address[1]
        self.endpoint = f"http://127.0.0.1:{self.port}/xAPI/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class FaultProxy:
    """Forwards to ``target_port``; faults are armed per next POST (counts go down)."""

    def __init__(self, target_port: int, port: int = 0) -> None:
        self.target_port = target_port
        self.fail_posts = 0  # answer 500 without forwarding
        self.cut_before = 0  # read half the body, then close: the LRS never sees it
        self.cut_after = 0  # forward (the LRS stores it), then close without an answer
        self.hold_seconds = 0.0  # forward, then wait this long before answering
        self.posts = 0
        self.faults: list[str] = []
        self.in_flight = threading.Event()
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _take(self, name: str) -> bool:
                with proxy.lock:
                    if getattr(proxy, name) > 0:
                        setattr(proxy, name, getattr(proxy, name) - 1)
                        proxy.faults.append(name)
                        return True
                return False

            def _forward(self, method: str, body: bytes | None) -> tuple[int, bytes, str]:
                conn = http.client.HTTPConnection("127.0.0.1", proxy.target_port, timeout=60)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                conn.request(method, self.path, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                kind = response.getheader("Content-Type", "application/json")
                conn.close()
                return response.status, data, kind

            def _reply(self, status: int, data: bytes, kind: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self._reply(*self._forward("GET", None))

            def do_POST(self) -> None:
                size = int(self.headers.get("Content-Length", 0))
                with proxy.lock:
                    proxy.posts += 1
                if self._take("cut_before"):
                    self.rfile.read(size // 2)
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                body = self.rfile.read(size)
                if self._take("fail_posts"):
                    self._reply(500, b'{"detail": "injected fault"}')
                    return
                proxy.in_flight.set()
                status, data, kind = self._forward("POST", body)
                if proxy.hold_seconds:
                    time.sleep(proxy.hold_seconds)
                if self._take("cut_after"):
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                self._reply(status, data, kind)

        self.server = _serve(Handler, port)
        self.port = self.server.server_address[1]
        self.endpoint = f"http://127.0.0.1:{self.port}/xAPI/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
