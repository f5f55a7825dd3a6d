"""A real window: Xvfb + xdotool start ``python main.py``, click and type to the debrief.

Skips only when Xvfb/xdotool are missing and CI is not set; under CI it must run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from game_helpers import find, make_app
from polling import until

pytestmark = pytest.mark.slow  # a real process, window or 10,000 events: CI runs it

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ("Xvfb", "xdotool", "import")


def need_tools() -> None:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing and not os.environ.get("CI"):
        pytest.skip(
            f"not installed: {', '.join(missing)} (apt-get install xvfb xdotool imagemagick)"
        )
    assert not missing, f"CI must have {missing} installed"


def xdo(env, *args: str) -> str:
    done = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=10)
    return done.stdout.strip()


@contextmanager
def real_game(
    tmp_path: Path, data: Path, player: str, mode: str = "start"
) -> Iterator[tuple[subprocess.Popen, dict]]:
    """``python main.py`` in a real X window (Xvfb), started as ``player`` (or, with
    mode="classroom", as a class with that group code) up to the scenario list; yields the
    process and the environment for xdotool. Both are ended afterwards."""
    need_tools()
    start_button = find(make_app(tmp_path / "probe", size=(1280, 720), scenarios=[]), mode).rect
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
        pid = str(game.pid)
        until(lambda: xdo(env, "search", "--onlyvisible", "--pid", pid).split(), 20, "a window")
        title = settled(env)
        # SDL may replace its first window while it sets the mode: ask again once drawn
        window = xdo(env, "search", "--onlyvisible", "--pid", pid).split()[-1]
        xdo(env, "windowfocus", "--sync", window)
        x, y = start_button.center
        xdo(env, "mousemove", "--window", window, str(x), str(y))
        xdo(env, "click", "1")  # "Main sendiri" (or "Mode kelas") -> who is playing?
        entry = settled(env, unlike=title)
        xdo(env, "type", "--delay", "30", player)
        xdo(env, "key", "Return")  # -> the scenario list
        # The name entry creates the player on Return.
        until(lambda: player_known(data, player), 20, f"the player {player!r}")
        settled(env, unlike=entry)
        yield game, env
    finally:
        if game is not None and game.poll() is None:
            game.kill()
        xvfb.terminate()
        xvfb.wait(timeout=10)


def screen(env) -> bytes:
    """The display's pixels now (raw RGB through ImageMagick's import of the root window:
    the game is all there is on this Xvfb, and a window id can go stale). b"" if it fails."""
    try:
        done = subprocess.run(
            ["import", "-window", "root", "rgb:-"], env=env, capture_output=True, timeout=10
        )
    except subprocess.TimeoutExpired:
        return b""
    return done.stdout if done.returncode == 0 else b""


def drawn(pixels: bytes) -> bool:
    """Whether a capture shows a drawn scene, not a blank display or a window not yet
    painted (one colour): sampled, since a capture is megabytes."""
    return len(set(pixels[::1031])) > 4


def settled(env, unlike: bytes = b"", seconds: float = 30) -> bytes:
    """The display's pixels once they differ from ``unlike`` and have held still for 0.3 s.

    A busy machine can take seconds to draw a scene: clicks and keys sent before it is there
    go to the scene before it (a missed click, or typed letters read as shortcuts)."""
    end = time.monotonic() + seconds
    last, since = b"", time.monotonic()
    while time.monotonic() < end:
        now = screen(env)
        if now != last:
            last, since = now, time.monotonic()
        elif drawn(now) and now != unlike and time.monotonic() - since >= 0.3:
            return now
        time.sleep(0.05)
    raise AssertionError("timed out waiting for the display to settle")


def player_known(data: Path, name: str) -> bool:
    """Whether the records hold a player called ``name`` (or a class with that group)."""
    path = data / "records.sqlite3"
    if not path.exists():
        return False
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        try:
            row = conn.execute(
                "SELECT count(*) FROM players WHERE name = ? OR group_code = ?", (name, name)
            )
            return int(row.fetchone()[0]) > 0
        except sqlite3.Error:
            return False


def finished_plays(data: Path) -> int:
    """Finished sessions in the records, read without disturbing the running game."""
    path = data / "records.sqlite3"
    if not path.exists():
        return 0
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        try:
            row = conn.execute("SELECT count(*) FROM sessions WHERE finished_at IS NOT NULL")
            return int(row.fetchone()[0])
        except sqlite3.Error:
            return 0


def test_real_window_play_to_the_debrief(tmp_path):
    with real_game(tmp_path, tmp_path / "data", "Ani") as (game, env):
        xdo(env, "key", "Return")  # the first scenario
        exports = tmp_path / "data" / "exports"
        for _ in range(60):  # pick 1, continue, until the records say the play has ended
            if finished_plays(tmp_path / "data"):
                break
            time.sleep(0.15)
            xdo(env, "key", "1")
            time.sleep(0.15)
            xdo(env, "key", "Return")
        assert finished_plays(tmp_path / "data") == 1
        settled(env)  # the debrief drawn, before keys meant for it
        xdo(env, "key", "shift+Tab")  # the debrief's focus starts on "scenarios" (Enter
        xdo(env, "key", "shift+Tab")  # must not save a file): back over "again" to "Save PNG"
        xdo(env, "key", "Return")
        until(lambda: exports.exists() and any(exports.glob("debrief-*.png")), 10, "the export")
        out = Path(os.environ.get("BERAKHLAK_SCREENSHOTS", tmp_path))
        out.mkdir(parents=True, exist_ok=True)
        shot = out / "xvfb-debrief.png"
        subprocess.run(["import", "-window", "root", str(shot)], env=env, check=True, timeout=20)
        assert shot.stat().st_size > 10_000
        xdo(env, "key", "Escape")
        xdo(env, "key", "Escape")
        xdo(env, "key", "Escape")  # list -> title -> quit
        assert game.wait(timeout=10) == 0


def test_real_windows_classroom_projector_and_console(tmp_path):
    """Two windows of one game under Xvfb: the projector view and the facilitator's console
    (Xvfb has one display, so both share it; which display gets which is tested in
    test_game_classroom.py against a faked list)."""
    data = tmp_path / "data"
    with real_game(tmp_path, data, "LATSAR-7", mode="classroom") as (game, env):
        listed = screen(env)
        xdo(env, "key", "Return")  # the first scenario, played by the class
        settled(env, unlike=listed)
        before = xdo(env, "search", "--onlyvisible", "--pid", str(game.pid)).split()
        xdo(env, "key", "c")  # the console window
        windows = until(
            lambda: (
                (found := xdo(env, "search", "--onlyvisible", "--pid", str(game.pid)).split())
                and len(found) > len(before)
                and found
            ),
            10,
            "the console window",
        )
        assert len(windows) == len(before) + 1

        def names() -> set[str]:
            shown = xdo(env, "search", "--onlyvisible", "--pid", str(game.pid)).split()
            return {xdo(env, "getwindowname", w) for w in shown}

        until(lambda: "Konsol fasilitator" in names(), 10, "the console's title")
        out = Path(os.environ.get("BERAKHLAK_SCREENSHOTS", tmp_path))
        out.mkdir(parents=True, exist_ok=True)
        shot = out / "xvfb-classroom.png"
        subprocess.run(["import", "-window", "root", str(shot)], env=env, check=True, timeout=20)
        assert shot.stat().st_size > 10_000
        xdo(env, "key", "c")  # closed again
        until(
            lambda: (
                len(xdo(env, "search", "--onlyvisible", "--pid", str(game.pid)).split())
                == len(before)
            ),
            10,
            "the console to close",
        )
        assert game.poll() is None  # the game runs on
