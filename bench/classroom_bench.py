"""Classroom figures: the time from a phone's vote to the game seeing it in ``tally()``.

40 simulated phones (aiohttp clients on 127.0.0.1) vote at once while this thread polls
``ClassServer.tally()`` every millisecond, as the game's frame loop would (a 60 Hz frame adds
up to 17 ms on top). The baseline is 40 concurrent requests to a handler that does nothing.
"""

from __future__ import annotations

import statistics

from bench.engine_bench import Row
from bench.phones import ping_round_trips, vote_to_tally
from classroom import ClassServer

PHONES = 40
MEDIAN_TARGET_MS = 100.0
P99_TARGET_MS = 250.0


def classroom_rows(repeats: int) -> list[Row]:
    medians, p99s, pings = [], [], []
    for _ in range(repeats):
        server = ClassServer.start("127.0.0.1", 0)
        try:
            run = vote_to_tally(server, PHONES)
            assert run.statuses == [200] * PHONES and server.tally().voters == PHONES
            medians.append(run.median_ms)
            p99s.append(run.p99_ms)
            pings.append(statistics.median(ping_round_trips(server, PHONES)) * 1000)
        finally:
            server.stop()
    median, p99, ping = (statistics.median(x) for x in (medians, p99s, pings))
    base = f"{PHONES} concurrent pings (round trip)"
    return [
        Row(
            f"vote -> tally(), {PHONES} phones at once (median)",
            median,
            "ms",
            f"<= {MEDIAN_TARGET_MS:g} ms",
            median <= MEDIAN_TARGET_MS,
            base,
            ping,
        ),
        Row(
            f"vote -> tally(), {PHONES} phones at once (p99)",
            p99,
            "ms",
            f"<= {P99_TARGET_MS:g} ms",
            p99 <= P99_TARGET_MS,
            base,
            ping,
        ),
    ]
