"""The in-game facilitator report: pick a group, see the summary and the group's chart.

The numbers are engine/report.py's (the same as ``python main.py report``); the chart is
game/report_chart.py's surface, scaled down to the window when it is wider. The report is
built when the group changes, not every frame.
"""

from __future__ import annotations

import pygame

from engine.report import Report, build_report, summarise
from game.report_chart import render_report_chart
from game.scenes.base import Scene
from game.widgets.ui import Ui


class ReportScene(Scene):
    name = "report"

    def __init__(self, app) -> None:
        super().__init__(app)
        records = app.records
        self.groups: list[str] = records.groups() if records is not None else []
        self.group: str | None = None
        self.report: Report | None = None
        self._chart: tuple[tuple, pygame.Surface] | None = None
        self.focus_key = "group-all"
        self.pick(None)

    def pick(self, group: str | None) -> None:
        self.group = group
        self.scroll_area.offset = 0
        records = self.app.records
        self.report = build_report(records, self.app.library, group=group) if records else None
        self._chart = None

    def chart(self, ui: Ui, width: int) -> pygame.Surface:
        """The report chart at most ``width`` wide (re-rendered only when something changed)."""
        assert self.report is not None
        key = (self.group, ui.lang, ui.theme.name, width)
        if self._chart is None or self._chart[0] != key:
            label = self.group or ui.tr("report_all_groups")
            surface = render_report_chart(self.report, ui.lang, ui.theme, label)
            if surface.get_width() > width:
                h = surface.get_height() * width // surface.get_width()
                surface = pygame.transform.smoothscale(surface, (width, h))
            self._chart = (key, surface)
        return self._chart[1]

    def draw(self, ui: Ui) -> None:
        t = ui.theme
        top = ui.header(ui.tr("report_title"), back=self.back)
        width = min(ui.w - ui.px(48), ui.px(1200))
        x = (ui.w - width) // 2
        view = pygame.Rect(x - ui.px(8), top + ui.px(8), width + ui.px(16), ui.h - top - ui.px(16))
        y = ui.begin_area(self.scroll_area, view) + ui.px(6)
        label = ui.text(ui.tr("report_pick_group"), x, y, ui.body, t.text, 0, "bold")
        bx, by = label.right + ui.px(12), y
        bh = ui.line(ui.small, "bold") + ui.px(12)
        for code in [None, *self.groups]:
            text = code or ui.tr("report_all_groups")
            w = ui.button_width(text, ui.small)
            if bx + w > x + width and bx > label.right + ui.px(12):
                bx, by = label.right + ui.px(12), by + bh + ui.px(6)
            kind = "primary" if code == self.group else "quiet"
            key = f"group-{code or 'all'}"
            ui.button(
                key, pygame.Rect(bx, by, w, bh), text, lambda c=code: self.pick(c), kind, ui.small
            )
            bx += w + ui.px(8)
        y = max(label.bottom, by + bh) + ui.px(14)
        if self.report is None:
            y = ui.text(ui.tr("records_unavailable"), x, y, ui.body, t.bad, width).bottom
            ui.end_area(y)
            return
        chart = self.chart(ui, width) if self.report.finished else None
        side = chart is not None and width - chart.get_width() >= ui.px(300)
        text_w = width - chart.get_width() - ui.px(20) if side else width
        top_y = y
        for text, indent in summary_rows(self.report, ui):
            pad = ui.px(16) * indent
            y = ui.text(text, x + pad, y, ui.small, t.text, text_w - pad).bottom
        if chart is not None:
            cx, cy = (x + width - chart.get_width(), top_y) if side else (x, y + ui.px(12))
            ui.surface.blit(chart, (cx, cy))
            y = max(y, cy + chart.get_height())
        ui.end_area(y + ui.px(10))


def summary_rows(report: Report, ui: Ui) -> list[tuple[str, int]]:
    """The report's figures as lines for a proportional font: (text, indent level)."""
    summary = summarise(report)
    rows: list[tuple[str, int]] = []
    if summary.filters:
        shown = ", ".join(f"{k}={v}" for k, v in summary.filters.items())
        rows.append((ui.tr("report_filter", filters=shown), 0))
    counts = {
        "finished": summary.finished,
        "unfinished": summary.unfinished,
        "abandoned": summary.abandoned,
    }
    rows.append(
        (ui.tr("report_sessions", n=summary.sessions, players=summary.players, **counts), 0)
    )
    if not summary.finished:
        return [*rows, (ui.tr("report_no_data"), 0)]
    rows.append((f"{ui.tr('value_profile')}:", 0))
    for item in summary.profile:
        score = f"{item.mean_score:+.2f}" if item.mean_score is not None else "-"
        where = f"{round(item.mean_position * 100)}%" if item.mean_position is not None else "-"
        text = f"{item.name.get(ui.lang)} · {where} · {ui.tr('report_average', score=score)}"
        rows.append((text, 1))
    rows.append((f"{ui.tr('report_endings')}:", 0))
    rows.extend((f"{sid}/{end}: {n}", 1) for sid, end, n in summary.endings)
    return rows
