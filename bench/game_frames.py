"""Frame time per scene at 1920x1080 (median over 300 frames, dummy video driver).

``python bench/game_frames.py`` prints the start-up time to the first frame, then per scene
the median and 95th-percentile frame time and how many text renders the steady frames did
(0 means every block came from the cache).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.app import App
from game.driver import click, frames

SIZE = (1920, 1080)
FRAMES = 300


def measure(app: App, name: str) -> None:
    frames(app, 40)  # let the scene settle (animations, first renders)
    renders = app.text.renders
    times = []
    for _ in range(FRAMES):
        start = time.perf_counter()
        app.step()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95)]
    steady = app.text.renders - renders
    print(
        f"{name:10s} median {statistics.median(times):6.2f} ms  p95 {p95:6.2f} ms  renders {steady}"
    )


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        app = App(None, SIZE, config=Path(tmp), data=Path(tmp), fps=0, fixed_dt=1 / 30)
        app.step()
        print(f"start-up to first frame: {(time.perf_counter() - started) * 1000:.0f} ms")
        measure(app, "title")
        click(app, "start")
        measure(app, "list")
        click(app, f"play-{sorted(app.library.stories)[0]}")
        measure(app, "play")
        click(app, "choice-1")
        measure(app, "outcome")
        while app.scene.name in ("play", "outcome"):
            click(app, "choice-1" if app.scene.name == "play" else "continue")
        measure(app, "debrief")
        click(app, next(t.key for t in app.scene.targets if "-rule-" in t.key))
        measure(app, "rulebook")
        click(app, "back")
        click(app, "list")
        click(app, "back")
        click(app, "settings")
        measure(app, "settings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
