"""The scenario list: what can be played, with focus values and minutes, and what cannot (why)."""

from __future__ import annotations

import pygame

from game.scenes.base import Scene
from game.widgets.ui import Ui


class ScenarioListScene(Scene):
    name = "scenario_list"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.open_reasons: set[str] = set()
        self.focus_key = None

    def play(self, story_id: str) -> None:
        self.app.flow.play(story_id)

    def open_programme(self, programme_id: str) -> None:
        self.app.flow.programme(self.app.library.programmes[programme_id])

    def _programmes(self, ui: Ui, x: int, y: int, width: int) -> int:
        """The programmes (paket) first, each one card that opens its progress."""
        programmes = ui.app.library.programmes
        if not programmes:
            return y
        t, pad = ui.theme, ui.px(12)
        y = ui.text(ui.tr("programmes_title"), x, y, ui.h2, t.text, width, "bold").bottom
        label = ui.tr("programme_open")
        bw = ui.button_width(label)
        for pid, programme in sorted(programmes.items()):
            inner = width - 3 * pad - bw
            title = ui.render(programme.title.get(ui.lang), ui.body, t.text, inner, "bold")
            count = ui.tr("programme_count", n=len(programme.scenarios))
            text = f"{programme.summary.get(ui.lang)} · {count}"
            summary = ui.render(text, ui.small, t.muted, inner)
            card = pygame.Rect(
                x, y + ui.px(6), width, title.get_height() + summary.get_height() + 2 * pad
            )
            key = f"programme-{pid}"
            focused = ui.add_target(key, card, lambda p=pid: self.open_programme(p), pid)
            ui.panel(card, t.panel_alt if focused else t.panel)
            pygame.draw.rect(ui.surface, t.accent, (x, card.y, ui.px(6), card.h))
            ui.surface.blit(title, (x + pad, card.y + pad))
            ui.surface.blit(summary, (x + pad, card.y + pad + title.get_height()))
            button = pygame.Rect(0, 0, bw, ui.line(ui.body, "bold") + ui.px(10))
            button.midright = (x + width - pad, card.centery)
            pygame.draw.rect(ui.surface, t.accent, button, border_radius=ui.px(8))
            lab = ui.render(label, ui.body, t.accent_text, 0, "bold")
            ui.surface.blit(lab, lab.get_rect(center=button.center))
            if focused:
                ui.focus_ring(card)
            y = card.bottom + ui.px(4)
        return y + ui.px(14)

    def toggle_reason(self, key: str) -> None:
        self.open_reasons ^= {key}

    def draw(self, ui: Ui) -> None:
        t, lang = ui.theme, ui.lang
        top = ui.header(ui.tr("game_scenarios"), back=self.back)
        width = min(ui.w - ui.px(48), ui.px(1000))
        x = (ui.w - width) // 2
        view = pygame.Rect(
            x - ui.px(10), top + ui.px(10), width + ui.px(20), ui.h - top - ui.px(18)
        )
        y = ui.begin_area(self.scroll_area, view) + ui.px(6)
        library = ui.app.library
        stories = sorted(library.stories.values(), key=lambda s: s.scenario.title.get(lang).lower())
        if not stories:
            y = ui.text(ui.tr("game_no_scenarios"), x, y, ui.body, t.muted, width).bottom + ui.px(
                12
            )
        if self.focus_key is None and stories:
            self.focus_key = f"play-{stories[0].id}"
        y = self._programmes(ui, x, y, width)
        pad = ui.px(12)
        inner = width - 2 * pad
        for story in stories:
            sc = story.scenario
            play_label = ui.tr("game_play")
            bw = ui.button_width(play_label)
            title = ui.render(sc.title.get(lang), ui.h2, t.text, inner - bw - pad, "bold")
            summary = ui.render(sc.summary.get(lang), ui.body, t.muted, inner)
            chips_h = ui.line(ui.small) + ui.px(8)
            card = pygame.Rect(
                x, y, width, title.get_height() + summary.get_height() + chips_h + 3 * pad
            )
            key = f"play-{story.id}"
            focused = ui.add_target(key, card, lambda s=story.id: self.play(s), sc.title.id)
            ui.panel(card, t.panel_alt if focused else t.panel)
            ui.surface.blit(title, (x + pad, y + pad))
            cy = y + pad + title.get_height() + ui.px(4)
            ui.surface.blit(summary, (x + pad, cy))
            cy += summary.get_height() + ui.px(8)
            cx = x + pad
            for vid in sc.focus_values:
                if vid in library.value_ids:
                    r = ui.value_chip(library.value(vid), cx, cy)
                    cx = r.right + ui.px(6)
            minutes = ui.render(ui.tr("game_minutes", n=sc.minutes), ui.small, t.muted, 0, "bold")
            ui.surface.blit(minutes, minutes.get_rect(topright=(x + width - pad, cy)))
            play = pygame.Rect(0, 0, bw, ui.line(ui.body, "bold") + ui.px(10))
            play.topright = (x + width - pad, y + pad)
            pygame.draw.rect(ui.surface, t.accent, play, border_radius=ui.px(8))
            lab = ui.render(play_label, ui.body, t.accent_text, 0, "bold")
            ui.surface.blit(lab, lab.get_rect(center=play.center))
            if focused:
                ui.focus_ring(card)
            y = card.bottom + ui.px(10)
        for gone in library.unavailable:
            y = self._unavailable(ui, gone, x, y, width) + ui.px(10)
        ui.end_area(y)

    def _unavailable(self, ui: Ui, gone, x: int, y: int, width: int) -> int:
        t = ui.theme
        pad = ui.px(12)
        name = gone.scenario_id or gone.path.name
        key = f"why-{gone.path.name}"
        title = ui.render(
            ui.tr("game_not_available", name=name), ui.body, t.muted, width - 2 * pad, "bold"
        )
        opened = key in self.open_reasons
        label = ui.tr("game_hide_reason" if opened else "game_why")
        reasons = (
            [ui.render(str(p), ui.small, t.text, width - 2 * pad) for p in gone.problems]
            if opened
            else []
        )
        bh = ui.line(ui.small, "bold") + ui.px(10)
        height = 3 * pad + title.get_height() + bh + sum(r.get_height() + ui.px(4) for r in reasons)
        card = pygame.Rect(x, y, width, height)
        ui.panel(card, t.bg)
        pygame.draw.rect(ui.surface, t.bad, (x, y, ui.px(6), height))
        ui.surface.blit(title, (x + pad, y + pad))
        by = y + pad + title.get_height() + ui.px(6)
        ui.button(
            key,
            pygame.Rect(x + pad, by, ui.button_width(label, ui.small), bh),
            label,
            lambda k=key: self.toggle_reason(k),
            "quiet",
            ui.small,
        )
        ry = by + bh + ui.px(8)
        for r in reasons:
            ui.surface.blit(r, (x + pad, ry))
            ry += r.get_height() + ui.px(4)
        return card.bottom
