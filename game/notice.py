"""A message box over the scene: reload results, load problems, where an export went.

Problems are shown here instead of crashing; the box closes on click or after a while.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from game.widgets.ui import Ui

MAX_LINES = 6


@dataclass
class Notice:
    title: str
    lines: tuple[str, ...]
    level: str  # "error" or "info"
    seconds: float
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))


def draw_notice(ui: Ui, notice: Notice) -> None:
    t = ui.theme
    pad = ui.px(12)
    width = min(ui.w * 11 // 20, ui.px(720))
    shown = list(notice.lines[:MAX_LINES])
    if len(notice.lines) > MAX_LINES:
        shown.append(ui.tr("game_more", n=len(notice.lines) - MAX_LINES))
    color = t.bad if notice.level == "error" else t.good
    title = ui.render(notice.title, ui.body, t.text, width - 2 * pad, "bold")
    blocks = [ui.render(line, ui.small, t.text, width - 2 * pad) for line in shown]
    hint = ui.render(ui.tr("game_notice_close"), ui.small, t.muted, width - 2 * pad, "italic")
    height = pad * 3 + title.get_height() + sum(b.get_height() + ui.px(4) for b in blocks)
    height += hint.get_height()
    height = min(height, ui.h * 2 // 3)
    rect = pygame.Rect(0, 0, width, height)
    # Top right, over the header's title: the actions (continue, choices, back) stay free.
    rect.topright = (ui.w - ui.px(12), ui.px(12))
    notice.rect = rect
    ui.panel(rect, t.panel)
    pygame.draw.rect(ui.surface, color, (rect.x, rect.y, ui.px(8), rect.h), border_radius=ui.px(4))
    ui.surface.set_clip(rect)
    y = rect.y + pad
    ui.surface.blit(title, (rect.x + pad + ui.px(6), y))
    y += title.get_height() + ui.px(6)
    for block in blocks:
        ui.surface.blit(block, (rect.x + pad + ui.px(6), y))
        y += block.get_height() + ui.px(4)
    ui.surface.blit(hint, (rect.x + pad + ui.px(6), rect.bottom - pad - hint.get_height()))
    ui.surface.set_clip(None)


def draw_sync_status(ui: Ui, sender) -> None:
    """One small line, bottom right: how many statements still wait for the LRS, and why."""
    waiting = sender.waiting()
    if not waiting and sender.status in ("idle", "starting", "sending"):
        return
    key = "lrs_status_offline" if sender.status in ("offline", "error") else "lrs_status_waiting"
    text = ui.render(ui.tr(key, n=waiting), ui.small, ui.theme.muted, 0, "italic")
    ui.surface.blit(text, text.get_rect(bottomright=(ui.w - ui.px(8), ui.h - ui.px(4))))
