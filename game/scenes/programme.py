"""A programme (paket): the player's progress through its scenarios, and the way in.

Each scenario shows its status from the records (done, in progress, open, locked with what
it waits for); open ones start a recorded play that carries the programme id, one in
progress resumes where it stopped. When all are done the combined debrief opens.
"""

from __future__ import annotations

import pygame

from engine.programme import Programme, Progress, programme_progress
from game import records_access
from game.scenes.base import Scene
from game.theme import readable_on
from game.widgets.ui import Ui

STATUS_TONE = {"done": "good", "in_progress": "accent", "open": "accent", "locked": "muted"}


class ProgrammeScene(Scene):
    name = "programme"

    def __init__(self, app, programme: Programme) -> None:
        super().__init__(app)
        self.programme = programme
        self.focus_key = None
        self._progress: tuple[tuple, Progress] | None = None

    def progress(self) -> Progress | None:
        """From the records, read again only after they changed (not every frame)."""
        who = records_access.player(self.app)
        records = self.app.records
        if records is None or who is None:
            return None
        key = (records.conn.total_changes, who.id, id(self.app.library))
        if self._progress is None or self._progress[0] != key:
            found = programme_progress(self.app.library, records, self.programme, who.id)
            self._progress = (key, found)
        return self._progress[1]

    def play(self, scenario_id: str, session_id: int | None, status: str) -> None:
        resume_id = session_id if status == "in_progress" else None
        self.app.flow.programme_step(self.programme, scenario_id, resume_id)

    def debrief(self) -> None:
        self.app.flow.programme_debrief(self.programme)

    def draw(self, ui: Ui) -> None:
        t, lang = ui.theme, ui.lang
        top = ui.header(self.programme.title.get(lang), back=self.back)
        width = min(ui.w - ui.px(48), ui.px(1000))
        x = (ui.w - width) // 2
        view = pygame.Rect(
            x - ui.px(10), top + ui.px(10), width + ui.px(20), ui.h - top - ui.px(18)
        )
        y = ui.begin_area(self.scroll_area, view) + ui.px(6)
        y = ui.text(self.programme.summary.get(lang), x, y, ui.body, t.muted, width).bottom
        progress = self.progress()
        if progress is None:
            y = ui.text(ui.tr("records_unavailable"), x, y + ui.px(8), ui.body, t.bad, width).bottom
            ui.end_area(y)
            return
        n = len(progress.steps)
        head = ui.tr("programme_progress", done=progress.done, n=n)
        y = ui.text(head, x, y + ui.px(10), ui.h2, t.text, width, "bold").bottom + ui.px(4)
        bar = pygame.Rect(x, y, width, ui.px(10))
        pygame.draw.rect(ui.surface, t.track, bar, border_radius=bar.h // 2)
        if progress.done:
            fill = (bar.x, bar.y, bar.w * progress.done // n, bar.h)
            pygame.draw.rect(ui.surface, t.good, fill, border_radius=bar.h // 2)
        y = bar.bottom + ui.px(14)
        for i, step in enumerate(progress.steps, 1):
            y = self._step(ui, i, step, x, y, width) + ui.px(8)
        label = ui.tr("programme_debrief")
        bh = ui.line(ui.body, "bold") + ui.px(16)
        if progress.complete:
            rect = pygame.Rect(x, y + ui.px(6), max(ui.button_width(label), ui.px(240)), bh)
            ui.button("programme-debrief", rect, label, self.debrief, "primary")
            y = rect.bottom
        else:
            note = ui.tr("programme_debrief_locked")
            y = ui.text(note, x, y + ui.px(6), ui.body, t.muted, width, "italic").bottom
        if self.focus_key is None:
            first = progress.next_open
            self.focus_key = f"pstep-{first}" if first else "programme-debrief"
        ui.end_area(y + ui.px(10))

    def _step(self, ui: Ui, i: int, step, x: int, y: int, width: int) -> int:
        t, lang = ui.theme, ui.lang
        story = self.app.library.stories.get(step.scenario_id)
        title = story.scenario.title.get(lang) if story else step.scenario_id
        pad = ui.px(12)
        status = ui.tr(f"programme_status_{step.status}")
        tone = getattr(t, STATUS_TONE[step.status])
        chip = ui.render(status, ui.small, readable_on(tone), 0, "bold")
        label = {
            "done": "programme_again",
            "in_progress": "programme_continue",
            "open": "programme_play",
        }.get(step.status)
        bw = ui.button_width(ui.tr(label)) if label else 0
        text_w = width - 2 * pad - bw - chip.get_width() - ui.px(40)
        block = ui.render(f"{i}. {title}", ui.body, t.text, text_w, "bold")
        lines = [block]
        if step.waiting_for:
            names = ", ".join(
                self.app.library.stories[s].scenario.title.get(lang)
                if s in self.app.library.stories
                else s
                for s in step.waiting_for
            )
            lines.append(
                ui.render(ui.tr("programme_waiting", names=names), ui.small, t.muted, text_w)
            )
        h = sum(b.get_height() for b in lines) + 2 * pad
        card = pygame.Rect(x, y, width, max(h, ui.line(ui.body, "bold") + ui.px(14) + 2 * pad))
        ui.panel(card, t.panel if step.status != "locked" else t.bg)
        by = card.centery - (h - 2 * pad) // 2
        for b in lines:
            ui.surface.blit(b, (x + pad, by))
            by += b.get_height()
        pill = pygame.Rect(0, 0, chip.get_width() + ui.px(16), chip.get_height() + ui.px(6))
        pill.midright = (x + width - pad - bw - ui.px(12), card.centery)
        pygame.draw.rect(ui.surface, tone, pill, border_radius=pill.h // 2)
        ui.surface.blit(chip, chip.get_rect(center=pill.center))
        if label:
            r = pygame.Rect(0, 0, bw, ui.line(ui.body, "bold") + ui.px(14))
            r.midright = (x + width - pad, card.centery)
            action = lambda s=step: self.play(s.scenario_id, s.session_id, s.status)  # noqa: E731
            kind = "normal" if step.status == "done" else "primary"
            ui.button(f"pstep-{step.scenario_id}", r, ui.tr(label), action, kind)
        return card.bottom
