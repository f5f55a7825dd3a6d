"""The SQLite file behind the records: where it lives, its schema, and what to do when it is bad.

A database that is damaged or was written by a newer game must not crash the game at every
start. Opening raises :class:`RecordsError` with a plain message; the caller can then choose
``open_database(..., recover=True)``, which moves the bad file aside as a timestamped backup
(nothing is deleted) and starts a fresh one.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

DB_NAME = "records.sqlite3"
SCHEMA_VERSION = 3
BUSY_TIMEOUT = 10.0  # seconds to wait for another writer (a classroom of games starting at once)

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


Kind = Literal["damaged", "newer", "missing", "locked", "readonly", "unavailable"]
# Only these are the file's own fault; moving it aside and starting anew can help.
REPLACEABLE: frozenset[str] = frozenset({"damaged", "newer"})


class RecordsError(Exception):
    """The records file cannot be used as it is; ``kind`` says why, the message says what next.

    Only ``damaged`` (not a database, or not this game's) and ``newer`` (a later schema) are
    the file's fault: see :data:`REPLACEABLE`. ``locked`` (another program holds it),
    ``readonly`` (no write permission, a read-only mount), ``missing`` and ``unavailable``
    (the folder cannot be made, the disk is full) leave a healthy file where it is.
    """

    def __init__(self, path: Path, kind: Kind, detail: str) -> None:
        self.path, self.kind, self.detail = path, kind, detail
        texts = {
            "missing": f"no records yet: {path} does not exist",
            "newer": (
                f"{path} was written by a newer version of the game ({detail}). "
                "Update the game, or start a new records file: the old one is kept as a backup."
            ),
            "locked": (
                f"{path} is in use by another program ({detail}); close the other game or "
                "report and try again. The records are not damaged."
            ),
            "readonly": (
                f"{path} cannot be written here ({detail}): the file or its folder is "
                "read-only. Plays are not saved; the records are not damaged."
            ),
            "unavailable": (
                f"{path} cannot be opened ({detail}); check that the folder exists and "
                "the disk is not full. The records are not damaged."
            ),
        }
        text = texts.get(
            kind,
            f"{path} cannot be read as a records database ({detail}). "
            "Start a new records file: the damaged one is kept as a backup.",
        )
        super().__init__(text)

    @property
    def replaceable(self) -> bool:
        """True when a fresh file (the old one kept as a backup) is the way out."""
        return self.kind in REPLACEABLE


def utc_now() -> str:
    """The current time as ISO 8601 UTC with milliseconds, e.g. 2025-05-01T09:30:00.000Z.

    One fixed format, so times sort correctly as text in SQL.
    """
    return (
        dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    )


def open_database(
    path: Path, *, create: bool = True, recover: bool = False, readonly: bool = False
) -> tuple[sqlite3.Connection, Path | None]:
    """Open (or create) the records file, checked and on the current schema.

    Raises :class:`RecordsError` for a missing file (when ``create`` is false or ``readonly``),
    a damaged file, one from a newer game, or a file that is locked, read-only or cannot be
    opened at all. With ``recover``, a damaged or newer file (only those) is moved aside
    first; the second item returned is then the backup's path. ``readonly`` opens without
    writing anything (``mode=ro``), so report and export work on a read-only mount.
    """
    if not path.exists() and (readonly or not create):
        raise RecordsError(path, "missing", "")
    try:
        return (_open_readonly(path) if readonly else _open_checked(path)), None
    except RecordsError as exc:
        if not recover or not exc.replaceable or readonly:
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


def _classify(path: Path, exc: BaseException) -> RecordsError:
    """Tell a locked, read-only or unopenable file apart from a damaged one."""
    text = str(exc)
    lower = text.lower()
    if isinstance(exc, RecordsError):
        return exc
    if "locked" in lower or "busy" in lower:
        return RecordsError(path, "locked", text)
    if "readonly" in lower or "read-only" in lower or "read only" in lower:
        return RecordsError(path, "readonly", text)
    if isinstance(exc, OSError) or "unable to open" in lower or "disk i/o" in lower:
        folder = path.parent
        denied = isinstance(exc, PermissionError) or (
            folder.is_dir() and not os.access(folder, os.W_OK)
        )
        if denied or (path.exists() and not os.access(path, os.W_OK)):
            return RecordsError(path, "readonly", text)
        return RecordsError(path, "unavailable", text)
    if "disk is full" in lower or "out of memory" in lower:
        return RecordsError(path, "unavailable", text)
    return RecordsError(path, "damaged", text)


def _open_checked(path: Path) -> sqlite3.Connection:
    """Open read-write, retrying a lock until :data:`BUSY_TIMEOUT` has passed.

    SQLite's busy handler waits for most locks, but not for all: a fresh file switching to
    WAL while other games read it answers "locked" at once (deadlock avoidance). A classroom
    of games starting together must not take that for an unusable file.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT
    while True:
        try:
            return _open_checked_once(path)
        except RecordsError as exc:
            if exc.kind != "locked" or time.monotonic() >= deadline:
                raise
        time.sleep(random.uniform(0.02, 0.1))


def _open_checked_once(path: Path) -> sqlite3.Connection:
    conn: sqlite3.Connection | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise sqlite3.OperationalError(f"journal mode is {mode}, not WAL (read only?)")
        conn.execute("PRAGMA synchronous = FULL")  # a decision survives power loss too
        _check_integrity(conn)
        _ensure_schema(conn, path)
    except (sqlite3.Error, OSError, RecordsError) as exc:
        if conn is not None:
            conn.close()
        raise _classify(path, exc) from None
    conn.row_factory = sqlite3.Row
    return conn


def _open_readonly(path: Path) -> sqlite3.Connection:
    """Open for reading only: nothing is created, no journal mode is set, no schema is made.

    A WAL database on a read-only mount has no ``-shm`` file and cannot make one; SQLite then
    refuses ``mode=ro``, and ``immutable=1`` (no locking: nobody can write there) reads it.
    """
    uri = path.resolve().as_uri()
    conn: sqlite3.Connection | None = None
    try:
        try:
            conn = sqlite3.connect(
                f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT, isolation_level=None
            )
            _check_integrity(conn)
        except sqlite3.OperationalError as exc:
            if "unable to open" not in str(exc).lower() and "readonly" not in str(exc).lower():
                raise
            if conn is not None:
                conn.close()
            conn = sqlite3.connect(
                f"{uri}?mode=ro&immutable=1", uri=True, timeout=BUSY_TIMEOUT, isolation_level=None
            )
            _check_integrity(conn)
        older = _check_schema(conn, path, _tables(conn)) < SCHEMA_VERSION
    except (sqlite3.Error, OSError, RecordsError) as exc:
        if conn is not None:
            conn.close()
        raise _classify(path, exc) from None
    if older:  # an older file is brought up to date once (this needs write access), then read
        conn.close()
        _open_checked(path).close()
        return _open_readonly(path)
    conn.row_factory = sqlite3.Row
    return conn


def _check_integrity(conn: sqlite3.Connection) -> None:
    check = conn.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":
        raise sqlite3.DatabaseError(f"integrity check: {check}")


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _ensure_schema(conn: sqlite3.Connection, path: Path) -> None:
    """Create the schema in one transaction, or check the one that is there.

    Many games may start at once on an empty folder: the tables are looked for again once
    the write lock is held, so the second creator finds the first one's schema and uses it.
    """
    tables = _tables(conn)
    if not tables:
        with _write_lock(conn):
            tables = _tables(conn)  # another game may have created it while we waited
            if not tables:
                _run_script(conn, SCHEMA)
                conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
        if not tables:
            return
    version = _check_schema(conn, path, tables)
    if version < SCHEMA_VERSION:
        _migrate(conn, version)


def _check_schema(conn: sqlite3.Connection, path: Path, tables: set[str]) -> int:
    """The file's schema version, or why it is not a records file this game can read."""
    if not tables:
        raise RecordsError(path, "missing", "the file holds no records yet")
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
    return version


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
        with _write_lock(conn):
            current = conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]
            if current < target:
                _run_script(conn, MIGRATIONS[target])
                conn.execute("INSERT INTO schema_version (version) VALUES (?)", (target,))


@contextmanager
def _write_lock(conn: sqlite3.Connection) -> Iterator[None]:
    """One transaction holding SQLite's write lock: all of it reaches the file, or none."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """The statements of a schema script, inside the caller's transaction."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)
