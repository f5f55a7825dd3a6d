"""Frame time per scene at 1920x1080 (median over 300 frames, dummy video driver).

``python bench/game_frames.py`` prints, per scene, the median and 95th-percentile time of a
steady frame (no input, nothing moving), of a full redraw (what a frame costs after input,
with the crossfade between scenes running),
and how many text renders the steady frames did (0 means nothing was re-rendered).
``scene_figures()`` returns the same figures for ``python -m bench``.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pygame

from game.app import App
from game.driver import choose, click, frames, press, start_classroom, type_text

SIZE = (1920, 1080)
FRAMES = 300
SETTLE = 120  # frames for animations to finish (4 s at the fixed 1/30 s step)


@dataclass(frozen=True)
class SceneFigures:
    """One scene: steady frame and forced redraw times (ms), and text renders."""

    scene: str
    median_ms: float
    p95_ms: float
    redraw_ms: float
    steady_renders: int  # in steady frames and forced redraws: both should come from the cache
    first_renders: int


def _times(fn: Callable[[], object], n: int) -> list[float]:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def measure(app: App, name: str, first_renders: int) -> SceneFigures:
    frames(app, SETTLE)
    renders = app.text.renders
    steady = _times(app.step, FRAMES)
    steady_renders = app.text.renders - renders

    app.begin_transition(force=True)  # the frame kept once, as a scene change does

    def redraw() -> None:  # with a scene transition running: the heaviest redraw
        app.begin_transition(force=True, capture=False)
        app.advance_transition(0.05)  # mid-fade: the old frame blended over the new one
        app.draw()
        pygame.display.flip()

    renders = app.text.renders
    full = _times(redraw, FRAMES // 3)
    steady_renders += app.text.renders - renders
    return SceneFigures(
        name,
        statistics.median(steady),
        steady[int(len(steady) * 0.95)],
        statistics.median(full),
        steady_renders,
        first_renders,
    )


def scene_figures() -> list[SceneFigures]:
    """Walk every scene a session meets (individual and classroom), measuring each."""
    out: list[SceneFigures] = []
    with tempfile.TemporaryDirectory() as tmp:
        app = App(
            None,
            SIZE,
            config=Path(tmp),
            data=Path(tmp),
            fps=0,
            fixed_dt=1 / 30,
            class_server=False,
        )
        story = sorted(app.library.stories)[0]

        def visit(name: str, go: Callable[[], None]) -> None:
            before = app.text.renders
            go()
            assert app.scene.name == name.split()[-1], (name, app.scene.name)
            out.append(measure(app, name, app.text.renders - before))

        def enter_player() -> None:
            click(app, "field-name")
            type_text(app, "Pemain Uji")
            click(app, "entry-ok")

        def to_debrief() -> None:
            while app.scene.name in ("play", "outcome"):
                choose(app, 1) if app.scene.name == "play" else click(app, "continue")

        def to_title() -> None:
            while app.scene.name != "title":
                press(app, pygame.K_ESCAPE)

        visit("title", lambda: frames(app, 1))
        visit("name_entry", lambda: click(app, "start"))
        visit("scenario_list", enter_player)
        visit("play", lambda: click(app, f"play-{story}"))
        visit("outcome", lambda: choose(app, 1))
        visit("debrief", to_debrief)
        rule = next(t.key for t in app.scene.targets if "-rule-" in t.key)
        visit("rulebook", lambda: click(app, rule))
        to_title()
        visit("settings", lambda: click(app, "settings"))
        to_title()
        visit("report", lambda: click(app, "report"))
        to_title()
        visit(
            "classroom class_play",
            lambda: (start_classroom(app, "kelas-a"), click(app, f"play-{story}")),
        )
        if app.records is not None:
            app.records.close()
    return out


def empty_frame_ms(size: tuple[int, int] = SIZE, n: int = FRAMES) -> float:
    """The floor of any frame: fill the window and flip, at the same size."""
    pygame.init()
    screen = pygame.display.set_mode(size)

    def frame() -> None:
        screen.fill((30, 30, 30))
        pygame.display.flip()

    return statistics.median(_times(frame, n))


def main() -> int:
    figures = scene_figures()
    print(f"empty frame (fill + flip): {empty_frame_ms():.2f} ms")
    for f in figures:
        print(
            f"{f.scene:10s} median {f.median_ms:6.3f} ms  p95 {f.p95_ms:6.3f} ms  "
            f"redraw {f.redraw_ms:6.2f} ms  renders {f.steady_renders} (first {f.first_renders})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
