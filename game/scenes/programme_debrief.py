"""The combined debrief of a programme: the value profile summed over its scenarios, and
the decisions that cost the most, each with its rule (a link into the rulebook).

The numbers are engine/programme.py's ``programme_debrief``; this scene only lays them out.
"""

from __future__ import annotations

import pygame

from engine.programme import Programme, ProgrammeDebrief, programme_debrief
from game import records_access
from game.scenes.base import Scene
from game.theme import tone_color
from game.widgets.charts import value_bar
from game.widgets.links import review_blocks, rule_links, rule_links_height
from game.widgets.ui import Ui


class ProgrammeDebriefScene(Scene):
    name = "programme_debrief"

    def __init__(self, app, programme: Programme) -> None:
        super().__init__(app)
        who = records_access.player(app)
        assert app.records is not None and who is not None
        self.debrief: ProgrammeDebrief = programme_debrief(
            app.library, app.records, programme, who.id
        )
        self.drawn_scores: dict[str, tuple[int, int, int]] = {}
        self.focus_key = None

    def draw(self, ui: Ui) -> None:
        t, lang, d = ui.theme, ui.lang, self.debrief
        top = ui.header(f"{ui.tr('programme_debrief')}: {d.programme.title.get(lang)}", self.back)
        margin = ui.px(20)
        view = pygame.Rect(margin // 2, top + ui.px(8), ui.w - margin, ui.h - top - ui.px(16))
        y0 = ui.begin_area(self.scroll_area, view)
        two = ui.w >= ui.px(900)
        col_w = (ui.w - 3 * margin) * 9 // 20 if two else ui.w - 2 * margin
        y = ui.text(ui.tr("value_profile"), margin, y0, ui.h2, t.text, col_w, "bold").bottom
        y += ui.px(8)
        for result in d.values:
            y, _ = value_bar(ui, result, margin, y, col_w)
            self.drawn_scores[result.value.id] = (result.score, result.low, result.high)
        rx, ry = (margin + col_w + margin, y0) if two else (margin, y + ui.px(10))
        rw = ui.w - rx - margin
        ry = ui.text(ui.tr("programme_costly"), rx, ry, ui.h2, t.text, rw, "bold").bottom
        ry += ui.px(8)
        if not d.costly:
            ry = ui.text(ui.tr("programme_no_costly"), rx, ry, ui.body, t.muted, rw).bottom
        for n, costly in enumerate(d.costly, 1):
            ry = self._costly(ui, n, costly, rx, ry, rw)
        ui.end_area(max(y, ry) + ui.px(10))

    def _costly(self, ui: Ui, n: int, costly, x: int, y: int, width: int) -> int:
        t, lang, review = ui.theme, ui.lang, costly.review
        pad = ui.px(12)
        inner = width - 2 * pad
        head = ui.tr(
            "programme_cost",
            scenario=costly.scenario.title.get(lang),
            step=review.step,
            cost=f"{costly.cost:+d}",
        )
        blocks = [
            ui.render(head, ui.small, t.bad, inner, "bold"),
            ui.render(review.situation.get(lang), ui.body, t.text, inner, "bold"),
            *review_blocks(ui, review, inner),
        ]
        links_h = rule_links_height(ui, review.rules, inner)
        height = sum(b.get_height() + ui.px(4) for b in blocks) + links_h + 2 * pad
        box = pygame.Rect(x, y, width, height)
        ui.panel(box)
        pygame.draw.rect(ui.surface, tone_color(t, "bad"), (x, y, ui.px(6), height))
        by = y + pad
        for block in blocks:
            ui.surface.blit(block, (x + pad, by))
            by += block.get_height() + ui.px(4)
        rule_links(ui, review.rules, x + pad, by, inner, f"c{n}")
        return box.bottom + ui.px(10)
