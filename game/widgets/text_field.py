"""A one-line text field fed by pygame's TEXTINPUT/TEXTEDITING events.

TEXTINPUT carries whole characters as the keyboard layout or input method produced them,
so names like "Ni Luh Putu Ayu" or "Dr. Siti Nur'aini, S.Sos." and any accented letter
arrive as typed; TEXTEDITING shows a composition in progress (underlined) before it is
committed. The caret stays at the end: names are short and Backspace is enough.
"""

from __future__ import annotations

import pygame

from game.widgets.ui import Ui


class TextField:
    """The text, the composition in progress, and how to draw and edit it."""

    def __init__(self, key: str, label_key: str, max_len: int = 80) -> None:
        self.key, self.label_key, self.max_len = key, label_key, max_len
        self.text = ""
        self.composing = ""
        self.rect = pygame.Rect(0, 0, 0, 0)

    def insert(self, text: str) -> None:
        clean = "".join(ch for ch in text if ch.isprintable())
        self.text = (self.text + clean)[: self.max_len]
        self.composing = ""

    def backspace(self) -> None:
        self.text = self.text[:-1]

    @property
    def value(self) -> str:
        return self.text.strip()

    def draw(self, ui: Ui, x: int, y: int, width: int, focus, caret_on: bool) -> int:
        """Label and box at ``x, y``; clicking focuses it. Returns the y below the box."""
        t = ui.theme
        y = ui.text(ui.tr(self.label_key), x, y, ui.small, t.muted, width, "bold").bottom
        y += ui.px(4)
        box = pygame.Rect(x, y, width, ui.line() + ui.px(16))
        self.rect = box
        focused = ui.add_target(self.key, box, lambda: focus(self.key), ui.tr(self.label_key))
        ui.panel(box, t.panel_alt if focused else t.panel)
        inner = box.w - ui.px(24)
        shown = self.text + self.composing
        block = ui.render(shown or " ", ui.body, t.text)
        # keep the end of a long entry visible: scroll the text left inside the box
        shift = max(0, block.get_width() - inner)
        ui.surface.set_clip(box.inflate(-ui.px(8), -ui.px(4)))
        tx, ty = box.x + ui.px(12) - shift, box.y + ui.px(8)
        ui.surface.blit(block, (tx, ty))
        end = tx + (block.get_width() if shown else 0)
        if self.composing:
            start = tx + ui.render(self.text or " ", ui.body, t.text).get_width() * bool(self.text)
            pygame.draw.line(
                ui.surface, t.text, (start, ty + ui.line() - 2), (end, ty + ui.line() - 2), 1
            )
        if focused and caret_on:
            pygame.draw.line(
                ui.surface, t.text, (end + 1, ty + 2), (end + 1, ty + ui.line() - 4), 2
            )
        ui.surface.set_clip(None)
        if focused:
            ui.focus_ring(box)
        return box.bottom
