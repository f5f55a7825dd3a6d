"""The game's Lesson driven by the real phone server: phones and hands add up, the
facilitator's phone steers the lesson, and the named votes reach the records."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
from classroom_helpers import run, start

from bench.phones import Phone, session
from engine.loader import load_library
from engine.play import Play
from engine.records import Records
from game.lesson import Lesson

KELAS = Path(__file__).parent / "fixtures" / "classroom" / "kelas.yaml"


def test_a_lesson_runs_on_phone_votes_and_facilitator_commands(tmp_path):
    records = Records.open(tmp_path)
    server = start()
    try:
        player = records.player("Kelas LATSAR-7", group="LATSAR-7")
        play = Play.begin(
            load_library([KELAS]), "kelas", records=records, player=player, mode="classroom", seed=3
        )
        lesson = Lesson(play, server)
        base = f"http://127.0.0.1:{server.port}"
        assert lesson.open_vote()
        assert server.tally().decision_key == lesson.decision_key and server.tally().open

        async def phones_and_facilitator() -> None:
            async with session() as http:
                crowd = [
                    Phone(http, base, server.room_code, name)
                    for name in ("Ani", "Budi", "Citra", None)
                ]
                await asyncio.gather(*(p.join() for p in crowd))
                ballot = server.tally().ballot
                votes = await asyncio.gather(
                    *(p.vote(ballot, c) for p, c in zip(crowd, (1, 1, 0, 1), strict=True))
                )
                assert [s for s, _ in votes] == [200] * 4
                lesson.set_hands(2, 2)  # two people without a phone
                assert lesson.live().counts == (1, 3, 2)

                async with aiohttp.ClientSession() as fac:
                    body = {"room": server.room_code, "pin": server.pin}
                    async with fac.post(base + "/api/facil/login", json=body) as r:
                        ftoken = (await r.json())["ftoken"]

                    async def command(kind: str) -> None:
                        body = {"ftoken": ftoken, "kind": kind}
                        async with fac.post(base + "/api/facil/command", json=body) as r:
                            assert r.status == 200
                        lesson.tick(0.0)  # the frame loop's thread, which owns the records

                    await command("close_vote")
                    assert lesson.phase == "closed" and lesson.final.counts == (1, 3, 2)
                    assert (await crowd[2].vote(ballot, 2)) == (409, {"error": "vote_closed"})
                    server.publish_state(lesson.facilitator_state("id"))
                    async with fac.get(base + f"/api/facil/state?ftoken={ftoken}") as r:
                        view = await r.json()
                    assert view["state"]["counts"] == [1, 3, 2]
                    assert "batas waktu pelaporan" in view["state"]["notes"][0]["id"]
                    await command("reveal")
                    assert lesson.phase == "reveal" and lesson.played == 1
                    await command("next")
                    assert lesson.phase == "situation" and len(lesson.outcomes) == 1

        run(phones_and_facilitator())
        (decision,) = records.decisions(lesson.play.session_id)
        assert sorted(decision.votes.hands.values()) == [1, 2, 3]
        named = dict(decision.votes.named)
        assert set(named) == {"Ani", "Budi", "Citra"}
        assert named["Ani"] == named["Budi"] != named["Citra"]  # same shown option, same choice
    finally:
        server.stop()
        records.close()
