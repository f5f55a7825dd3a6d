"""Phones voting over the room's network: 40 phones at once, changes, late votes, the
facilitator's PIN and commands, live updates and stopping. Server on 127.0.0.1 only."""

from __future__ import annotations

import asyncio
import json
import socket

import aiohttp
import pytest
from classroom_helpers import run, start

from bench.phones import Phone, session, vote_to_tally
from classroom import ClassServer


@pytest.fixture
def server():
    srv = start()
    yield srv
    srv.stop()


def base(server: ClassServer) -> str:
    return f"http://127.0.0.1:{server.port}"


def test_forty_phones_vote_at_once_each_vote_counted_once(server):
    result = vote_to_tally(server, phones=40)
    assert result.statuses == [200] * 40
    tally = server.tally()
    assert tally.voters == 40
    assert tally.counts == (14, 13, 13)  # phone i votes i % 3
    assert len(tally.named) == 40 and len({n for n, _ in tally.named}) == 40
    assert len(result.latencies) == 40
    print(
        f"\nvote -> tally(), 40 phones at once: median {result.median_ms:.1f} ms, "
        f"p99 {result.p99_ms:.1f} ms"
    )


def test_changes_replace_duplicates_count_once_late_votes_refused(server):
    ballot = server.open_vote("d1", ["A", "B", "C"], prompt={"id": "Apa?", "en": "What?"})

    async def main() -> None:
        async with session() as http:
            crowd = [Phone(http, base(server), server.room_code, None) for _ in range(40)]
            await asyncio.gather(*(p.join() for p in crowd))
            first = await asyncio.gather(*(p.vote(ballot, 0) for p in crowd))
            assert [s for s, _ in first] == [200] * 40
            # At once: 10 change to B, 10 send A again (a duplicate), 5 change twice (B then C).
            again = [p.vote(ballot, 1) for p in crowd[:10]] + [
                p.vote(ballot, 0) for p in crowd[10:20]
            ]
            assert all(s == 200 for s, _ in await asyncio.gather(*again))
            for p in crowd[20:25]:
                assert (await p.vote(ballot, 1))[0] == 200
                assert (await p.vote(ballot, 2))[1] == {"ok": True, "ballot": ballot, "mine": 2}
            assert server.tally().counts == (25, 10, 5)
            final = server.close_vote()
            assert final.counts == (25, 10, 5) and final.voters == 40 and not final.open
            late = await asyncio.gather(*(p.vote(ballot, 1) for p in crowd[:5]))
            assert late == [(409, {"error": "vote_closed"})] * 5
            assert server.tally().counts == (25, 10, 5)
            # A new ballot starts empty; a vote naming the old ballot is refused, not moved.
            second = server.open_vote("d2", ["X", "Y"])
            assert (await crowd[0].vote(ballot, 1)) == (409, {"error": "stale_ballot"})
            assert (await crowd[0].vote(second, 5))[1] == {"error": "bad_choice"}
            assert (await crowd[0].vote(second, True))[1] == {"error": "bad_choice"}
            assert (await crowd[0].vote(second, 1))[0] == 200
            assert server.tally().counts == (0, 1) and server.tally().decision_key == "d2"

    run(main())


def test_no_vote_before_one_is_opened_and_names_are_recorded(server):
    async def main() -> None:
        async with session() as http:
            budi = Phone(http, base(server), server.room_code, "Budi\x00 Santoso\n")
            anon = Phone(http, base(server), server.room_code, None)
            joined = await budi.join()
            await anon.join()
            assert joined["ballot"] is None
            assert await budi.vote(1, 0) == (409, {"error": "vote_closed"})
            ballot = server.open_vote("k", [{"label": {"id": "Ya", "en": "Yes"}, "key": "c1"}, "B"])
            assert (await budi.vote(ballot, 0))[0] == 200
            assert (await anon.vote(ballot, 1))[0] == 200
            # Rejoining with the stored token keeps the device (and its vote).
            budi.name = "Budi S."
            again = await budi.join()
            assert again["known"] is True and again["mine"] == 0
            assert again["options"] == [{"id": "Ya", "en": "Yes"}, {"id": "B", "en": "B"}]
            # The polling fallback gives the same view as the socket.
            query = f"?room={server.room_code.lower()}&token={budi.token}"
            async with http.get(base(server) + "/api/state" + query) as r:
                assert (await r.json())["mine"] == 0 and "counts" not in await r.text()

    run(main())
    tally = server.tally()
    assert tally.options == ("c1", "1") and tally.counts == (1, 1)
    assert tally.named == (("Budi S.", 0),)
    people = server.participants()
    assert sorted(p.name or "" for p in people) == ["", "Budi S."]
    assert all(p.voted for p in people)


