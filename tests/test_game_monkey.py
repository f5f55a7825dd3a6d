"""Monkey test: 10,000 seeded random events into the real app loop, in every scene.

The game is driven to each scene in turn (title, list, play, outcome, debrief, rulebook,
settings, classroom play, report) and then gets its share of random input: keys (digits,
arrows, Tab, Enter, Esc, F5, F11, paging, letters), typed text, mouse moves, clicks at random
points and on drawn buttons, the wheel, window resizes between 1024x576 and 1920x1080,
focus loss and gain, and quit requests at odd moments.

A quit request (the window's close button, or Esc on the title) ends the app's loop cleanly:
``run`` returns at once and no further frame is drawn. The test then starts a new App on the
same settings and records, as a player reopening the game would, and carries on. Afterwards
the app must still answer: Esc leads back to the title and a normal decision still works.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pygame
import pytest
from game_helpers import click, frames, press

from game.app import App
from game.driver import choose, start_classroom, start_individual

pytestmark = pytest.mark.slow  # a real process, window or 10,000 events: CI runs it

SEED = 20261123
EVENTS = 10_000
SIZES = [(1024, 576), (1152, 648), (1280, 720), (1366, 768), (1600, 900), (1920, 1080)]
KEYS = [
    *(getattr(pygame, f"K_{n}") for n in range(10)),
    pygame.K_UP,
    pygame.K_DOWN,
    pygame.K_LEFT,
    pygame.K_RIGHT,
    pygame.K_TAB,
    pygame.K_RETURN,
    pygame.K_KP_ENTER,
    pygame.K_SPACE,
    pygame.K_PAGEUP,
    pygame.K_PAGEDOWN,
    pygame.K_HOME,
    pygame.K_END,
    pygame.K_BACKSPACE,
    pygame.K_DELETE,
    pygame.K_a,
    pygame.K_n,
    pygame.K_t,
    pygame.K_v,
    pygame.K_PLUS,
    pygame.K_MINUS,
]
RARE_KEYS = [pygame.K_ESCAPE, pygame.K_F11, pygame.K_F5]  # back/quit, fullscreen, reload
TEXTS = ["a", "Budi", "1987", "NIP 19870101", "é", "🙂", " ", "x" * 80, "\u2028"]


class Monkey:
    """Makes random events for the app as it is now (its size, the targets it drew)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.quits = 0

    def point(self, app: App) -> tuple[int, int]:
        w, h = app.screen.get_size()
        targets = app.scene.targets
        if targets and self.rng.random() < 0.5:  # aim at something drawn, half the time
            return self.rng.choice(targets).rect.center
        return self.rng.randrange(w), self.rng.randrange(h)

    def event(self, app: App) -> list[pygame.event.Event]:
        r, rng = self.rng.random(), self.rng
        E = pygame.event.Event
        if r < 0.30:
            key = rng.choice(KEYS)
            mod = pygame.KMOD_SHIFT if rng.random() < 0.2 else 0
            return [E(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)]
        if r < 0.33:
            key = rng.choice(RARE_KEYS)
            if key == pygame.K_F5 and rng.random() < 0.7:  # a reload reads every file: keep few
                key = pygame.K_ESCAPE
            return [E(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)]
        if r < 0.38:
            return [E(pygame.TEXTINPUT, text=rng.choice(TEXTS))]
        if r < 0.56:
            return [E(pygame.MOUSEMOTION, pos=self.point(app), rel=(1, 1), buttons=(0, 0, 0))]
        if r < 0.82:
            pos, button = self.point(app), rng.choice([1, 1, 1, 2, 3])
            return [
                E(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
                E(pygame.MOUSEBUTTONUP, pos=pos, button=button),
            ]
        if r < 0.90:
            y = rng.choice([-3, -1, 1, 3])
            return [E(pygame.MOUSEWHEEL, x=0, y=y, flipped=False, precise_x=0.0, precise_y=y)]
        if r < 0.93:
            return [self.resize(app)]
        if r < 0.985:
            kind = rng.choice([pygame.WINDOWFOCUSLOST, pygame.WINDOWFOCUSGAINED])
            return [E(kind), E(pygame.ACTIVEEVENT, gain=int(kind == pygame.WINDOWFOCUSGAINED))]
        if r < 0.9875:
            self.quits += 1
            return [E(pygame.QUIT)]
        return [E(pygame.KEYUP, key=rng.choice(KEYS), mod=0, unicode="", scancode=0)]

    def resize(self, app: App) -> pygame.event.Event:
        """What the window manager does: the window gets a new size, then says so."""
        w, h = self.rng.choice(SIZES)
        if not app.settings.fullscreen:
            pygame.display.set_mode((w, h), pygame.RESIZABLE)
        return pygame.event.Event(pygame.VIDEORESIZE, size=(w, h), w=w, h=h)


def new_app(tmp: Path) -> App:
    if pygame.display.get_init():
        pygame.event.clear()  # a new process starts with an empty queue
    app = App(
        None,
        (1280, 720),
        config=tmp / "config",
        data=tmp / "data",
        fps=0,
        fixed_dt=1 / 30,
        shuffle=False,
    )
    frames(app)
    if app.scene.name == "resume":  # an unfinished recorded play from before the "quit"
        click(app, "resume-discard")
    assert app.scene.name == "title"
    return app


def close(app: App) -> None:
    app.flow.end_class()  # as the game does when it closes: the class server stops
    if app.records is not None:
        app.records.close()


def to_title(app: App) -> None:
    for _ in range(20):
        if app.scene.name == "title":
            return
        if app.scene.name == "confirm":  # leaving mid-scenario is asked; Esc there stays
            click(app, "leave")
            continue
        press(app, pygame.K_ESCAPE)
    raise AssertionError(f"Esc does not lead back to the title from {app.scene.name}")


def start_play(app: App) -> None:
    start_individual(app)
    click(app, f"play-{first_story(app)}")


def play_to_end(app: App) -> None:
    while app.scene.name in ("play", "outcome"):
        if app.scene.name == "play":
            choose(app, 1)
        else:
            click(app, "continue")


def first_story(app: App) -> str:
    return sorted(app.library.stories)[0]


# Each phase: how to get there from the title, and the scene it must reach.
PHASES = [
    ("title", lambda app: None),
    ("scenario_list", start_individual),
    ("play", start_play),
    ("outcome", lambda app: (start_play(app), choose(app, 1))),
    ("debrief", lambda app: (start_play(app), play_to_end(app))),
    ("rulebook", lambda app: click(app, "rulebook")),
    ("settings", lambda app: click(app, "settings")),
    (
        "class_play",
        lambda app: (start_classroom(app, "kelas-a"), click(app, f"play-{first_story(app)}")),
    ),
    ("report", lambda app: click(app, "report")),
]


def check_quit(app: App, tmp: Path) -> None:
    """A quit ends the loop at once, and leaves the settings file readable."""
    assert not app.running
    before = app.frames
    assert app.run(max_frames=before + 5) == 0
    assert app.frames == before, "frames were drawn after the quit request"
    settings = tmp / "config" / "settings.json"
    if settings.exists():
        assert isinstance(json.loads(settings.read_text(encoding="utf-8")), dict)


def test_ten_thousand_random_events_in_every_scene(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    monkey = Monkey(rng)
    posted, restarts, seen = 0, 0, set()
    app = None
    share = EVENTS // len(PHASES)
    for n, (scene, go) in enumerate(PHASES):
        if app is not None:
            close(app)
        app = new_app(tmp_path)
        go(app)
        assert app.scene.name == scene, f"phase {n} should start on {scene}"
        seen.add(scene)
        budget = share if n < len(PHASES) - 1 else EVENTS - posted
        while budget > 0:
            for _ in range(rng.randint(1, 6)):
                batch = monkey.event(app)[:budget]
                for event in batch:
                    pygame.event.post(event)
                posted += len(batch)
                budget -= len(batch)
                if budget == 0:
                    break
            app.step()
            seen.add(app.scene.name)
            if not app.running:  # a quit request, or Esc on the title
                check_quit(app, tmp_path)
                close(app)
                app = new_app(tmp_path)
                restarts += 1
    assert posted == EVENTS
    print(
        f"{posted} events, {monkey.quits} quit requests, {restarts} restarts, scenes {sorted(seen)}"
    )
    assert monkey.quits >= 5 and restarts >= monkey.quits
    assert {"title", "scenario_list", "play", "outcome", "debrief", "rulebook"} <= seen

    # Still answering: back to the title, then one ordinary decision.
    frames(app, 2)
    to_title(app)
    start_individual(app)
    assert app.scene.name == "scenario_list"
    click(app, f"play-{first_story(app)}")
    play = app.scene
    assert play.name == "play"
    choose(app, 1)
    assert app.scene.name == "outcome" and len(play.play.history) == 1
    close(app)
