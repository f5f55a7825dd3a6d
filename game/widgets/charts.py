"""The debrief's value bars (score against the reachable range) and the radar of 7 values."""

from __future__ import annotations

import math

import pygame

from engine.debrief import ValueResult
from game.theme import hex_color
from game.widgets.icons import icon
from game.widgets.ui import Ui


def value_bar(ui: Ui, result: ValueResult, x: int, y: int, width: int) -> tuple[int, pygame.Rect]:
    """One gauge: icon, name, the level in a plain word, a bar from the lowest to the highest
    score this scenario can reach, in thirds, with the score marked; returns (bottom, bar)."""
    t, v = ui.theme, result.value
    color = hex_color(v.color)
    ic = icon(v.icon, ui.line(), color)
    ui.surface.blit(ic, (x, y))
    name = v.name.get(ui.lang) + (f" · {ui.tr('focus')}" if result.focus else "")
    tx = x + ic.get_width() + ui.px(8)
    y2 = ui.text(name, tx, y, ui.body, t.text, width - (tx - x), "bold").bottom
    label = ui.tr(f"level_{result.level}", score=f"{result.score:+d}")
    if result.approximate:  # the range is a bound, not counted: say so where it is shown
        label = f"{label} · {ui.tr('level_approximate')}"
    shade = {"high": t.good, "low": t.bad}.get(result.level, t.muted)
    y2 = ui.text(label, tx, y2, ui.small, shade, width - (tx - x), "bold").bottom + ui.px(2)
    bar = pygame.Rect(tx, y2, width - (tx - x), ui.px(12))
    pygame.draw.rect(ui.surface, t.track, bar, border_radius=bar.h // 2)
    for third in (1, 2):  # the gauge's three zones: low, medium, high for this scenario
        gx = bar.x + bar.w * third // 3
        pygame.draw.line(ui.surface, t.border, (gx, bar.y - ui.px(2)), (gx, bar.bottom + ui.px(2)))
    if result.scored:
        fill = pygame.Rect(bar.x, bar.y, max(bar.h, round(bar.w * result.position)), bar.h)
        pygame.draw.rect(ui.surface, color, fill, border_radius=bar.h // 2)
        mx = bar.x + round(bar.w * result.position)
        pygame.draw.line(ui.surface, t.text, (mx, bar.y - ui.px(3)), (mx, bar.bottom + ui.px(3)), 2)
    return bar.bottom + ui.px(10), bar


def radar(ui: Ui, results: tuple[ValueResult, ...], center: tuple[int, int], radius: int) -> None:
    """Seven axes, one per value in its colour, with the player's position on each."""
    t = ui.theme
    n = len(results)
    if n < 3:
        return
    cx, cy = center

    def point(i: int, r: float) -> tuple[float, float]:
        a = -math.pi / 2 + 2 * math.pi * i / n
        return cx + r * math.cos(a), cy + r * math.sin(a)

    for ring in (0.25, 0.5, 0.75, 1.0):
        pygame.draw.polygon(ui.surface, t.track, [point(i, radius * ring) for i in range(n)], 1)
    pts = []
    for i, res in enumerate(results):
        pygame.draw.line(ui.surface, t.track, center, point(i, radius), 1)
        pts.append(point(i, radius * (0.08 + 0.92 * res.position)))
    box = pygame.Rect(cx - radius, cy - radius, 2 * radius + 1, 2 * radius + 1)
    shape = pygame.Surface(box.size, pygame.SRCALPHA)  # only the chart's square, not the screen
    pygame.draw.polygon(shape, (*t.accent, 70), [(px - box.x, py - box.y) for px, py in pts])
    ui.surface.blit(shape, box)
    pygame.draw.polygon(ui.surface, t.accent, pts, 2)
    size = max(12, radius // 5)
    for i, res in enumerate(results):
        color = hex_color(res.value.color)
        if res.scored:
            pygame.draw.circle(ui.surface, color, pts[i], max(4, radius // 22))
        else:
            pygame.draw.circle(ui.surface, color, pts[i], max(4, radius // 22), 2)
        ic = icon(res.value.icon, size, color)
        ui.surface.blit(ic, ic.get_rect(center=point(i, radius + size * 0.8)))
