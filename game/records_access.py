"""The game's link to the records: open them at start, start or resume a recorded play.

Every play goes through :class:`engine.records.Recording`, so each decision is committed
the moment it is taken. Only when the records cannot be opened at all (a read-only disk)
does a play fall back to :class:`LocalRecording`, which keeps the same interface in memory
and says so once, rather than refusing to play.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from engine.record_types import PlayerRecord, SessionRecord, VoteRecord
from engine.records import Records, RecordsError, leaders
from engine.session import ChoiceError, Outcome, SaveError, Session
from engine.ui_text import tr

if TYPE_CHECKING:
    from game.app import App


class Play(Protocol):
    """What the play scene needs from a recorded (or in-memory) play-through."""

    session: Session
    mode: str

    def choose(self, index: int, votes: Sequence[int] | None = None) -> Outcome: ...

    def votes(self) -> dict[int, VoteRecord]: ...


class LocalRecording:
    """A play that is not saved (records unavailable): same calls, votes kept in memory."""

    def __init__(self, session: Session, mode: str) -> None:
        self.session, self.mode = session, mode
        self._votes: dict[int, VoteRecord] = {}

    def choose(self, index: int, votes: Sequence[int] | None = None) -> Outcome:
        open_choices = self.session.view().choices
        if votes is not None and index not in leaders(votes):
            raise ChoiceError(f"choice {index} did not get the most hands ({list(votes)})")
        outcome = self.session.choose(index)
        if votes is not None:
            tie = len(leaders(votes)) > 1
            hands = {c.choice_index: n for c, n in zip(open_choices, votes, strict=True)}
            self._votes[len(self.session.history)] = VoteRecord(hands, tie)
        return outcome

    def votes(self) -> dict[int, VoteRecord]:
        return dict(self._votes)


def startup(app: App) -> None:
    """Open the records; offer to resume an unfinished play, or explain a bad file."""
    from game.scenes.resume import RecordsProblemScene, ResumeScene

    try:
        app.records = Records.open(app.data_dir)
    except RecordsError as exc:
        if exc.replaceable:  # damaged or newer: offer a fresh file (the old one kept)
            app.push(RecordsProblemScene(app, exc))
        else:  # locked, read-only, unavailable: the file is healthy; never move it aside
            app.show_notice(tr("records_unavailable", app.settings.lang), [str(exc)], "error")
        return
    except (OSError, sqlite3.Error) as exc:
        app.show_notice(tr("records_unavailable", app.settings.lang), [str(exc)], "error")
        return
    saved = app.records.unfinished()
    if saved is not None:
        app.push(ResumeScene(app, saved))


def start_fresh(app: App) -> None:
    """Move the bad records file aside (kept as a backup) and start a new one."""
    lang = app.settings.lang
    try:
        app.records = Records.open(app.data_dir, recover=True)
    except (RecordsError, OSError, sqlite3.Error) as exc:
        app.show_notice(tr("records_unavailable", lang), [str(exc)], "error")
        return
    if app.records.backup is not None:
        app.show_notice(tr("records_backup_kept", lang), [str(app.records.backup)], "info")


def player(app: App) -> PlayerRecord | None:
    """The player chosen at the start; a guest when a scene was opened without one."""
    if app.records is None:
        return None
    if app.player is None:
        app.player = app.records.player(
            tr("class_player" if app.mode == "classroom" else "guest_player", "id")
        )
    return app.player


def begin(app: App, story_id: str, programme_id: str | None = None) -> Play:
    """A new recorded play of ``story_id`` for the current player and mode."""
    who = player(app)
    if app.records is None or who is None:
        return LocalRecording(Session(app.library, story_id), app.mode)
    try:
        return app.records.begin(app.library, story_id, who, app.mode, programme_id)
    except sqlite3.Error as exc:
        app.show_notice(tr("records_unavailable", app.settings.lang), [str(exc)], "error")
        return LocalRecording(Session(app.library, story_id), app.mode)


def resume(app: App, saved: SessionRecord) -> Play | None:
    """Continue ``saved`` exactly; a session that no longer restores is abandoned (and said so)."""
    assert app.records is not None
    try:
        rec = app.records.resume(app.library, saved)
    except SaveError as exc:
        app.records.abandon(saved.id)
        app.show_notice(tr("resume_failed", app.settings.lang), [str(exc)], "error")
        return None
    app.player, app.mode = saved.player, saved.mode
    return rec
