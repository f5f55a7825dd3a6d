"""At start: resume an unfinished play exactly where it stopped, or explain a bad records file.

Both are small prompts pushed over the title by :meth:`game.flow.Flow.start`; each is
dismissed with what the player chose.
"""

from __future__ import annotations

import pygame

from engine.record_types import SessionRecord
from engine.records import RecordsError
from game.scenes.base import Scene
from game.widgets.ui import Ui


def _prompt(ui: Ui, title: str, lines: list[str], buttons, scene: Scene) -> None:
    """A centred card: title, lines of text, a row of buttons (key, label, action, kind)."""
    t = ui.theme
    top = ui.header(title)
    width = min(ui.w - ui.px(48), ui.px(820))
    x = (ui.w - width) // 2
    view = pygame.Rect(x - ui.px(8), top + ui.px(16), width + ui.px(16), ui.h - top - ui.px(32))
    y = ui.begin_area(scene.scroll_area, view)
    for i, line in enumerate(lines):
        size, style = (ui.h2, "bold") if i == 0 else (ui.body, "regular")
        y = ui.text(line, x, y, size, t.text if i == 0 else t.muted, width, style).bottom
        y += ui.px(10)
    y += ui.px(6)
    bh = ui.line(ui.body, "bold") + ui.px(16)
    bx = x
    for key, label, action, kind in buttons:
        r = pygame.Rect(bx, y, max(ui.button_width(label), ui.px(180)), bh)
        if r.right > x + width and bx > x:
            bx, y = x, y + bh + ui.px(10)
            r.topleft = (bx, y)
        ui.button(key, r, label, action, kind)
        bx = r.right + ui.px(12)
    ui.end_area(y + bh + ui.px(8))


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
        _prompt(ui, ui.tr("game_title"), [ui.tr("resume_title"), detail], buttons, self)


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
        _prompt(ui, ui.tr("records_problem_title"), lines, buttons, self)
