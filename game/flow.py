"""Which scene follows which: the only module that constructs scenes.

Scenes never build each other. A scene asks for what comes next through the app's ``flow``
(for example ``app.flow.play(story_id)``) or ends with ``dismiss(result)``; the callback it
was pushed with, defined here, decides what follows. So the paths through the game read in
one place, and each scene can be tested alone.
"""

from __future__ import annotations

import os
import sqlite3
from typing import TYPE_CHECKING

from engine.lrs_sender import start_sender
from engine.play import Play
from engine.record_types import Mode, PlayerRecord, SessionRecord
from engine.records import Records, RecordsError
from engine.ui_text import tr
from game import records_access
from game.console import Console, plan_displays
from game.lesson import Lesson
from game.scenes.class_play import ClassPlayScene
from game.scenes.confirm import ConfirmScene
from game.scenes.debrief import DebriefScene
from game.scenes.name_entry import NameEntryScene
from game.scenes.outcome import OutcomeScene
from game.scenes.path_map import PathMapScene
from game.scenes.play import PlayScene
from game.scenes.programme import ProgrammeScene
from game.scenes.programme_debrief import ProgrammeDebriefScene
from game.scenes.report import ReportScene
from game.scenes.resume import RecordsProblemScene, ResumeScene
from game.scenes.rulebook import RulebookScene
from game.scenes.scenario_list import ScenarioListScene
from game.scenes.settings_scene import SettingsScene
from game.scenes.title import TitleScene

if TYPE_CHECKING:
    from engine.model import Programme
    from engine.session import Outcome
    from game.app import App


