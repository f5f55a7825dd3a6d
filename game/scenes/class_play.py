"""The projector view of a class: only what the whole room may see, readable from the back.

Situation (with its picture and calendar), then the vote (options, live tally, the join code
and QR for phones, the timer), then the reveal (the split in neutral colours, the option
played, its verdict in words and a mark, what every other option would have led to). The
facilitator's notes never appear here; the discussion questions do, once the vote is closed
and the facilitator asks for them. The facilitator steers from the keyboard, from the
console window, or from the phone page (game/lesson.py applies the commands).
"""

from __future__ import annotations

from functools import partial

import pygame

from engine.session import Outcome
from engine.ui_text import tr
from game import staging
from game.lesson import Lesson, Split
from game.scenes.base import Scene
from game.theme import tone_color
from game.widgets.calendar import status as calendar_status
from game.widgets.stakes import draw_stakes, stakes_height
from game.widgets.ui import ScrollArea, Ui
from game.widgets.verdict import verdict_mark

LETTERS = "ABCDEFGHI"
DIGITS = {getattr(pygame, f"K_{n}"): n for n in range(10)}
DIGITS.update({getattr(pygame, f"K_KP{n}"): n for n in range(10)})


def projector_body_px(size: tuple[int, int]) -> int:
    """Body text for a projector: 34 px at 1280x720, 36 px at 1024x768 (read from the back)."""
    w, h = size
    return max(28, round(min(h * 0.047, w * 0.036)))


