"""Whole-process figures: start to first frame, and peak memory with the library loaded.

Each figure comes from a fresh child process, so imports, font loading and the library
load are all counted, exactly as a participant double-clicking the game would pay them.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1920, 1080)

# The child prints one line once its first frame is on screen (or its imports are done).
GAME_FIRST_FRAME = f"""
import sys, tempfile
from pathlib import Path
from game.app import App
tmp = tempfile.mkdtemp()
app = App(None, {SIZE}, config=Path(tmp), data=Path(tmp), fps=0)
app.step()
print("ready", len(app.library.stories), flush=True)
"""
BARE_FIRST_FRAME = f"""
import pygame
pygame.display.set_mode({SIZE})
pygame.display.flip()
print("ready", flush=True)
"""
# Peak RSS in KiB. Linux's ru_maxrss carries the parent's peak over fork + exec (a child of a
# 500 MB benchmark reports 500 MB), so the child's own VmHWM is read where /proc exists.
PEAK_KIB = """
import resource
try:
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    print(int(line.split()[1]), flush=True)
except (OSError, StopIteration):
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""
GAME_RSS = GAME_FIRST_FRAME + PEAK_KIB
BARE_RSS = 'import pygame, pydantic, yaml\nprint("ready", flush=True)\n' + PEAK_KIB


def _env() -> dict[str, str]:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    env["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    env["PYTHONPATH"] = str(ROOT)
    return env


def _run(code: str) -> tuple[float, list[str]]:
    """Seconds from spawning ``code`` until it says ready, and all it printed."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    ready = time.perf_counter() - start
    rest = proc.stdout.read().splitlines()
    if proc.wait() != 0 or not first.startswith("ready"):
        raise RuntimeError(f"benchmark child failed: {first!r} {rest!r}")
    return ready, [first.strip(), *rest]


def startup_seconds(repeats: int) -> tuple[float, float]:
    """Median start-to-first-frame of the game and of a bare pygame window."""
    _run(BARE_FIRST_FRAME)  # warm the OS file cache for both
    _run(GAME_FIRST_FRAME)
    game = [_run(GAME_FIRST_FRAME)[0] for _ in range(repeats)]
    bare = [_run(BARE_FIRST_FRAME)[0] for _ in range(repeats)]
    return statistics.median(game), statistics.median(bare)


def peak_rss_mb(repeats: int) -> tuple[float, float, int]:
    """Median peak RSS (MB) of the game after its first frame, of the bare imports, and
    how many scenarios the game had loaded."""
    game, bare, stories = [], [], 0
    for _ in range(repeats):
        _, lines = _run(GAME_RSS)
        stories = int(lines[0].split()[1])
        game.append(int(lines[-1]) / 1024)
        bare.append(int(_run(BARE_RSS)[1][-1]) / 1024)
    return statistics.median(game), statistics.median(bare), stories
