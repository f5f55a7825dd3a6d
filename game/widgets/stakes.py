"""What is at stake now (a node's or scenario's ``stakes:``): a label over the text on a card
with a side stripe. The play screen uses it where the header has no room; the projector
shows it in body text while the room weighs the situation."""

from __future__ import annotations

import pygame

from game.widgets.ui import Ui


def stakes_height(ui: Ui, text: str, width: int, size: int, style: str = "regular") -> int:
    """What :func:`draw_stakes` takes at ``width`` for ``text`` in ``size``."""
    inner = width - 2 * ui.px(10)
    label = ui.line(ui.small, "bold")
    return label + ui.text_height(text, inner, size, style) + 2 * ui.px(8)


def draw_stakes(ui: Ui, text: str, rect: pygame.Rect, size: int, style: str = "regular") -> None:
    t, pad = ui.theme, ui.px(10)
    ui.panel(rect)
    stripe = (rect.x, rect.y + ui.px(6), ui.px(4), rect.h - ui.px(12))
    pygame.draw.rect(ui.surface, t.mixed, stripe)
    inner = rect.w - 2 * pad
    label = ui.text(ui.tr("game_stakes"), rect.x + pad, rect.y + ui.px(8), ui.small, t.muted,
                    inner, "bold")  # fmt: skip
    ui.text(text, rect.x + pad, label.bottom, size, t.text, inner, style)
