"""Hostile input to the classroom server: clear JSON errors, nothing served outside the pages,
a flooding phone slowed down while the others still vote, and the server thread alive after."""

from __future__ import annotations

import asyncio
import threading
import time

import aiohttp
import pytest
from classroom_helpers import raw_get, run, start

from bench.phones import Phone, session
from classroom import ClassServer


@pytest.fixture
def server():
    srv = start()
    yield srv
    assert srv.running, "the server thread died"
    srv.stop()


def base(server: ClassServer) -> str:
    return f"http://127.0.0.1:{server.port}"


async def post_raw(http, url: str, data: bytes, ctype: str = "application/json"):
    async with http.post(url, data=data, headers={"Content-Type": ctype}) as r:
        return r.status, r.headers.get("Content-Type", ""), await r.json()


def test_bad_bodies_get_json_errors(server):
    async def main() -> None:
        async with aiohttp.ClientSession() as http:
            url = base(server) + "/api/join"
            cases = [
                (b"x" * 100_000, 413, "too_large"),
                (b"{not json", 400, "bad_json"),
                (b"\xff\xfe\x00garbage", 400, "bad_json"),
                (b"[1, 2, 3]", 400, "bad_json"),
                (b"", 400, "bad_json"),
                (b'{"room": "ZZZZ"}', 403, "wrong_room"),
                (b'{"room": 12}', 403, "wrong_room"),
                ('{"room": "\u00c4BCD"}'.encode(), 403, "wrong_room"),
                (b'{"room": "\\ud800"}', 403, "wrong_room"),  # a lone surrogate
                (b'{"room": "%s", "name": ["x"]}' % server.room_code.encode(), 400, "bad_name"),
            ]
            for body, status, code in cases:
                got = await post_raw(http, url, body)
                assert (got[0], got[2]["error"]) == (status, code), body[:40]
                assert got[1].startswith("application/json")
            vote = base(server) + "/api/vote"
            forged = b'{"room": "%s", "token": "forged"}' % server.room_code.encode()
            for body, code in [
                (forged, "unknown_device"),
                (b'{"room": "nope", "token": "forged"}', "wrong_room"),
            ]:
                assert (await post_raw(http, vote, body))[:1] == (403,)
                assert (await post_raw(http, vote, body))[2]["error"] == code
            async with http.get(base(server) + "/api/state?room=X&token=Y") as r:
                assert r.status == 403 and (await r.json())["error"] == "wrong_room"
            async with http.put(base(server) + "/api/vote", data=b"{}") as r:
                assert r.status == 405 and (await r.json())["error"] == "method_not_allowed"
            async with http.get(base(server) + "/nothing/here") as r:
                assert r.status == 404 and (await r.json())["error"] == "not_found"

    run(main())


@pytest.mark.parametrize(
    "path",
    [
        "/static/../../etc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2fetc%2fpasswd",
        "/static/%252e%252e%252fetc%252fpasswd",
        "/static/..%5c..%5cweb.py",
        "/static/....//....//etc/passwd",
        "/static/%2e%2e/web.py",
        "/static/..%2fweb.py",
        "/static//etc/passwd",
        "/static/join.html%00.png",
        "/static/%00",
        "/../../../../etc/passwd",
        "/static/words.json/../../server.py",
        "/static/..",
        "/static/.",
    ],
)
def test_nothing_is_served_outside_the_pages(server, path):
    status, body = raw_get(server, path)
    assert status in (400, 404)
    assert b"root:" not in body and b"import" not in body and b"<html" not in body


def test_the_pages_are_served_with_a_strict_policy(server):
    status, body = raw_get(server, "/static/join.js")
    assert status == 200 and b"vote" in body

    async def main() -> None:
        async with aiohttp.ClientSession() as http:
            async with http.get(base(server) + "/?r=" + server.room_code) as r:
                assert r.status == 200
                assert "script-src 'self'" in r.headers["Content-Security-Policy"]
                assert r.headers["X-Content-Type-Options"] == "nosniff"
                etag = r.headers["ETag"]
            async with http.get(base(server) + "/", headers={"If-None-Match": etag}) as r:
                assert r.status == 304

    run(main())


