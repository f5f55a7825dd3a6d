"""A centred card with a title, lines of text and a row of buttons (prompts and confirmations)."""

from __future__ import annotations

import pygame

from game.widgets.ui import Ui


def prompt_card(ui: Ui, title: str, lines: list[str], buttons, scene) -> None:
    """A centred card: title, lines of text, a row of buttons (key, label, action, kind)."""
    t = ui.theme
    top = ui.header(title)
    width = min(ui.w - ui.px(48), ui.px(820))
    x = (ui.w - width) // 2
    view = pygame.Rect(x - ui.px(8), top + ui.px(16), width + ui.px(16), ui.h - top - ui.px(32))
    y = ui.begin_area(scene.scroll_area, view)
    for i, line in enumerate(lines):
        size, style = (ui.h2, "bold") if i == 0 else (ui.body, "regular")
        y = ui.text(line, x, y, size, t.text if i == 0 else t.muted, width, style).bottom
        y += ui.px(10)
    y += ui.px(6)
    bh = ui.line(ui.body, "bold") + ui.px(16)
    bx = x
    for key, label, action, kind in buttons:
        r = pygame.Rect(bx, y, max(ui.button_width(label), ui.px(180)), bh)
        if r.right > x + width and bx > x:
            bx, y = x, y + bh + ui.px(10)
            r.topleft = (bx, y)
        ui.button(key, r, label, action, kind)
        bx = r.right + ui.px(12)
    ui.end_area(y + bh + ui.px(8))
