"""Driving a running App with real events, for tests, screenshots and the benchmark.

Everything goes through pygame's event queue and the app's own loop, exactly as a
player's mouse and keyboard would.
"""

from __future__ import annotations

import pygame

from game.app import App
from game.widgets.ui import Target


def frames(app: App, n: int = 1) -> None:
    app.run(max_frames=app.frames + n)


def find(app: App, key: str) -> Target:
    """The target drawn with ``key`` in the last frame, scrolled into view."""
    frames(app)
    for _ in range(3):
        target = next((t for t in app.scene.targets if t.key == key), None)
        if target is None:
            keys = [t.key for t in app.scene.targets]
            raise LookupError(f"no target {key!r} in {app.scene.name}; drawn: {keys}")
        if target.area is None or target.area.view.collidepoint(target.rect.center):
            return target
        target.area.show(target.rect)
        frames(app)
    return target


def click(app: App, key: str) -> None:
    """Move the mouse to the target and click it, as a player would."""
    pos = find(app, key).rect.center
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    frames(app, 2)


def press(app: App, key: int, mod: int = 0, settle: int = 2) -> None:
    """Press and release one key."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
    frames(app, settle)


def tab_to(app: App, key: str, limit: int = 200) -> None:
    """Press Tab until ``key`` has the focus (keyboard-only navigation)."""
    frames(app)
    for _ in range(limit):
        if app.scene.focus_key == key:
            return
        press(app, pygame.K_TAB, settle=1)
    raise LookupError(f"Tab never reached {key!r} in {app.scene.name}")


def type_text(app: App, text: str) -> None:
    """Type ``text`` into the focused field, as the keyboard's text input delivers it."""
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    frames(app, 2)


def start_individual(app: App, name: str = "Pemain Uji", nip: str = "", group: str = "") -> None:
    """From the title: individual mode, enter the player, arrive at the scenario list."""
    click(app, "start")
    for key, text in (("field-name", name), ("field-nip", nip), ("field-group", group)):
        if text:
            click(app, key)
            type_text(app, text)
    click(app, "entry-ok")


def start_classroom(app: App, group: str = "") -> None:
    """From the title: classroom mode with an optional group code, to the scenario list."""
    click(app, "classroom")
    if group:
        type_text(app, group)
    click(app, "entry-ok")


def choose(app: App, n: int) -> None:
    """Pick choice ``n`` on the play scene, first opening the choices step if there is one."""
    frames(app)
    if any(t.key == "see-choices" for t in app.scene.targets):
        click(app, "see-choices")
    click(app, f"choice-{n}")