def test_bad_options_are_refused_before_anything_opens(server):
    with pytest.raises(ValueError, match="options"):
        server.open_vote("k", [])
    with pytest.raises(ValueError, match=r"options\[0\]"):
        server.open_vote("k", [{"label": 5}])
    with pytest.raises(ValueError, match="decision_key"):
        server.open_vote("", ["A"])
    assert server.tally().ballot == 0


def test_facilitator_needs_the_pin_then_sees_notes_and_sends_commands(server):
    notes = "Tanyakan kapan batas waktu pelaporan dimulai."
    server.publish_state({"notes": notes, "questions": ["Mengapa?"], "timer": {"remaining": 90}})
    server.open_vote("d", ["A", "B"])

    async def main() -> None:
        async with aiohttp.ClientSession() as http:
            url = base(server)
            async with http.post(
                url + "/api/facil/login", json={"room": server.room_code, "pin": "000000x"}
            ) as r:
                assert r.status == 403
                text = await r.text()
                assert json.loads(text) == {"error": "wrong_pin", "detail": "wrong PIN"}
                assert "Tanyakan" not in text
            async with http.get(url + "/api/facil/state?ftoken=guess") as r:
                assert r.status == 403 and "Tanyakan" not in await r.text()
            forged = {"ftoken": "x", "kind": "next"}
            async with http.post(url + "/api/facil/command", json=forged) as r:
                assert r.status == 403
            async with http.ws_connect(url + "/ws/f?ftoken=guess") as ws:
                pytest.fail(f"socket opened without a PIN: {ws}")

    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        run(main())
    assert refused.value.status == 403
    assert server.poll_commands() == []

    async def login() -> None:
        async with aiohttp.ClientSession() as http:
            url = base(server)
            body = {"room": server.room_code, "pin": server.pin}
            async with http.post(url + "/api/facil/login", json=body) as r:
                assert r.status == 200
                view = await r.json()
            assert view["state"]["notes"] == notes
            assert view["ballot"]["options"] == [{"id": "A", "en": "A"}, {"id": "B", "en": "B"}]
            ftoken = view["ftoken"]
            for kind, arg in [("close_vote", None), ("tie_pick", 1), ("next", 7)]:
                body = {"ftoken": ftoken, "kind": kind, "arg": arg}
                async with http.post(url + "/api/facil/command", json=body) as r:
                    assert r.status == 200, await r.text()
            bad = [("rm -rf", None, "bad_command"), ("tie_pick", 2, "bad_argument")]
            for kind, arg, error in bad:
                body = {"ftoken": ftoken, "kind": kind, "arg": arg}
                async with http.post(url + "/api/facil/command", json=body) as r:
                    assert (r.status, (await r.json())["error"]) == (400, error)
            async with http.ws_connect(url + f"/ws/f?ftoken={ftoken}") as ws:
                first = await ws.receive_json(timeout=5)
                assert first["t"] == "state" and first["state"]["questions"] == ["Mengapa?"]
                await ws.send_json({"t": "command", "kind": "reveal"})
                assert (await ws.receive_json(timeout=5))["t"] == "queued"
                server.publish_state({"notes": "baru"})  # pushed without asking
                pushed = await ws.receive_json(timeout=5)
                assert pushed["state"] == {"notes": "baru"}
                for _ in range(30):  # the game publishes every frame; unchanged, nothing moves
                    server.publish_state({"notes": "baru"})
                with pytest.raises(asyncio.TimeoutError):
                    await ws.receive_json(timeout=0.5)
                server.publish_state({"notes": "lagi"})
                assert (await ws.receive_json(timeout=5))["state"] == {"notes": "lagi"}

    run(login())
    assert [(c.kind, c.arg) for c in server.poll_commands()] == [
        ("close_vote", None),
        ("tie_pick", 1),
        ("next", None),
        ("reveal", None),
    ]
    assert server.poll_commands() == []


