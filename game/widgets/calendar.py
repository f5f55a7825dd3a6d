"""The working-day calendar: days gone, today, and the deadline the player must feel.

Working days only (Mon-Fri), because the law counts working days. The scenario's counter
(``hari_kerja``) starts at ``calendar.start`` on ``calendar.start_weekday``; each day sits
under its own weekday (day 1 of vuca_banjir is a Tuesday, its day-4 deadline a Friday). A
scenario that names no weekday gets rows of five days without weekday names, rather than
a Monday it never claimed. When the space is too small for a grid (big text on a small
window) it becomes a single timeline bar.

Judging "late" follows the engine: a decision is recorded on the day it is taken
(``Decision.day``) and conditions like ``hari_kerja <= 30`` are read then; a choice's
``days`` pass *after* it. So the outcome screen judges the act on the decision day
(``acted``), not on the day the clock reaches afterwards. Without a decision (the play
screen) a passed deadline is stated as a date, in a quiet colour: whether the task was
done in time is the story's to say, and the engine has already closed what is too late.
"""

from __future__ import annotations

import pygame

from engine.text import LocalText
from game.widgets.ui import Ui

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")


def weekday_index(day: int, start: int, start_weekday: str | None) -> int | None:
    """0 = Monday .. 4 = Friday for working day ``day``; None when the scenario names none."""
    if start_weekday not in WEEKDAYS:
        return None
    return (WEEKDAYS.index(start_weekday) + day - start) % 5


def grid_cells(
    first: int, last: int, start: int, start_weekday: str | None
) -> list[tuple[int, int, int]]:
    """``(day, row, column)`` for days ``first..last``: the column is the day's weekday, so
    the first row may begin mid-week (cells before ``first`` stay empty)."""
    lead = weekday_index(first, start, start_weekday) or 0
    return [(n, (lead + n - first) // 5, (lead + n - first) % 5) for n in range(first, last + 1)]


def status(
    ui: Ui, day: int, deadline: int | None, acted: int | None = None
) -> tuple[str, tuple[int, int, int]]:
    """The line under the calendar and its colour: plenty of time, hurry, or too late.

    With ``acted`` (the outcome screen) it says when the decision was taken against the
    deadline, as the engine judges it: on or before the deadline day is in time.
    """
    t = ui.theme
    if deadline is None:
        return "", t.muted
    if acted is not None:
        left = deadline - acted
        if left < 0:
            return ui.tr("game_acted_late", day=acted, n=-left), t.bad
        if left == 0:
            return ui.tr("game_acted_on_deadline", day=acted), t.mixed
        return ui.tr("game_acted_in_time", day=acted, n=left), t.good
    left = deadline - day
    if left < 0:
        # A date, not a verdict: only the story knows whether the task was done in time
        # (vuca_banjir's Thursday-night upload is on time, yet Monday is past Friday).
        return ui.tr("game_deadline_passed", n=-left), t.muted
    if left == 0:
        return ui.tr("game_deadline_today"), t.bad
    return ui.tr("game_days_left", n=left), (t.mixed if left <= 5 else t.good)


def draw_calendar(
    ui: Ui,
    rect: pygame.Rect,
    day: float,
    deadline: int | None,
    label: LocalText | None,
    *,
    start: int = 1,
    start_weekday: str | None = None,
    acted: int | None = None,
) -> int:
    """Draw into ``rect``; ``day`` may be fractional while the outcome screen animates it.

    ``start`` and ``start_weekday`` come from the scenario's calendar; ``acted`` is the day
    the decision shown on the outcome screen was taken. Returns the height used.
    """
    t = ui.theme
    ui.panel(rect)
    pad = ui.px(10)
    x, y, width = rect.x + pad, rect.y + pad, rect.w - 2 * pad
    # Whole days as the engine counts them: the clock shows a day once the animation reaches it.
    shown_day = int(day + 1e-9)
    y = ui.text(ui.tr("working_day", day=shown_day), x, y, ui.body, t.text, width, "bold").bottom
    if deadline is not None:
        line = ui.tr("deadline", day=deadline)
        if label is not None:
            line = f"{label.get(ui.lang)} · {line}"
        y = ui.text(line, x, y, ui.small, t.muted, width).bottom
        text, color = status(ui, shown_day, deadline, acted)
        y = ui.text(text, x, y, ui.small, color, width, "bold").bottom + ui.px(6)
    first = min(start, 1)
    last = max(deadline or 0, shown_day) + 1
    cells = grid_cells(first, last, start, start_weekday)
    rows = cells[-1][1] + 1
    space = rect.bottom - pad - y
    names = ui.tr("game_weekdays").split() if start_weekday in WEEKDAYS else []
    head = ui.line(ui.small) if names else 0
    cell = min(width // 5, (space - head) // max(rows, 1))
    if cell >= ui.px(11):
        _grid(ui, x, y, width, cell, cells, day, deadline, names, acted)
    elif space >= ui.px(10):
        _timeline(
            ui,
            pygame.Rect(x, y + ui.px(2), width, min(ui.px(14), space - ui.px(2))),
            day,
            deadline,
            last,
        )
    return rect.h


def _grid(ui, x, y, width, cell, cells, day, deadline, names, acted) -> None:
    t = ui.theme
    left = x + (width - cell * 5) // 2
    short = any(ui.render(n, ui.small, t.muted, 0).get_width() > cell - 2 for n in names)
    for i, name in enumerate(names[:5]):
        block = ui.render(name[:1] if short else name, ui.small, t.muted, 0)
        ui.surface.blit(block, block.get_rect(midtop=(left + i * cell + cell // 2, y)))
    if names:
        y += ui.line(ui.small)
    size = min(ui.small, max(8, int(cell * 0.5)))
    today = int(day + 1e-9)
    for n, row, col in cells:
        r = pygame.Rect(left + col * cell, y + row * cell, cell - 2, cell - 2)
        late = deadline is not None and n > deadline
        if n < today:
            fill = t.bad if late and acted is not None and acted > deadline else t.track
        elif n == today:
            fill = t.accent
        else:
            fill = t.panel_alt if not late else t.panel
        pygame.draw.rect(ui.surface, fill, r, border_radius=max(2, cell // 6))
        if n == deadline:
            pygame.draw.rect(
                ui.surface, t.bad, r, max(2, cell // 10), border_radius=max(2, cell // 6)
            )
        if n == acted and n != today:
            pygame.draw.circle(ui.surface, t.accent, r.midbottom, max(2, cell // 10))
        red = n < today and fill == t.bad
        color = t.accent_text if n == today or red else t.text
        block = ui.render(str(n), size, color, 0, "bold" if n in (deadline, today) else "regular")
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
