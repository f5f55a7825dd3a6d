"""The SQLite file behind the records: where it lives, its schema, and what to do when it is bad.

A database that is damaged or was written by a newer game must not crash the game at every
start. Opening raises :class:`RecordsError` with a plain message; the caller can then choose
``open_database(..., recover=True)``, which moves the bad file aside as a timestamped backup
(nothing is deleted) and starts a fresh one.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Literal

DB_NAME = "records.sqlite3"
SCHEMA_VERSION = 3

SCHEMA = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE players (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    nip TEXT,
    group_code TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    player_id INTEGER NOT NULL REFERENCES players(id),
    scenario_id TEXT NOT NULL,
    scenario_version TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('individual', 'classroom')),
    programme_id TEXT,
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    finished_at TEXT,
    ending TEXT,
    scores TEXT,
    state TEXT NOT NULL,
    abandoned INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    step INTEGER NOT NULL CHECK (step >= 1),
    node TEXT NOT NULL,
    choice INTEGER NOT NULL CHECK (choice >= 0),
    day INTEGER NOT NULL,
    chosen_at TEXT NOT NULL,
    UNIQUE (session_id, step)
);
CREATE TABLE votes (
    decision_id INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    choice INTEGER NOT NULL CHECK (choice >= 0),
    hands INTEGER NOT NULL CHECK (hands >= 0),
    tie_broken INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (decision_id, choice)
);
CREATE TABLE named_votes (
    decision_id INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    choice INTEGER NOT NULL CHECK (choice >= 0)
);
CREATE INDEX sessions_by_player ON sessions(player_id, scenario_id);
CREATE INDEX sessions_by_start ON sessions(started_at);
"""
# Version 3: xAPI statements waiting for the learning record store (engine/outbox.py).
OUTBOX_SCHEMA = """
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    statement_id TEXT NOT NULL UNIQUE,
    session_uid TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'waiting'
        CHECK (status IN ('waiting', 'sent', 'refused', 'invalid')),
    reason TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    queued_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX outbox_by_status ON outbox(status, attempts, id);
"""
SCHEMA += OUTBOX_SCHEMA


class RecordsError(Exception):
    """The records file cannot be used as it is; ``kind`` says why, the message says what next."""

    def __init__(
        self, path: Path, kind: Literal["damaged", "newer", "missing"], detail: str
    ) -> None:
        self.path, self.kind, self.detail = path, kind, detail
        if kind == "missing":
            text = f"no records yet: {path} does not exist"
        elif kind == "newer":
            text = (
                f"{path} was written by a newer version of the game ({detail}). "
                "Update the game, or start a new records file: the old one is kept as a backup."
            )
        else:
            text = (
                f"{path} cannot be read as a records database ({detail}). "
                "Start a new records file: the damaged one is kept as a backup."
            )
        super().__init__(text)


def utc_now() -> str:
    """The current time as ISO 8601 UTC with milliseconds, e.g. 2025-05-01T09:30:00.000Z.

    One fixed format, so times sort correctly as text in SQL.
    """
    return (
        dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    )


def open_database(
    path: Path, *, create: bool = True, recover: bool = False
) -> tuple[sqlite3.Connection, Path | None]:
    """Open (or create) the records file, checked and on the current schema.

    Raises :class:`RecordsError` for a missing file (when ``create`` is false), a damaged file
    or one from a newer game. With ``recover``, a damaged or newer file is moved aside first;
    the second item returned is then the backup's path.
    """
    if not path.exists() and not create:
        raise RecordsError(path, "missing", "")
    try:
        return _open_checked(path), None
    except RecordsError:
        if not recover:
            raise
    backup = move_aside(path)
    return _open_checked(path), backup


def move_aside(path: Path) -> Path:
    """Rename the file (and its WAL companions) to ``NAME.TIMESTAMP.bak``; returns the new path."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    backup = path.with_name(f"{path.name}.{stamp}.bak")
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            part.replace(backup.with_name(backup.name + suffix))
    return backup


def _open_checked(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=5.0, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise sqlite3.DatabaseError(f"journal mode is {mode}, not WAL")
        conn.execute("PRAGMA synchronous = FULL")  # a decision survives power loss too
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise sqlite3.DatabaseError(f"integrity check: {check}")
        _ensure_schema(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise RecordsError(path, "damaged", str(exc)) from None
    except RecordsError:
        conn.close()
        raise
    conn.row_factory = sqlite3.Row
    return conn


def _ensure_schema(conn: sqlite3.Connection, path: Path) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return
    if "schema_version" not in tables:
        raise sqlite3.DatabaseError("it is an SQLite file, but not one of this game's")
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    version = row[0] if row else None
    if not isinstance(version, int):
        raise sqlite3.DatabaseError("the schema version is missing")
    if version > SCHEMA_VERSION:
        raise RecordsError(
            path, "newer", f"schema {version}; this game reads up to {SCHEMA_VERSION}"
        )
    if version < SCHEMA_VERSION:
        _migrate(conn, version)


MIGRATIONS = {
    # 1 -> 2: the names behind a class's votes (phones that gave a name or NIP).
    2: """CREATE TABLE IF NOT EXISTS named_votes (
        decision_id INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        choice INTEGER NOT NULL CHECK (choice >= 0)
    )""",
    # 2 -> 3: xAPI statements waiting for the learning record store (engine/outbox.py).
    3: OUTBOX_SCHEMA,
}


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    """Bring an older records file up to SCHEMA_VERSION, one step per transaction.

    The step re-reads the version under the write lock, so two games opening the same old
    file at once migrate it once."""
    for target in range(version + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]
            if current < target:
                for statement in MIGRATIONS[target].split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute("INSERT INTO schema_version (version) VALUES (?)", (target,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
