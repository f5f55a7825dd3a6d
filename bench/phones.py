"""Simulated phones for the classroom server: aiohttp clients that join and vote at once.

Shared by the tests (correctness) and the benchmark (the time from a phone's vote to the
game seeing it in ``ClassServer.tally()``).
"""

from __future__ import annotations

import asyncio
import statistics
import threading
import time
from dataclasses import dataclass, field

import aiohttp

from classroom import ClassServer


class Phone:
    """One participant's device: a token from /api/join, then votes."""

    def __init__(self, http: aiohttp.ClientSession, base: str, room: str, name: str | None):
        self.http, self.base, self.room, self.name = http, base.rstrip("/"), room, name
        self.token: str | None = None

    async def post(self, path: str, body: dict) -> tuple[int, dict]:
        async with self.http.post(self.base + path, json=body) as r:
            return r.status, await r.json()

    async def join(self) -> dict:
        status, body = await self.post(
            "/api/join", {"room": self.room, "token": self.token, "name": self.name}
        )
        assert status == 200, body
        self.token = body["token"]
        return body

    async def vote(self, ballot: int, choice: int) -> tuple[int, dict]:
        body = {"room": self.room, "token": self.token, "ballot": ballot, "choice": choice}
        return await self.post("/api/vote", body)


def session() -> aiohttp.ClientSession:
    """A client session with room for every phone's connection at once."""
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0, force_close=False))


@dataclass
class VoteRun:
    """What 40 phones voting at once gave: each vote's status and its time to the tally."""

    statuses: list[int] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)  # seconds, vote sent -> in tally()
    round_trips: list[float] = field(default_factory=list)  # seconds, vote sent -> answered

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p99_ms(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))] * 1000


def vote_to_tally(server: ClassServer, phones: int = 40, poll: float = 0.001) -> VoteRun:
    """Phones join, then all vote at once from a client thread while this thread polls
    ``server.tally()`` like the game's frame loop (every ``poll`` s) and notes when each
    phone's vote first shows (phones are named, so ``tally().named`` tells them apart)."""
    base, room = server.url.replace(server.advertised_host, "127.0.0.1"), server.room_code
    joined, go = threading.Event(), threading.Event()
    sent: dict[str, float] = {}
    run = VoteRun()
    failure: list[BaseException] = []
    ballot = server.open_vote("bench", ["A", "B", "C"])

    async def phones_main() -> None:
        async with session() as http:
            crowd = [Phone(http, base, room, f"HP-{i:02d}") for i in range(phones)]
            await asyncio.gather(*(p.join() for p in crowd))
            joined.set()
            while not go.is_set():
                await asyncio.sleep(0.001)

            async def one(i: int, p: Phone) -> None:
                sent[p.name] = time.perf_counter()
                status, _ = await p.vote(ballot, i % 3)
                run.round_trips.append(time.perf_counter() - sent[p.name])
                run.statuses.append(status)

            await asyncio.gather(*(one(i, p) for i, p in enumerate(crowd)))

    def client() -> None:
        try:
            asyncio.run(phones_main())
        except BaseException as exc:
            failure.append(exc)
            joined.set()

    thread = threading.Thread(target=client, name="phones")
    thread.start()
    joined.wait(30)
    seen: dict[str, float] = {}
    go.set()
    deadline = time.perf_counter() + 30
    while len(seen) < phones and time.perf_counter() < deadline and not failure:
        now = time.perf_counter()
        for name, _choice in server.tally().named:
            seen.setdefault(name, now)
        time.sleep(poll)
    thread.join(30)
    if failure:
        raise failure[0]
    run.latencies = [seen[name] - sent[name] for name in sent if name in seen]
    return run


def ping_round_trips(server: ClassServer, phones: int = 40) -> list[float]:
    """Baseline: the same number of concurrent requests to a handler that does nothing."""
    base = server.url.replace(server.advertised_host, "127.0.0.1").rstrip("/")

    async def main() -> list[float]:
        async with session() as http:

            async def one() -> float:
                start = time.perf_counter()
                async with http.get(base + "/api/ping") as r:
                    await r.read()
                return time.perf_counter() - start

            await asyncio.gather(*(one() for _ in range(phones)))  # open the connections
            return list(await asyncio.gather(*(one() for _ in range(phones))))

    return asyncio.run(main())
