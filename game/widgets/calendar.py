"""The working-day calendar: days gone, today, and the deadline the player must feel.

Working days only (Mon-Fri), because the law counts working days. When the space is too
small for a grid (big text on a small window) it becomes a single timeline bar.
"""

from __future__ import annotations

import pygame

from engine.text import LocalText
from game.widgets.ui import Ui


def status(ui: Ui, day: int, deadline: int | None) -> tuple[str, tuple[int, int, int]]:
    """The line under the calendar and its colour: plenty of time, hurry, or too late."""
    t = ui.theme
    if deadline is None:
        return "", t.muted
    left = deadline - day
    if left < 0:
        return ui.tr("game_deadline_passed", n=-left), t.bad
    if left == 0:
        return ui.tr("game_deadline_today"), t.bad
    return ui.tr("game_days_left", n=left), (t.mixed if left <= 5 else t.good)


def draw_calendar(
    ui: Ui, rect: pygame.Rect, day: float, deadline: int | None, label: LocalText | None
) -> int:
    """Draw into ``rect``; ``day`` may be fractional while the outcome screen animates it.

    Returns the height used.
    """
    t = ui.theme
    ui.panel(rect)
    pad = ui.px(10)
    x, y, width = rect.x + pad, rect.y + pad, rect.w - 2 * pad
    shown_day = round(day)
    y = ui.text(ui.tr("working_day", day=shown_day), x, y, ui.body, t.text, width, "bold").bottom
    if deadline is not None:
        line = ui.tr("deadline", day=deadline)
        if label is not None:
            line = f"{label.get(ui.lang)} · {line}"
        y = ui.text(line, x, y, ui.small, t.muted, width).bottom
        text, color = status(ui, shown_day, deadline)
        y = ui.text(text, x, y, ui.small, color, width, "bold").bottom + ui.px(6)
    last = max(deadline or 0, shown_day) + 1
    rows = -(-last // 5)
    space = rect.bottom - pad - y
    names = ui.tr("game_weekdays").split()
    head = ui.line(ui.small)
    cell = min(width // 5, (space - head) // max(rows, 1))
    if cell >= ui.px(11):
        _grid(ui, x, y, width, cell, rows, day, deadline, names)
    elif space >= ui.px(10):
        _timeline(
            ui,
            pygame.Rect(x, y + ui.px(2), width, min(ui.px(14), space - ui.px(2))),
            day,
            deadline,
            last,
        )
    return rect.h


def _grid(ui, x, y, width, cell, rows, day, deadline, names) -> None:
    t = ui.theme
    left = x + (width - cell * 5) // 2
    short = any(ui.render(n, ui.small, t.muted, 0).get_width() > cell - 2 for n in names)
    for i, name in enumerate(names[:5]):
        block = ui.render(name[:1] if short else name, ui.small, t.muted, 0)
        ui.surface.blit(block, block.get_rect(midtop=(left + i * cell + cell // 2, y)))
    y += ui.line(ui.small)
    size = min(ui.small, max(8, int(cell * 0.5)))
    for n in range(1, rows * 5 + 1):
        r = pygame.Rect(left + (n - 1) % 5 * cell, y + (n - 1) // 5 * cell, cell - 2, cell - 2)
        late = deadline is not None and n > deadline
        if n < day:
            fill = t.bad if late else t.track
        elif n == round(day):
            fill = t.accent
        else:
            fill = t.panel_alt if not late else t.panel
        pygame.draw.rect(ui.surface, fill, r, border_radius=max(2, cell // 6))
        if n == deadline:
            pygame.draw.rect(
                ui.surface, t.bad, r, max(2, cell // 10), border_radius=max(2, cell // 6)
            )
        color = (
            t.accent_text if n == round(day) else (t.accent_text if n < day and late else t.text)
        )
        block = ui.render(
            str(n), size, color, 0, "bold" if n in (deadline, round(day)) else "regular"
        )
        ui.surface.blit(block, block.get_rect(center=r.center))


def _timeline(ui, rect, day, deadline, last) -> None:
    t = ui.theme
    pygame.draw.rect(ui.surface, t.track, rect, border_radius=rect.h // 2)
    gone = rect.w * min(day, last) / last
    pygame.draw.rect(
        ui.surface, t.accent, (rect.x, rect.y, gone, rect.h), border_radius=rect.h // 2
    )
    if deadline is not None:
        dx = rect.x + rect.w * deadline / last
        pygame.draw.line(
            ui.surface, t.bad, (dx, rect.y - ui.px(3)), (dx, rect.bottom + ui.px(3)), ui.px(3)
        )
