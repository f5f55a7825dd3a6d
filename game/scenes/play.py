"""Playing a scenario: who speaks, the situation, the choices, the calendar and progress.

The scene only draws the engine's View and passes the player's pick to Session.choose;
the engine decides scores and what comes next.
"""

from __future__ import annotations

import pygame

from engine.session import Outcome, Session
from game import metrics
from game.scenes.base import Scene
from game.widgets.calendar import draw_calendar
from game.widgets.ui import ScrollArea, Ui

DEFAULT_IMAGE = "office.png"  # shown where a node names no picture
NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)})


class PlayScene(Scene):
    name = "play"

    def __init__(self, app, story_id: str) -> None:
        super().__init__(app)
        self.story_id = story_id
        self.session = Session(app.library, story_id)
        self.view = self.session.view()
        self.text_area = self.scroll_area  # PgUp/PgDn scroll the situation
        self.choice_area = ScrollArea()
        self.areas = [self.text_area, self.choice_area]
        self.outcomes: list[Outcome] = []
        self.focus_key = "choice-1"

    def key(self, event: pygame.event.Event) -> None:
        number = NUMBER_KEYS.get(event.key)
        if number is not None and number <= len(self.view.choices):
            self.choose(number - 1)
        else:
            super().key(event)

    def choose(self, index: int) -> None:
        """Act on the player's pick and show what it did."""
        from game.scenes.outcome import OutcomeScene

        outcome = self.session.choose(index)
        self.outcomes.append(outcome)
        self.view = outcome.next
        self.text_area.offset = self.choice_area.offset = 0
        self.focus_key = "choice-1"
        self.app.sounds.play("choose")
        self.app.push(OutcomeScene(self.app, self, outcome))

    def on_reload(self) -> None:
        from game.session_reload import restart_at_same_node

        self.session, message = restart_at_same_node(
            self.app.library, self.session, self.app.settings.lang
        )
        self.view = self.session.view()
        if message:  # keep the load problems under the message: they say why
            problems = self.app.notice
            lines = (
                (problems.title, *problems.lines) if problems and problems.level == "error" else ()
            )
            self.app.show_notice(message, lines, "error")

    def draw(self, ui: Ui) -> None:
        t, lang = ui.theme, ui.lang
        sc = self.session.story.scenario
        ui.header(sc.title.get(lang), back=self.back)
        window = ui.size
        scale = self.app.settings.text_scale
        sit = metrics.situation_box(window, scale)
        pad = ui.px(12)
        left = pygame.Rect(ui.px(16), sit.y - pad, sit.x - ui.px(32) - pad, 0)
        left.h = ui.h - ui.px(16) - left.y
        self._draw_left(ui, left)
        # the situation, scrolled when it is longer than its box
        box = pygame.Rect(sit.x, sit.y, sit.w, sit.h)
        ui.panel(box.inflate(2 * pad, 2 * pad))
        y = ui.begin_area(self.text_area, box)
        y = ui.text(self.view.text.get(lang), box.x, y, ui.body, t.text, box.w).bottom
        ui.end_area(y)
        self._draw_choices(ui, scale)

    def _draw_choices(self, ui: Ui, scale: float) -> None:
        t = ui.theme
        count = len(self.view.choices)
        cbox = metrics.choice_box(ui.size, scale, count)
        x0 = metrics.situation_box(ui.size, scale).x - ui.px(12)
        right = ui.w - ui.px(12)
        view = pygame.Rect(x0 - ui.px(6), cbox.y, right - x0 + ui.px(12), ui.h - ui.px(10) - cbox.y)
        y = ui.begin_area(self.choice_area, view) + ui.px(4)
        gap = ui.px(8)
        for choice in self.view.choices:
            n = choice.index + 1
            text = ui.render(choice.text.get(ui.lang), ui.body, t.text, cbox.w)
            rect = pygame.Rect(x0, y, right - x0, text.get_height() + ui.px(16))
            key = f"choice-{n}"
            focused = key == ui.focus_key
            ui.panel(rect, t.panel_alt if focused else t.panel)
            badge = pygame.Rect(0, 0, ui.px(30), ui.px(30))
            badge.center = (x0 + ui.px(22), rect.y + ui.px(8) + ui.line() // 2)
            pygame.draw.rect(ui.surface, t.accent, badge, border_radius=ui.px(6))
            num = ui.render(str(n), ui.small, t.accent_text, 0, "bold")
            ui.surface.blit(num, num.get_rect(center=badge.center))
            ui.surface.blit(text, (cbox.x, rect.y + ui.px(8)))
            if ui.add_target(key, rect, lambda i=choice.index: self.choose(i), choice.text.id):
                ui.focus_ring(rect)
            y = rect.bottom + gap
        ui.end_area(y)

    def _draw_left(self, ui: Ui, area: pygame.Rect) -> None:
        t, lang, view = ui.theme, ui.lang, self.view
        x, y, w = area.x, area.y, area.w
        size = ui.px(64)
        speaker = view.speaker
        sid = view.speaker_id or "narator"
        ui.surface.blit(
            ui.app.images.avatar(sid, speaker.avatar if speaker else None, size), (x, y)
        )
        name = speaker.name.get(lang) if speaker else ui.tr("game_narrator")
        ny = ui.text(
            name, x + size + ui.px(10), y, ui.body, t.text, w - size - ui.px(10), "bold"
        ).bottom
        if speaker and speaker.role:
            ny = ui.text(
                speaker.role.get(lang),
                x + size + ui.px(10),
                ny,
                ui.small,
                t.muted,
                w - size - ui.px(10),
            ).bottom
        y = max(y + size, ny) + ui.px(10)
        bottom = area.bottom
        progress_h = ui.line(ui.small) + ui.px(12)
        bottom -= progress_h
        room = max(0, bottom - y)
        img_h = min(round(w * 0.56), room // 3 if view.day is not None else room)
        if img_h > ui.px(40):
            pic = ui.app.images.illustration(
                view.image or DEFAULT_IMAGE, (w, img_h), t.panel_alt, t.border
            )
            ui.surface.blit(pic, (x, y))
            pygame.draw.rect(ui.surface, t.border, (x, y, w, img_h), 1)
            y += img_h + ui.px(10)
        if view.day is not None and bottom - y > ui.px(40):
            draw_calendar(
                ui,
                pygame.Rect(x, y, w, bottom - y - ui.px(8)),
                view.day,
                view.deadline,
                view.deadline_label,
            )
        self._draw_progress(ui, pygame.Rect(x, area.bottom - progress_h, w, progress_h))

    def _draw_progress(self, ui: Ui, rect: pygame.Rect) -> None:
        t = ui.theme
        pct = round(self.view.progress * 100)
        label = ui.tr("game_step", n=self.view.step + 1, pct=pct)
        ui.text(label, rect.x, rect.y, ui.small, t.muted, rect.w)
        bar = pygame.Rect(rect.x, rect.bottom - ui.px(6), rect.w, ui.px(6))
        pygame.draw.rect(ui.surface, t.track, bar, border_radius=bar.h // 2)
        pygame.draw.rect(
            ui.surface,
            t.accent,
            (bar.x, bar.y, bar.w * self.view.progress, bar.h),
            border_radius=bar.h // 2,
        )
