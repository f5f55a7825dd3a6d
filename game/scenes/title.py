"""The title: the game's name, the seven values in their colours, and the main menu."""

from __future__ import annotations

import math
from typing import NamedTuple

import pygame

from game.scenes.base import Scene
from game.theme import hex_color
from game.widgets.icons import icon
from game.widgets.ui import Ui

WOBBLE_SECONDS = 4.0  # the value ring greets the player, then keeps still


class TitleScene(Scene):
    name = "title"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.focus_key = "start"
        self.elapsed = 0.0

    def update(self, dt: float) -> None:
        self.elapsed += dt

    def animating(self) -> bool:
        return self.elapsed < WOBBLE_SECONDS + 0.25  # then the ring rests; no redraws needed

    def start(self) -> None:
        """Individual mode: who is playing, then the scenario list."""
        self.app.flow.enter_player("individual")

    def classroom(self) -> None:
        """Classroom mode: a facilitator session (group code optional)."""
        self.app.flow.enter_player("classroom")

    def report(self) -> None:
        self.app.flow.report()

    def toggle_language(self) -> None:
        s = self.app.settings
        s.lang = "en" if s.lang == "id" else "id"
        self.app.save_settings()

    def rulebook(self) -> None:
        self.app.flow.rulebook()

    def settings(self) -> None:
        self.app.flow.settings()

    def back(self) -> None:
        self.app.quit()

    def draw(self, ui: Ui) -> None:
        t = ui.theme
        width = ui.w - ui.px(80)
        title = ui.render(
            ui.tr("game_title"),
            round(ui.h1 * 1.5),
            t.header_text,
            width,
            "bold",
            pygame.FONT_CENTER,
        )
        tag = ui.render(
            ui.tr("game_tagline"), ui.body, t.header_text, width, "italic", pygame.FONT_CENTER
        )
        hint = ui.render(
            ui.tr("game_keys_hint"),
            ui.small,
            t.muted,
            ui.w - ui.px(40),
            "regular",
            pygame.FONT_CENTER,
        )
        entries = (
            ("start", ui.tr("mode_individual"), self.start, "primary"),
            ("classroom", ui.tr("mode_classroom"), self.classroom, "primary"),
            ("report", ui.tr("mode_report"), self.report, "normal"),
            ("language", ui.tr("game_language"), self.toggle_language, "normal"),
            ("rulebook", ui.tr("game_rulebook"), self.rulebook, "normal"),
            ("settings", ui.tr("game_settings"), self.settings, "normal"),
            ("quit", ui.tr("game_quit"), self.app.quit, "quiet"),
        )
        bw = max(ui.px(300), *(ui.button_width(e[1]) for e in entries))
        bh = ui.line(ui.body, "bold") + ui.px(14)
        head_h = ui.px(64) + title.get_height() + tag.get_height() + ui.px(30)
        plan = title_layout(ui.size, len(entries), head_h, bh, hint.get_height(), ui.px)
        band = pygame.Rect(0, 0, ui.w, plan.band_h)
        pygame.draw.rect(ui.surface, t.header, band)
        pygame.draw.rect(ui.surface, t.focus, (0, band.bottom - ui.px(4), ui.w, ui.px(4)))
        ring = self._value_ring(ui, band)
        y = ring + ui.px(10)
        ui.surface.blit(title, title.get_rect(midtop=(ui.w // 2, y)))
        y += title.get_height()
        ui.surface.blit(tag, tag.get_rect(midtop=(ui.w // 2, y)))
        cols, gap = plan.cols, plan.gap
        bw = min(bw, (ui.w - ui.px(60)) // cols)
        for i, (key, label, action, kind) in enumerate(entries):
            col, row = (i % cols, i // cols)
            x = ui.w // 2 - (cols * bw + (cols - 1) * gap) // 2 + col * (bw + gap)
            rect = pygame.Rect(x, plan.top + row * (bh + gap), bw, bh)
            ui.button(key, rect, label, action, kind)
        if plan.hint is not None:
            ui.surface.blit(hint, hint.get_rect(midbottom=plan.hint.midbottom))

    def _value_ring(self, ui: Ui, band: pygame.Rect) -> int:
        """The seven value icons in a row of coloured discs; returns the y below them."""
        values = ui.app.library.values
        if not values:
            return band.y + ui.px(20)
        r = ui.px(20)
        gap = ui.px(14)
        total = len(values) * 2 * r + (len(values) - 1) * gap
        x = ui.w // 2 - total // 2 + r
        y = band.y + ui.px(22) + r
        fade = max(0.0, 1 - self.elapsed / WOBBLE_SECONDS)
        wobble = math.sin(self.elapsed * 1.5) * ui.px(2) * fade
        for i, v in enumerate(values):
            color = hex_color(v.color)
            cy = y + (wobble if i % 2 else -wobble)
            pygame.draw.circle(ui.surface, color, (x, cy), r)
            ic = icon(v.icon, int(r * 1.3), (255, 255, 255))
            ui.surface.blit(ic, ic.get_rect(center=(x, cy)))
            x += 2 * r + gap
        return y + r


class TitlePlan(NamedTuple):
    """Where the title's parts go: band height, button columns and top, the hint's box."""

    band_h: int
    cols: int
    top: int
    gap: int
    hint: pygame.Rect | None


def title_layout(
    size: tuple[int, int], entries: int, head_h: int, bh: int, hint_h: int, px
) -> TitlePlan:
    """Fit the buttons between the band and the key hint: one column, else two or three,
    with the band as short as its content; the hint is left out rather than overlapped."""
    w, h = size
    gap = px(8)
    hint_box = pygame.Rect(0, 0, w - px(40), hint_h)
    hint_box.midbottom = (w // 2, h - px(8))
    for cols in (1, 2, 3):
        rows = -(-entries // cols)
        need = rows * (bh + gap)
        band_h = max(head_h, min(h * 2 // 5, hint_box.top - px(8) - px(14) - need))
        top = band_h + px(14)
        if top + need - gap <= hint_box.top - px(8):
            return TitlePlan(band_h, cols, top, gap, hint_box)
    return TitlePlan(head_h, 3, head_h + px(14), gap, None)
