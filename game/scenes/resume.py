"""At start: resume an unfinished play exactly where it stopped, or explain a bad records file.

Both are small prompts pushed over the title by :meth:`game.flow.Flow.start`; each is
dismissed with what the player chose.
"""

from __future__ import annotations

from engine.record_types import SessionRecord
from engine.records import RecordsError
from game.scenes.base import Scene
from game.widgets.prompt import prompt_card
from game.widgets.ui import Ui


class ResumeScene(Scene):
    """An unfinished play was found: resume it, or discard it (its decisions stay recorded)."""

    name = "resume"

    def __init__(self, app, saved: SessionRecord, steps: int) -> None:
        super().__init__(app)
        self.saved = saved
        self.steps = steps
        self.focus_key = "resume-yes"

    def resume(self) -> None:
        self.dismiss("resume")

    def discard(self) -> None:
        self.dismiss("discard")

    def draw(self, ui: Ui) -> None:
        s = self.saved
        story = self.app.library.stories.get(s.scenario_id)
        title = story.scenario.title.get(ui.lang) if story else s.scenario_id
        detail = ui.tr(
            "resume_detail",
            scenario=title,
            player=s.player.name + (f" ({s.player.group})" if s.player.group else ""),
            mode=ui.tr(f"mode_name_{s.mode}"),
            step=self.steps + 1,
            when=s.updated_at[:16].replace("T", " "),
        )
        buttons = [
            ("resume-yes", ui.tr("resume_yes"), self.resume, "primary"),
            ("resume-discard", ui.tr("resume_discard"), self.discard, "normal"),
        ]
        prompt_card(ui, ui.tr("game_title"), [ui.tr("resume_title"), detail], buttons, self)


class RecordsProblemScene(Scene):
    """The records file is damaged or from a newer game: say so, offer a fresh file."""

    name = "records_problem"

    def __init__(self, app, error: RecordsError) -> None:
        super().__init__(app)
        self.error = error
        self.focus_key = "records-fresh"

    def fresh(self) -> None:
        self.dismiss("fresh")

    def quit(self) -> None:
        self.dismiss("quit")

    def draw(self, ui: Ui) -> None:
        why = ui.tr("records_newer" if self.error.kind == "newer" else "records_damaged")
        buttons = [
            ("records-fresh", ui.tr("records_fresh"), self.fresh, "primary"),
            ("quit", ui.tr("game_quit"), self.quit, "normal"),
        ]
        lines = [why, str(self.error)]
        prompt_card(ui, ui.tr("records_problem_title"), lines, buttons, self)
