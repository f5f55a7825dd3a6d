"""Screenshots of every scene, for review and documentation.

``python -m game.screenshots [OUT]`` plays the first scenario (or the one named by
BERAKHLAK_SHOT_SCENARIO) at 1024x576 and 1920x1080, at normal and largest text size,
and saves one PNG per scene (default folder: build/screenshots).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame

from engine.paths import PROJECT_ROOT
from game.app import App
from game.driver import choose, click, frames, press, start_individual
from game.screenshot_tour import capture_records_tour

SIZES = ((1024, 576), (1920, 1080))


def capture(app: App, out: Path, prefix: str, story_id: str | None = None) -> list[Path]:
    """Walk title -> list -> play -> outcome -> debrief -> rulebook -> settings, saving each."""
    saved: list[Path] = []

    def shot(name: str) -> None:
        frames(app, 40)  # let animations finish
        path = out / f"{prefix}-{name}.png"
        pygame.image.save(app.screen, str(path))
        saved.append(path)

    shot("title")
    start_individual(app)
    shot("list")
    story = story_id or sorted(app.library.stories)[0]
    click(app, f"play-{story}")
    shot("play")
    first = True
    while app.scene.name == "play":
        if first and any(t.key == "see-choices" for t in app.scene.targets):
            click(app, "see-choices")
            shot("choices")
        choose(app, 1)
        if first:
            shot("outcome")
            first = False
        click(app, "continue")
    shot("debrief")
    link = next(t.key for t in app.scene.targets if "-rule-" in t.key)
    click(app, link)
    shot("rulebook")
    click(app, "back")
    click(app, "list")
    click(app, "back")
    click(app, "settings")
    shot("settings")
    return saved


def capture_all(out: Path, scenarios=None, story_id: str | None = None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    variants = [(size, 0, False) for size in SIZES] + [
        ((1024, 576), 2, False),
        ((1024, 576), 2, True),
    ]
    for size, text_size, contrast in variants:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            app = App(
                scenarios,
                size,
                folder,
                folder,
                fps=0,
                fixed_dt=1 / 30,
                shuffle=False,
                transitions=False,
            )
            app.settings.text_size, app.settings.high_contrast = text_size, contrast
            prefix = f"{size[0]}x{size[1]}" + (f"-text{text_size}" if text_size else "")
            prefix += "-contrast" if contrast else ""
            saved += capture(app, out, prefix, story_id)
            if contrast:
                continue

            def again(tmp=tmp, size=size, text_size=text_size) -> App:
                folder = Path(tmp)
                fresh = App(
                    scenarios,
                    size,
                    folder,
                    folder,
                    fixed_dt=1 / 30,
                    shuffle=False,
                    transitions=False,
                )
                fresh.settings.text_size = text_size
                return fresh

            press(app, pygame.K_ESCAPE)  # settings -> the title
            story = story_id or sorted(app.library.stories)[0]
            saved += capture_records_tour(app, out, prefix, story, again)
    return saved


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT_ROOT / "build" / "screenshots"
    paths = capture_all(target, story_id=os.environ.get("BERAKHLAK_SHOT_SCENARIO"))
    print(f"{len(paths)} screenshots in {target}")
