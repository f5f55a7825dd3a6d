"""The debrief: the ending as a scene, the value profile (gauges in words, radar), every
decision with its rules and the other options, and the way to the path map.

All numbers come from engine.debrief.build_debrief; this scene only lays them out. The
same drawing makes the PNG export, at full length so nothing scrolled away is lost.
"""

from __future__ import annotations

import datetime as dt

import pygame

from engine.debrief import Debrief
from engine.play import Play
from engine.record_types import VoteRecord
from game import staging
from game.scenes.base import Scene
from game.theme import hex_color, readable_on, tone_color
from game.widgets.charts import radar, value_bar
from game.widgets.class_votes import draw_votes
from game.widgets.icons import verdict_icon
from game.widgets.links import review_blocks, rule_links, rule_links_height
from game.widgets.ui import Ui

EXPORT_WIDTH = 1600


class DebriefScene(Scene):
    name = "debrief"
    covers_window = True  # the place's background fills the window

    def __init__(self, app, play: Play) -> None:
        super().__init__(app)
        self.votes: dict[int, VoteRecord] = play.votes()  # classroom: by decision step
        self.debrief: Debrief = play.debrief()
        self.player = play.player  # named on the exported page, with the date
        self.classroom = play.mode == "classroom"
        self.drawn_scores: dict[str, tuple[int, int, int]] = {}
        self.bar_rects: dict[str, pygame.Rect] = {}
        self.focus_key = "list"  # Enter must not save a file nobody asked for
        self.exported = None
        self.play = play
        last = self.debrief.decisions[-1].node_id if self.debrief.decisions else None
        self.place = staging.place_of(self.debrief.scenario, last)  # where the story ended

    def path_map(self) -> None:
        self.app.flow.path_map(self.play)

    def back(self) -> None:
        """Back to the scenario list the play was started from."""
        self.dismiss("list")

    def play_again(self) -> None:
        self.dismiss("again")

    def export(self) -> None:
        """Draw the whole debrief (not only the visible part) and save it as PNG."""
        probe = pygame.Surface((EXPORT_WIDTH, 900))
        ui = Ui(probe, self.app, None)
        height = self.draw_page(ui, export=True)
        page = pygame.Surface((EXPORT_WIDTH, max(900, height)))
        page.fill(self.app.theme.bg)
        saved_offset = self.scroll_area.offset
        self.draw_page(Ui(page, self.app, None), export=True)
        self.scroll_area.offset = saved_offset
        self.exported = self.app.export(page, f"debrief-{self.debrief.scenario.id}")

    def draw(self, ui: Ui) -> None:
        self.draw_page(ui, export=False)

    def draw_page(self, ui: Ui, export: bool) -> int:
        """Lay out the page; returns the height the full content needs."""
        t, lang, d = ui.theme, ui.lang, self.debrief
        if export:
            ui.surface.fill(t.bg)
        else:
            staging.draw_backdrop(ui, self.place)
        top = ui.header(
            f"{ui.tr('debrief')}: {d.scenario.title.get(lang)}", None if export else self.back
        )
        margin = ui.px(20)
        buttons_h = 0 if export else ui.line(ui.body, "bold") + ui.px(28)
        view = pygame.Rect(
            margin // 2, top + ui.px(8), ui.w - margin, ui.h - top - ui.px(8) - buttons_h
        )
        if export:
            view.h = 100000
        if not export:  # the place shows around the page; the page itself stays plain
            ui.panel(view.inflate(ui.px(4), ui.px(4)), t.bg)
        y0 = ui.begin_area(self.scroll_area, view) if not export else view.y
        if export:
            ui.surface.set_clip(None)
            y0 = ui.text(self._who(ui), margin, y0, ui.body, t.muted, ui.w - 2 * margin).bottom
            y0 += ui.px(8)
        two = ui.w >= ui.px(900)
        col_w = (ui.w - 3 * margin) * 9 // 20 if two else ui.w - 2 * margin
        left_x = margin
        y = self._ending(ui, left_x, y0, col_w)
        y = ui.text(ui.tr("value_profile"), left_x, y, ui.h2, t.text, col_w, "bold").bottom + ui.px(
            8
        )
        for result in d.values:
            y, bar = value_bar(ui, result, left_x, y, col_w)
            self.drawn_scores[result.value.id] = (result.score, result.low, result.high)
            self.bar_rects[result.value.id] = bar
        y = ui.text(ui.tr("game_radar"), left_x, y + ui.px(6), ui.h2, t.text, col_w, "bold").bottom
        radius = min(col_w // 2 - ui.px(40), ui.px(150))
        radar(ui, d.values, (left_x + col_w // 2, y + radius + ui.px(34)), radius)
        left_bottom = y + 2 * radius + ui.px(80)
        rx, ry = (left_x + col_w + margin, y0) if two else (left_x, left_bottom)
        rw = ui.w - rx - margin
        ry = ui.text(ui.tr("decisions"), rx, ry, ui.h2, t.text, rw, "bold").bottom + ui.px(8)
        for review in d.decisions:
            ry = self._decision(ui, review, rx, ry, rw)
        bottom = max(left_bottom, ry) + ui.px(10)
        if export:
            return bottom - y0 + view.y + ui.px(20)
        ui.end_area(bottom)
        self._buttons(ui, margin)
        return bottom - y0 + view.y

    def _who(self, ui: Ui) -> str:
        """Who played and when, for the exported page: name, NIP, group, date."""
        today = dt.date.today().isoformat()
        p = self.player
        if p is None:
            return ui.tr("export_who_unknown", date=today)
        parts = [p.name] + [x for x in (p.nip and f"NIP {p.nip}", p.group) if x]
        return ui.tr("export_who", who=" · ".join(parts), date=today)

    def _ending(self, ui: Ui, x: int, y: int, width: int) -> int:
        t, lang, ending = ui.theme, ui.lang, self.debrief.ending
        color = tone_color(t, ending.tone)
        title = ui.render(
            f"{ui.tr('ending')}: {ending.title.get(lang)}",
            ui.h2,
            readable_on(color),
            width - ui.px(20),
            "bold",
        )
        body = ui.render(ending.text.get(lang), ui.body, t.text, width - ui.px(20))
        strip_h = min(round(width * 0.3), ui.px(150))
        strip = staging.backdrop(ui.app, self.place, (width, strip_h))
        ui.surface.blit(strip, (x, y))
        pygame.draw.rect(ui.surface, t.border, (x, y, width, strip_h), 1)
        y += strip_h
        band = pygame.Rect(x, y, width, title.get_height() + ui.px(12))
        box = pygame.Rect(x, y, width, band.h + body.get_height() + ui.px(20))
        ui.panel(box)
        pygame.draw.rect(ui.surface, color, band)
        ui.surface.blit(title, (x + ui.px(10), y + ui.px(6)))
        ui.surface.blit(body, (x + ui.px(10), band.bottom + ui.px(10)))
        return box.bottom + ui.px(14)

    def _decision(self, ui: Ui, review, x: int, y: int, width: int) -> int:
        t, lang = ui.theme, ui.lang
        inner = width - ui.px(24)
        top = y
        y += ui.px(10)
        head = f"{review.step}. {review.situation.get(lang)}"
        if review.day is not None:
            head += f" · {ui.tr('working_day', day=review.day)}"
        # draw the text first on top of a panel drawn afterwards would hide it: measure first
        blocks = [
            ui.render(head, ui.body, t.text, inner, "bold"),
            *review_blocks(ui, review, inner),
        ]
        height = sum(b.get_height() + ui.px(4) for b in blocks)
        chips = self._chips(ui, review.deltas, inner)
        chips_h = (chips[-1][1].bottom + ui.px(8)) if chips else 0
        links_h = rule_links_height(ui, review.rules, inner)
        others = self._alternatives(ui, review, inner)
        others_h = sum(b.get_height() + ui.px(4) for _, b in others)
        vote = self.votes.get(review.step)
        choices = [option.text for option in review.options]
        chosen = review.choice_index
        vx = x + ui.px(12)
        votes_h = draw_votes(ui, vote, choices, chosen, vx, 0, inner, False) if vote else 0
        box = pygame.Rect(
            x, top, width, height + chips_h + links_h + votes_h + others_h + ui.px(20)
        )
        ui.panel(box)
        for block in blocks:
            ui.surface.blit(block, (x + ui.px(12), y))
            y += block.get_height() + ui.px(4)
        for block, r, color in chips:
            r = r.move(x + ui.px(12), y)
            pygame.draw.rect(ui.surface, color, r, border_radius=r.h // 2)
            ui.surface.blit(block, (r.x + ui.px(6), r.y + ui.px(2)))
        y += chips_h
        if vote is not None:
            y = draw_votes(ui, vote, choices, chosen, vx, y, inner, True)
        y = rule_links(ui, review.rules, x + ui.px(12), y, inner, f"d{review.step}")
        for mark, block in others:
            if mark is not None:
                ui.surface.blit(mark, (x + ui.px(12), y + ui.px(2)))
                ui.surface.blit(block, (x + ui.px(12) + mark.get_width() + ui.px(6), y))
            else:
                ui.surface.blit(block, (x + ui.px(12), y))
            y += block.get_height() + ui.px(4)
        return box.bottom + ui.px(10)

    @staticmethod
    def _alternatives(ui: Ui, review, width: int) -> list:
        """The options not taken: each with its verdict (icon and word) and its first rule,
        so the player sees where the other roads would have led."""
        t, lang = ui.theme, ui.lang
        others = [o for o in review.options if not o.taken]
        if not others:
            return []
        out = [(None, ui.render(ui.tr("debrief_other_options"), ui.small, t.text, width, "bold"))]
        size = ui.line(ui.small) - ui.px(4)
        for option in others:
            color = tone_color(t, option.verdict)
            mark = verdict_icon(option.verdict, size, color)
            where = ui.tr(f"verdict_{option.verdict}")
            if option.rules:
                where += f" · {option.rules[0].title.get(lang)}"
            text = f"{option.text.get(lang)} — {where}"
            out.append((mark, ui.render(text, ui.small, t.muted, width - size - ui.px(6))))
        return out

    @staticmethod
    def _chips(ui: Ui, deltas, width: int) -> list:
        """The score changes as coloured chips, wrapped into rows within ``width``."""
        out = []
        cx = cy = 0
        for value in ui.app.library.values:
            delta = deltas.get(value.id)
            if not delta:
                continue
            color = hex_color(value.color)
            text = f"{delta:+d} {value.name.get(ui.lang)}"
            block = ui.render(text, ui.small, readable_on(color), 0, "bold")
            r = pygame.Rect(cx, cy, block.get_width() + ui.px(12), block.get_height() + ui.px(4))
            if r.right > width and cx > 0:
                cx, cy = 0, r.bottom + ui.px(4)
                r.topleft = (cx, cy)
            out.append((block, r, color))
            cx = r.right + ui.px(6)
        return out

    def _buttons(self, ui: Ui, margin: int) -> None:
        h = ui.line(ui.body, "bold") + ui.px(14)
        x = margin
        y = ui.h - h - ui.px(8)
        for key, label, action, kind in (
            ("export", ui.tr("game_export"), self.export, "primary"),
            ("again", ui.tr("game_play_again"), self.play_again, "normal"),
            ("list", ui.tr("game_scenarios"), self.back, "normal"),
            ("path-map", ui.tr("path_map"), self.path_map, "normal"),
        ):
            r = pygame.Rect(x, y, ui.button_width(label), h)
            ui.button(key, r, label, action, kind)
            x = r.right + ui.px(12)