def test_a_flooding_phone_is_slowed_while_the_others_vote(server):
    ballot = server.open_vote("d", ["A", "B"])

    async def main() -> tuple[list[int], float, list[int]]:
        async with session() as http:
            flood = Phone(http, base(server), server.room_code, "banjir")
            others = [Phone(http, base(server), server.room_code, f"HP{i}") for i in range(5)]
            await asyncio.gather(flood.join(), *(p.join() for p in others))
            start = time.perf_counter()
            flooding = asyncio.gather(*(flood.vote(ballot, i % 2) for i in range(1000)))
            await asyncio.sleep(0.05)
            calm = await asyncio.gather(*(p.vote(ballot, 1) for p in others))
            statuses = [s for s, _ in await flooding]
            return statuses, time.perf_counter() - start, [s for s, _ in calm]

    # Meanwhile the game's frame loop keeps reading the tally without waiting.
    stop, slowest = threading.Event(), [0.0]

    def frame_loop() -> None:
        while not stop.is_set():
            begin = time.perf_counter()
            server.tally()
            slowest[0] = max(slowest[0], time.perf_counter() - begin)
            time.sleep(1 / 60)

    frames = threading.Thread(target=frame_loop)
    frames.start()
    try:
        statuses, seconds, calm = run(main())
    finally:
        stop.set()
        frames.join()
    assert slowest[0] < 0.05, slowest
    assert calm == [200] * 5
    assert len(statuses) == 1000 and set(statuses) <= {200, 429}
    allowed = statuses.count(200)
    # Burst 20 plus 10 a second while the flood lasts (a little slack for timing).
    assert 20 <= allowed <= 20 + 10 * seconds + 2, (allowed, seconds)
    tally = server.tally()
    assert tally.voters == 6 and sum(tally.counts) == 6
    print(
        f"\n1000 requests at once from one device, answered in {seconds:.2f} s: "
        f"{allowed} accepted, rest 429; "
        f"slowest tally() meanwhile {slowest[0] * 1000:.2f} ms"
    )


def test_websocket_garbage_gets_errors_then_the_socket_is_closed(server):
    server.open_vote("d", ["A", "B"])

    async def main() -> None:
        async with session() as http:
            phone = Phone(http, base(server), server.room_code, None)
            await phone.join()
            url = f"{base(server)}/ws?room={server.room_code}&token={phone.token}"
            async with http.ws_connect(url) as ws:
                assert (await ws.receive_json(timeout=5))["t"] == "state"
                for frame, error in [
                    ("not json", "bad_json"),
                    ("[1,2]", "bad_json"),
                    ('{"t": "hack"}', "bad_message"),
                    ('{"t": "vote", "ballot": 1, "choice": "x"}', "bad_choice"),
                    ('{"t": "vote", "ballot": 9, "choice": 0}', "stale_ballot"),
                ]:
                    await ws.send_str(frame)
                    assert await ws.receive_json(timeout=5) == {"t": "error", "error": error}
                await ws.send_bytes(b"\x00\x01\x02")
                assert await ws.receive_json(timeout=5) == {"t": "error", "error": "bad_frame"}
                await ws.send_str('{"t": "ping"}')
                assert await ws.receive_json(timeout=5) == {"t": "pong"}
            # An oversized frame ends the socket with "message too big".
            async with http.ws_connect(url) as ws:
                await ws.receive_json(timeout=5)
                await ws.send_str("x" * 10_000)
                msg = await ws.receive(timeout=5)
                assert msg.type == aiohttp.WSMsgType.CLOSE and msg.data == 1009
            # Endless garbage: error frames, then a policy close.
            async with http.ws_connect(url) as ws:
                await ws.receive_json(timeout=5)
                for _ in range(80):
                    await ws.send_str("{")
                closed = None
                while closed is None:
                    msg = await ws.receive(timeout=5)
                    if msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                        closed = msg.data
                assert closed == 1008
            async with http.ws_connect(f"{base(server)}/ws?room=X&token=Y") as ws:
                pytest.fail("socket opened with a wrong room")

    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        run(main())
    assert refused.value.status == 403

    async def still_votes() -> int:
        async with session() as http:
            phone = Phone(http, base(server), server.room_code, None)
            await phone.join()
            return (await phone.vote(server.tally().ballot, 0))[0]

    assert run(still_votes()) == 200


def test_stop_is_quick_even_with_silent_and_half_open_clients():
    server = start()

    async def main() -> float:
        async with session() as http:
            phone = Phone(http, base(server), server.room_code, None)
            await phone.join()
            # Sockets that never read: a WebSocket that ignores the close, a request half sent.
            silent = []
            for _ in range(20):
                r, w = await asyncio.open_connection("127.0.0.1", server.port)
                w.write(
                    f"GET /ws?room={server.room_code}&token={phone.token} HTTP/1.1\r\n"
                    "Host: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    "Sec-WebSocket-Version: 13\r\n\r\n".encode()
                )
                silent.append((r, w))
            r, w = await asyncio.open_connection("127.0.0.1", server.port)
            w.write(b"POST /api/vote HTTP/1.1\r\nHost: x\r\nContent-Length: 900\r\n\r\n{")
            silent.append((r, w))
            await asyncio.sleep(0.3)
            begin = time.perf_counter()
            await asyncio.to_thread(server.stop)
            took = time.perf_counter() - begin
            for _, w in silent:
                w.close()
            return took

    took = run(main())
    assert not server.running
    print(f"\nstop() with 21 silent clients: {took:.2f} s")
    assert took < 4.0, took
