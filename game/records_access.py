"""The game's link to the records: start, resume or drop a recorded play, and say what failed.

Every play is an engine :class:`~engine.play.Play`: recorded when the records are open, in
memory otherwise. Nothing here raises on a failed write; the player is told instead.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from engine.play import Play
from engine.record_types import PlayerRecord, SessionRecord
from engine.records import Records, RecordsError, SaveError
from engine.ui_text import tr

if TYPE_CHECKING:
    from game.app import App


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
        name = tr("class_player" if app.mode == "classroom" else "guest_player", "id")
        try:
            app.player = app.records.player(name)
        except (sqlite3.Error, OSError):
            return None
    return app.player


def begin(app: App, story_id: str, programme_id: str | None = None) -> Play:
    """A new play of ``story_id`` for the current player and mode (recorded when possible)."""
    return Play.begin(
        app.library,
        story_id,
        records=app.records,
        player=player(app),
        mode=app.mode,
        programme_id=programme_id,
        seed="new" if app.shuffle else None,
    )


def resume(app: App, saved: SessionRecord) -> Play | None:
    """Continue ``saved`` exactly; a session that no longer restores is abandoned (and said so)."""
    assert app.records is not None
    try:
        play = Play.resume(app.library, app.records, saved)
    except SaveError as exc:
        abandon(app, saved.id)
        app.show_notice(tr("resume_failed", app.settings.lang), [str(exc)], "error")
        return None
    app.player, app.mode = saved.player, saved.mode
    return play


def abandon(app: App, session_id: int) -> None:
    """Stop offering a session for resume; a failed write is said, never raised."""
    if app.records is None:
        return
    try:
        app.records.abandon(session_id)
    except (sqlite3.Error, OSError) as exc:
        app.show_notice(tr("records_unavailable", app.settings.lang), [str(exc)], "error")


def say_if_unsaved(app: App, play: Play) -> None:
    """Tell the player (and facilitator) plainly when decisions are not being saved, and why."""
    if play.save_error is None or (play.save_error == "not-saved" and app.records is None):
        return  # saved, or the records were never open (said once at the start)
    lang = app.settings.lang
    why = tr(f"records_not_saved_{play.save_error.replace('-', '_')}", lang)
    lines = [why] + ([play.save_detail] if play.save_detail else [])
    app.show_notice(tr("records_not_saved", lang), lines, "error")