def test_pin_guessing_is_rate_limited(server):
    async def main() -> list[int]:
        async with aiohttp.ClientSession() as http:
            out = []
            for pin in ["١٢٣٤٥٦", "\ud800", *(f"{n:06d}" for n in range(6))]:
                body = {"room": server.room_code, "pin": pin}
                async with http.post(base(server) + "/api/facil/login", json=body) as r:
                    out.append(r.status)
            body = {"room": server.room_code, "pin": server.pin}
            async with http.post(base(server) + "/api/facil/login", json=body) as r:
                out.append(r.status)
            return out

    statuses = run(main())
    assert statuses == [403] * 5 + [429] * 4  # the right PIN too must wait


def test_phone_socket_pushes_the_opened_vote_and_takes_votes(server):
    async def main() -> None:
        async with session() as http:
            phone = Phone(http, base(server), server.room_code, "Sari")
            await phone.join()
            url = f"{base(server)}/ws?room={server.room_code}&token={phone.token}"
            async with http.ws_connect(url) as ws:
                assert (await ws.receive_json(timeout=5)) == {"t": "state", "ballot": None}
                ballot = await asyncio.to_thread(server.open_vote, "d", ["A", "B"], "Pilih")
                pushed = await ws.receive_json(timeout=5)
                assert pushed["ballot"] == ballot and pushed["open"] and pushed["mine"] is None
                await ws.send_json({"t": "vote", "ballot": ballot, "choice": 1})
                assert (await ws.receive_json(timeout=5))["mine"] == 1
                await asyncio.to_thread(server.close_vote)
                assert (await ws.receive_json(timeout=5))["open"] is False
                await ws.send_json({"t": "vote", "ballot": ballot, "choice": 0})
                assert await ws.receive_json(timeout=5) == {"t": "error", "error": "vote_closed"}

    run(main())
    assert server.tally().counts == (0, 1)


def test_stop_closes_sockets_and_the_port():
    server = start()

    async def main() -> None:
        async with session() as http:
            phone = Phone(http, base(server), server.room_code, None)
            await phone.join()
            url = f"{base(server)}/ws?room={server.room_code}&token={phone.token}"
            async with http.ws_connect(url) as ws:
                await ws.receive_json(timeout=5)
                await asyncio.to_thread(server.stop)
                msg = await ws.receive(timeout=5)
                assert msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)

    run(main())
    assert not server.running
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=2).close()
    server.stop()  # twice is harmless
    server.open_vote("after", ["A"])  # the game may still call it; nothing listens
    assert server.tally().decision_key == "after"


def test_publish_state_must_be_small_json(server):
    with pytest.raises(TypeError):
        server.publish_state({"x": object()})
    with pytest.raises(ValueError, match="65536 bytes"):
        server.publish_state({"notes": "x" * 70_000})


def test_python_m_classroom_serves_a_demo_vote_on_its_own():
    import subprocess
    import sys
    import urllib.request

    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "classroom",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--seconds",
            "20",
            "--vote",
            "Ya",
            "Tidak",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        join_url = proc.stdout.readline().split()[-1]
        room = join_url.rsplit("=", 1)[1]
        api = join_url.split("?")[0] + "api/"

        def post(path: str, body: dict) -> dict:
            request = urllib.request.Request(
                api + path, json.dumps(body).encode(), {"Content-Type": "application/json"}
            )
            with urllib.request.urlopen(request, timeout=5) as r:
                return json.loads(r.read())

        token = post("join", {"room": room, "name": "Uji"})["token"]
        assert post("vote", {"room": room, "token": token, "ballot": 1, "choice": 1})["ok"]
        seen = next(line for line in proc.stdout if "'Uji': 1" in line)
        assert "[0, 1]" in seen
    finally:
        proc.terminate()
        proc.wait(10)