class ClassPlayScene(Scene):
    name = "class_play"

    def __init__(self, app, lesson: Lesson, server=None) -> None:
        super().__init__(app)
        self.lesson = lesson
        self.server = server
        self.main_area = self.scroll_area
        self.side_area = ScrollArea()
        self.areas = [self.main_area, self.side_area]
        self.focus_key = None
        self.show_pin = False  # the phone console's address and PIN, on the facilitator's word
        self._qr: tuple[tuple, pygame.Surface] | None = None

    # -- steering -------------------------------------------------------------------------
    def primary(self) -> None:
        """Enter / the big button: the next step of this decision."""
        lesson = self.lesson
        if lesson.phase == "situation":
            lesson.open_vote()
        elif lesson.phase == "voting":
            lesson.close_vote()
        elif lesson.phase == "closed":
            lesson.reveal()
        else:
            self._after(lesson.next())
        self.main_area.offset = 0

    def _after(self, outcome: Outcome | None) -> None:
        if outcome is None:
            return
        self.app.sounds.play({"good": "good", "bad": "bad"}.get(outcome.verdict, "page"))
        if outcome.finished:
            self.dismiss("finished")
        elif self.lesson.play.stuck:  # a dead end (lint warns of it): say so; Esc returns
            lang = self.app.settings.lang
            node = self.lesson.play.view().node_id
            self.app.show_notice(tr("game_dead_end", lang), (tr("dead_end", lang, node=node),))

    def back(self) -> None:
        if self.lesson.play.step and not self.lesson.finished and not self.lesson.play.stuck:
            self.app.flow.confirm_leave(self)
        else:
            self.dismiss(None)

    @property
    def play(self):  # the flow's leave question reads whether the play is saved
        return self.lesson.play

    def key(self, event: pygame.event.Event) -> None:
        k, lesson = event.key, self.lesson
        opens_or_closes = k in (pygame.K_v, pygame.K_SPACE) and lesson.phase in (
            "situation",
            "voting",
        )
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER) or opens_or_closes:
            self.primary()
        elif k == pygame.K_t:
            lesson.toggle_timer()
        elif k == pygame.K_r:
            lesson.timer.reset()
        elif k == pygame.K_q:
            lesson.show_questions()
        elif k == pygame.K_c:
            self.app.flow.toggle_console(self)
        elif k == pygame.K_p:
            self.show_pin = not self.show_pin
        elif k in DIGITS and lesson.needs_pick:
            lesson.tie_pick(DIGITS[k] - 1)
        elif k in DIGITS and lesson.phase in ("situation", "voting"):
            lesson.digit(DIGITS[k])
        elif k == pygame.K_BACKSPACE:
            lesson.set_hands(lesson.row, lesson.hands[lesson.row] // 10 if lesson.hands else 0)
        elif k in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS, pygame.K_MINUS):
            step = -1 if k == pygame.K_MINUS else 1
            if lesson.hands:
                lesson.set_hands(lesson.row, lesson.hands[lesson.row] + step)
        elif k in (pygame.K_UP, pygame.K_DOWN) and lesson.phase in ("situation", "voting"):
            n = len(lesson.hands)
            if n:
                lesson.select_row((lesson.row + (1 if k == pygame.K_DOWN else -1)) % n)
        else:
            super().key(event)

    def update(self, dt: float) -> None:
        rang, outcomes = self.lesson.tick(dt)
        if rang:
            self.app.sounds.play("good")
        for outcome in outcomes:
            self._after(outcome)
        if self.server is not None:
            self.server.publish_state(self.lesson.facilitator_state(self.app.settings.lang))

    def animating(self) -> bool:
        # The tally moves while phones vote; the timer ticks; both need fresh frames.
        lesson = self.lesson
        return lesson.timer.running or lesson.timer.signal > 0 or lesson.phase == "voting"

    # -- drawing --------------------------------------------------------------------------
    def draw(self, ui: Ui) -> None:
        scale_for_projector(ui)
        lesson, t = self.lesson, ui.theme
        top = self._top_bar(ui)
        bar_h = ui.line(ui.body, "bold") + ui.px(20)
        gap = ui.px(16)
        main_w = ui.w * 62 // 100 if ui.w >= ui.h * 1.5 else ui.w * 58 // 100
        main = pygame.Rect(gap, top + gap, main_w - gap, ui.h - top - 2 * gap - bar_h)
        side = pygame.Rect(main.right + gap, main.y, ui.w - main.right - 2 * gap, main.h)
        y = ui.begin_area(self.main_area, main)
        if lesson.phase == "situation":
            y = self._situation(ui, main.x, y, main.w)
        else:
            y = self._options(ui, main.x, y, main.w)
        if lesson.refused and not (lesson.needs_pick and lesson.refused == "class_refused_tie"):
            # why the last request was not done, in the flow (never over the options)
            y = ui.text(ui.tr(lesson.refused), main.x, y, ui.small, t.bad, main.w, "bold").bottom
        ui.end_area(y)
        y = ui.begin_area(self.side_area, side)
        y = self._side(ui, side.x, y, side.w)
        ui.end_area(y)
        self._action_bar(ui, bar_h)
        if self.show_pin and self.server is not None:
            server = self.server
            line = ui.tr("class_console_phone", url=server.facilitator_url, pin=server.pin)
            card = ui.render(line, ui.small, t.text, ui.w - 2 * gap, "bold")
            rect = card.get_rect(midtop=(ui.w // 2, top + gap)).inflate(gap, gap)
            ui.panel(rect, t.panel_alt)
            ui.surface.blit(card, card.get_rect(center=rect.center))

    def _top_bar(self, ui: Ui) -> int:
        t, lesson = ui.theme, self.lesson
        h = ui.line(ui.h2, "bold") + ui.px(16)
        pygame.draw.rect(ui.surface, t.header, (0, 0, ui.w, h))
        title = lesson.play.story.scenario.title.get(ui.lang)
        step = ui.tr("class_decision", n=lesson.play.step + 1)
        timer = lesson.timer.label
        timer_block = ui.render(timer, ui.h2, t.header_text, 0, "bold")
        ui.surface.blit(timer_block, (ui.w - timer_block.get_width() - ui.px(16), ui.px(8)))
        right = ui.w - timer_block.get_width() - ui.px(32)
        if self.server is not None:
            code = ui.render(
                ui.tr("class_code", code=self.server.room_code), ui.body, t.header_text, 0, "bold"
            )
            ui.surface.blit(code, (right - code.get_width(), (h - code.get_height()) // 2))
            right -= code.get_width() + ui.px(24)
        head = ui.render(f"{title} · {step}", ui.body, t.header_text, right - ui.px(16), "bold")
        ui.surface.set_clip(pygame.Rect(0, 0, right, h))
        ui.surface.blit(head, (ui.px(16), (h - ui.line(ui.body, "bold")) // 2))
        ui.surface.set_clip(None)
        return h

    def _situation(self, ui: Ui, x: int, y: int, width: int) -> int:
        t, view = ui.theme, self.lesson.view
        if view.speaker is not None:  # the face beside the name: the room sees who speaks
            scenario = self.lesson.play.story.scenario
            stage = staging.stage_of(ui.app, scenario, view.node_id)
            side = ui.px(88)
            face = staging.portrait(ui.app, scenario, stage, (side, side))
            ui.surface.blit(face, (x, y))
            tx, tw = x + side + ui.px(12), width - side - ui.px(12)
            name = view.speaker.name.get(ui.lang)
            role = view.speaker.role.get(ui.lang) if view.speaker.role else ""
            ty = ui.text(name, tx, y, ui.body, t.accent, tw, "bold").bottom
            if role:
                ty = ui.text(role, tx, ty, ui.small, t.muted, tw).bottom
            y = max(ty, y + side) + ui.px(6)
        elif view.title is not None:
            y = ui.text(view.title.get(ui.lang), x, y, ui.h2, t.text, width, "bold").bottom
        return ui.text(view.text.get(ui.lang), x, y, ui.body, t.text, width).bottom + ui.px(8)

    def _options(self, ui: Ui, x: int, y: int, width: int) -> int:
        lesson = self.lesson
        split = lesson.live()
        reveal = lesson.phase == "reveal"
        played = lesson.played
        for i, choice in enumerate(lesson.view.choices):
            preview = lesson.previews[i] if reveal and i < len(lesson.previews) else None
            text = choice.text.get(ui.lang)
            y = self._option_row(ui, i, text, split, (x, y, width), preview, i == played and reveal)
        return y + ui.px(8)

    def _option_row(
        self,
        ui: Ui,
        i: int,
        text: str,
        split: Split,
        box: tuple[int, int, int],
        preview,
        played: bool,
    ) -> int:
        """One option: letter, text, the share of votes; at the reveal its verdict too."""
        t, lesson = ui.theme, self.lesson
        x, y, width = box
        pad = ui.px(10)
        badge = ui.line(ui.body, "bold") + ui.px(8)
        inner = width - badge - 3 * pad
        label = ui.render(text, ui.body, t.text, inner)
        count = split.counts[i] if i < len(split.counts) else 0
        share = f"{count} · {round(split.share(i) * 100)}%"
        tally = ui.render(share, ui.small, t.text, 0, "bold")
        blocks = [label]
        if preview is not None:
            word = ui.tr(f"verdict_{preview.verdict}")
            blocks.append(ui.render(word, ui.small, tone_color(t, preview.verdict), inner, "bold"))
            if played:
                blocks.append(ui.render(preview.feedback.get(ui.lang), ui.small, t.text, inner))
            if preview.rules:
                rule = preview.rules[0]
                where = rule.instrument + (f", {rule.article}" if rule.article else "")
                blocks.append(ui.render(where, ui.small, t.muted, inner, "italic"))
        bar_h = ui.px(14)
        h = sum(b.get_height() for b in blocks) + max(tally.get_height(), bar_h) + 2 * pad
        box = pygame.Rect(x, y, width, max(h, badge + 2 * pad))
        ui.panel(box, t.panel_alt if played else t.panel)
        if played:
            pygame.draw.rect(ui.surface, t.focus, box, ui.px(4), border_radius=ui.px(8))
        circle = pygame.Rect(x + pad, y + pad, badge, badge)
        pygame.draw.ellipse(ui.surface, t.accent, circle)
        letter = ui.render(LETTERS[i], ui.body, t.accent_text, 0, "bold")
        ui.surface.blit(letter, letter.get_rect(center=circle.center))
        if preview is not None:
            verdict_mark(ui.surface, preview.verdict, t, circle.move(0, badge + pad))
        by = y + pad
        bx = circle.right + pad
        for block in blocks:
            ui.surface.blit(block, (bx, by))
            by += block.get_height()
        selected = lesson.phase in ("situation", "voting") and i == lesson.row and any(lesson.hands)
        line_h = max(tally.get_height(), bar_h)
        track = pygame.Rect(bx, by + (line_h - bar_h) // 2, inner - tally.get_width() - pad, bar_h)
        pygame.draw.rect(ui.surface, t.track, track, border_radius=bar_h // 2)
        fill = track.copy()
        fill.w = round(track.w * split.share(i))
        if fill.w:
            pygame.draw.rect(ui.surface, t.muted, fill, border_radius=bar_h // 2)  # neutral
        ui.surface.blit(tally, (track.right + pad, track.centery - tally.get_height() // 2))
        if selected:
            ui.focus_ring(box)
        return box.bottom + ui.px(10)

    def _side(self, ui: Ui, x: int, y: int, width: int) -> int:
        lesson, t = self.lesson, ui.theme
        view = lesson.view
        if lesson.needs_pick:  # first, where the room looks: the facilitator must pick
            leaders = ", ".join(LETTERS[i] for i in lesson.final.leaders)
            tie = ui.tr("class_tie_between", options=leaders)
            y = ui.text(tie, x, y, ui.h2, t.bad, width, "bold").bottom + ui.px(10)
        if lesson.questions_shown and view.questions:
            y = ui.text(ui.tr("class_questions"), x, y, ui.h2, t.text, width, "bold").bottom
            for n, q in enumerate(view.questions, 1):
                line = f"{n}. {q.get(ui.lang)}"
                y = ui.text(line, x, y + ui.px(6), ui.body, t.text, width).bottom
            return y + ui.px(8)
        if lesson.phase == "voting" and self.server is not None:
            return self._join_panel(ui, x, y, width)
        if lesson.phase in ("situation",) and view.image:
            h = width * 9 // 16
            pic = ui.app.images.illustration(view.image, (width, h), t.panel_alt, t.muted)
            ui.surface.blit(pic, (x, y))
            y += h + ui.px(10)
        if view.day is not None:
            y = self._day_box(ui, x, y, width)
        if view.stakes is not None and lesson.phase == "situation":  # weighed before voting
            text = view.stakes.get(ui.lang)
            box = pygame.Rect(x, y, width, stakes_height(ui, text, width, ui.body, "bold"))
            draw_stakes(ui, text, box, ui.body, "bold")
            y = box.bottom + ui.px(10)
        split = lesson.live()
        if lesson.phase != "situation":
            total = ui.tr("class_votes_total", n=split.total)
            y = ui.text(total, x, y, ui.body, t.text, width, "bold").bottom
        return y

    def _day_box(self, ui: Ui, x: int, y: int, width: int) -> int:
        """The working day and the deadline in words, big: a month grid's digits cannot be
        read from the back of a room."""
        t, view = ui.theme, self.lesson.view
        pad = ui.px(10)
        lines = [(ui.tr("working_day", day=view.day), ui.h2, t.text, "bold")]
        if view.deadline is not None:
            label = view.deadline_label.get(ui.lang) if view.deadline_label else ""
            when = ui.tr("deadline", day=view.deadline)
            lines.append((f"{label} · {when}" if label else when, ui.small, t.muted, "regular"))
            text, color = calendar_status(ui, view.day, view.deadline)
            lines.append((text, ui.body, color, "bold"))
        inner = width - 2 * pad
        blocks = [ui.render(text, size, color, inner, style) for text, size, color, style in lines]
        box = pygame.Rect(x, y, width, sum(b.get_height() for b in blocks) + 2 * pad)
        ui.panel(box)
        by = y + pad
        for block in blocks:
            ui.surface.blit(block, (x + pad, by))
            by += block.get_height()
        return box.bottom + ui.px(10)

    def _join_panel(self, ui: Ui, x: int, y: int, width: int) -> int:
        t, server = ui.theme, self.server
        y = ui.text(ui.tr("class_join"), x, y, ui.body, t.text, width, "bold").bottom + ui.px(6)
        size = min(width, ui.h // 2)
        qr = self._qr_surface(size)
        ui.surface.blit(qr, (x + (width - qr.get_width()) // 2, y))
        y += qr.get_height() + ui.px(6)
        code = ui.tr("class_code", code=server.room_code)
        y = ui.text(code, x, y, ui.h2, t.text, width, "bold").bottom
        y = ui.text(server.join_url, x, y, ui.small, t.muted, width).bottom
        split = self.lesson.live()
        total = ui.tr("class_votes_total", n=split.total)
        return ui.text(total, x, y + ui.px(8), ui.body, t.text, width, "bold").bottom

    def _qr_surface(self, size: int) -> pygame.Surface:
        """The join URL's QR code, drawn once per size (dark modules on white, quiet zone)."""
        key = (self.server.join_url, size)
        if self._qr is None or self._qr[0] != key:
            matrix = self.server.qr_matrix(border=4)
            n = len(matrix)
            cell = max(1, size // n)
            surf = pygame.Surface((cell * n, cell * n))
            surf.fill((255, 255, 255))
            for r, row in enumerate(matrix):
                for c, dark in enumerate(row):
                    if dark:
                        surf.fill((0, 0, 0), (c * cell, r * cell, cell, cell))
            self._qr = (key, surf)
        return self._qr[1]

    def _action_bar(self, ui: Ui, h: int) -> None:
        lesson = self.lesson
        label = ui.tr(f"class_action_{lesson.phase}")
        y = ui.h - h - ui.px(4)
        x = ui.px(16)
        buttons = [
            ("class-primary", label, self.primary, "primary"),
            ("class-timer", ui.tr("class_timer"), lesson.toggle_timer, "normal"),
        ]
        if lesson.phase in ("closed", "reveal") and lesson.view.questions:
            questions = ui.tr("class_show_questions")
            buttons.append(("class-questions", questions, lesson.show_questions, "normal"))
        if lesson.needs_pick:
            for i in lesson.final.leaders:
                pick = ui.tr("class_pick", option=LETTERS[i])
                buttons.append((f"class-pick-{i + 1}", pick, partial(lesson.tie_pick, i), "normal"))
        for key, text, action, kind in buttons:
            w = ui.button_width(text, ui.small)
            rect = pygame.Rect(x, y, w, h - ui.px(4))
            if rect.right > ui.w - ui.px(8):
                break
            ui.button(key, rect, text, action, kind, ui.small)
            x = rect.right + ui.px(10)


def scale_for_projector(ui: Ui) -> None:
    """Set the frame's text sizes for a projector (see :func:`projector_body_px`)."""
    body = max(ui.body, projector_body_px(ui.size))
    ui.body = body
    ui.small = round(body * 0.82)
    ui.h2 = round(body * 1.15)
    ui.h1 = round(body * 1.4)
