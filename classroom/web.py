"""The aiohttp application: the phones' and the facilitator's API, WebSockets and the pages.

Everything here runs on the server thread's event loop. Shared state lives in ``Room`` (locked)
and ``Hub``; the game thread reaches the loop only through ``ClassServer``.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import hashlib
import hmac
import json
import logging
import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from aiohttp import WSMsgType, web

from classroom.ballot import Room, RoomFull, VoteRefused
from classroom.limits import Buckets

log = logging.getLogger("classroom")

STATIC_DIR = Path(__file__).parent / "static"
MAX_SOCKETS = 500
MAX_STRIKES = 50  # bad or over-limit WebSocket messages before the socket is closed
PUBLIC_COALESCE = 0.02
FACIL_COALESCE = 0.1
_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
}
_STATUS_CODES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    429: "rate_limited",
}
_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
        "style-src 'self'; script-src 'self'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class ApiError(Exception):
    """An answer other than success: HTTP status, machine code and a short English detail."""

    def __init__(self, status: int, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.status, self.code, self.detail = status, code, detail


def json_error(status: int, code: str, detail: str = "", **headers: str) -> web.Response:
    body = {"error": code}
    if detail:
        body["detail"] = detail
    return web.json_response(body, status=status, headers=headers or None)


def load_static(folder: Path) -> dict[str, tuple[bytes, bytes, str, str]]:
    """Every servable file, read once: name -> (bytes, gzipped, content type, etag).

    Only plain files directly in ``folder`` with a known type and a plain name are listed;
    requests are answered from this table, so no path from a URL ever reaches the disk.
    """
    table = {}
    for path in sorted(folder.iterdir()):
        ctype = _TYPES.get(path.suffix)
        if not (ctype and _NAME.match(path.name) and path.is_file() and not path.is_symlink()):
            continue
        data = path.read_bytes()
        etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
        table[path.name] = (data, gzip.compress(data, 9, mtime=0), ctype, etag)
    return table


class Hub:
    """State the handlers share: the room, the limits, the sockets and change signals."""

    def __init__(
        self,
        room: Room,
        code: str,
        pin: str,
        *,
        rate: float,
        burst: float,
        static: dict,
    ) -> None:
        self.room = room
        self.code = code
        self.pin = pin
        self.static = static
        self.devices = Buckets(rate, burst)
        self.addresses = Buckets(max(rate, 20.0), max(burst, 60.0))  # joins, unknown tokens
        self.pins = Buckets(0.2, 5.0)  # PIN guesses per address
        self.facilitators: set[str] = set()
        self.sockets: set[web.WebSocketResponse] = set()
        self._published: dict = {}
        self._lock = threading.Lock()
        self.public_event = asyncio.Event()
        self.facil_event = asyncio.Event()

    # Change signals: waiters hold the current event; a change sets it and makes a new one.
    def changed(self, public: bool) -> None:
        if public:
            old, self.public_event = self.public_event, asyncio.Event()
            old.set()
        old, self.facil_event = self.facil_event, asyncio.Event()
        old.set()

    def publish(self, state: dict) -> None:
        with self._lock:
            self._published = state

    def published(self) -> dict:
        with self._lock:
            return self._published

    def facil_view(self) -> dict:
        tally = self.room.tally()
        people = [
            {"device": p.device, "name": p.name, "voted": p.voted} for p in self.room.participants()
        ]
        return {
            "room": self.code,
            "ballot": self.room.public(),
            "tally": {
                "counts": list(tally.counts),
                "voters": tally.voters,
                "open": tally.open,
                "leaders": list(tally.leaders),
            },
            "people": people,
            "state": self.published(),
        }


async def _body(request: web.Request) -> dict:
    """The request's JSON object, or an ApiError (400/413) saying what is wrong with it."""
    try:
        raw = await request.read()
    except web.HTTPRequestEntityTooLarge as exc:
        raise ApiError(413, "too_large", f"body over {request.client_max_size} bytes") from exc
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, "bad_json", "body is not valid JSON") from exc
    if not isinstance(data, dict):
        raise ApiError(400, "bad_json", "body must be a JSON object")
    return data


def _same(given: str, secret: str) -> bool:
    """Constant-time comparison that also takes non-ASCII input (compare_digest on str
    raises TypeError for it)."""
    return hmac.compare_digest(given.encode("utf-8", "replace"), secret.encode())


def _check_room(hub: Hub, room: object) -> None:
    if not isinstance(room, str) or not _same(room.strip().upper(), hub.code):
        raise ApiError(403, "wrong_room", "room code does not match")


