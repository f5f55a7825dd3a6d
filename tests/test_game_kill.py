"""SIGKILL the real game (``python main.py`` under Xvfb) in the middle of a scenario.

The records must open cleanly afterwards, an earlier finished session must be intact, and
the next start must offer to resume the killed play at the node it had reached.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from game_helpers import click, find, frames, make_app
from test_game_window import ROOT, need_tools, wait_for, xdo

from engine.records import Records


def finished_session(data, library) -> tuple[int, str, dict[str, int], int]:
    """Play gratifikasi to its end through the records API, as an earlier game would have."""
    with Records.open(data) as records:
        rec = records.begin(library, "gratifikasi", records.player("Ani", group="LATSAR-7"))
        while not rec.session.finished:
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
    probe = make_app(tmp_path / "probe", size=(1280, 720), scenarios=[])
    start_button = find(probe, "start").rect
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    game = None
    try:
        env = {
            **os.environ,
            "DISPLAY": ":" + xvfb.stdout.readline().decode().strip(),
            "SDL_VIDEODRIVER": "x11",
            "SDL_AUDIODRIVER": "dummy",
            "BERAKHLAK_CONFIG_DIR": str(tmp_path / "config"),
            "BERAKHLAK_DATA_DIR": str(data),
        }
        game = subprocess.Popen([sys.executable, "main.py"], cwd=ROOT, env=env)
        window = wait_for(
            lambda: xdo(env, "search", "--pid", str(game.pid)).split(), 20, "the window"
        )[-1]
        time.sleep(0.5)
        xdo(env, "windowfocus", "--sync", window)
        x, y = start_button.center
        xdo(env, "mousemove", "--window", window, str(x), str(y))
        xdo(env, "click", "1")  # "Main sendiri": the earlier play is finished, no resume offer
        time.sleep(0.3)
        xdo(env, "type", "--delay", "30", "Budi")
        xdo(env, "key", "Return")  # -> the scenario list
        time.sleep(0.3)
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
    finally:
        if game is not None and game.poll() is None:
            game.kill()
        xvfb.terminate()
        xvfb.wait(timeout=10)

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
    assert again.scene.story_id == saved.scenario_id and len(again.scene.session.history) == 1
