"""The scene contract: handle events, update, draw. The app keeps scenes on a stack.

Focus and activation are shared: Tab/arrows move between the targets drawn last frame,
Enter/Space activates, the mouse hovers and clicks the same targets, Esc goes back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.widgets.ui import ScrollArea, Target, Ui

if TYPE_CHECKING:
    from game.app import App

NEXT_KEYS = (pygame.K_TAB, pygame.K_DOWN, pygame.K_RIGHT)
PREV_KEYS = (pygame.K_UP, pygame.K_LEFT)
Callback = Callable[[object], None]


class Scene:
    """Base scene: keyboard focus over this frame's targets, scrolling, back on Esc.

    A scene never constructs another: it is pushed with a callback (``app.push``) and ends
    with :meth:`dismiss`, whose result the callback receives (game/flow.py decides what
    follows). ``layout`` may adapt the scene to the window; ``draw`` only draws.
    """

    name = "scene"
    covers_window = False  # True: draw() paints every pixel (a backdrop), no fill first

    def __init__(self, app: App) -> None:
        self.app = app
        self.callback: Callback | None = None
        self.targets: list[Target] = []
        self.focus_key: str | None = None
        self.scroll_area = ScrollArea()  # the area PgUp/PgDn and the wheel scroll
        self.areas: list[ScrollArea] = [self.scroll_area]

    # -- events -----------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            self.key(event)
        elif event.type == pygame.MOUSEMOTION:
            hit = self.hit(event.pos)
            if hit is not None:
                self.focus_key = hit.key
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            hit = self.hit(event.pos)
            if hit is not None:
                self.focus_key = hit.key
                self.activate(hit)
        elif event.type == pygame.MOUSEWHEEL:
            area = self.area_at(pygame.mouse.get_pos()) or self.scroll_area
            area.scroll(-event.y * self.app.ui_px(48))

    def key(self, event: pygame.event.Event) -> None:
        k = event.key
        if k == pygame.K_ESCAPE:
            self.back()
        elif k in NEXT_KEYS or k in PREV_KEYS:
            backwards = k in PREV_KEYS or (k == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT)
            self.move_focus(-1 if backwards else 1)
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            target = self.focused()
            if target is not None:
                self.activate(target)
        elif k in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            step = self.scroll_area.view.h * 9 // 10
            self.scroll_area.scroll(step if k == pygame.K_PAGEDOWN else -step)
        elif k == pygame.K_HOME:
            self.scroll_area.scroll(-self.scroll_area.content_h)
        elif k == pygame.K_END:
            self.scroll_area.scroll(self.scroll_area.content_h)

    def hit(self, pos: tuple[int, int]) -> Target | None:
        for target in reversed(self.targets):
            if target.rect.collidepoint(pos) and (
                target.area is None or target.area.view.collidepoint(pos)
            ):
                return target
        return None

    def area_at(self, pos: tuple[int, int]) -> ScrollArea | None:
        return next((a for a in self.areas if a.view.collidepoint(pos)), None)

    def focused(self) -> Target | None:
        return next((t for t in self.targets if t.key == self.focus_key), None)

    def move_focus(self, step: int) -> None:
        if not self.targets:
            return
        keys = [t.key for t in self.targets]
        if self.focus_key in keys:
            i = (keys.index(self.focus_key) + step) % len(keys)
        else:
            i = 0 if step > 0 else len(keys) - 1
        target = self.targets[i]
        self.focus_key = target.key
        if target.area is not None:
            target.area.show(target.rect)
        self.app.sounds.play("click")

    def activate(self, target: Target) -> None:
        self.app.sounds.play("click")
        target.action()

    def back(self) -> None:
        self.dismiss(None)

    def dismiss(self, result: object = None) -> None:
        """Leave this scene; the callback it was pushed with receives ``result``."""
        self.app.dismiss(self, result)

    # -- frame ------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        """Advance animations by ``dt`` seconds."""

    def animating(self) -> bool:
        """Whether the next frame looks different without any input (the app redraws then).

        A scene that overrides ``update`` is assumed to move until it says otherwise, so a
        new timer or animation is never frozen by the app skipping steady frames.
        """
        return type(self).update is not Scene.update

    def layout(self, ui: Ui) -> None:
        """Before a full draw: measure and adapt (e.g. one page or two steps). No drawing."""

    def draw(self, ui: Ui) -> None:
        """Draw the scene; changes nothing but the surface (and the targets ``ui`` collects)."""
        raise NotImplementedError

    def on_reload(self) -> None:
        """The library was reloaded from disk; scenes that hold content refresh it here."""
