"""Draw the facilitator report's chart as a PNG, headless (no window is opened).

Two panels from numbers the engine computed (engine/report.py): the average value profile
(each value's mean position in its reachable range, in the value's colour) and, for each
decision point, the share of each choice as a stacked bar. Used by ``python main.py report``;
the in-game report screen may blit the same surface via :func:`render_report_chart`.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from engine.report import Report
from engine.ui_text import tr
from game.atomic import save_png_atomic
from game.metrics import FONT_BOLD, FONT_REGULAR
from game.theme import NORMAL, Color, Theme, hex_color, readable_on

WIDTH = 1200
ROW = 34
LABEL_W = 380
BAR_W = 600
MAX_DECISION_ROWS = 40
# Distinct, colour-blind friendly segment colours (Okabe-Ito), one per choice position.
CHOICE_COLORS: tuple[Color, ...] = (
    (0, 114, 178),
    (230, 159, 0),
    (0, 158, 115),
    (204, 121, 167),
    (86, 180, 233),
    (213, 94, 0),
    (240, 228, 66),
    (120, 120, 120),
)


def _fit(font: pygame.font.Font, text: str, width: int) -> str:
    """Shorten ``text`` with an ellipsis until it fits ``width`` pixels."""
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text + "…"


def render_report_chart(
    report: Report, lang: str = "id", theme: Theme = NORMAL, group_label: str | None = None
) -> pygame.Surface:
    """The chart as a surface (pygame.font is initialised here if needed)."""
    if not pygame.font.get_init():
        pygame.font.init()
    body = pygame.font.Font(str(FONT_REGULAR), 17)
    bold = pygame.font.Font(str(FONT_BOLD), 20)
    small = pygame.font.Font(str(FONT_REGULAR), 14)
    rows = report.distribution[:MAX_DECISION_ROWS]
    height = 70 + 44 + ROW * len(report.profile) + 36 + 44 + ROW * max(len(rows), 1) + 30
    surface = pygame.Surface((WIDTH, height))
    surface.fill(theme.bg)

    group = group_label or report.filters.get("group") or tr("report_all_groups", lang)
    caption = tr("report_chart_caption", lang, finished=len(report.finished), group=group)
    pygame.draw.rect(surface, theme.header, (0, 0, WIDTH, 56))
    surface.blit(bold.render(caption, True, theme.header_text), (24, 16))

    y = 70
    surface.blit(bold.render(tr("report_profile_title", lang), True, theme.text), (24, y))
    y += 44
    for item in report.profile:
        surface.blit(
            body.render(_fit(body, item.name.get(lang), LABEL_W - 40), True, theme.text),
            (24, y + 6),
        )
        track = pygame.Rect(LABEL_W, y + 4, BAR_W, ROW - 10)
        pygame.draw.rect(surface, theme.track, track, border_radius=4)
        if item.mean_position is not None:
            filled = track.copy()
            filled.width = max(round(BAR_W * item.mean_position), 2)
            pygame.draw.rect(surface, hex_color(item.color), filled, border_radius=4)
            score = f"{item.mean_score:+.2f}" if item.mean_score is not None else "-"
            note = f"{round(item.mean_position * 100)}%  {tr('report_average', lang, score=score)}"
        else:
            note = tr("not_scored", lang)
        surface.blit(small.render(note, True, theme.muted), (LABEL_W + BAR_W + 16, y + 8))
        y += ROW

    y += 36
    surface.blit(bold.render(tr("report_choices_title", lang), True, theme.text), (24, y))
    y += 44
    if not rows:
        surface.blit(body.render(tr("report_no_data", lang), True, theme.muted), (24, y + 6))
    for dist in rows:
        label = f"{dist.scenario_id} · {dist.label.get(lang)}"
        surface.blit(body.render(_fit(body, label, LABEL_W - 40), True, theme.text), (24, y + 6))
        x = LABEL_W
        total = dist.total or 1
        for i, count in enumerate(dist.counts):
            if not count:
                continue
            width = round(BAR_W * count / total)
            color = CHOICE_COLORS[i % len(CHOICE_COLORS)]
            pygame.draw.rect(surface, color, (x, y + 4, width, ROW - 10))
            tag = small.render(f"{i + 1}: {count}", True, readable_on(color))
            if tag.get_width() + 6 <= width:
                surface.blit(tag, (x + 4, y + 8))
            x += width
        surface.blit(
            small.render(f"n={dist.total}", True, theme.muted), (LABEL_W + BAR_W + 16, y + 8)
        )
        y += ROW
    return surface


def save_report_chart(report: Report, path: Path, lang: str = "id") -> Path:
    """Draw the chart and save it as PNG at ``path``; works without a display."""
    return save_png_atomic(render_report_chart(report, lang), path)
