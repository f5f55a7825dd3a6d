"""After each choice: the consequence in the scene (the speaker's reaction on the place),
the verdict with its icon, the value changes (animated), days passed, rules cited."""

from __future__ import annotations

import pygame

from engine.play import Play
from engine.session import Outcome
from game import staging
from game.scenes.base import Scene
from game.theme import hex_color, tone_color
from game.widgets.calendar import draw_calendar
from game.widgets.icons import icon, verdict_icon
from game.widgets.links import rule_links
from game.widgets.ui import Ui

ANIMATION_SECONDS = 0.9


def ease(p: float) -> float:
    p = max(0.0, min(1.0, p))
    return 1 - (1 - p) ** 3


class OutcomeScene(Scene):
    name = "outcome"
    covers_window = True  # the place's background fills the window

    def __init__(self, app, play: Play, outcome: Outcome) -> None:
        super().__init__(app)
        self.classroom = play.mode == "classroom"
        self.outcome = outcome
        self.elapsed = 0.0
        self.focus_key = "continue"
        self.drawn_deltas: dict[str, int] = {}
        self.play = play
        self.staged = self._stage()
        app.sounds.play({"good": "good", "bad": "bad"}.get(outcome.verdict, "page"))

    @property
    def progress(self) -> float:
        return ease(self.elapsed / ANIMATION_SECONDS)

    def update(self, dt: float) -> None:
        self.elapsed += dt

    def animating(self) -> bool:
        return self.elapsed < ANIMATION_SECONDS + 0.25  # a margin so the end state is drawn

    def _stage(self) -> staging.Stage:
        """The place of the decision and its speaker, with the choice's ``reaction`` face."""
        o, story = self.outcome, self.play.story
        node = story.scenario.nodes.get(o.node_id)
        reaction = None
        if node is not None and 0 <= o.choice_index < len(node.choices):
            reaction = node.choices[o.choice_index].reaction
        return staging.stage_of(self.app, story.scenario, o.node_id, reaction)

    def layout(self, ui: Ui) -> None:
        self.staged = self._stage()  # F5 may have changed the scenario

    def proceed(self) -> None:
        """Continue playing (or, at an ending, on to the debrief: the flow decides)."""
        self.dismiss(None)

    def back(self) -> None:
        self.proceed()

    def draw(self, ui: Ui) -> None:
        """The consequence told in the scene: the place, the speaker's reaction beside a
        panel with the verdict (word and icon), the value changes, the days and the rules."""
        t, lang, o = ui.theme, ui.lang, self.outcome
        staging.draw_backdrop(ui, self.staged.place)
        top = ui.header(ui.tr("feedback"))
        label = ui.tr("game_see_debrief" if o.finished else "game_continue")
        bh = ui.line(ui.body, "bold") + ui.px(16)
        side = self._side_width(ui)
        left = ui.px(24) + (side + ui.px(20) if side else 0)
        width = min(ui.w - left - ui.px(24), ui.px(980))
        x = left + (ui.w - ui.px(24) - left - width) // 2 if not side else left
        button = pygame.Rect(0, 0, max(ui.button_width(label), ui.px(200)), bh)
        button.bottomright = (x + width, ui.h - ui.px(12))
        view = pygame.Rect(
            x - ui.px(8), top + ui.px(10), width + ui.px(16), button.y - top - ui.px(20)
        )
        if side:
            self._draw_speaker(ui, pygame.Rect(ui.px(24), top + ui.px(10), side, 0), button.y)
        ui.panel(view.inflate(ui.px(8), ui.px(8)), t.bg)
        y = ui.begin_area(self.scroll_area, view)
        inner = width
        chose = ui.tr("game_class_chose" if self.classroom else "game_you_chose")
        y = ui.text(chose, x, y, ui.small, t.muted, inner, "bold").bottom
        y = ui.text(
            o.choice_text.get(lang), x, y, ui.body, t.muted, inner, "italic"
        ).bottom + ui.px(10)
        y = self._draw_verdict(ui, x, y, inner)
        y = ui.text(ui.tr("score_changes"), x, y, ui.h2, t.text, inner, "bold").bottom + ui.px(6)
        y = self._draw_deltas(ui, x, y, inner)
        if o.day is not None:
            y = self._draw_days(ui, x, y, inner)
        y = ui.text(
            ui.tr("rules_cited"), x, y + ui.px(6), ui.h2, t.text, inner, "bold"
        ).bottom + ui.px(6)
        y = rule_links(ui, o.rules, x, y, inner, "outcome")
        ui.end_area(y + ui.px(8))
        ui.button("continue", button, label, self.proceed, "primary")

    def _side_width(self, ui: Ui) -> int:
        """The speaker's column: only when someone speaks and the text keeps enough room."""
        if self.staged.speaker is None:
            return 0
        side = min(ui.w * 27 // 100, ui.px(360))
        return side if ui.w - side >= ui.px(640) else 0

    def _draw_speaker(self, ui: Ui, column: pygame.Rect, bottom: int) -> None:
        """The speaker's face after the choice (its ``reaction``) above the name plate."""
        plate_h = staging.name_plate_height(ui, self.staged, column.w)
        plate_y = bottom - plate_h
        side = min(column.w, plate_y - column.y)
        if side > ui.px(40):
            face = staging.portrait(ui.app, self.play.story.scenario, self.staged, (side, side))
            ui.surface.blit(face, face.get_rect(midbottom=(column.centerx, plate_y + ui.px(4))))
        staging.name_plate(ui, self.staged, column.x, plate_y, column.w)

    def _draw_verdict(self, ui: Ui, x: int, y: int, width: int) -> int:
        """The verdict's word with its icon (never colour alone), then the feedback."""
        t, tone = ui.theme, self.outcome.verdict
        color = tone_color(t, tone)
        word = ui.render(ui.tr(f"verdict_{tone}"), ui.h2, color, 0, "bold")
        mark = verdict_icon(tone, word.get_height(), color)
        fb = ui.render(self.outcome.feedback.get(ui.lang), ui.body, t.text, width - ui.px(30))
        box = pygame.Rect(x, y, width, word.get_height() + fb.get_height() + ui.px(26))
        ui.panel(box)
        pygame.draw.rect(ui.surface, color, (x, y, ui.px(6), box.h))
        ui.surface.blit(mark, (x + ui.px(20), y + ui.px(10)))
        ui.surface.blit(word, (x + ui.px(28) + mark.get_width(), y + ui.px(10)))
        ui.surface.blit(fb, (x + ui.px(20), y + ui.px(16) + word.get_height()))
        return box.bottom + ui.px(14)

    def _draw_deltas(self, ui: Ui, x: int, y: int, width: int) -> int:
        t = ui.theme
        deltas = {k: v for k, v in self.outcome.deltas.items() if v}
        if not deltas:
            return ui.text(ui.tr("game_no_change"), x, y, ui.body, t.muted, width).bottom + ui.px(8)
        p = self.progress
        biggest = max(3, *(abs(v) for v in deltas.values()))
        name_w = min(width * 2 // 5, ui.px(300))
        for value in ui.app.library.values:
            delta = deltas.get(value.id)
            if delta is None:
                continue
            color = hex_color(value.color)
            ic = icon(value.icon, ui.line(), color)
            ui.surface.blit(ic, (x, y))
            name = ui.render(
                value.name.get(ui.lang), ui.body, t.text, name_w - ic.get_width() - ui.px(8), "bold"
            )
            ui.surface.blit(name, (x + ic.get_width() + ui.px(8), y))
            row_h = max(name.get_height(), ic.get_height())
            shown = round(delta * p)
            self.drawn_deltas[value.id] = shown
            num = ui.render(f"{shown:+d}", ui.h2, t.good if delta > 0 else t.bad, 0, "bold")
            num_w = ui.render("+00", ui.h2, t.text, 0, "bold").get_width()
            track = pygame.Rect(
                x + name_w + ui.px(8),
                y + row_h // 2 - ui.px(7),
                width - name_w - num_w - ui.px(24),
                ui.px(14),
            )
            pygame.draw.rect(ui.surface, t.track, track, border_radius=ui.px(7))
            mid = track.centerx
            length = track.w / 2 * abs(delta) / biggest * p
            bar = pygame.Rect(mid if delta > 0 else mid - length, track.y, length, track.h)
            pygame.draw.rect(ui.surface, color, bar, border_radius=ui.px(7))
            pygame.draw.line(
                ui.surface, t.text, (mid, track.y - ui.px(3)), (mid, track.bottom + ui.px(3)), 2
            )
            ui.surface.blit(num, num.get_rect(midright=(x + width, y + row_h // 2)))
            y += row_h + ui.px(8)
        return y

    def _draw_days(self, ui: Ui, x: int, y: int, width: int) -> int:
        o = self.outcome
        if o.days_passed:
            y = ui.text(
                ui.tr("days_passed", n=o.days_passed),
                x,
                y + ui.px(6),
                ui.h2,
                ui.theme.text,
                width,
                "bold",
            ).bottom
        day = o.day - o.days_passed * (1 - self.progress)
        deadline = o.next.deadline
        rows = -(-(max(deadline or 0, o.day) + 2) // 5) + 1  # a weekday row, a mid-week start
        cal_w = min(width, ui.px(340))
        label = ui.tr("deadline", day=deadline or 0)
        if o.next.deadline_label is not None:
            label = f"{o.next.deadline_label.get(ui.lang)} · {label}"
        status_h = ui.text_height(ui.tr("game_acted_late", day=99, n=99), cal_w - ui.px(20))
        lines_h = ui.text_height(label, cal_w - ui.px(20), ui.small) + status_h
        cal_h = ui.line() + lines_h + ui.px(36) + rows * min(cal_w // 5, ui.px(34))
        cal = self.play.story.scenario.calendar
        draw_calendar(
            ui,
            pygame.Rect(x, y + ui.px(6), cal_w, cal_h),
            day,
            deadline,
            o.next.deadline_label,
            start=cal.start if cal else 1,
            start_weekday=cal.start_weekday if cal else None,
            acted=o.day - o.days_passed,
        )
        return y + cal_h + ui.px(14)
