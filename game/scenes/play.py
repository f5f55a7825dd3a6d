"""Playing a scenario: who speaks, the situation, the choices, the calendar and progress.

The scene only draws the engine's View and passes the pick to the Play's ``choose``
(engine/play.py), which plays it and commits it to the records at once. Two layouts
(game/scenes/play_layout.py): one page with situation and choices at normal text size, or,
when they would not both fit (larger text, and always in classroom mode), two steps:
the situation alone, then the choices ("Lihat pilihan" / Enter, Esc back). Classroom mode
adds the facilitator's notes (N), a discussion timer (T, R) and a vote tally.
"""

from __future__ import annotations

import pygame

from engine.play import Play
from engine.session import Outcome
from engine.ui_text import tr
from game import metrics, play_layout, records_access
from game.scenes.base import Scene
from game.widgets.classroom import DiscussionTimer, VoteTally
from game.widgets.ui import ScrollArea, Ui

NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)})
DIGIT_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(10)}
DIGIT_KEYS.update({getattr(pygame, f"K_KP{n}"): n for n in range(10)})
PLUS_KEYS = (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS)
MINUS_KEYS = (pygame.K_MINUS, pygame.K_KP_MINUS)
ENTER_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)


class PlayScene(Scene):
    name = "play"

    def __init__(self, app, play: Play) -> None:
        super().__init__(app)
        self.play = play
        self.classroom = play.mode == "classroom"
        self.view = play.view()
        self.text_area = self.scroll_area  # PgUp/PgDn scroll the situation
        self.choice_area = ScrollArea()
        self.notes_area = ScrollArea()
        self.areas = [self.text_area, self.choice_area, self.notes_area]
        self.outcomes: list[Outcome] = []
        self.stage = "situation"  # in the two-step layout: "situation", then "choices"
        self.show_notes = False
        self.fits_one_page = True  # measured each frame at normal text size
        self.timer = DiscussionTimer()
        self.tally = VoteTally(len(self.view.choices))
        self.focus_key = self._default_focus()
        self._say_if_stuck()

    def _say_if_stuck(self) -> None:
        """A dead end in the scenario (lint warns of it): say so; Esc returns to the list."""
        if self.view.stuck:
            lang = self.app.settings.lang
            self.app.show_notice(
                tr("game_dead_end", lang), (tr("dead_end", lang, node=self.view.node_id),)
            )

    @property
    def story_id(self) -> str:
        return self.play.story_id

    @property
    def two_step(self) -> bool:
        scale = self.app.settings.text_scale
        return self.classroom or metrics.two_step(scale) or not self.fits_one_page

    @property
    def choices_shown(self) -> bool:
        return not self.two_step or self.stage == "choices"

    def _default_focus(self) -> str | None:
        """No option is pre-selected (that would read as the recommended answer); Tab or an
        arrow key reaches the first."""
        if self.two_step and self.stage == "situation":
            return "see-choices"
        return None

    # -- steps --------------------------------------------------------------------------
    def see_choices(self) -> None:
        self.stage = "choices"
        self.choice_area.offset = 0
        self.focus_key = None  # nothing pre-selected
        self.app.sounds.play("page")

    def see_situation(self) -> None:
        self.stage = "situation"
        self.tally.tie = []
        self.focus_key = "see-choices"

    def back(self) -> None:
        if self.two_step and self.stage == "choices":
            self.see_situation()
        elif self.play.step and not self.play.finished and not self.view.stuck:
            self.app.flow.confirm_leave(self)  # mid-way: ask first
        else:
            self.dismiss(None)

    # -- classroom tools ----------------------------------------------------------------
    def toggle_notes(self) -> None:
        self.show_notes = not self.show_notes
        self.notes_area.offset = 0

    def toggle_timer(self) -> None:
        self.timer.toggle()

    def reset_timer(self) -> None:
        self.timer.reset()

    def more_time(self) -> None:
        self.timer.add_minute()

    def pick_row(self, i: int) -> None:
        """Classroom: clicking a choice selects its tally row (the class votes, not the click)."""
        self.tally.select(i)
        self.focus_key = f"choice-{i + 1}"

    def play_vote(self) -> None:
        """Play the choice with the most hands; on a tie, wait for the facilitator's pick."""
        winner = self.tally.winner()
        if winner is not None:
            self.choose(winner, votes=list(self.tally.hands))
        elif not self.tally.total:
            self.tally.empty_vote = True  # said on the tally's hint line
        else:
            self.focus_key = f"tie-{self.tally.tie[0] + 1}"

    def break_tie(self, i: int) -> None:
        if i in self.tally.tie:
            self.choose(i, votes=list(self.tally.hands))

    # -- events -------------------------------------------------------------------------
    def key(self, event: pygame.event.Event) -> None:
        k = event.key
        if self.classroom and k in (pygame.K_n, pygame.K_t, pygame.K_r):
            {pygame.K_n: self.toggle_notes, pygame.K_t: self.toggle_timer}.get(
                k, self.reset_timer
            )()
        elif self.classroom and self.stage == "choices" and self.view.choices:
            self._tally_key(event)
        elif (
            self.two_step
            and self.stage == "situation"
            and k in ENTER_KEYS
            and self.focus_key in (None, "see-choices")
        ):
            self.see_choices()
        elif self.choices_shown and not self.classroom and k in NUMBER_KEYS:
            number = NUMBER_KEYS[k]
            if number <= len(self.view.choices):
                self.choose(number - 1)
        else:
            super().key(event)

    def _tally_key(self, event: pygame.event.Event) -> None:
        """Digits type the hands of the selected row; arrows pick the row; Enter plays."""
        k, tally = event.key, self.tally
        focused = self.focus_key or ""
        if tally.tie and k in NUMBER_KEYS:
            self.break_tie(NUMBER_KEYS[k] - 1)
        elif k in DIGIT_KEYS:
            tally.digit(DIGIT_KEYS[k])
        elif k == pygame.K_BACKSPACE:
            tally.backspace()
        elif k in PLUS_KEYS or k in MINUS_KEYS:
            tally.add(1 if k in PLUS_KEYS else -1)
        elif k in (pygame.K_UP, pygame.K_DOWN):
            row = (tally.row + (1 if k == pygame.K_DOWN else -1)) % len(tally.hands)
            self.pick_row(row)
            self.choice_area.show(self._row_rect(row))
        elif k in ENTER_KEYS and (focused.startswith("choice-") or not self.focused()):
            self.play_vote()
        else:
            super().key(event)

    def _row_rect(self, row: int) -> pygame.Rect:
        target = next((t for t in self.targets if t.key == f"choice-{row + 1}"), None)
        return target.rect if target else pygame.Rect(0, 0, 0, 0)

    def update(self, dt: float) -> None:
        if self.timer.update(dt):
            self.app.sounds.play("good")  # a gentle chime: discussion time is up

    def animating(self) -> bool:
        return self.timer.running or self.timer.signal > 0

    # -- playing ------------------------------------------------------------------------
    def choose(self, index: int, votes: list[int] | None = None) -> None:
        """Act on the pick (committed to the records at once) and show what it did."""
        was_saving = self.play.saving
        outcome = self.play.choose(index, votes=votes)
        if was_saving and not self.play.saving:
            records_access.say_if_unsaved(self.app, self.play)
        elif self.play.saving and not was_saving and self.play.save_error is None:
            self.app.show_notice(tr("records_saved_again", self.app.settings.lang), (), "info")
        self.outcomes.append(outcome)
        self.view = outcome.next
        self.text_area.offset = self.choice_area.offset = self.notes_area.offset = 0
        self.stage = "situation"
        self.tally = VoteTally(len(self.view.choices))
        self.timer.reset()
        self.focus_key = self._default_focus()
        self.app.sounds.play("choose")
        self.app.flow.outcome(self.play, outcome, self)
        self._say_if_stuck()

    def on_reload(self) -> None:
        """F5: the play keeps its place when its node still exists, else restarts (recorded)."""
        rebase = self.play.rebase(self.app.library)
        lang = self.app.settings.lang
        message = {
            "kept": "",
            "restarted": tr("game_restarted", lang, id=rebase.story_id, node=rebase.node),
            "gone": tr("game_scenario_gone", lang, id=rebase.story_id),
        }[rebase.kind]
        self.view = self.play.view()
        if rebase.kind == "restarted":
            self.stage = "situation"
            self.focus_key = self._default_focus()
        if len(self.tally.hands) != len(self.view.choices):
            self.tally = VoteTally(len(self.view.choices))
        if message:  # keep the load problems under the message: they say why
            problems = self.app.notice
            lines = (
                (problems.title, *problems.lines) if problems and problems.level == "error" else ()
            )
            self.app.show_notice(message, lines, "error")

    def layout(self, ui: Ui) -> None:
        if not self.classroom and not metrics.two_step(self.app.settings.text_scale):
            fits = play_layout.one_page_fits(self, ui)
            if fits != self.fits_one_page:  # a long text: this node goes two-step
                self.fits_one_page = fits
                self.stage = "situation"
                self.focus_key = self._default_focus()

    def draw(self, ui: Ui) -> None:
        if self.two_step:
            play_layout.draw_two_step(self, ui)
        else:
            play_layout.draw_one_page(self, ui)