def _limit(hub: Hub, request: web.Request, token: object) -> None:
    """One token from the device's bucket (a known device) or else the address's bucket."""
    if hub.room.known(token):
        ok = hub.devices.allow(str(token))
    else:
        ok = hub.addresses.allow(request.remote or "?")
    if not ok:
        raise ApiError(429, "rate_limited", "too many requests from this device")


def _device(hub: Hub, request: web.Request, room: object, token: object) -> str:
    _limit(hub, request, token)
    _check_room(hub, room)
    if not hub.room.known(token):
        raise ApiError(403, "unknown_device", "join first: POST /api/join")
    return str(token)


def _facilitator(hub: Hub, token: object) -> None:
    if not isinstance(token, str) or token not in hub.facilitators:
        raise ApiError(403, "wrong_pin", "facilitator login required")


def build_app(hub: Hub, max_body: int) -> web.Application:
    """Routes: pages, /static/<file>, /api/* and the two WebSockets."""

    @web.middleware
    async def errors(request: web.Request, handler: Callable) -> web.StreamResponse:
        try:
            return await handler(request)
        except ApiError as exc:
            extra = {"Retry-After": "1"} if exc.status == 429 else {}
            return json_error(exc.status, exc.code, exc.detail, **extra)
        except web.HTTPException as exc:
            if exc.status < 400:
                raise
            return json_error(exc.status, _STATUS_CODES.get(exc.status, "http_error"), exc.reason)
        except (asyncio.CancelledError, ConnectionResetError):
            raise
        except Exception:
            log.exception("classroom server: unexpected error on %s", request.path)
            return json_error(500, "server_error")

    def file_response(request: web.Request, name: str) -> web.Response:
        entry = hub.static.get(name)
        if entry is None:
            raise ApiError(404, "not_found", "no such file")
        data, zipped, ctype, etag = entry
        headers = {"Cache-Control": "no-cache", "ETag": etag, "Content-Type": ctype}
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers=headers)
        if "gzip" in request.headers.get("Accept-Encoding", ""):
            headers["Content-Encoding"] = "gzip"
            headers["Vary"] = "Accept-Encoding"
            return web.Response(body=zipped, headers=headers)
        return web.Response(body=data, headers=headers)

    async def join_page(request: web.Request) -> web.Response:
        return file_response(request, "join.html")

    async def facil_page(request: web.Request) -> web.Response:
        return file_response(request, "facil.html")

    async def static(request: web.Request) -> web.Response:
        return file_response(request, request.match_info["name"])

    async def ping(request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    async def join(request: web.Request) -> web.Response:
        data = await _body(request)
        _limit(hub, request, data.get("token"))
        _check_room(hub, data.get("room"))
        try:
            token, known = hub.room.join(data.get("token"), data.get("name"))
        except RoomFull as exc:
            raise ApiError(503, "room_full", "too many devices in this room") from exc
        except VoteRefused as exc:
            raise ApiError(400, exc.code, "name must be a string") from exc
        hub.changed(public=False)
        return web.json_response({"token": token, "known": known, **hub.room.public(token)})

    async def state(request: web.Request) -> web.Response:
        q = request.query
        token = _device(hub, request, q.get("room"), q.get("token"))
        return web.json_response(hub.room.public(token))

    def cast(token: str, data: dict) -> dict:
        try:
            choice = hub.room.vote(token, data.get("ballot"), data.get("choice"))
        except VoteRefused as exc:
            status = 409 if exc.code in ("vote_closed", "stale_ballot") else 400
            raise ApiError(status, exc.code) from exc
        hub.changed(public=False)
        return {"ok": True, "ballot": data.get("ballot"), "mine": choice}

    async def vote(request: web.Request) -> web.Response:
        data = await _body(request)
        token = _device(hub, request, data.get("room"), data.get("token"))
        return web.json_response(cast(token, data))

    async def login(request: web.Request) -> web.Response:
        data = await _body(request)
        if not hub.pins.allow(request.remote or "?"):
            raise ApiError(429, "rate_limited", "too many PIN attempts; wait a minute")
        _check_room(hub, data.get("room"))
        pin = data.get("pin")
        if not isinstance(pin, str) or not _same(pin.strip(), hub.pin):
            raise ApiError(403, "wrong_pin", "wrong PIN")
        token = secrets.token_urlsafe(18)
        hub.facilitators.add(token)
        return web.json_response({"ftoken": token, **hub.facil_view()})

    async def facil_state(request: web.Request) -> web.Response:
        if not hub.addresses.allow(request.remote or "?"):
            raise ApiError(429, "rate_limited")
        _facilitator(hub, request.query.get("ftoken"))
        return web.json_response(hub.facil_view())

    async def command(request: web.Request) -> web.Response:
        data = await _body(request)
        if not hub.addresses.allow(request.remote or "?"):
            raise ApiError(429, "rate_limited")
        _facilitator(hub, data.get("ftoken"))
        try:
            cmd = hub.room.command(data.get("kind"), data.get("arg"))
        except VoteRefused as exc:
            raise ApiError(400, exc.code) from exc
        return web.json_response({"ok": True, "command": asdict(cmd)})

    async def socket(
        request: web.Request,
        view: Callable[[], dict],
        signal: Callable[[], asyncio.Event],
        coalesce: float,
        on_message: Callable[[dict], dict | None],
        limit: Callable[[], bool],
    ) -> web.WebSocketResponse:
        if len(hub.sockets) >= MAX_SOCKETS:
            raise ApiError(503, "busy", "too many open sockets")
        ws = web.WebSocketResponse(max_msg_size=2048, heartbeat=25.0, timeout=1.0)
        await ws.prepare(request)
        hub.sockets.add(ws)

        async def push() -> None:
            while not ws.closed:
                event = signal()
                await ws.send_json({"t": "state", **view()})
                await event.wait()
                await asyncio.sleep(coalesce)

        pusher = asyncio.create_task(push())
        strikes = 0
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    strikes += 1
                    await ws.send_json({"t": "error", "error": "bad_frame"})
                elif not limit():
                    strikes += 1
                    await ws.send_json({"t": "error", "error": "rate_limited"})
                else:
                    try:
                        data = json.loads(msg.data)
                        if not isinstance(data, dict):
                            raise ApiError(400, "bad_json")
                        reply = on_message(data)
                    except ValueError:
                        reply, strikes = {"t": "error", "error": "bad_json"}, strikes + 1
                    except ApiError as exc:
                        reply, strikes = {"t": "error", "error": exc.code}, strikes + 1
                    if reply is not None:
                        await ws.send_json(reply)
                if strikes > MAX_STRIKES:
                    await ws.close(code=1008, message=b"too many bad messages")
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            pusher.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await pusher
            hub.sockets.discard(ws)
        return ws

    async def phone_socket(request: web.Request) -> web.StreamResponse:
        token = _device(hub, request, request.query.get("room"), request.query.get("token"))

        def on_message(data: dict) -> dict | None:
            if data.get("t") == "vote":
                return {"t": "voted", **cast(token, data)}
            if data.get("t") == "ping":
                return {"t": "pong"}
            raise ApiError(400, "bad_message")

        return await socket(
            request,
            lambda: hub.room.public(token),
            lambda: hub.public_event,
            PUBLIC_COALESCE,
            on_message,
            lambda: hub.devices.allow(token),
        )

    async def facil_socket(request: web.Request) -> web.StreamResponse:
        ftoken = request.query.get("ftoken")
        _facilitator(hub, ftoken)

        def on_message(data: dict) -> dict | None:
            if data.get("t") == "command":
                try:
                    cmd = hub.room.command(data.get("kind"), data.get("arg"))
                except VoteRefused as exc:
                    raise ApiError(400, exc.code) from exc
                return {"t": "queued", "command": asdict(cmd)}
            raise ApiError(400, "bad_message")

        return await socket(
            request,
            hub.facil_view,
            lambda: hub.facil_event,
            FACIL_COALESCE,
            on_message,
            lambda: hub.devices.allow("f:" + str(ftoken)),
        )

    async def headers(request: web.Request, response: web.StreamResponse) -> None:
        response.headers.update(_HEADERS)

    app = web.Application(middlewares=[errors], client_max_size=max_body)
    app.on_response_prepare.append(headers)
    app.router.add_get("/", join_page)
    app.router.add_get("/f", facil_page)
    app.router.add_get("/static/{name}", static)
    app.router.add_get("/api/ping", ping)
    app.router.add_post("/api/join", join)
    app.router.add_get("/api/state", state)
    app.router.add_post("/api/vote", vote)
    app.router.add_post("/api/facil/login", login)
    app.router.add_get("/api/facil/state", facil_state)
    app.router.add_post("/api/facil/command", command)
    app.router.add_get("/ws", phone_socket)
    app.router.add_get("/ws/f", facil_socket)
    return app
