"""The title: the game's name, the seven values in their colours, and the main menu."""

from __future__ import annotations

import math

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
        ring_h = ui.px(64)
        band_h = max(ui.h * 2 // 5, ring_h + title.get_height() + tag.get_height() + ui.px(30))
        band = pygame.Rect(0, 0, ui.w, band_h)
        pygame.draw.rect(ui.surface, t.header, band)
        pygame.draw.rect(ui.surface, t.focus, (0, band.bottom - ui.px(4), ui.w, ui.px(4)))
        ring = self._value_ring(ui, band)
        y = ring + ui.px(10)
        ui.surface.blit(title, title.get_rect(midtop=(ui.w // 2, y)))
        y += title.get_height()
        ui.surface.blit(tag, tag.get_rect(midtop=(ui.w // 2, y)))
        entries = (
            ("start", ui.tr("mode_individual"), self.start, "primary"),
            ("classroom", ui.tr("mode_classroom"), self.classroom, "primary"),
            ("report", ui.tr("mode_report"), self.report, "normal"),
            ("language", ui.tr("game_language"), self.toggle_language, "normal"),
            ("rulebook", ui.tr("game_rulebook"), self.rulebook, "normal"),
            ("settings", ui.tr("game_settings"), self.settings, "normal"),
            ("quit", ui.tr("game_quit"), self.app.quit, "quiet"),
        )
        hint = ui.render(
            ui.tr("game_keys_hint"),
            ui.small,
            t.muted,
            ui.w - ui.px(40),
            "regular",
            pygame.FONT_CENTER,
        )
        bw = max(ui.px(300), *(ui.button_width(e[1]) for e in entries))
        bh = ui.line(ui.body, "bold") + ui.px(14)
        gap = ui.px(8)
        top = band.bottom + ui.px(14)
        space = ui.h - hint.get_height() - ui.px(16) - top
        if len(entries) * (bh + gap) > space:  # small window, big text: two columns
            cols, bw = 2, min(bw, (ui.w - ui.px(60)) // 2)
        else:
            cols = 1
        for i, (key, label, action, kind) in enumerate(entries):
            col, row = (i % cols, i // cols)
            x = ui.w // 2 - (cols * bw + (cols - 1) * gap) // 2 + col * (bw + gap)
            ui.button(key, pygame.Rect(x, top + row * (bh + gap), bw, bh), label, action, kind)
        ui.surface.blit(hint, hint.get_rect(midbottom=(ui.w // 2, ui.h - ui.px(8))))

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
