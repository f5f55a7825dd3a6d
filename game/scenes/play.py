"""Playing a scenario: who speaks, the situation, the choices, the calendar and progress.

The scene only draws the engine's View and passes the pick to the Play's ``choose``
(engine/play.py), which plays it and commits it to the records at once. Two layouts
(game/play_layout.py): one page with situation and choices at normal text size, or, when
they would not both fit (larger text), two steps: the situation alone, then the choices
("Lihat pilihan" / Enter, Esc back). A class plays on the projector view instead
(game/scenes/class_play.py).
"""

from __future__ import annotations

import pygame

from engine.play import Play
from engine.session import Outcome
from engine.ui_text import tr
from game import metrics, play_layout, records_access, staging
from game.scenes.base import Scene
from game.widgets.ui import ScrollArea, Ui

NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)})
ENTER_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)


class PlayScene(Scene):
    name = "play"
    covers_window = True  # the place's background fills the window

    def __init__(self, app, play: Play) -> None:
        super().__init__(app)
        self.play = play
        self.view = play.view()
        self.text_area = self.scroll_area  # PgUp/PgDn scroll the situation
        self.choice_area = ScrollArea()
        self.areas = [self.text_area, self.choice_area]
        self.outcomes: list[Outcome] = []
        self.stage = "situation"  # in the two-step layout: "situation", then "choices"
        self.fits_one_page = True  # measured each frame at normal text size
        self.focus_key = self._default_focus()
        self.staged = self._stage()
        self._say_if_stuck()

    def _stage(self) -> staging.Stage:
        """Where this node happens and who speaks with which face (read by the tests)."""
        return staging.stage_of(self.app, self.play.story.scenario, self.view.node_id)

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
        return metrics.two_step(scale) or not self.fits_one_page

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
        self.focus_key = "see-choices"

    def back(self) -> None:
        if self.two_step and self.stage == "choices":
            self.see_situation()
        elif self.play.step and not self.play.finished and not self.view.stuck:
            self.app.flow.confirm_leave(self)  # mid-way: ask first
        else:
            self.dismiss(None)

    # -- events -------------------------------------------------------------------------
    def key(self, event: pygame.event.Event) -> None:
        k = event.key
        if (
            self.two_step
            and self.stage == "situation"
            and k in ENTER_KEYS
            and self.focus_key in (None, "see-choices")
        ):
            self.see_choices()
        elif self.choices_shown and k in NUMBER_KEYS:
            number = NUMBER_KEYS[k]
            if number <= len(self.view.choices):
                self.choose(number - 1)
        else:
            super().key(event)

    # -- playing ------------------------------------------------------------------------
    def choose(self, index: int) -> None:
        """Act on the pick (committed to the records at once) and show what it did."""
        was_saving = self.play.saving
        outcome = self.play.choose(index)
        if was_saving and not self.play.saving:
            records_access.say_if_unsaved(self.app, self.play)
        elif self.play.saving and not was_saving and self.play.save_error is None:
            self.app.show_notice(tr("records_saved_again", self.app.settings.lang), (), "info")
        self.outcomes.append(outcome)
        self.view = outcome.next
        self.text_area.offset = self.choice_area.offset = 0
        self.stage = "situation"
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
        if message:  # keep the load problems under the message: they say why
            problems = self.app.notice
            lines = (
                (problems.title, *problems.lines) if problems and problems.level == "error" else ()
            )
            self.app.show_notice(message, lines, "error")

    def layout(self, ui: Ui) -> None:
        self.staged = self._stage()  # a few lookups: the node may have changed (choice, F5)
        if not metrics.two_step(self.app.settings.text_scale):
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
