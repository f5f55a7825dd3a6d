"""``ClassServer``: the classroom's phone server, run in a background thread for the game.

The game's frame loop calls these methods; none of them blocks on the network. The aiohttp
server has its own thread and event loop, so a slow or hostile phone never stalls a frame.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import secrets
import socket
import threading
from pathlib import Path
from typing import Any

import segno
from aiohttp import web

from classroom.ballot import Command, Participant, Room, Tally
from classroom.net import lan_addresses
from classroom.web import STATIC_DIR, Hub, build_app, load_static

ROOM_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off a projector
MAX_PUBLISHED = 64 * 1024
CLOSE_SECONDS = 1.0  # how long stop() waits for phones to answer the close
_WILDCARD = ("", "0.0.0.0", "::")


class ClassServer:
    """Phones vote, the facilitator steers; the game reads tallies and commands each frame."""

    def __init__(
        self,
        host: str = "0.0.0.0",
        port: int = 0,
        *,
        room_code: str | None = None,
        pin: str | None = None,
        public_host: str | None = None,
        rate: float = 10.0,
        burst: float = 20.0,
        max_body: int = 4096,
        static_dir: Path = STATIC_DIR,
    ) -> None:
        self.host = host
        self.room_code = room_code or "".join(secrets.choice(ROOM_ALPHABET) for _ in range(4))
        self.room_code = self.room_code.upper()
        self.pin = pin or f"{secrets.randbelow(10**6):06d}"
        self._public_host = public_host
        self._advertised: str | None = None
        self._published_text = ""
        self._qr_cache: dict[tuple, Any] = {}
        self._room = Room()
        self._requested = (host, port)
        self._limits = (rate, burst, max_body)
        self._static = load_static(static_dir)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._hub: Hub | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0

    # --- life cycle ---------------------------------------------------------------------------
    @classmethod
    def start(cls, host: str = "0.0.0.0", port: int = 0, **options) -> ClassServer:
        """Bind ``host:port`` (0: any free port) and serve in a daemon thread; raises OSError
        when the port cannot be bound."""
        server = cls(host, port, **options)
        server._launch()
        return server

    def _launch(self) -> None:
        sock = socket.socket(socket.AF_INET6 if ":" in self.host else socket.AF_INET)
        if os.name == "posix":  # on Windows SO_REUSEADDR would let another program share it
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(self._requested)
        except OSError:
            sock.close()
            raise
        sock.setblocking(False)
        self.port = sock.getsockname()[1]
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self._serve(sock))
            except BaseException as exc:  # reported to start(), which re-raises it
                failure.append(exc)
                sock.close()
                ready.set()
                loop.close()
                return
            ready.set()
            try:
                loop.run_forever()
            finally:
                loop.run_until_complete(self._shutdown())
                loop.close()

        self._thread = threading.Thread(target=run, name="classroom-server", daemon=True)
        self._thread.start()
        ready.wait(15)
        if failure:
            raise failure[0]

    async def _serve(self, sock: socket.socket) -> None:
        rate, burst, max_body = self._limits
        self._hub = Hub(
            self._room, self.room_code, self.pin, rate=rate, burst=burst, static=self._static
        )
        app = build_app(self._hub, max_body)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.SockSite(self._runner, sock).start()

    async def _shutdown(self) -> None:
        if self._hub and self._hub.sockets:
            # All at once and bounded: a phone that never answers the close cannot hold us.
            closing = [
                ws.close(code=1001, message=b"class ended") for ws in list(self._hub.sockets)
            ]
            with contextlib.suppress(Exception):
                await asyncio.wait_for(
                    asyncio.gather(*closing, return_exceptions=True), CLOSE_SECONDS
                )
        if self._runner:
            await self._runner.cleanup()
            self._runner = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float = 5.0) -> None:
        """Close every socket and the listener, and join the thread (safe to call twice)."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None or not thread.is_alive():
            return
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout)

    def __enter__(self) -> ClassServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _notify(self, public: bool) -> None:
        loop, hub = self._loop, self._hub
        if loop is not None and hub is not None:
            with contextlib.suppress(RuntimeError):  # loop already closed: nobody to tell
                loop.call_soon_threadsafe(hub.changed, public)

    # --- addresses and the QR code ------------------------------------------------------------
    @property
    def advertised_host(self) -> str:
        """The address phones are sent to: the chosen one, else the best LAN address (looked
        up once, so the URL and QR code stay put and reading them every frame is cheap)."""
        if self._public_host:
            return self._public_host
        if self.host not in _WILDCARD:
            return self.host
        if self._advertised is None:
            found = lan_addresses()
            self._advertised = found[0] if found else "127.0.0.1"
        return self._advertised

    @property
    def url(self) -> str:
        host = self.advertised_host
        return f"http://{f'[{host}]' if ':' in host else host}:{self.port}/"

    @property
    def join_url(self) -> str:
        """The participants' page for this room; the QR code holds exactly this."""
        return f"{self.url}?r={self.room_code}"

    @property
    def facilitator_url(self) -> str:
        return f"{self.url}f?r={self.room_code}"

    def lan_urls(self) -> list[str]:
        """Join URLs on each of the machine's LAN addresses (for a room with several networks);
        only the bound address when the server is not bound to all of them."""
        hosts = lan_addresses() if self.host in _WILDCARD else [self.host]
        return [f"http://{h}:{self.port}/?r={self.room_code}" for h in hosts]

    def qr_matrix(self, border: int = 4) -> list[list[bool]]:
        """The join URL's QR code as rows of dark (True) modules, with a quiet zone."""
        key = ("matrix", self.join_url, border)
        if key not in self._qr_cache:
            qr = segno.make(self.join_url, error="m", micro=False)
            self._qr_cache[key] = [[bool(v) for v in row] for row in qr.matrix_iter(border=border)]
        return [list(row) for row in self._qr_cache[key]]

    def qr_png(self, size: int = 400) -> bytes:
        """The QR code as PNG bytes, about ``size`` pixels wide (whole pixels per module)."""
        key = ("png", self.join_url, size)
        if key not in self._qr_cache:
            qr = segno.make(self.join_url, error="m", micro=False)
            modules = qr.symbol_size(scale=1, border=4)[0]
            buf = io.BytesIO()
            qr.save(buf, kind="png", scale=max(1, size // modules), border=4)
            self._qr_cache[key] = buf.getvalue()
        return self._qr_cache[key]

    # --- votes --------------------------------------------------------------------------------
    def open_vote(self, decision_key: str, options: list, prompt: str | dict = "") -> int:
        """Open a fresh ballot (the old one, if any, ends); ``options`` in the game's view order,
        each a label string, ``{"id": ..., "en": ...}``, or ``{"label": ..., "key": ...}``.
        Returns the ballot's number. Raises ValueError on malformed options."""
        number = self._room.open_vote(decision_key, options, prompt)
        self._notify(public=True)
        return number

    def close_vote(self) -> Tally:
        """End the open ballot; later votes are refused (409 vote_closed). The final tally."""
        tally = self._room.close_vote()
        self._notify(public=True)
        return tally

    def tally(self) -> Tally:
        """Counts of the current (or last) ballot, safe to call every frame."""
        return self._room.tally()

    def participants(self) -> list[Participant]:
        return self._room.participants()

    def poll_commands(self) -> list[Command]:
        """The facilitator's commands since the last call, oldest first."""
        return self._room.poll_commands()

    def publish_state(self, state: dict) -> None:
        """What the facilitator page shows besides votes: ``title``, ``notes``, ``questions``,
        ``timer`` ({"running", "remaining"}), ``counts``, ``played``... JSON, at most 64 KB.

        Cheap to call every frame: an unchanged state is neither stored nor pushed again."""
        text = json.dumps(state, ensure_ascii=False, sort_keys=True)
        if text == self._published_text:
            return
        if len(text.encode()) > MAX_PUBLISHED:
            raise ValueError(f"published state over {MAX_PUBLISHED} bytes")
        if self._hub is not None:
            self._published_text = text
            self._hub.publish(json.loads(text))
            self._notify(public=False)