class Flow:
    """The game's paths: title -> who plays -> scenarios -> play -> outcome -> debrief."""

    def __init__(self, app: App) -> None:
        self.app = app
        self._server = None  # classroom.ClassServer while a class is on
        self._server_failed = False
        self.console: Console | None = None

    # -- start ---------------------------------------------------------------------------
    def start(self) -> None:
        """The title; then open the records and offer to resume or to start a fresh file."""
        self.app.push(TitleScene(self.app))
        app = self.app
        try:
            app.records = Records.open(app.data_dir)
        except RecordsError as exc:
            if exc.replaceable:  # damaged or newer: offer a fresh file (the old one kept)
                app.push(RecordsProblemScene(app, exc), self._after_records_problem)
            else:  # locked, read-only, unavailable: a healthy file is never moved aside
                app.show_notice(tr("records_unavailable", app.settings.lang), [str(exc)], "error")
            return
        except (OSError, sqlite3.Error) as exc:
            app.show_notice(tr("records_unavailable", app.settings.lang), [str(exc)], "error")
            return
        self._start_sending()
        self._offer_resume()

    def _start_sending(self) -> None:
        """Statements for a Learning Record Store go out in the background, when one is set."""
        if self.app.records is not None and self.app.sender is None:
            self.app.sender = start_sender(self.app.records)

    def _offer_resume(self) -> None:
        records = self.app.records
        saved = records.unfinished() if records is not None else None
        if saved is not None:
            steps = len(records.decisions(saved.id)) if records is not None else 0
            self.app.push(ResumeScene(self.app, saved, steps), self._after_resume_prompt(saved))

    def _after_records_problem(self, result: object) -> None:
        if result == "fresh":
            records_access.start_fresh(self.app)
            self._start_sending()
            said = self.app.notice  # where the old file was kept: still worth reading
            self._offer_resume()
            self.app.notice = said
        elif result == "quit":
            self.app.quit()

    def _after_resume_prompt(self, saved: SessionRecord):
        def after(result: object) -> None:
            records = self.app.records
            if result == "resume" and records is not None:
                play = records_access.resume(self.app, saved)
                if play is not None:
                    self.scenarios()
                    self.play(saved.scenario_id, play=play)
            elif result == "discard" and records is not None:
                records_access.abandon(self.app, saved.id)

        return after

    # -- from the title ------------------------------------------------------------------
    def enter_player(self, mode: Mode) -> None:
        """Who plays (or which class); then the scenario list."""
        self.app.push(NameEntryScene(self.app, mode), self._after_entry)

    def _after_entry(self, result: object) -> None:
        if not isinstance(result, tuple):
            return  # went back to the title
        player, mode = result
        self.app.player = player if isinstance(player, PlayerRecord) else None
        self.app.mode = mode
        self.scenarios()

    def scenarios(self) -> None:
        def after(_: object) -> None:
            if self.app.mode == "classroom":
                self.end_class()

        self.app.push(ScenarioListScene(self.app), after)

    def report(self) -> None:
        self.app.push(ReportScene(self.app))

    def rulebook(self, rule_id: str | None = None) -> None:
        self.app.push(RulebookScene(self.app, rule_id))

    def settings(self) -> None:
        self.app.push(SettingsScene(self.app))

    # -- playing -------------------------------------------------------------------------
    def play(
        self, story_id: str, programme_id: str | None = None, play: Play | None = None
    ) -> None:
        """Play ``story_id`` (a new recorded play unless one is given), then its debrief.

        In classroom mode the projector view plays it with the class (phones vote through
        the class server when it can run; hand counts otherwise)."""
        play = play or records_access.begin(self.app, story_id, programme_id)
        records_access.say_if_unsaved(self.app, play)
        if play.mode == "classroom":
            self._class_play(play)
            return
        scene = PlayScene(self.app, play)

        def after(result: object) -> None:
            if result == "finished":
                self._debrief(play)

        self.app.push(scene, after)

    def _class_play(self, play: Play) -> None:
        server = self.class_server()
        lesson = Lesson(play, server)
        scene = ClassPlayScene(self.app, lesson, server)

        def after(result: object) -> None:
            self.close_console()
            if result == "finished":
                self._debrief(play)

        self.app.push(scene, after)
        plan = plan_displays(self.app.desktops())
        if plan.console is not None:
            self.toggle_console(scene, plan.console)

    def class_server(self):
        """The class's phone server, started on first use and kept for the whole class."""
        if self._server is None and not self._server_failed and self.app.class_server:
            try:
                from classroom import ClassServer

                host = os.environ.get("BERAKHLAK_CLASS_HOST", "0.0.0.0")
                port = int(os.environ.get("BERAKHLAK_CLASS_PORT", "8765"))
                try:
                    self._server = ClassServer.start(host, port)
                except OSError:
                    self._server = ClassServer.start(host, 0)  # the usual port is taken
            except (ImportError, OSError, ValueError) as exc:
                self._server_failed = True
                lang = self.app.settings.lang
                self.app.show_notice(tr("class_server_failed", lang), [str(exc)], "error")
        return self._server

    def close(self) -> None:
        """The game closes: the class ends and the LRS sender stops (what waits, waits)."""
        self.end_class()
        if self.app.sender is not None:
            self.app.sender.stop()
            self.app.sender = None

    def end_class(self) -> None:
        """The class is over (back to the title, or the game closes): stop the server."""
        self.close_console()
        if self._server is not None:
            self._server.stop()
            self._server = None

    def toggle_console(self, scene: ClassPlayScene, display: int = 0) -> None:
        """Open the facilitator's console window (or close it)."""
        if self.console is not None and self.console.open:
            self.close_console()
            return
        self.console = Console(self.app, scene.lesson, scene.server, display)
        self.app.windows.append(self.console)

    def close_console(self) -> None:
        if self.console is not None:
            self.console.close()
            if self.console in self.app.windows:
                self.app.windows.remove(self.console)
            self.console = None

    def outcome(self, play: Play, outcome: Outcome, scene: PlayScene) -> None:
        """The consequence of a decision; at an ending, the play scene gives way to the debrief."""

        def after(_: object) -> None:
            if outcome.finished:
                scene.dismiss("finished")

        self.app.push(OutcomeScene(self.app, play, outcome), after)

    def confirm_leave(self, scene: PlayScene) -> None:
        """Leaving mid-way: say that the play is kept (resumable) and ask."""
        lang = self.app.settings.lang
        detail = "leave_detail" if scene.play.saving else "leave_detail_unsaved"
        lines = [tr("leave_question", lang), tr(detail, lang)]
        options = [("stay", tr("leave_stay", lang)), ("leave", tr("leave_go", lang))]

        def after(result: object) -> None:
            if result == "leave":
                scene.dismiss(None)

        self.app.push(ConfirmScene(self.app, tr("leave_title", lang), lines, options), after)

    def _debrief(self, play: Play) -> None:
        def after(result: object) -> None:
            if result == "again":
                self.play(play.story_id, play.programme_id)

        self.app.push(DebriefScene(self.app, play), after)

    def path_map(self, play: Play) -> None:
        """The scenario's map with this play's path (and the best one once it has ended)."""
        self.app.push(PathMapScene(self.app, play))

    # -- programmes ----------------------------------------------------------------------
    def programme(self, programme: Programme) -> None:
        self.app.push(ProgrammeScene(self.app, programme))

    def programme_step(
        self, programme: Programme, scenario_id: str, session_id: int | None
    ) -> None:
        """Play a programme's scenario: resume its unfinished play if there is one."""
        play = None
        records = self.app.records
        if records is not None and session_id is not None:
            saved = records.session(session_id)
            if saved is not None and not saved.finished:
                play = records_access.resume(self.app, saved)
        self.play(scenario_id, programme.id, play)

    def programme_debrief(self, programme: Programme) -> None:
        self.app.push(ProgrammeDebriefScene(self.app, programme))
