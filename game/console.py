"""The facilitator's console in a window of its own (laptop screen, projector extended).

It shows what the class must not see before the vote: the notes and the discussion
questions; with the split, who has voted and the controls. With one display (mirrored), the
console is the facilitator's phone page instead (classroom/), and this window stays closed
unless the facilitator opens it (C) on the laptop's own screen.
"""

from __future__ import annotations

import contextlib
from functools import partial
from typing import NamedTuple

import pygame

from engine.ui_text import tr
from game.lesson import Lesson
from game.widgets.ui import Target, Ui

SIZE = (960, 640)


class DisplayPlan(NamedTuple):
    """Where the projector view goes, and whether the console gets a window of its own."""

    projector: int  # display index for the projector view
    console: int | None  # display index for the console window; None: the phone page


def plan_displays(desktops: list[tuple[int, int]]) -> DisplayPlan:
    """Two or more displays (laptop + projector, extended): projector view full screen on the
    second, console on the first. One display (mirrored or a lone laptop): the projector view
    there, the console on the facilitator's phone."""
    if len(desktops) >= 2:
        return DisplayPlan(1, 0)
    return DisplayPlan(0, None)


class Console:
    """A second window drawing the lesson for the facilitator; clicks steer the lesson."""

    def __init__(self, app, lesson: Lesson, server=None, display: int = 0) -> None:
        self.app, self.lesson, self.server = app, lesson, server
        title = tr("class_console", app.settings.lang)
        position = pygame.WINDOWPOS_CENTERED_DISPLAY(display) if display else None
        options = {"position": position} if position is not None else {}
        self.window = pygame.Window(title, SIZE, resizable=True, **options)
        self.targets: list[Target] = []
        self.open = True

    def owns(self, event: pygame.event.Event) -> bool:
        window = getattr(event, "window", None)
        return self.open and window is not None and window.id == self.window.id

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.WINDOWCLOSE:
            self.close()
        elif event.type in (pygame.KEYDOWN, pygame.KEYUP, pygame.TEXTINPUT):
            self.app.handle(event)  # the laptop's keys steer the class from either window
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for target in reversed(self.targets):
                if target.rect.collidepoint(event.pos):
                    target.action()
                    break

    def close(self) -> None:
        if self.open:
            self.open = False
            with contextlib.suppress(pygame.error):
                self.window.destroy()

    def draw(self) -> pygame.Surface | None:
        """Draw the console and show it; returns its surface (for tests)."""
        if not self.open:
            return None
        surface = self.window.get_surface()
        ui = Ui(surface, self.app, None)
        t, lesson, view = ui.theme, self.lesson, self.lesson.view
        surface.fill(t.bg)
        pad = ui.px(16)
        width = ui.w - 2 * pad
        y = ui.text(ui.tr("class_console"), pad, pad, ui.h2, t.text, width, "bold").bottom
        title = (view.title or view.text).get(ui.lang)
        y = ui.text(title, pad, y, ui.small, t.muted, width).bottom + ui.px(8)
        y = self._buttons(ui, pad, y, width) + ui.px(10)
        split = lesson.live()
        for i, choice in enumerate(view.choices):
            count = split.counts[i] if i < len(split.counts) else 0
            line = f"{'ABCDEFGHI'[i]}. {count} · {choice.text.get(ui.lang)}"
            y = ui.text(line, pad, y, ui.small, t.text, width).bottom
        voters = self._voters()
        if voters:
            text = ui.tr("class_console_voters", names=", ".join(voters))
            y = ui.text(text, pad, y + ui.px(6), ui.small, t.muted, width).bottom
        if view.notes is not None:
            head = ui.tr("class_console_notes")
            y = ui.text(head, pad, y + ui.px(10), ui.body, t.text, width, "bold").bottom
            y = ui.text(view.notes.get(ui.lang), pad, y, ui.small, t.text, width).bottom
        if view.questions:
            head = ui.tr("class_questions")
            y = ui.text(head, pad, y + ui.px(10), ui.body, t.text, width, "bold").bottom
            for n, q in enumerate(view.questions, 1):
                y = ui.text(f"{n}. {q.get(ui.lang)}", pad, y, ui.small, t.text, width).bottom
        if self.server is not None:
            server = self.server
            line = ui.tr("class_console_phone", url=server.facilitator_url, pin=server.pin)
            ui.text(line, pad, ui.h - pad - ui.line(ui.small), ui.small, t.muted, width)
        self.targets = ui.targets
        self.window.flip()
        return surface

    def _voters(self) -> list[str]:
        if self.server is None:
            return []
        return [p.name for p in self.server.participants() if p.voted and p.name]

    def _buttons(self, ui: Ui, x: int, y: int, width: int) -> int:
        lesson = self.lesson
        items = [
            ("console-primary", ui.tr(f"class_action_{lesson.phase}"), self._primary),
            ("console-timer", ui.tr("class_timer"), lesson.toggle_timer),
            ("console-questions", ui.tr("class_show_questions"), lesson.show_questions),
        ]
        if lesson.needs_pick:
            for i in lesson.final.leaders:
                label = ui.tr("class_pick", option="ABCDEFGHI"[i])
                items.append((f"console-pick-{i + 1}", label, partial(lesson.tie_pick, i)))
        h = ui.line(ui.small, "bold") + ui.px(12)
        bx = x
        for key, label, action in items:
            w = ui.button_width(label, ui.small)
            if bx + w > x + width and bx > x:
                bx, y = x, y + h + ui.px(6)
            ui.button(key, pygame.Rect(bx, y, w, h), label, action, "normal", ui.small)
            bx += w + ui.px(8)
        return y + h

    def _primary(self) -> None:
        scene = self.app.scene
        if hasattr(scene, "primary") and getattr(scene, "lesson", None) is self.lesson:
            scene.primary()
