"""Golden images: every scene and state rendered and compared with committed baselines.

``python -m game.golden --update`` renders the states below and writes them to
``tests/golden/`` (review them, then commit); ``python -m game.golden`` compares without
writing. ``tests/test_golden.py`` runs the comparison (``pytest --update-golden`` also
rewrites). A state fails when more than ``MAX_BAD_SHARE`` of its pixels differ by more
than ``TOLERANCE`` in a colour channel; the render and a diff image (differing pixels in
magenta over a faded render) are written to ``build/golden/``.

The renders are deterministic: the fonts are bundled, the scenario is test data
(tests/fixtures/golden/, with the test rulebook), options keep their file order, the clock
advances a fixed step per frame, and scenes change without transitions.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame

from engine.paths import PROJECT_ROOT
from game.app import App
from game.driver import choose, click, frames, press, start_classroom, start_individual

GOLDEN_DIR = PROJECT_ROOT / "tests" / "golden"
DIFF_DIR = PROJECT_ROOT / "build" / "golden"
FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
SCENARIOS = (FIXTURES / "golden" / "parsel.yaml", FIXTURES / "rulebook" / "rules.yaml")
STORY = "parsel"
TOLERANCE = 16  # a channel may differ by this much (font hinting, scaling) ...
MAX_BAD_SHARE = 0.005  # ... and at most this share of the pixels may differ by more
SETTLE = 40  # frames before each picture: every animation has ended

Shot = Callable[[str], None]


def _app(tmp: Path, size: tuple[int, int], text_size: int, contrast: bool = False) -> App:
    app = App(
        list(SCENARIOS),
        size,
        tmp / "config",
        tmp / "data",
        fps=0,
        fixed_dt=1 / 30,
        shuffle=False,
        transitions=False,
        class_server=False,
    )
    app.settings.text_size, app.settings.high_contrast = text_size, contrast
    return app


def _walk_individual(app: App, shot: Shot, full: bool) -> None:
    """Title to debrief and the path map, one picture per scene and state."""
    if full:
        shot("title")
        click(app, "start")
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="Ni Luh Putu Ayu"))
        shot("name-entry")
        click(app, "entry-ok")
        shot("scenario-list")
    else:
        start_individual(app)
    click(app, f"play-{STORY}")
    shot("play")
    if any(t.key == "see-choices" for t in app.scene.targets):
        click(app, "see-choices")
        shot("play-choices")
        press(app, pygame.K_ESCAPE)  # back to the situation
    if full:
        press(app, pygame.K_ESCAPE)  # mid-way? not yet: nothing decided, back to the list
        click(app, f"play-{STORY}")
    choose(app, 1)
    shot("outcome")
    click(app, "continue")
    shot("play-home")  # rumah: the home background, a woman in a hijab, worried
    if full:
        press(app, pygame.K_ESCAPE)
        shot("leave-confirm")
        click(app, "stay")
    choose(app, 1)
    click(app, "continue")
    shot("play-narrator")  # klinik: no speaker, the clinic
    choose(app, 1)
    shot("outcome-ending")
    click(app, "continue")
    shot("debrief")
    click(app, "path-map")
    shot("path-map")
    if full:
        press(app, pygame.K_EQUALS)
        press(app, pygame.K_DOWN)
        shot("path-map-zoomed")
        press(app, pygame.K_ESCAPE)
        link = next(t.key for t in app.scene.targets if "-rule-" in t.key)
        click(app, link)
        shot("rulebook")
        press(app, pygame.K_ESCAPE)
        click(app, "list")
        press(app, pygame.K_ESCAPE)
        click(app, "settings")
        shot("settings")


def _walk_classroom(app: App, shot: Shot) -> None:
    """The projector view of a class without a network (hands are counted): the situation,
    the vote, a tie waiting for the facilitator, the reveal with the questions."""
    start_classroom(app, "KELAS-1")
    click(app, f"play-{STORY}")
    shot("class-play")
    for key in (pygame.K_v, pygame.K_4, pygame.K_DOWN, pygame.K_4):
        press(app, key)
    shot("class-vote")
    press(app, pygame.K_v)
    press(app, pygame.K_RETURN)  # a tie: the reveal waits for the facilitator's pick
    shot("class-tie")
    press(app, pygame.K_1)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_q)
    shot("class-reveal")


# (prefix, window, text size, high contrast, walk, the states kept: None = all)
PLAY_STATES = ("play", "play-choices", "play-home", "outcome")
VARIANTS: tuple[tuple[str, tuple[int, int], int, bool, str, tuple[str, ...] | None], ...] = (
    ("1280x720", (1280, 720), 0, False, "full", None),
    ("1280x720-text2", (1280, 720), 2, False, "play", None),
    ("1280x720-contrast", (1280, 720), 0, True, "play", ("play", "outcome", "debrief")),
    ("1280x720", (1280, 720), 0, False, "class", None),
    ("1024x768", (1024, 768), 0, False, "class", None),
    ("1024x768", (1024, 768), 0, False, "play", PLAY_STATES),
    ("1024x768-text2", (1024, 768), 2, False, "play", PLAY_STATES),
)


def render_all(only: str | None = None) -> Iterator[tuple[str, pygame.Surface]]:
    """Every golden state as (name, picture), variant by variant (a fresh app each)."""
    for prefix, size, text_size, contrast, walk, keep in VARIANTS:
        if only and not prefix.startswith(only):
            continue
        taken: list[tuple[str, pygame.Surface]] = []
        with tempfile.TemporaryDirectory() as tmp:
            app = _app(Path(tmp), size, text_size, contrast)

            def shot(name: str, app: App = app, taken=taken, prefix=prefix, keep=keep) -> None:
                frames(app, SETTLE)
                if keep is None or name in keep:
                    taken.append((f"{prefix}-{name}", app.screen.copy()))

            if walk == "class":
                _walk_classroom(app, shot)
            else:
                _walk_individual(app, shot, walk == "full")
            if app.records is not None:
                app.records.close()
        yield from taken


def difference(actual: pygame.Surface, expected: pygame.Surface) -> tuple[float, pygame.Surface]:
    """The share of pixels differing by more than TOLERANCE, and a picture showing them."""
    if actual.get_size() != expected.get_size():
        return 1.0, actual.copy()
    a = _rgb(actual)
    b = _rgb(expected)
    delta = a.copy()
    delta.blit(b, (0, 0), special_flags=pygame.BLEND_RGB_SUB)  # max(a - b, 0)
    other = b.copy()
    other.blit(a, (0, 0), special_flags=pygame.BLEND_RGB_SUB)  # max(b - a, 0)
    delta.blit(other, (0, 0), special_flags=pygame.BLEND_RGB_MAX)  # |a - b| per channel
    near = pygame.mask.from_threshold(delta, (0, 0, 0, 255), (TOLERANCE + 1,) * 3 + (255,))
    w, h = a.get_size()
    bad = w * h - near.count()
    picture = a.copy()
    veil = pygame.Surface((w, h))
    veil.fill((255, 255, 255))
    veil.set_alpha(170)
    picture.blit(veil, (0, 0))
    near.invert()
    picture.blit(near.to_surface(setcolor=(255, 0, 255), unsetcolor=None), (0, 0))
    return bad / (w * h), picture


def _rgb(surface: pygame.Surface) -> pygame.Surface:
    out = pygame.Surface(surface.get_size(), depth=32)
    out.blit(surface, (0, 0))
    return out


def check(update: bool = False, only: str | None = None) -> list[str]:
    """Compare (or with ``update`` write) every state; returns what failed, with why."""
    failures: list[str] = []
    GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    for name, surface in render_all(only):
        path = GOLDEN_DIR / f"{name}.png"
        if update:
            pygame.image.save(surface, str(path))
            continue
        if not path.is_file():
            failures.append(f"{name}: no baseline {path} (run python -m game.golden --update)")
            continue
        share, diff = difference(surface, pygame.image.load(str(path)))
        if share > MAX_BAD_SHARE:
            DIFF_DIR.mkdir(parents=True, exist_ok=True)
            pygame.image.save(surface, str(DIFF_DIR / f"{name}.png"))
            pygame.image.save(diff, str(DIFF_DIR / f"{name}-diff.png"))
            failures.append(
                f"{name}: {share:.2%} of the pixels differ (allowed {MAX_BAD_SHARE:.1%}); "
                f"see {DIFF_DIR / (name + '-diff.png')}"
            )
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m game.golden", description=__doc__)
    parser.add_argument("--update", action="store_true", help="rewrite the baselines")
    parser.add_argument("--only", help="only the variants whose name starts with this")
    args = parser.parse_args(argv)
    failures = check(args.update, args.only)
    for line in failures:
        print(line)
    if args.update:
        print(f"baselines written to {GOLDEN_DIR}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
