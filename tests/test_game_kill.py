"""SIGKILL the real game (``python main.py`` under Xvfb) in the middle of a scenario.

The records must open cleanly afterwards, an earlier finished session must be intact, and
the next start must offer to resume the killed play at the node it had reached.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import time

import pytest
from game_helpers import click, frames, make_app
from test_game_window import need_tools, real_game, xdo

from engine.records import Records

pytestmark = pytest.mark.slow  # a real process, window or 10,000 events: CI runs it


def finished_session(data, library) -> tuple[int, str, dict[str, int], int]:
    """Play gratifikasi to its end through the records API, as an earlier game would have."""
    with Records.open(data) as records:
        rec = records.begin(library, "gratifikasi", records.player("Ani", group="LATSAR-7"))
        while not rec.finished:
            rec.choose(0)
        row = records.session(rec.session_id)
        return row.id, row.ending, row.scores, len(records.decisions(row.id))


def one_decision_taken(data) -> bool:
    """Whether the running game has committed a decision of an unfinished session."""
    with Records.open(data) as records:
        saved = records.unfinished()
        return saved is not None and bool(records.decisions(saved.id))


def test_sigkill_mid_scenario_then_the_next_start_resumes(tmp_path, library):
    need_tools()
    data = tmp_path / "data"
    earlier = finished_session(data, library)
    with real_game(tmp_path, data, "Budi") as (game, env):
        xdo(env, "key", "Return")  # the first scenario
        for _ in range(20):  # "1" picks; where the text needs two steps, Return opens choices
            time.sleep(0.3)
            xdo(env, "key", "1")
            time.sleep(0.3)
            if one_decision_taken(data):
                break
            xdo(env, "key", "Return")
        assert one_decision_taken(data)
        os.kill(game.pid, signal.SIGKILL)
        assert game.wait(timeout=10) == -signal.SIGKILL

    with sqlite3.connect(data / "records.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with Records.open(data) as records:  # opens cleanly: no error, no recovery needed
        assert records.backup is None
        first = records.session(earlier[0])
        assert (first.id, first.ending, first.scores) == earlier[:3]
        assert len(records.decisions(first.id)) == earlier[3]
        saved = records.unfinished()
        assert saved is not None and saved.player.name == "Budi"
        assert len(records.sessions()) == 2
        node = json.loads(saved.state)["node"]

    again = make_app(tmp_path, scenarios=[])  # the next start, on the same data folder
    frames(again)
    assert again.scene.name == "resume"
    click(again, "resume-yes")
    assert again.scene.name == "play" and again.scene.view.node_id == node
    assert again.scene.story_id == saved.scenario_id and len(again.scene.play.history) == 1
